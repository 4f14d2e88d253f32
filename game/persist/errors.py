"""The one error a bad save raises: a single line a person can act on."""
from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class SaveError(ValueError):
    """A save that cannot be used. ``str(err)`` is one line: the reason, without the file name
    (callers prefix it); ``err.reason`` is the same text. Text quoted from the file is escaped."""

    def __init__(self, reason: str):
        reason = printable(" ".join(str(reason).split()))  # always one line, and safe to print
        super().__init__(reason)
        self.reason = reason


class ReplayMismatch(SaveError):
    """The log does not reproduce the game: ``turn`` is the first turn whose state differs."""

    def __init__(self, turn: int, reason: str):
        super().__init__(f"turn {turn}: {reason}")
        self.turn = turn


def printable(text: str) -> str:
    """``text`` safe for a terminal and for any encoder: control characters (ANSI escape sequences start
    with ESC), newlines and lone surrogates become ``\\xNN`` / ``\\uNNNN`` escapes. For text from a file
    (news, names, keys) that is printed."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
