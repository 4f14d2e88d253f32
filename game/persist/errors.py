"""The one error a bad save raises: a single line a person can act on."""

from __future__ import annotations

from ..boundary import printable


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
