"""Hostile files for Dask coding: every line lands in exactly one partition, read or reported."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.errors import InputError
from watchfloor.scale.partitions import plan_files, read_partition

FAST = settings(max_examples=100, deadline=None, database=None)

good_line = st.builds(
    lambda i, t: f'{{"id": "d{i}", "text": "{t}", "published": "2026-09-14"}}'.encode(),
    st.integers(0, 10**6),
    st.text(alphabet="abc XYZ.", min_size=1, max_size=30),
)
any_line = good_line | st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" "))


@FAST
@given(lines=st.lists(any_line, max_size=25), size=st.integers(1, 7))
def test_each_nonblank_line_is_read_or_reported_exactly_once(lines: list[bytes], size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_bytes(b"\n".join(lines))
        parts = plan_files([path], size)
        assert len({p.name for p in parts}) == len(parts)  # deterministic, distinct names
        assert parts == plan_files([path], size)
        read = [read_partition(p) for p in parts]
    docs = sum(len(d) for d, _ in read)
    failures = [f for _, fs in read for f in fs]
    # Lines end at \n only, as in ingest; whitespace-only lines are neither read nor failed.
    nonblank = sum(1 for chunk in b"\n".join(lines).split(b"\n") if chunk.strip())
    assert docs + len(failures) == nonblank
    assert all("in.jsonl" in f for f in failures)


@FAST
@given(data=st.binary(max_size=200))
def test_a_file_that_is_not_parquet_is_an_input_error_naming_it(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "broken.parquet"
        path.write_bytes(data)
        with pytest.raises(InputError, match="broken.parquet"):
            plan_files([path], 10)


def test_a_carriage_return_inside_a_line_does_not_split_it(tmp_path: Path) -> None:
    path = tmp_path / "cr.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "x"}\r{"id": "b", "text": "y"}\n{"id": "c", "text": "z"}\n'
    )
    docs, failures = read_partition(plan_files([path], 10)[0])
    assert [d.id for d in docs] == ["c"]
    assert len(failures) == 1 and "cr.jsonl" in failures[0]
