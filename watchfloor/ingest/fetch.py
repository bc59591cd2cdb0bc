"""Fetch one URL safely: http(s) only, public addresses only, capped size and redirects.

Every hop of a redirect chain is re-checked (scheme, resolved addresses: only globally
routable ones, ``addresses.py``), the body is decoded step by step and abandoned once its
*decoded* size passes the cap (so stacked gzip bombs stop at the cap, ``inflate.py``), and
the whole request, redirects included, must finish within the timeout (``deadline.py``).
"""

from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from watchfloor import __version__
from watchfloor.errors import FetchError
from watchfloor.ingest.addresses import blocked_reason
from watchfloor.ingest.deadline import call_within, deadline, deadline_transport
from watchfloor.ingest.inflate import ACCEPT_ENCODING, decoded, read_capped
from watchfloor.settings import Settings

USER_AGENT = f"watchfloor/{__version__} (crisis early warning; open-source)"
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
)
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchResponse:
    """A fetched body with the address it finally came from."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    fetched: dt.datetime
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def charset(self) -> str | None:
        """The charset named in the Content-Type header, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ").lower()
        return None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to a conditional request."""
        return self.status == 304


Resolver = Callable[[str, int], list[str]]
"""``resolver(host, port)`` -> the host's IP addresses (the network edge, swappable in tests)."""


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses from the system resolver (getaddrinfo)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def check_url(url: str, *, allow_private: bool, resolver: Resolver = system_resolver) -> str | None:
    """Raise FetchError unless ``url`` is http(s) and resolves only to allowed addresses.

    Returns the vetted address the request must connect to (so a second DNS answer cannot
    swap in a private one), or None under ``allow_private`` (no address rule, no pinning).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: the URL has no host name")
    if allow_private:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolver(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host}: {exc}") from exc
    if not addresses:
        raise FetchError(f"{url}: cannot resolve host {host}: no addresses")
    for address in addresses:
        try:
            reason = blocked_reason(address)
        except ValueError as exc:
            raise FetchError(f"{url}: {host} resolved to a non-address {address!r}") from exc
        if reason:
            raise FetchError(
                f"{url}: refused, {host} resolves to {reason} address {address}, which is "
                "not globally routable (pass --allow-private to fetch local or private "
                "addresses)"
            )
    return addresses[0]


def _pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The URL rewritten to connect to ``address``, with the Host header and TLS name kept."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    literal = f"[{address}]" if ":" in address else address
    target = urlunsplit((parts.scheme, literal + port, parts.path or "/", parts.query, ""))
    host = parts.netloc.rsplit("@", 1)[-1]
    extensions: dict[str, Any] = {}
    if parts.scheme == "https":
        extensions["sni_hostname"] = parts.hostname
    return target, {"Host": host}, extensions


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


class Fetcher:
    """A reusable HTTP client applying the safety rules of Settings to every request."""

    def __init__(
        self,
        settings: Settings,
        *,
        allow_private: bool | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.settings = settings
        self.allow_private = settings.allow_private if allow_private is None else allow_private
        self.resolver = resolver
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            trust_env=False,
            # Requests go to pinned IP addresses; a pooled TLS connection checked for one
            # host name must not be reused for another name on the same address, so the
            # transport keeps no connection alive.
            transport=deadline_transport(),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying connection pool."""
        self._client.close()

    def get(
        self,
        url: str,
        *,
        accept: Iterable[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> FetchResponse:
        """GET ``url`` following at most Settings.fetch_max_redirects redirects.

        ``accept``: allowed media types (e.g. FEED_TYPES); another type raises FetchError.
        Raises FetchError on refusal, network failure, HTTP error status, oversize body, or
        when the whole exchange (every hop: connect, headers, body) takes longer than
        Settings.fetch_timeout.
        """
        timeout = self.settings.fetch_timeout
        current = url
        with deadline(time.monotonic() + timeout):
            for _hop in range(self.settings.fetch_max_redirects + 1):
                address = check_url(
                    current, allow_private=self.allow_private, resolver=self._resolve
                )
                try:
                    response = self._request(url, current, address, headers or {}, accept)
                except httpx.TimeoutException as exc:
                    raise FetchError(
                        f"{url}: no complete answer from {current} within {timeout:g}s "
                        "(Settings.fetch_timeout)"
                    ) from exc
                except httpx.HTTPError as exc:
                    raise FetchError(f"{url}: request to {current} failed: {exc!r}") from exc
                if isinstance(response, str):
                    current = response
                    continue
                return response
        raise FetchError(
            f"{url}: more than {self.settings.fetch_max_redirects} redirects (redirect loop?)"
        )

    def _resolve(self, host: str, port: int) -> list[str]:
        """The resolver's answer, or TimeoutError once the request's deadline passes."""
        return call_within(lambda: self.resolver(host, port))

    def _request(
        self,
        url: str,
        current: str,
        address: str | None,
        headers: dict[str, str],
        accept: Iterable[str] | None,
    ) -> FetchResponse | str:
        """One hop: a FetchResponse, or the next URL (a string) when redirected."""
        target = current
        extensions: dict[str, Any] = {}
        if address is not None:
            target, host_header, extensions = _pinned(current, address)
            headers = {**headers, **host_header}
        with self._client.stream("GET", target, headers=headers, extensions=extensions) as response:
            if response.status_code in REDIRECT_CODES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"{url}: redirect from {current} without a Location")
                return urljoin(current, location)
            if response.status_code == 304:
                return self._response(url, current, response, b"")
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            content_type = response.headers.get("content-type", "")
            allowed = tuple(accept) if accept is not None else None
            if allowed is not None and _mime(content_type) not in allowed:
                raise FetchError(
                    f"{url}: content type {content_type or 'missing'!r} is not one of "
                    f"{', '.join(allowed)}"
                )
            body = self._read_capped(url, response)
            return self._response(url, current, response, body)

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.fetch_max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url}: response of {declared} bytes is over the {cap}-byte limit")
        try:
            pieces = decoded(response.iter_raw(), response.headers.get("content-encoding", ""))
            return read_capped(pieces, cap, url)
        except FetchError as exc:
            message = str(exc)
            raise FetchError(message if message.startswith(url) else f"{url}: {message}") from exc

    @staticmethod
    def _response(url: str, current: str, response: httpx.Response, body: bytes) -> FetchResponse:
        return FetchResponse(
            url=url,
            final_url=current,
            status=response.status_code,
            content_type=_mime(response.headers.get("content-type", "")),
            body=body,
            fetched=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            headers={k.lower(): v for k, v in response.headers.items()},
        )
