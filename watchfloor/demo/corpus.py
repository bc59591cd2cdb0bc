"""Where the bundled demo corpus lives, and a reader that yields it as Documents."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from watchfloor.errors import InputError
from watchfloor.records import Document

CORPUS_FILE = "corpus.jsonl"


def corpus_path() -> Path:
    """Path of ``corpus.jsonl`` inside the installed package (JSONL, one report a line)."""
    path = Path(str(resources.files("watchfloor.demo").joinpath(CORPUS_FILE)))
    if not path.is_file():
        raise InputError(f"demo corpus {path} is missing: reinstall watchfloor")
    return path


def iter_demo_documents(path: Path | None = None) -> Iterator[Document]:
    """The demo reports as Documents, in publication order."""
    source = path or corpus_path()
    with source.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield Document(
                    id=row["id"],
                    text=row["text"],
                    url=row.get("url"),
                    title=row.get("title"),
                    published=dt.datetime.fromisoformat(row["published"]),
                    source=row.get("source"),
                    language=row.get("language"),
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{source}, line {number}: not a demo report ({exc})") from exc
