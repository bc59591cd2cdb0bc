"""Main text, title and date from HTML, Markdown and plain-text bodies."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from watchfloor.errors import InputError
from watchfloor.ingest.items import clean_text

_WS = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n{3,}")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "header")


@dataclass(frozen=True)
class Extracted:
    """What a body yields: main text, and what the page says of itself when it does.

    ``outlet`` is the site's own name (``og:site_name`` and the like), ``canonical_url`` its
    ``<link rel=canonical>`` or ``og:url``, ``language`` the primary subtag of ``<html lang>``
    or ``og:locale`` (``ar`` for ``ar-SY``).
    """

    text: str
    title: str | None = None
    published: dt.datetime | None = None
    outlet: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    language: str | None = None

    def page_metadata(self) -> dict[str, str]:
        """The page's own author and canonical URL, for ``Document.metadata``."""
        found = {"author": self.author, "canonical_url": self.canonical_url}
        return {key: value for key, value in found.items() if value}


def tidy(text: str) -> str:
    """Collapse runs of spaces, trim lines, keep at most one blank line in a row, drop NULs."""
    text = clean_text(text)
    lines = [_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """UTF-8 text of ``data``; undecodable bytes become U+FFFD and a warning is returned."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, f"{name}: not valid UTF-8 (first bad byte at {exc.start}); replaced"


def parse_timestamp(value: object) -> dt.datetime | None:
    """An ISO 8601 date or datetime as naive UTC; None for empty values.

    Raises InputError for anything else, so a bad date is reported, never guessed.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"published {value!r} is not an ISO 8601 date string")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise InputError(f"published {value!r} is not an ISO 8601 date or datetime") from exc
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp


def _lenient_timestamp(value: str | None) -> dt.datetime | None:
    try:
        return parse_timestamp(value)
    except InputError:
        return None


def _fallback_html(root: lxml.html.HtmlElement) -> str:
    for bad in root.xpath("|".join(f"//{tag}" for tag in _SKIP_TAGS)):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//tr|//article|//section"):
        block.tail = "\n" + (block.tail or "")
    body = root.find("body")
    return tidy((body if body is not None else root).text_content())


def _title_of(root: lxml.html.HtmlElement) -> str | None:
    for xpath in ("//title", "//h1"):
        found = root.xpath(xpath)
        if found:
            title = tidy(found[0].text_content())
            if title:
                return title
    return None


def _parse_html(html: bytes | str, encoding: str | None) -> lxml.html.HtmlElement:
    if isinstance(html, str):
        html = html.encode("utf-8")
        encoding = "utf-8"
    if not encoding and b"charset" not in html[:4096].lower():
        # lxml reads undeclared bytes as Latin-1; a saved page without <meta charset> that is
        # valid UTF-8 (Arabic, Cyrillic) is UTF-8.
        try:
            html.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            pass
    if encoding:
        try:
            parser = lxml.html.HTMLParser(encoding=encoding)
        except LookupError:
            parser = None
        if parser is not None:
            return lxml.html.fromstring(html, parser=parser)
    return lxml.html.fromstring(html)


def extract_html(
    html: bytes | str, url: str | None = None, *, encoding: str | None = None
) -> Extracted:
    """Main text via trafilatura, with title and date from its metadata or ``<title>``.

    ``encoding``: the charset the server declared, used for bytes (else the page's own
    ``<meta charset>`` or detection decides). Falls back to the visible text of ``<body>``
    when trafilatura finds no main text (very short pages). Raises InputError when the page
    has no text at all.
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        root = _parse_html(html, encoding)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{url or 'HTML'}: cannot parse HTML: {exc}") from exc
    result = trafilatura.bare_extraction(
        root, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = tidy(getattr(result, "text", None) or "") if result is not None else ""
    title = getattr(result, "title", None) if result is not None else None
    published = _lenient_timestamp(getattr(result, "date", None)) if result is not None else None
    fallback_root = _parse_html(html, encoding)
    language = page_language(fallback_root)
    # trafilatura keeps only the day; the page's own timestamp keeps the hour and offset, and
    # with them the UTC day (01:00 at +02:00 is the day before in UTC).
    published = page_timestamp(fallback_root) or published
    if not title:
        title = _title_of(fallback_root)
    if not text:
        text = _fallback_html(fallback_root)
    if not text:
        raise InputError(f"{url or 'HTML'}: no text found in the page")
    return Extracted(
        text=text,
        title=tidy(title) if title else None,
        published=published,
        outlet=_outlet(result, url),
        canonical_url=_canonical(result, url),
        author=_meta_text(result, "author"),
        language=language,
    )


def _meta_text(result: object, name: str) -> str | None:
    value = getattr(result, name, None) if result is not None else None
    return tidy(value) or None if isinstance(value, str) else None


def _outlet(result: object, url: str | None) -> str | None:
    """The site's name as the page states it; trafilatura's fallback to the address's host
    (port included) is left to the caller, which names hosts its own way."""
    name = _meta_text(result, "sitename")
    if name is None or url is None:
        return name
    netloc = urlsplit(url).netloc.lower()
    return None if name.lower() in (netloc, netloc.removeprefix("www.")) else name


def _canonical(result: object, url: str | None) -> str | None:
    """The page's canonical URL when it names one other than the URL it was read from."""
    found = _meta_text(result, "url")
    if not found or not found.lower().startswith(("http://", "https://")):
        return None
    return None if found == url else found


_PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//meta[@name='pubdate' or @name='publishdate' or @name='DC.date.issued']/@content",
)


def page_timestamp(root: lxml.html.HtmlElement) -> dt.datetime | None:
    """The publication time a page states with its time of day and offset, as naive UTC.

    Only a full timestamp with an offset counts: a bare date, or a time without a zone, is
    left to trafilatura's reading (a day), since its UTC day is not known.
    """
    for xpath in _PUBLISHED_XPATHS:
        for value in root.xpath(xpath):
            text = str(value).strip()
            if "T" not in text or not re.search(r"(Z|[+-]\d{2}:?\d{2})$", text):
                continue
            stamp = _lenient_timestamp(text)
            if stamp is not None:
                return stamp
    return None


def page_language(root: lxml.html.HtmlElement) -> str | None:
    """Primary language subtag the page declares (``<html lang>``, content-language, og:locale)."""
    candidates = [
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *root.xpath(
            "//meta[translate(@http-equiv,'CLANGUETO','clangueto')='content-language']/@content"
        ),
        *root.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in candidates:
        if isinstance(value, str):
            primary = _LANG.match(value.strip())
            if primary:
                return primary.group(1).lower()
    return None


def extract_markdown(text: str) -> Extracted:
    """Markdown kept as written; the first heading is the title."""
    heading = _MD_HEADING.search(text)
    return Extracted(text=tidy(text), title=heading.group(1).strip() if heading else None)


def extract_plain(text: str) -> Extracted:
    """Plain text; a short first line is taken as the title."""
    body = tidy(text)
    first = body.split("\n", 1)[0].strip()
    title = first if first and len(first) <= 150 and "\n" in body else None
    return Extracted(text=body, title=title)


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment (a feed summary or content field)."""
    if "<" not in fragment:
        return tidy(fragment)
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (etree.ParserError, ValueError):
        return tidy(fragment)
    return _fallback_html(root)
