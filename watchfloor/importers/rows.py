"""Reading delimited files record by record, with the file line each record starts on.

The readers never stop at a bad record: a record they cannot take is yielded with the
reason, so the importer rejects it by line and reads on. Only a file that cannot be read
at all (not text, a quote that never closes) raises ``InputError``.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from watchfloor.errors import InputError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Record:
    """One record of a file: the line it starts on, its fields, or why it is unreadable."""

    line: int
    fields: list[str]
    problem: str | None = None


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def text_encoding(path: Path, what: str | None = None) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8, else ``cp1252`` (a spreadsheet's
    save); InputError naming ``what`` (default: the path) when it is neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        if _decodes(path, encoding):
            return encoding
    raise InputError(f"{what or path}: not text (neither UTF-8 nor Windows-1252)")


class _NulScrubber:
    """Lines of a text file with NUL characters removed and the lines that held them noted.

    The csv module refuses a NUL outright; noting the lines lets the importer refuse the
    records that held one instead of the whole file.
    """

    def __init__(self, handle: Iterator[str]) -> None:
        self._handle = handle
        self.line = 0
        self.nul_lines: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        for text in self._handle:
            self.line += 1  # as csv.reader.line_num counts: one per line read
            if "\x00" in text:
                self.nul_lines.add(self.line)
                text = text.replace("\x00", "")
            yield text


def csv_records(path: Path, *, encoding: str, what: str | None = None) -> Iterator[Record]:
    """Records of a comma-separated file with quoted fields (line breaks inside quotes kept).

    Blank lines are skipped. The header is the first record yielded. ``what`` names the
    file in errors (default: the path).
    """
    with path.open(newline="", encoding=encoding, errors="strict") as handle:
        lines = _NulScrubber(handle)
        reader = csv.reader(lines, strict=False)
        start = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(
                    f"{what or path}:{start}: cannot read on from this line "
                    f"({exc}; an unclosed quote?)"
                ) from exc
            end = reader.line_num
            held_nul = any(start <= n <= end for n in lines.nul_lines)
            if fields and any(f.strip() for f in fields):
                yield Record(start, fields, "holds a NUL character" if held_nul else None)
            start = end + 1


def tab_records(path: Path) -> Iterator[Record]:
    """Records of a tab-separated file without quoting (GDELT): one per ``\\n``-ended line.

    A line ending ``\\r\\n`` is read as one line; a carriage return anywhere else, bytes that
    are not UTF-8 or a NUL make the record unreadable, with the reason.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            body = raw.rstrip(b"\n").removesuffix(b"\r")
            if not body.strip():
                continue
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Record(number, [], f"is not UTF-8 text (byte {exc.start + 1})")
                continue
            fields = text.split("\t")
            stray = _stray_characters(fields) if "\r" in text or "\x00" in text else None
            yield Record(number, fields, stray)


def _stray_characters(fields: list[str]) -> str | None:
    for index, field in enumerate(fields):
        if "\r" in field:
            return f"field {index + 1} holds a bare carriage return"
        if "\x00" in field:
            return f"field {index + 1} holds a NUL character"
    return None
