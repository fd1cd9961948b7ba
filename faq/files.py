"""Files written whole: a reader (the bot reloading, another process) sees the old
file or the new one, never half of it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".faqbot-edit.lock"


def write_atomically(path: Path, content: str | bytes, mode: int | None = None) -> None:
    """Replace `path` with `content` through a temporary file beside it and a rename.

    `mode`: the new file's permissions; None keeps those of the file being replaced
    (or the temporary file's 0600 for a new one). Text is written as UTF-8 with its
    line endings as given.
    """
    if mode is None and path.exists():
        mode = path.stat().st_mode & 0o777
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's edit lock: one edit of its files at a time, across processes.

    The files themselves cannot carry the lock, since `write_atomically` replaces them
    with new ones; a lock file beside them stays put.
    """
    with open(folder / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
