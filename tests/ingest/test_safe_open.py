"""Only regular files are read, and their size is checked before a byte is read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ingest.conftest import STORY_ONE
from watchfloor.cli.main import cli
from watchfloor.errors import InputError
from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import Candidate, ItemFailure
from watchfloor.ingest.safe_open import check_regular_file
from watchfloor.settings import Settings

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
LINE = json.dumps({"id": "ok-1", "text": STORY_ONE, "published": "2024-03-02"}) + "\n"


def _items(spec: str, max_bytes: int = 1_000_000) -> list[object]:
    ctx = ReadContext(Settings(max_file_bytes=max_bytes))
    try:
        return list(read_input(spec, ctx))
    finally:
        ctx.close()


@needs_fifo
@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", ["feed.jsonl", "story.txt", "page.html", "feed.rss"])
def test_a_fifo_is_refused_by_type_and_never_waited_on(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    items = _items(str(fifo))
    assert len(items) == 1 and isinstance(items[0], ItemFailure)
    assert "named pipe (FIFO)" in items[0].message
    assert "only regular files are read" in items[0].message


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("target", "kind"), [("/dev/zero", "character device"), ("/dev/null", "character device")]
)
def test_a_link_to_a_device_is_refused_whatever_its_name(
    tmp_path: Path, target: str, kind: str
) -> None:
    if not Path(target).exists():
        pytest.skip(f"{target} is absent here")
    link = tmp_path / "docs.jsonl"
    link.symlink_to(target)
    items = _items(str(link))
    assert len(items) == 1 and isinstance(items[0], ItemFailure)
    assert kind in items[0].message and f"a link to {target}" in items[0].message


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text(LINE)
    (tmp_path / "link.jsonl").symlink_to(real)
    items = _items(str(tmp_path / "link.jsonl"))
    assert [type(i) for i in items] == [Candidate]


@pytest.mark.parametrize(("size", "limit", "refused"), [(10, 10, False), (11, 10, True)])
def test_size_is_checked_before_reading(
    tmp_path: Path, size: int, limit: int, refused: bool
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * size)
    if refused:
        with pytest.raises(InputError, match=f"{size} bytes, over the {limit}-byte limit"):
            check_regular_file(path, limit)
    else:
        assert check_regular_file(path, limit) == size


def test_an_oversize_file_is_one_failure_naming_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(LINE * 50)
    items = _items(str(path), max_bytes=len(LINE) * 10)
    assert len(items) == 1 and isinstance(items[0], ItemFailure)
    assert "Settings.max_file_bytes" in items[0].message


def test_a_dangling_link_is_a_clear_failure(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        check_regular_file(tmp_path / "gone.jsonl", 100)


@needs_fifo
@pytest.mark.timeout(60)
def test_ingest_cli_reports_the_fifo_and_stores_the_good_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "good.jsonl").write_text(LINE)
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(tmp_path / "db.duckdb"),
            "ingest",
            str(tmp_path / "pipe.jsonl"),
            str(tmp_path / "good.jsonl"),
            "--no-code",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "named pipe (FIFO)" in result.output
    assert "Traceback" not in result.output
