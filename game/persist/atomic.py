"""Atomic file writes: a process killed in the middle of a save leaves the previous file intact.

The data goes to a temporary file in the same directory, is flushed and fsynced, and only then renamed
over the target (``os.replace`` is atomic on POSIX and Windows). The directory is fsynced too where the
platform allows it, so the rename itself survives a power cut. A failed write removes its temporary
file and never touches the target.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"
CHUNK = 1 << 16


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(data)
            for start in range(0, len(view), CHUNK):
                fh.write(view[start:start + CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(directory)
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable. Not possible on Windows (directories cannot be opened); best effort."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
