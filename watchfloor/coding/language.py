"""The coder's language data: word lists and rule tables under ``coding/lang/<xx>/``.

Stages ask ``language_data(code)`` for the files of a sentence's language and know no word of
it themselves (spaCy's ``lang/`` layout). Files are commented TSV (``watchfloor.datafiles``)
or YAML. Rows of a file of the same name in an extra folder (``Settings.lang_dir``, laid out
as ``<dir>/<xx>/<file>``) are read after the packaged ones, so a new trigger, cue or
place-level word needs no Python change.

The extra folders are set once per process by ``use_extra_data`` (``Coder.load`` does it from
the settings), as spaCy's registry is: the word lists are read-only data, cached per language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from watchfloor.datafiles import commented_rows
from watchfloor.errors import ConfigError, ModelError

LANG_PACKAGE = "watchfloor.coding.lang"
#: Files that the spaCy stages need in a language's folder: without them it is not read there.
STAGE_FILES = (
    "core_triggers.tsv",
    "core_objects.tsv",
    "verb_lexicon.tsv",
    "nonpolitical.tsv",
    "trigger_words.tsv",
    "trigger_rules.tsv",
    "modality.tsv",
    "roles.tsv",
    "actor_words.tsv",
    "place_levels.tsv",
    "warning_kinds.yaml",
)

T = TypeVar("T")
_EXTRA: dict[str, tuple[Path, ...]] = {"dirs": ()}


def use_extra_data(dirs: Sequence[Path]) -> None:
    """Read language files from ``dirs`` too (after the packaged ones), from now on;
    ConfigError when one is not a folder."""
    found = tuple(Path(d) for d in dirs)
    if found == _EXTRA["dirs"]:
        return
    for folder in found:
        if not folder.is_dir():
            raise ConfigError(f"language data folder {folder} does not exist: fix lang_dir")
    _EXTRA["dirs"] = found


def extra_data() -> tuple[Path, ...]:
    """The extra language folders in use (empty unless ``use_extra_data`` named some)."""
    return _EXTRA["dirs"]


def language_data(language: str) -> LanguageData:
    """The data of ``language`` (ISO 639-1), packaged plus extra folders; cached."""
    return _language_data(language, _EXTRA["dirs"])


@cache
def _language_data(language: str, extra: tuple[Path, ...]) -> LanguageData:
    return LanguageData(language, extra)


@dataclass
class LanguageData:
    """The files of one language; derived tables are built once per language (``build``)."""

    language: str
    extra: tuple[Path, ...] = ()
    _built: dict[Any, Any] = field(default_factory=dict, repr=False)

    def _folders(self) -> list[tuple[str, Traversable]]:
        packaged = resources.files(LANG_PACKAGE) / self.language
        folders: list[tuple[str, Traversable]] = [
            (f"watchfloor/coding/lang/{self.language}", packaged)
        ]
        folders += [(str(d / self.language), d / self.language) for d in self.extra]
        return folders

    def has(self, name: str) -> bool:
        """Whether any folder of this language holds file ``name``."""
        return any(folder.joinpath(name).is_file() for _, folder in self._folders())

    def all_texts(self) -> list[tuple[str, str]]:
        """(where, text) of every data file of this language, by folder then name."""
        found: list[tuple[str, str]] = []
        for where, folder in self._folders():
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir(), key=lambda e: e.name):
                if entry.is_file() and entry.name.endswith((".tsv", ".yaml")):
                    found.append((f"{where}/{entry.name}", entry.read_text(encoding="utf-8")))
        return found

    def reads_stages(self) -> bool:
        """Whether this language has every file the spaCy stages need (``STAGE_FILES``);
        looked up once (the coder asks for every document)."""
        return self.build("reads_stages", lambda: all(self.has(n) for n in STAGE_FILES))

    def texts(self, name: str) -> list[tuple[str, str]]:
        """(where, text) of each copy of file ``name``, packaged first; ModelError if none."""
        found: list[tuple[str, str]] = []
        for where, folder in self._folders():
            path = folder.joinpath(name)
            if not path.is_file():
                continue
            try:
                found.append((f"{where}/{name}", path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise ModelError(f"language file {where}/{name} unreadable: {exc}") from exc
        if not found:
            raise ModelError(
                f"language {self.language!r} has no {name}: add "
                f"watchfloor/coding/lang/{self.language}/{name} (or one under lang_dir)"
            )
        return found

    def rows(self, name: str, width: int) -> list[list[str]]:
        """The rows of a commented TSV file (each copy has its own header line), each with
        ``width`` cells; ModelError names the file and the row of a malformed one."""
        rows: list[list[str]] = []
        for where, text in self.texts(name):
            for row in commented_rows(text):
                if len(row) != width:
                    raise ModelError(
                        f"{where}: row {chr(9).join(row)!r} has {len(row)} cells, expected {width}"
                    )
                rows.append([cell.strip() for cell in row])
        return rows

    def records(self, name: str) -> list[dict[str, str]]:
        """The rows of a TSV file as dicts keyed by its header line; an extra copy must have
        the packaged copy's header (ModelError names it otherwise)."""
        found: list[dict[str, str]] = []
        header: list[str] | None = None
        for where, text in self.texts(name):
            lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
            if not lines:
                continue
            own = lines[0].split("\t")
            if header is not None and own != header:
                raise ModelError(f"{where}: header {own} differs from the packaged {header}")
            header = own
            found += [dict(zip(own, line.split("\t"), strict=False)) for line in lines[1:]]
        return found

    def word_kinds(self, name: str, kinds: Sequence[str]) -> dict[str, str]:
        """``word<TAB>kind`` rows of every copy of file ``name`` (packaged, then ``lang_dir``),
        later rows overriding earlier ones; see the module function ``word_kinds``."""
        found: dict[str, str] = {}
        for where, text in self.texts(name):
            found.update(word_kinds(text, where, kinds))
        return found

    def word_sets(self, name: str) -> dict[str, frozenset[str]]:
        """``set<TAB>word`` rows as lower-cased word sets by name."""
        return self.build(("sets", name), lambda: _sets(self.rows(name, 2)))

    def phrases(self, name: str, key: str) -> tuple[str, ...]:
        """One word set of file ``name`` in file order (lower-cased); ModelError if absent."""
        ordered = tuple(w.lower() for k, w in self.rows(name, 2) if k == key)
        if not ordered:
            self.words(name, key)  # raises, naming the file and the set
        return ordered

    def words(self, name: str, key: str) -> frozenset[str]:
        """One word set of file ``name``; ModelError when the file lacks it."""
        sets = self.word_sets(name)
        if key not in sets:
            raise ModelError(
                f"language {self.language!r}: {name} has no '{key}' words:"
                f" add rows '{key}<TAB>word'"
            )
        return sets[key]

    def build(self, key: Any, make: Callable[[], T]) -> T:
        """``make()`` once per language and key (a module's typed table of this data)."""
        if key not in self._built:
            self._built[key] = make()
        value: T = self._built[key]
        return value


def word_kinds(text: str, source: str, kinds: Sequence[str]) -> dict[str, str]:
    """``word<TAB>kind`` rows of one file (``#`` starts a comment) as lower-cased word -> kind;
    ModelError names the file and line of a malformed row or a kind not in ``kinds``."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[1].strip() not in kinds:
            raise ModelError(
                f"{source} line {number}: expected 'word<TAB>kind' with kind one of "
                f"{', '.join(kinds)}, got {line!r}"
            )
        found[parts[0].strip().lower()] = parts[1].strip()
    return found


def _sets(rows: list[list[str]]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for key, word in rows:
        found.setdefault(key, set()).add(word.lower())
    return {key: frozenset(words) for key, words in found.items()}
