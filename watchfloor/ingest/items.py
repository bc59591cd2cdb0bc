"""What readers yield (documents, failures, warnings) and what an ingest run returns."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from watchfloor.daterange import DateRange
from watchfloor.records import Document

_SPACES = re.compile(r"\s+")
UNKNOWN_LANGUAGE = "unknown"
"""How summaries name documents whose language is neither stated nor detected."""


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (legal in JSON escapes, not in UTF-8) made U+FFFD and NULs
    dropped, so every stored string encodes."""
    if text.isascii():
        return text.replace("\x00", "")
    fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return fixed.replace("\x00", "")


def clean_value(value: Any) -> tuple[Any, bool]:
    """A parsed JSON value with every string (keys too) cleaned; True when anything changed."""
    if isinstance(value, str):
        fixed = clean_text(value)
        return fixed, fixed != value
    if isinstance(value, list):
        pairs = [clean_value(v) for v in value]
        return [v for v, _ in pairs], any(c for _, c in pairs)
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        changed = False
        for key, item in value.items():
            new_key, key_changed = clean_value(key)
            new_item, item_changed = clean_value(item)
            out[new_key] = new_item
            changed = changed or key_changed or item_changed
        return out, changed
    return value, False


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace runs collapsed: equal for byte-different copies."""
    normal = _SPACES.sub(" ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def derive_id(text: str, source: str | None) -> str:
    """A stable document id from source and content (16 hex digits of sha256).

    The source is part of it so that one story carried by two outlets gives two documents
    (linked as near-copies), while the same story read twice from one outlet gives one.
    """
    key = f"{source or ''}\x1f{content_hash(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Origin:
    """Where an item came from: the input as given, and a line number inside it when known."""

    input: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.input}:{self.line}" if self.line is not None else self.input


@dataclass(frozen=True)
class Candidate:
    """A document read from an input, not yet checked against the database."""

    document: Document
    origin: Origin
    item_key: str | None = None  # feed item id, for `watch` bookkeeping


@dataclass(frozen=True)
class ItemFailure:
    """An item that could not be read or stored, with the reason."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class ItemWarning:
    """Something read with a caveat (e.g. bytes replaced during decoding)."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


Item = Candidate | ItemFailure | ItemWarning
MAX_ID_CHARS = 1_000


def value_problem(record: object, exc: ValueError | OverflowError) -> str:
    """The message for a field Python cannot hold (year 10000 once in UTC, a 5,000-digit id)."""
    stamp = record.get("published") if isinstance(record, dict) else None
    if isinstance(exc, OverflowError) and stamp is not None:
        return f"published {str(stamp)[:40]!r} lies past the ends of the calendar once in UTC"
    return f"a field holds a value out of range: {str(exc).split(';')[0]}"


def refusal(document: Document, accepted: DateRange) -> str | None:
    """Why ``document`` cannot be stored as read, or None: a publication date outside the
    accepted range, an id too long to be one, a URL that does not parse."""
    if document.published is not None and not accepted.contains(document.published):
        return (
            f"published {document.published.isoformat()} is outside the accepted range "
            f"{accepted.earliest.isoformat()} to {accepted.latest.isoformat()}"
        )
    if len(document.id) > MAX_ID_CHARS:
        return f"id is {len(document.id):,} characters long, over the {MAX_ID_CHARS:,} allowed"
    return url_problem(document.url)


def url_problem(url: str | None) -> str | None:
    """Why ``url`` is no URL (it does not parse), or None."""
    if url is not None:
        try:
            urlsplit(url)
        except ValueError as exc:
            return f"url {url[:200]!r} is not a valid URL: {exc}"
    return None


@dataclass(frozen=True)
class IngestSummary:
    """Counts of one ingest run, with every failure and the ids of the documents written.

    ``read`` = ``new + near_duplicates + duplicates``: documents successfully read.
    ``new`` counts new canonical documents (the ones to code), ``near_duplicates`` new
    near-copies linked to a canonical, ``duplicates`` exact repeats skipped, ``failed`` items
    that could not be read or written. ``undated`` new documents have no published date.
    ``by_language`` counts the documents written (``new + near_duplicates``) by language
    code (``unknown`` when neither stated nor detected); ``not_coded`` holds those of its
    languages the coder cannot read, so their documents get no events.
    """

    read: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    undated: int = 0
    failures: tuple[ItemFailure, ...] = ()
    warnings: tuple[ItemWarning, ...] = ()
    new_ids: tuple[str, ...] = ()
    near_duplicate_ids: tuple[str, ...] = ()
    seen_item_keys: tuple[str, ...] = field(default=(), repr=False)
    by_language: tuple[tuple[str, int], ...] = ()
    not_coded: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready form (the CLI's ``--json`` summary)."""
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "failed": self.failed,
            "undated": self.undated,
            "by_language": dict(self.by_language),
            "not_coded_languages": dict(self.not_coded),
            "failures": [
                {"input": f.origin.input, "line": f.origin.line, "message": f.message}
                for f in self.failures
            ],
            "warnings": [
                {"input": w.origin.input, "line": w.origin.line, "message": w.message}
                for w in self.warnings
            ],
        }

    def __add__(self, other: IngestSummary) -> IngestSummary:
        return IngestSummary(
            read=self.read + other.read,
            new=self.new + other.new,
            duplicates=self.duplicates + other.duplicates,
            near_duplicates=self.near_duplicates + other.near_duplicates,
            failed=self.failed + other.failed,
            undated=self.undated + other.undated,
            failures=self.failures + other.failures,
            warnings=self.warnings + other.warnings,
            new_ids=self.new_ids + other.new_ids,
            near_duplicate_ids=self.near_duplicate_ids + other.near_duplicate_ids,
            seen_item_keys=self.seen_item_keys + other.seen_item_keys,
            by_language=_add_counts(self.by_language, other.by_language),
            not_coded=_add_counts(self.not_coded, other.not_coded),
        )


def _add_counts(
    one: tuple[tuple[str, int], ...], two: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    """Two (language, count) tallies as one, most documents first."""
    total: dict[str, int] = dict(one)
    for code, n in two:
        total[code] = total.get(code, 0) + n
    return tuple(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))
