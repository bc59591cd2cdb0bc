"""Check a local input before it is read: a regular file, no larger than the limit.

A FIFO named ``.jsonl`` would block the reader forever and a symlink to ``/dev/zero``
reports size 0 yet never ends, so the *type* of what the path leads to (after symlinks) is
checked first, without opening it, then its size.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from watchfloor.errors import InputError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_regular_file(path: Path, max_bytes: int) -> int:
    """The size of ``path`` in bytes; raises InputError unless it is a regular file of at
    most ``max_bytes`` (Settings.max_file_bytes).

    Never blocks: nothing is opened, so a FIFO without a writer is refused by its type.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        target = f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""
        raise InputError(
            f"is {_kind(info.st_mode)}{target}, not a regular file: only regular files are read"
        )
    if info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
            "(Settings.max_file_bytes)"
        )
    return info.st_size
