"""Property tests at the edges (issue 17): addresses, stacked encodings, slow servers, API values.

Run with ``--hypothesis-show-statistics`` for the number of cases each property tried; under
``CI=true`` Hypothesis uses its derandomised CI profile.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.hostile import (
    RawServer,
    chunks,
    encode_stack,
    fixed,
    header_names,
    slow_body,
    slow_headers,
)
from watchfloor.errors import FetchError
from watchfloor.ingest.addresses import NAT64, blocked_reason
from watchfloor.ingest.fetch import Fetcher, check_url
from watchfloor.ingest.inflate import STEP, decoded, read_capped
from watchfloor.settings import Settings

FAST = settings(max_examples=300, deadline=None)
SERVED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLOW = settings(max_examples=10, deadline=None)
API = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BOMBS = settings(max_examples=40, deadline=None)

# --- addresses ---------------------------------------------------------------------------

SHARED = ipaddress.ip_network("100.64.0.0/10")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _own_class_blocked(ip: IPAddress) -> bool:
    """The oracle: not global, or a class Python 3.11 wrongly calls global."""
    site_local = isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local
    return (
        not ip.is_global
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_private
        or site_local
        or ip in SHARED
    )


def _inner(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    found += list(ip.teredo or ())
    if ip in NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _expected_blocked(ip: IPAddress) -> bool:
    inner = _inner(ip)
    if any(_own_class_blocked(v4) for v4 in inner):
        return True
    translated = isinstance(ip, ipaddress.IPv6Address) and (
        ip.ipv4_mapped is not None or ip in NAT64
    )
    return False if translated else _own_class_blocked(ip)


def _in(network: str) -> st.SearchStrategy[IPAddress]:
    net = ipaddress.ip_network(network)
    return st.integers(0, net.num_addresses - 1).map(lambda n: net[n])


addresses = (
    st.ip_addresses()
    | _in("2002::/16")
    | _in("2001::/32")
    | _in("64:ff9b::/96")
    | _in("::ffff:0:0/96")
    | _in("100.64.0.0/10")
    | _in("fec0::/10")
)


@FAST
@given(ip=addresses)
def test_an_address_is_fetched_only_when_it_and_what_it_embeds_are_global(ip: IPAddress) -> None:
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    url = f"http://{host}/feed.xml"
    reason = blocked_reason(str(ip))
    assert (reason is not None) == _expected_blocked(ip), (ip, reason)
    if reason:
        with pytest.raises(FetchError, match="not globally routable") as info:
            check_url(url, allow_private=False)
        assert url in str(info.value)
    else:
        vetted = check_url(url, allow_private=False)
        assert vetted is not None and ipaddress.ip_address(vetted) == ip
    assert check_url(url, allow_private=True) is None


# --- stacked encodings ---------------------------------------------------------------------

stacks = st.lists(st.sampled_from(["gzip", "deflate", "raw-deflate"]), max_size=3)


@FAST
@given(
    payload=st.binary(max_size=20_000),
    names=stacks,
    piece=st.integers(1, 5000),
    cap=st.integers(0, 30_000),
)
def test_any_stack_of_encodings_decodes_to_the_payload_or_stops_at_the_cap(
    payload: bytes, names: list[str], piece: int, cap: int
) -> None:
    wire = encode_stack(payload, names)
    pieces = decoded(chunks(wire, piece), header_names(names))
    if len(payload) > cap:
        with pytest.raises(FetchError, match=f"over the {cap}-byte limit"):
            read_capped(pieces, cap, "u")
    else:
        assert read_capped(pieces, cap, "u") == payload


@BOMBS
@given(
    megabytes=st.integers(1, 16),
    names=st.lists(st.sampled_from(["gzip", "deflate", "raw-deflate"]), min_size=1, max_size=3),
    cap=st.integers(1_000, 500_000),
)
def test_a_bomb_of_any_depth_yields_bounded_pieces_and_stops_past_the_cap(
    megabytes: int, names: list[str], cap: int
) -> None:
    wire = encode_stack(bytes(megabytes << 20), names)
    seen = 0
    for piece in decoded(chunks(wire, 4096), header_names(names)):
        assert len(piece) <= STEP  # so one pull past the cap holds at most STEP more bytes
        seen += len(piece)
        if seen > cap:
            break
    assert seen > cap


@FAST
@given(garbage=st.binary(max_size=2000), names=st.lists(st.text(max_size=8), max_size=5))
def test_garbage_under_any_encoding_header_is_bytes_or_a_fetch_error(
    garbage: bytes, names: list[str]
) -> None:
    with contextlib.suppress(FetchError):
        read_capped(decoded(chunks(garbage, 100), ", ".join(names)), 1_000_000, "u")


@pytest.fixture
def served() -> Iterator[list[RawServer]]:
    started: list[RawServer] = []
    yield started
    for server in started:
        server.close()


@SERVED
@given(payload=st.binary(min_size=1, max_size=5000), names=stacks, cap=st.integers(1, 8000))
def test_the_fetcher_holds_the_cap_for_any_stack_from_a_real_server(
    served: list[RawServer], payload: bytes, names: list[str], cap: int
) -> None:
    served.append(server := RawServer(fixed(encode_stack(payload, names), header_names(names))))
    config = Settings(fetch_max_bytes=cap, fetch_timeout=5.0, allow_private=True)
    wire_size = len(encode_stack(payload, names))
    with Fetcher(config) as fetcher:
        if wire_size > cap or len(payload) > cap:
            with pytest.raises(FetchError, match="limit"):
                fetcher.get(server.url)
        else:
            assert fetcher.get(server.url).body == payload


# --- slow servers ---------------------------------------------------------------------------


@SLOW
@given(
    interval=st.floats(0.01, 0.3),
    timeout=st.floats(0.3, 1.0),
    part=st.sampled_from(["headers", "body"]),
)
def test_no_drip_rate_holds_a_fetch_past_its_timeout(
    interval: float, timeout: float, part: str
) -> None:
    writer = slow_headers(interval) if part == "headers" else slow_body(interval)
    with RawServer(writer, max_seconds=10) as server:
        config = Settings(fetch_timeout=timeout, allow_private=True)
        started = time.monotonic()
        with Fetcher(config) as fetcher, pytest.raises(FetchError, match="within"):
            fetcher.get(server.url)
        assert time.monotonic() - started < timeout + 0.75


# --- API values out of range ----------------------------------------------------------------

pytest.importorskip("watchfloor.api.app")
from fastapi.testclient import TestClient  # noqa: E402

from tests.api.sample_data import fill  # noqa: E402
from watchfloor.api import create_app  # noqa: E402
from watchfloor.store import Store  # noqa: E402

DATE_PARAMS = {"since", "until", "pivot"}
INT_PARAMS = {"limit", "offset", "window_days", "horizon"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("edges") / "edges.duckdb"
    with Store(path) as store:
        fill(store)
        app = create_app(Settings(db=Path(path)), store)
        with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
            yield c


def _query_routes(client: TestClient) -> list[tuple[str, str]]:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    return [
        (path, p["name"])
        for path, ops in spec["paths"].items()
        if "{" not in path
        for p in ops.get("get", {}).get("parameters", [])
        if p.get("in") == "query" and p["name"] in DATE_PARAMS | INT_PARAMS | {"min_confidence"}
    ]


dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
edge_values = (
    dates.map(dt.date.isoformat)
    | st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)).map(
        dt.datetime.isoformat
    )
    | st.tuples(dates, st.sampled_from(["T23:59:59-12:00", "T00:00:00+14:00"])).map(
        lambda p: p[0].isoformat() + p[1]
    )
    | st.integers(-(2**80), 2**80).map(str)
    | st.sampled_from(["9223372036854775808", "-9223372036854775809", "1e309", "nan", "-inf"])
    | st.floats().map(repr)
)


@API
@given(data=st.data())
def test_any_out_of_range_query_value_is_answered_below_500(
    api: TestClient, data: st.DataObject
) -> None:
    path, name = data.draw(st.sampled_from(_query_routes(api)))
    value = data.draw(edge_values)
    params = {name: value}
    if path == "/api/media":
        params = {"actor": "ARM", "pivot": "2026-03-01", **params}
    response = api.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])
    if response.status_code == 422:
        assert f"'{name}'" in response.json()["error"], response.text
    if name in DATE_PARAMS and _is_out_of_range(value):
        assert response.status_code == 422, (path, params)


def _is_out_of_range(value: str) -> bool:
    try:
        day = dt.datetime.fromisoformat(value).date()
    except ValueError:
        return False
    return not Settings().date_range().contains(day)
