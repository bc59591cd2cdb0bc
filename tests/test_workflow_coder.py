"""The workflow keeps the last loaded coder while the settings stay the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor import workflow
from watchfloor.settings import Settings


def test_the_coder_is_loaded_once_per_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workflow, "_loaded", [])  # the real cache is left as it was
    loads: list[Settings] = []

    def load(settings: Settings) -> object:
        loads.append(settings)
        return object()

    first = Settings(db=tmp_path / "a.duckdb")
    same = Settings(db=tmp_path / "a.duckdb")
    other = Settings(db=tmp_path / "a.duckdb", batch_size=7)
    a = workflow._coder(first, load)
    assert workflow._coder(same, load) is a  # equal settings: the same coder
    b = workflow._coder(other, load)
    assert b is not a and workflow._coder(other, load) is b
    assert workflow._coder(first, load) is not a  # only the last one is kept
    assert len(loads) == 3
