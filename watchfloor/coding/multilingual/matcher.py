"""Phrase matching over folded Arabic-script text: a word matches at its start, after an
optional proclitic, with any ending; multi-word phrases match consecutive words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word of the folded text: its span there and the forms it may be read as."""

    start: int
    end: int
    text: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """A phrase found at tokens ``[first, last]`` (folded character span ``start:end``)."""

    phrase: str
    first: int
    last: int
    start: int
    end: int


def tokenize(folded: str, clitics: Iterable[str]) -> list[Token]:
    """Words with their clitic-stripped forms (the bare word first)."""
    prefixes = tuple(clitics)
    tokens: list[Token] = []
    for m in WORD.finditer(folded):
        word = m.group()
        forms = [word] + [
            word[len(p) :] for p in prefixes if word.startswith(p) and len(word) - len(p) >= 2
        ]
        tokens.append(Token(m.start(), m.end(), word, tuple(dict.fromkeys(forms))))
    return tokens


class PhraseIndex:
    """Phrases (folded, space-separated words) indexed by their first word (``whole_words``)
    or its first two letters."""

    def __init__(self, phrases: Iterable[str], *, whole_words: bool = False) -> None:
        self.whole_words = whole_words
        self._by_head: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.split())
            if words:
                self._by_head.setdefault(self._head(words[0]), []).append(words)
        for entries in self._by_head.values():
            entries.sort(key=lambda w: (-len(w), -len(" ".join(w))))

    def _head(self, word: str) -> str:
        return word if self.whole_words else word[:2]

    def _fits(self, form: str, word: str) -> bool:
        """A word of a phrase matches a form whole, or as its start ('=' at its end: whole)."""
        if self.whole_words or word.endswith("="):
            return form == word.rstrip("=")
        return form.startswith(word)

    def find(self, tokens: list[Token]) -> Iterator[Match]:
        """Every phrase occurrence, longest phrase first at each position, left to right."""
        for i, token in enumerate(tokens):
            for form in token.forms:
                for words in self._by_head.get(self._head(form), ()):
                    if i + len(words) > len(tokens) or not self._fits(form, words[0]):
                        continue
                    if all(
                        any(self._fits(f, w) for f in tokens[i + k].forms)
                        for k, w in enumerate(words[1:], start=1)
                    ):
                        last = i + len(words) - 1
                        yield Match(" ".join(words), i, last, token.start, tokens[last].end)
