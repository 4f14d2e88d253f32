"""Caches with owners: values derived from one immutable object (``Memo``), or from the most recent moments
of a game (``Recent``). Compiled with the rules (game/native.py): the rules ask a scenario's memo for their
compiled tables about twenty times a turn, and an interpreted method was a Python frame each time."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Values derived from one immutable object, each built once: the object owns its caches, which live
    and die with it (a loaded scenario holds its rules views, a rules view the AI's tables). Safe to
    share between threads (the UI's AI worker and its window)."""

    __slots__ = ("_values", "_lock")

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self._lock = threading.RLock()  # re-entrant: one derived value may be built from another

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        value: T
        try:
            value = self._values[key]
            return value
        except KeyError:
            pass
        with self._lock:
            if key not in self._values:
                self._values[key] = build()
            value = self._values[key]
            return value


class Recent:
    """A memo that keeps only the ``size`` most recently used entries (for values keyed by a moment of
    a game, where old moments do not come back). Thread-safe."""

    __slots__ = ("_values", "_lock", "_size")

    def __init__(self, size: int) -> None:
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                value: T = self._values[key]
                return value
            value = self._values[key] = build()
            if len(self._values) > self._size:
                self._values.popitem(last=False)
            return value
