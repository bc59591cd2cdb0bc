"""Export files we wrote in each format (tests/ingest/data) and a reader over them."""

from __future__ import annotations

from pathlib import Path

from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import Candidate, ItemFailure, ItemWarning
from watchfloor.records import Document
from watchfloor.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data"


def read(spec: str | Path, source: str | None = None) -> list[object]:
    """Every item read from ``spec``, as ``watchfloor ingest`` would read it."""
    ctx = ReadContext(Settings(), default_source=source)
    try:
        return list(read_input(str(spec), ctx))
    finally:
        ctx.close()


def documents(items: list[object]) -> list[Document]:
    return [i.document for i in items if isinstance(i, Candidate)]


def failures(items: list[object]) -> list[str]:
    return [str(i) for i in items if isinstance(i, ItemFailure)]


def warnings(items: list[object]) -> list[str]:
    return [str(i) for i in items if isinstance(i, ItemWarning)]


def by_first_post(docs: list[Document]) -> dict[str, Document]:
    return {d.metadata["posts"][0]["id"]: d for d in docs}


def post_texts(doc: Document) -> list[str]:
    """Each post's text cut from the document by its own span."""
    return [doc.text[p["start"] : p["end"]] for p in doc.metadata["posts"]]
