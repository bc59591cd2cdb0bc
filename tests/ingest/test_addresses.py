"""Only globally routable addresses are fetched; embedded IPv4 addresses are judged too.

Pure address arithmetic and a swapped resolver: no packet leaves the machine.
"""

from __future__ import annotations

import pytest

from watchfloor.errors import FetchError
from watchfloor.ingest.addresses import blocked_reason
from watchfloor.ingest.fetch import check_url


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("100.100.100.200", "shared (carrier-grade NAT)"),
        ("100.64.0.1", "shared (carrier-grade NAT)"),
        ("100.127.255.254", "shared (carrier-grade NAT)"),
        ("fec0::1", "site-local"),
        ("feff:ffff::1", "site-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("ff0e::1", "multicast"),
        ("240.0.0.1", "private"),
        ("255.255.255.255", "private"),
        ("192.0.2.10", "private"),
        ("198.18.0.1", "private"),
        ("2001:db8::1", "private"),
        ("::1.2.3.4", "reserved"),
        ("64:ff9b:1::a00:1", "local-use NAT64"),
        ("2002:a9fe:a9fe::", "link-local (embedded 6to4 169.254.169.254)"),
        ("2002:7f00:1::1", "loopback (embedded 6to4 127.0.0.1)"),
        ("2002:0a00:0001::", "private (embedded 6to4 10.0.0.1)"),
        ("2002:6464:64c8::", "shared (carrier-grade NAT) (embedded 6to4 100.100.100.200)"),
        ("64:ff9b::a9fe:a9fe", "link-local (embedded NAT64 169.254.169.254)"),
        ("64:ff9b::7f00:1", "loopback (embedded NAT64 127.0.0.1)"),
        ("64:ff9b::c0a8:101", "private (embedded NAT64 192.168.1.1)"),
        ("::ffff:127.0.0.1", "loopback (embedded IPv4-mapped 127.0.0.1)"),
        ("::ffff:100.100.100.200", "shared (carrier-grade NAT) (embedded IPv4-mapped"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "(embedded Teredo client 192.0.2.45)"),
        ("2001:0:808:808::f7f7:f7f7", "private"),
    ],
)
def test_non_global_addresses_are_refused_by_name(address: str, reason: str) -> None:
    found = blocked_reason(address)
    assert found is not None and reason in found, found


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "100.63.255.255",
        "100.128.0.1",
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
    ],
)
def test_global_addresses_are_allowed(address: str) -> None:
    assert blocked_reason(address) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://100.100.100.200/latest/meta-data/", "shared (carrier-grade NAT)"),
        ("http://[2002:a9fe:a9fe::]/latest", "6to4 169.254.169.254"),
        ("http://[fec0::1]:8080/", "site-local"),
        ("https://[64:ff9b::a9fe:a9fe]/", "NAT64 169.254.169.254"),
    ],
)
def test_the_url_check_refuses_them_naming_url_and_reason(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match="not globally routable") as info:
        check_url(url, allow_private=False)
    assert url in str(info.value) and reason in str(info.value)


def test_one_non_global_answer_among_public_ones_refuses_the_name() -> None:
    answers = ["93.184.216.34", "2002:a9fe:a9fe::"]
    with pytest.raises(FetchError, match="wire.test resolves to link-local"):
        check_url("http://wire.test/", allow_private=False, resolver=lambda h, p: answers)


@pytest.mark.parametrize("url", ["http://100.100.100.200/", "http://[fec0::1]/"])
def test_allow_private_lets_tests_and_local_use_through(url: str) -> None:
    assert check_url(url, allow_private=True) is None


def test_public_answer_is_the_address_connected_to() -> None:
    vetted = check_url(
        "http://wire.test/", allow_private=False, resolver=lambda h, p: ["64:ff9b::808:808"]
    )
    assert vetted == "64:ff9b::808:808"
