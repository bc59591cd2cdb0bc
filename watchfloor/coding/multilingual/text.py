"""Folded text for matching, with a map back to the original characters, and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[.!?؟\n]+|(?<=\s)[-–—](?=\s)(?=.{0,3}$)")
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class FoldedText:
    """``folded`` is the matching copy; ``origin[i]`` is the original index of ``folded[i]``."""

    original: str
    folded: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original character span of the folded span ``[start, end)``."""
        if start >= len(self.origin):
            return len(self.original), len(self.original)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


def fold(text: str, table: dict[int, str]) -> FoldedText:
    """Apply the language's character table (deletions allowed), keeping original offsets."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        out = table.get(ord(ch), ch)
        for piece in out:
            chars.append(piece)
            origin.append(i)
    return FoldedText(text, "".join(chars), tuple(origin))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a text, split at full stops, ? ! ؟ and line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?؟]+(?=\s|$)|\n+", text):
        end = match.end()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
