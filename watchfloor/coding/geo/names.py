"""Place-name keys: one normalised form so that spelling variants meet in the index."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"'": "", "’": "", "ʼ": "", "ʻ": "", "`": "", "‘": ""})
_SEPARATORS = re.compile(r"[\s\-‐–—_/.,]+")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|es|en|ez|ath|the)\s+")


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
    key = _ARTICLE.sub("", name_key(name))
    key = key.replace(" ", "")
    if not key:
        return ""
    for digraph, letter in (("sh", "S"), ("kh", "K"), ("th", "T"), ("gh", "G"), ("dh", "D")):
        key = key.replace(digraph, letter)
    head, tail = key[0], key[1:]
    tail = re.sub(r"[aeiouyhw']", "", tail)
    tail = re.sub(r"(.)\1+", r"\1", tail)
    return (head + tail).lower()


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (the only script English text uses)."""
    return all(not (ch.isalpha() and "LATIN" not in unicodedata.name(ch, "")) for ch in name)
