"""Place-name keys: one normalised form so that spelling variants meet in the index."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"'": "", "’": "", "ʼ": "", "ʻ": "", "`": "", "‘": ""})
_SEPARATORS = re.compile(r"[\s\-‐–—_/.,]+")
# per line: ``loose_keys`` runs it over many keys joined by newlines (keys hold no newline)
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|es|en|ez|ath|the) +", re.MULTILINE)
_LOOSE_DROPPED = str.maketrans("", "", "aeiouyhw'")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)  # the resolver keys the same few thousand names again and again
def name_key(name: str) -> str:
    """Lower-case, accent-free, punctuation-light key of a place name."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = stripped.translate(_APOSTROPHES).lower()
    return _SEPARATORS.sub(" ", text).strip()


def loose_key(name: str) -> str:
    """A looser key for transliterated names: no article, no vowels after the first letter.

    ``Tabashiah``/``Tabashiyah`` and ``Idleb``/``Idlib`` share it; used only as a fallback.
    """
    return loose_keys([name_key(name)])[0]


def loose_keys(keys: list[str]) -> list[str]:
    """``loose_key`` of many names already normalised by ``name_key``, in one pass.

    The keys are joined into one text so that each rule is a single C-level substitution
    (a whole gazetteer's keys in about a second rather than four); a key never holds a
    newline, since ``name_key`` turns all whitespace into spaces.
    """
    if not keys:
        return []
    text = _ARTICLE.sub("", "\n".join(keys)).replace(" ", "")
    for digraph, letter in (("sh", "S"), ("kh", "K"), ("th", "T"), ("gh", "G"), ("dh", "D")):
        text = text.replace(digraph, letter)
    bare = text.split("\n")
    tails = "\n".join([key[1:] for key in bare]).translate(_LOOSE_DROPPED)
    tails = _REPEATS.sub(r"\1", tails)
    return [(key[:1] + tail).lower() for key, tail in zip(bare, tails.split("\n"), strict=True)]


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (the only script English text uses)."""
    return all(not (ch.isalpha() and "LATIN" not in unicodedata.name(ch, "")) for ch in name)
