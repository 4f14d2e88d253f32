"""Atomic file writes: a process killed in the middle of a save leaves the previous file intact.

The data goes to a temporary file in the same directory, is flushed and fsynced, and only then renamed
over the target (``os.replace`` is atomic on POSIX and Windows). The directory is fsynced too where the
platform allows it, so the rename itself survives a power cut. A failed write removes its temporary
file and never touches the target. A temporary file left by a process killed mid-write is removed by
the next write into the same folder (only names of our own pattern, and only once they are older than
STALE_SECONDS, so a write still under way in another process is never disturbed).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
CHUNK = 1 << 16
STALE_SECONDS = 300
# ".<target name>.<8 characters of mkstemp>.tmp", as mkstemp(prefix=".<name>.", suffix=TEMP_SUFFIX) makes
_OUR_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600: give the file the mode open() would
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(data)
            for start in range(0, len(view), CHUNK):
                fh.write(view[start : start + CHUNK])
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
    remove_stale_temps(directory)
    return path


def _umask() -> int:
    """The process's umask (read by setting it, the only way POSIX offers, and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_temps(directory: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of writes killed before their rename (regular files named like ours,
    older than STALE_SECONDS); anything else in the folder is left alone. Returns what was removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(directory) if _OUR_TEMP.fullmatch(e.name)]
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


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
