"""A real HTTP server on 127.0.0.1 serving feeds, pages, errors and hostile responses."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from watchfloor.settings import Settings

STORY_ONE = (
    "Government forces shelled the town of Maarat al-Numan on Saturday, killing three "
    "civilians and wounding eleven, local officials said. The shelling followed two days of "
    "clashes between the army and rebel fighters along the main highway north of Hama."
)
STORY_TWO = (
    "Thousands of protesters marched through central Baghdad on Friday to demand jobs and "
    "an end to power cuts. Police fired tear gas near Tahrir Square and at least twenty "
    "people were treated for breathing problems, a hospital source said."
)
ARABIC_PAGE = (
    "<html><head><title>\u0642\u0635\u0641 \u0641\u064a \u0625\u062f\u0644\u0628</title>"
    "</head><body><p>\u0642\u0635\u0641\u062a \u0627\u0644\u0642\u0648\u0627\u062a "
    "\u0627\u0644\u062d\u0643\u0648\u0645\u064a\u0629 \u0628\u0644\u062f\u0629 "
    "\u0645\u0639\u0631\u0629 \u0627\u0644\u0646\u0639\u0645\u0627\u0646.</p>"
    "</body></html>"
)
META_PAGE = (
    '<html lang="en-GB"><head><title>Shelling in Idlib | Levant Herald</title>'
    '<meta property="og:site_name" content="Levant Herald">'
    '<link rel="canonical" href="https://levantherald.example/idlib/shelling-1">'
    '<meta name="author" content="Rania Haddad">'
    '<meta property="article:published_time" content="2024-03-02T12:00:00+02:00">'
    f"</head><body><article><h1>Shelling in Idlib</h1><p>{STORY_ONE}</p></article></body></html>"
)
LONG_CONTENT = (
    "Aid agencies said on Tuesday that fighting around the port city of Hodeidah had cut "
    "the main road to the capital, stranding hundreds of trucks carrying food and fuel. "
) * 6


TEXT = {"Content-Type": "text/plain; charset=utf-8"}


def page(title: str, body: str) -> bytes:
    """A small article page."""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split(". "))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>Copyright</footer></body></html>"
    ).encode()


def rss(base: str) -> bytes:
    """RSS 2.0 whose items carry only summaries: the ingester must follow the links."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>{base}/</link>
<description>test</description>
<item><title>Shelling in Idlib</title><link>{base}/story-1</link><guid>wire-1</guid>
<pubDate>Sat, 02 Mar 2024 10:00:00 GMT</pubDate><description>Shelling reported.</description></item>
<item><title>Baghdad protest</title><link>{base}/story-2</link><guid>wire-2</guid>
<pubDate>Fri, 01 Mar 2024 08:30:00 GMT</pubDate><description>Protest reported.</description></item>
<item><title>Gone</title><link>{base}/missing</link><guid>wire-3</guid>
<description>Summary kept when the page is gone.</description></item>
</channel></rss>""".encode()


def atom(base: str) -> bytes:
    """Atom 1.0 with full content in the feed: no page fetch needed."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Relief Atom</title><id>urn:relief</id>
<updated>2024-03-05T12:00:00Z</updated>
<entry><title>Hodeidah road cut</title><id>urn:relief:1</id>
<link href="{base}/never-fetched"/><updated>2024-03-05T12:00:00Z</updated>
<content type="html">&lt;p&gt;{LONG_CONTENT}&lt;/p&gt;</content></entry>
</feed>""".encode()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LocalServer:
    """Routes served, the base URL, and a log of paths requested."""

    base: str
    routes: dict[str, Route]
    requests: list[str]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _routes(base: str) -> dict[str, Route]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    feed_type = {"Content-Type": "application/rss+xml"}
    bomb = gzip.compress(b"<html><body><p>" + b"A" * 3_000_000 + b"</p></body></html>")
    return {
        "/feed.rss": Route(body=rss(base), headers=feed_type),
        "/feed.atom": Route(body=atom(base), headers={"Content-Type": "application/atom+xml"}),
        "/etag.atom": Route(
            body=atom(base), headers={"Content-Type": "application/atom+xml", "ETag": '"v1"'}
        ),
        "/story-1": Route(body=page("Shelling in Idlib", STORY_ONE), headers=html),
        "/story-2": Route(body=page("Baghdad protest", STORY_TWO), headers=html),
        "/not-a-feed.xml": Route(body=page("Just a page", STORY_TWO), headers=feed_type),
        "/redirect": Route(302, headers={"Location": "/story-1"}),
        "/loop-a": Route(302, headers={"Location": "/loop-b"}),
        "/loop-b": Route(302, headers={"Location": "/loop-a"}),
        "/big": Route(body=b"<html><body>" + b"x" * 2_000_000 + b"</body></html>", headers=html),
        "/bomb": Route(body=bomb, headers={**html, "Content-Encoding": "gzip"}),
        "/image.png": Route(body=b"\x89PNG\r\n", headers={"Content-Type": "image/png"}),
        "/meta-page": Route(body=META_PAGE.encode(), headers=html),
        "/truncated.rss": Route(body=_cut_after_first_item(rss(base)), headers=feed_type),
        "/empty.rss": Route(body=b"", headers=feed_type),
        "/arabic": Route(
            body=ARABIC_PAGE.encode("windows-1256"),
            headers={"Content-Type": "text/html; charset=windows-1256"},
        ),
    }


def _cut_after_first_item(feed: bytes) -> bytes:
    """A feed broken off inside its second item, as a dropped connection leaves it."""
    return feed[: feed.index(b"</item>") + len(b"</item>") + 30]


@pytest.fixture(scope="session")
def http_server() -> Iterator[LocalServer]:
    """A threaded http.server on 127.0.0.1; unknown paths answer 404."""
    requests: list[str] = []
    holder: dict[str, dict[str, Route]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            requests.append(self.path)
            route = holder["routes"].get(self.path, Route(404, b"not found"))
            if self.path == "/echo-host":
                route = Route(body=(self.headers.get("Host") or "").encode(), headers=TEXT)
            if (
                route.headers.get("ETag")
                and self.headers.get("If-None-Match") == route.headers["ETag"]
            ):
                route = Route(304, headers={"ETag": route.headers["ETag"]})
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    holder["routes"] = _routes(base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(base, holder["routes"], requests)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def settings() -> Settings:
    """Default settings with a 1 MB response cap (so /big and /bomb are over it)."""
    return Settings(fetch_max_bytes=1_000_000, fetch_timeout=5.0)
