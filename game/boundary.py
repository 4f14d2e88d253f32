"""The one way files from outside (scenarios, saves, settings, MSELs) are read.

Every byte the game reads from a file it did not write itself comes through here, so the same limits
hold everywhere: only regular files are opened (a FIFO, a device such as ``/dev/zero`` or a directory
is refused without blocking), the size cap is checked while reading (``st_size`` can lie: a link to a
device reports 0), the text must be UTF-8, and JSON is parsed strictly (no NaN or Infinity, no lone
surrogates, bounded nesting). Errors are ``InputError``: one line, without the file name (callers
prefix it as they report it).

This module imports nothing of the game, so every layer may use it.
"""
from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path

MAX_DEPTH = 64  # nesting of JSON/YAML containers; the game's own files stay under 12
_CHUNK = 1 << 16


class InputError(ValueError):
    """A file from outside that cannot be used; ``str(err)`` is one line, without the file name."""

    def __init__(self, reason: str):
        reason = " ".join(str(reason).split())
        super().__init__(reason)
        self.reason = reason


def read_bytes(path: str | Path, *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises InputError otherwise.

    Opened non-blocking, so a FIFO named like a save cannot hang the caller; the type is checked on
    the open descriptor (no race between a check and the open)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(os.fspath(path), flags)
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError("is not a regular file (a device, pipe or socket)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(f"is larger than {_size(limit)}, too large to be read")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); InputError names the line of a bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"line {line}: not UTF-8 text (bad byte at offset {exc.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str | Path, *, limit: int) -> str:
    """``read_bytes`` then ``decode_utf8``."""
    return decode_utf8(read_bytes(path, limit=limit))


def _refuse_constant(name: str):
    raise InputError(f"{name} is not a number JSON allows")


def loads_json(text: str):
    """Strict JSON: NaN, Infinity, lone surrogates and nesting past MAX_DEPTH are refused with
    InputError; a syntax error becomes InputError with its line and column."""
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep") from None
    _check_tree(doc, 0)
    return doc


def _check_tree(node, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, dict):
        for key, value in node.items():
            _check_str(key)
            _check_tree(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            _check_tree(value, depth + 1)
    elif isinstance(node, str):
        _check_str(node)
    elif isinstance(node, float) and not math.isfinite(node):
        raise InputError("a number is not finite")


def _check_str(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("text holds a lone surrogate (\\ud800-\\udfff), which is not valid Unicode") from None


def dumps_json(doc, **kwargs) -> str:
    """JSON that every reader accepts: ``allow_nan=False`` (a NaN raises ValueError, never bare NaN)."""
    return json.dumps(doc, allow_nan=False, **kwargs)


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"
