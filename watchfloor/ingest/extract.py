"""Main text, title and date from HTML, Markdown and plain-text bodies."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from watchfloor.errors import InputError
from watchfloor.ingest.items import clean_text

_WS = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n{3,}")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "header")


@dataclass(frozen=True)
class Extracted:
    """What a body yields: main text, and title/date when the body says them."""

    text: str
    title: str | None = None
    published: dt.datetime | None = None


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
    if not title:
        title = _title_of(fallback_root)
    if not text:
        text = _fallback_html(fallback_root)
    if not text:
        raise InputError(f"{url or 'HTML'}: no text found in the page")
    return Extracted(text=text, title=tidy(title) if title else None, published=published)


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
