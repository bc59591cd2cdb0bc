"""The language of a document that does not state it: its script first, then lingua within it.

Letters are counted by script (Latin, Arabic, Cyrillic, ...) from ``data/scripts.tsv``; only
the languages of the dominant script (``data/languages.tsv``) are then compared by
lingua-language-detector, whose models ship in its wheel. A script with one listed language
needs no model. Function words (``data/function_words.tsv``) overrule lingua where a short
text with many names would otherwise read as another language of its script. Models load on
first use of their script, once per detector.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from watchfloor.datafiles import commented_tsv

if TYPE_CHECKING:
    from lingua import LanguageDetector as LinguaDetector

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_LETTERS = 3
MIN_SCRIPT_SHARE = 0.5
SAMPLE_CHARS = 2000


@dataclass(frozen=True)
class LanguageGuess:
    """An ISO 639-1 code with lingua's relative confidence (1.0 when the script decides)."""

    code: str
    confidence: float


def _rows(name: str) -> list[list[str]]:
    return commented_tsv("watchfloor.data", name)


class LanguageDetector:
    """Tells a text's language; build once and reuse (models are cached per script)."""

    def __init__(self, min_confidence: float = 0.5) -> None:
        self.min_confidence = min_confidence
        self._ranges = [(s, int(a, 16), int(b, 16)) for s, a, b in _rows("scripts.tsv")]
        self._languages: dict[str, list[tuple[str, str]]] = {}
        for code, lingua_name, script in _rows("languages.tsv"):
            self._languages.setdefault(script, []).append((code, lingua_name))
        self._detectors: dict[str, LinguaDetector] = {}
        self._function_words = {
            code: (float(share), frozenset(words.split()))
            for code, share, words in _rows("function_words.tsv")
        }

    @cached_property
    def _script_of_char(self) -> dict[int, str]:
        return {cp: s for s, a, b in self._ranges for cp in range(a, b + 1)}

    def script(self, text: str) -> str | None:
        """The script of most of the text's letters, or None when no script dominates."""
        table = self._script_of_char
        counts = Counter(table[ord(ch)] for ch in text[:SAMPLE_CHARS] if ord(ch) in table)
        total = sum(counts.values())
        if total < MIN_LETTERS:
            return None
        script, n = counts.most_common(1)[0]
        return script if n / total >= MIN_SCRIPT_SHARE else None

    def detect(self, text: str) -> LanguageGuess | None:
        """The text's language, or None when too short or too unsure to say."""
        script = self.script(text)
        candidates = self._languages.get(script or "", [])
        if not candidates:
            return None
        if len(candidates) == 1:
            return LanguageGuess(candidates[0][0], 1.0)
        values = self._detector(script or "").compute_language_confidence_values(
            text[:SAMPLE_CHARS]
        )
        if not values or values[0].value < self.min_confidence:
            return None
        best = values[0].language.iso_code_639_1.name.lower()
        marked = self._marked_by_function_words(text, {code for code, _ in candidates})
        if marked is not None and marked != best:
            return LanguageGuess(marked, round(self._share(text, marked), 3))
        return LanguageGuess(best, round(float(values[0].value), 3))

    def _share(self, text: str, code: str) -> float:
        words = WORD.findall(text[:SAMPLE_CHARS].lower())
        return sum(w in self._function_words[code][1] for w in words) / len(words) if words else 0

    def _marked_by_function_words(self, text: str, codes: set[str]) -> str | None:
        """The language whose function words make up at least its share of the text."""
        for code, (share, _) in self._function_words.items():
            if code in codes and self._share(text, code) >= share:
                return code
        return None

    def _detector(self, script: str) -> LinguaDetector:
        if script not in self._detectors:
            from lingua import Language, LanguageDetectorBuilder

            languages = [getattr(Language, name) for _, name in self._languages[script]]
            self._detectors[script] = LanguageDetectorBuilder.from_languages(*languages).build()
        return self._detectors[script]
