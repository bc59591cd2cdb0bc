"""Fetching obeys the safety rules: scheme, address, redirects, size, content type."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import LocalServer
from watchfloor.errors import FetchError
from watchfloor.ingest.fetch import FEED_TYPES, PAGE_TYPES, Fetcher, check_url
from watchfloor.settings import Settings


def test_loopback_is_refused_without_allow_private(
    http_server: LocalServer, settings: Settings
) -> None:
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="loopback"):
        fetcher.get(http_server.url("/story-1"))


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/x", "http://192.168.0.1/", "http://169.254.169.254/latest", "http://[::1]/"],
)
def test_private_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://h/"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)


def test_page_is_fetched_with_allow_private(http_server: LocalServer, settings: Settings) -> None:
    with Fetcher(settings, allow_private=True) as fetcher:
        response = fetcher.get(http_server.url("/story-1"), accept=PAGE_TYPES)
    assert response.status == 200
    assert response.content_type == "text/html"
    assert b"Maarat al-Numan" in response.body


def test_redirect_is_followed_to_final_url(http_server: LocalServer, settings: Settings) -> None:
    with Fetcher(settings, allow_private=True) as fetcher:
        response = fetcher.get(http_server.url("/redirect"))
    assert response.final_url == http_server.url("/story-1")


def test_redirect_loop_stops_at_the_cap(http_server: LocalServer, settings: Settings) -> None:
    before = len(http_server.requests)
    fetcher = Fetcher(settings, allow_private=True)
    with fetcher, pytest.raises(FetchError, match="redirects"):
        fetcher.get(http_server.url("/loop-a"))
    assert len(http_server.requests) - before == settings.fetch_max_redirects + 1


def test_http_404_names_the_url(http_server: LocalServer, settings: Settings) -> None:
    url = http_server.url("/nowhere")
    with Fetcher(settings, allow_private=True) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(url)
    assert url in str(info.value) and "404" in str(info.value)


@pytest.mark.parametrize("path", ["/big", "/bomb"])
def test_oversize_and_gzip_bomb_bodies_stop_at_the_cap(
    http_server: LocalServer, settings: Settings, path: str
) -> None:
    assert len(http_server.routes[path].body) < 3_000_000
    with Fetcher(settings, allow_private=True) as fetcher, pytest.raises(FetchError, match="limit"):
        fetcher.get(http_server.url(path))


def test_unexpected_content_type_is_refused(http_server: LocalServer, settings: Settings) -> None:
    fetcher = Fetcher(settings, allow_private=True)
    with fetcher, pytest.raises(FetchError, match="image/png"):
        fetcher.get(http_server.url("/image.png"), accept=FEED_TYPES + PAGE_TYPES)


def test_public_host_is_fetched_from_the_vetted_address_with_its_host_header(
    http_server: LocalServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Network edge swapped: "wire.test" resolves (once per hop) to the local server, and the
    # address rule is told that address is public. The system resolver knows no "wire.test",
    # so the request can only succeed by connecting to the address that was checked.
    port = http_server.base.rsplit(":", 1)[1]
    lookups: list[tuple[str, int]] = []

    def resolver(host: str, port_number: int) -> list[str]:
        lookups.append((host, port_number))
        return ["127.0.0.1"]

    monkeypatch.setattr("watchfloor.ingest.fetch.blocked_reason", lambda address: None)
    with Fetcher(settings, resolver=resolver) as fetcher:
        response = fetcher.get(f"http://wire.test:{port}/echo-host")
    assert response.body == f"wire.test:{port}".encode()
    assert lookups == [("wire.test", int(port))]


def test_a_name_resolving_to_loopback_is_refused(settings: Settings) -> None:
    fetcher = Fetcher(settings, resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"])
    with fetcher, pytest.raises(FetchError, match="wire.test resolves to loopback"):
        fetcher.get("http://wire.test/story")
