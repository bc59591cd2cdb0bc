"""Reading the package's commented tab-separated data files (word lists, cue tables)."""

from __future__ import annotations

from importlib.resources import files

from watchfloor.errors import ModelError


def commented_tsv(package: str, *path: str) -> list[list[str]]:
    """The cells of each row of a bundled TSV file under ``package``: blank lines and lines
    starting with ``#`` are left out, and so is the header (the first line left).

    Raises ModelError naming the file when it cannot be read.
    """
    name = "/".join(path)
    try:
        text = files(package).joinpath(*path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"data file {name} of {package} unreadable: {exc}") from exc
    return commented_rows(text)


def commented_rows(text: str) -> list[list[str]]:
    """The cells of each row of a commented TSV text, without comments, blanks and header."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]
