"""The base of every model: frozen, strict about unknown fields, and cheap to copy inside the engine."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict

from .construct import built, replaced


# Attribute reads on a model class that has a ``__getattr__`` are never specialised by CPython 3.11's
# adaptive interpreter (CPython 3.12 learned to, gh-93911): each ``state.meters`` or ``spec.cost`` takes
# the generic path through the ``__getattr__`` hook. pydantic's ``BaseModel.__getattr__`` serves only
# private attributes and extra fields, and the game's models have neither (``extra="forbid"``, no
# ``PrivateAttr``; tests/test_model_attributes.py checks every model of the game): without it, a missing
# attribute raises the same AttributeError, and the engine runs about 12% fewer instructions.
# A read from a class whose metaclass has a ``__getattr__`` takes the same generic path, about 400
# instructions: a model class (``cls.from_fields``: pydantic's ModelMetaclass) or an enum class
# (``Phase.ORDERS``: EnumType, until CPython 3.12). Hot paths hold such values in module globals.
if sys.version_info < (3, 12) and getattr(BaseModel.__dict__.get("__getattr__"), "__module__", "") == "pydantic.main":
    delattr(BaseModel, "__getattr__")  # defined only when not type checking: mypy does not see it


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, **fields: Any) -> Self:
        """Build from values taken from an already validated model (every field given, none extra):
        for views, which copy fields out of the state many times a turn."""
        return built(cls, fields)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> Self:
        """``trusted`` from a dict built for it, which the model then owns: passing thirty keyword
        arguments costs about as much as building the model (views build an Observation per seat)."""
        return built(cls, fields)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``. pydantic validates at the boundaries (scenario files, saves, orders);
        inside the engine the values are already valid, and this is about three times cheaper than
        ``model_copy`` on a path that runs hundreds of times a turn."""
        return replaced(self, changes)


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
