"""Read local inputs: JSONL documents, text, Markdown and HTML files, and folders of them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from watchfloor.errors import InputError
from watchfloor.ingest.extract import (
    Extracted,
    decode,
    extract_html,
    extract_markdown,
    extract_plain,
    parse_timestamp,
    tidy,
)
from watchfloor.ingest.feeds import source_name
from watchfloor.ingest.items import (
    Candidate,
    Item,
    ItemFailure,
    ItemWarning,
    Origin,
    clean_value,
    derive_id,
    url_problem,
    value_problem,
)
from watchfloor.ingest.safe_open import check_regular_file
from watchfloor.records import Document

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_SUFFIXES = (
    JSONL_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
)
JSONL_FIELDS = frozenset({"id", "url", "title", "text", "html", "published", "source", "language"})


def check_size(path: Path, max_bytes: int) -> None:
    """Raise InputError unless ``path`` is a regular file of at most ``max_bytes``."""
    check_regular_file(path, max_bytes)


def folder_files(folder: Path, also: Callable[[Path], bool] | None = None) -> list[Path]:
    """Supported files under ``folder`` (recursive, hidden entries skipped), sorted.

    ``also`` admits files of other suffixes by their content (social-media exports).
    """
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and (path.suffix.lower() in SUPPORTED_SUFFIXES or (also is not None and also(path)))
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise InputError(f"field {key!r} must be a string, got {type(value).__name__}")
    text = str(value).strip()
    return text or None


def jsonl_document(record: object, default_source: str | None) -> Document:
    """One JSONL record as a Document; raises InputError naming the bad field."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    text_value = record.get("text")
    html_value = record.get("html")
    extracted: Extracted | None = None
    if isinstance(text_value, str) and text_value.strip():
        extracted = Extracted(text=tidy(text_value))
    elif isinstance(html_value, str) and html_value.strip():
        problem = url_problem(_optional_str(record, "url"))  # read before the page uses it
        if problem is not None:
            raise InputError(problem)
        extracted = extract_html(html_value.encode("utf-8"), _optional_str(record, "url"))
    if extracted is None:
        raise InputError("needs a non-empty 'text' or 'html' field")
    source = _optional_str(record, "source") or default_source or extracted.outlet
    published = parse_timestamp(record.get("published")) or extracted.published
    given_id = _optional_str(record, "id")
    metadata = {k: v for k, v in record.items() if k not in JSONL_FIELDS}
    return Document(
        id=given_id or derive_id(extracted.text, source),
        text=extracted.text,
        url=_optional_str(record, "url") or extracted.canonical_url,
        title=_optional_str(record, "title") or extracted.title,
        published=published,
        source=source,
        language=_optional_str(record, "language") or extracted.language,
        metadata={**extracted.page_metadata(), **metadata},
    )


def read_jsonl(path: Path, name: str, default_source: str | None) -> Iterator[Item]:
    """Documents of a JSONL file, one per line; a bad line is a failure, not the end."""
    with path.open("rb") as handle:
        yield from read_jsonl_stream(handle, name, default_source)


def read_jsonl_stream(
    handle: Iterable[bytes], name: str, default_source: str | None
) -> Iterator[Item]:
    """Documents of JSONL lines from any binary stream (a file, standard input)."""
    for number, raw in enumerate(handle, start=1):
        origin = Origin(name, number)
        if not raw.strip():
            continue
        line, warning = decode(raw, f"line {number}")
        if warning:
            yield ItemWarning(origin, warning)
        try:
            record, changed = clean_value(json.loads(line))
        except json.JSONDecodeError as exc:
            yield ItemFailure(origin, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield ItemFailure(origin, "JSON nested too deeply")
            continue
        except ValueError as exc:  # a number past Python's 4,300-digit limit, for one
            yield ItemFailure(origin, f"invalid JSON: {exc}".split(";")[0])
            continue
        if changed:
            yield ItemWarning(origin, "invalid Unicode (lone surrogate or NUL) replaced")
        yield record_item(record, origin, default_source)


def record_item(record: object, origin: Origin, default_source: str | None) -> Item:
    """One parsed JSON record as a candidate document, or a failure naming its problem."""
    try:
        return Candidate(jsonl_document(record, default_source), origin)
    except InputError as exc:
        return ItemFailure(origin, str(exc))
    except (ValueError, OverflowError) as exc:  # a value Python cannot hold (year 10000)
        return ItemFailure(origin, value_problem(record, exc))


def read_text_file(path: Path, name: str, default_source: str | None) -> Iterator[Item]:
    """A text, Markdown or HTML file as one document (published stays empty)."""
    origin = Origin(name)
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        extracted = extract_html(data, None)
    else:
        text, warning = decode(data, name)
        if warning:
            yield ItemWarning(origin, warning.removeprefix(f"{name}: "))
        extracted = extract_markdown(text) if suffix in MARKDOWN_SUFFIXES else extract_plain(text)
    if not extracted.text:
        raise InputError("the file has no text")
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    # A saved page names its outlet and address in its own metadata, as a fetched one does.
    source = default_source or extracted.outlet or source_name(extracted.canonical_url)
    # The file time is when the file was written here, not when the story was published.
    yield Candidate(
        Document(
            id=derive_id(extracted.text, source),
            text=extracted.text,
            url=extracted.canonical_url,
            title=extracted.title,
            published=extracted.published,
            source=source,
            language=extracted.language,
            metadata={
                "path": str(path),
                "file_mtime": mtime.isoformat(),
                **extracted.page_metadata(),
            },
        ),
        origin,
    )
