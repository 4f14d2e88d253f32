"""``TakenIndex``, the index of the actions a viewer's news shows taken (``Observation.news_taken``). Compiled
with the rules (game/native.py): the AI reads it at every decision (``ai.reading.taken``), and the views
extend it at every observation whose news grew, each time an interpreted frame (the index's scan of the news
most of all) before."""

from __future__ import annotations

import threading
from typing import Any, Final

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from .ids import ACTION_SOURCE_PREFIXES
from .log import NewsItem

_PREFIXES: Final = ACTION_SOURCE_PREFIXES
_INDEXING: Final = threading.Lock()  # one chain is worked out at a time


class TakenIndex:
    """``"ACTOR:action" -> the latest turn`` for every action a viewer's news shows taken (a source that
    starts with ``ids.ACTION_SOURCE_PREFIXES``), in the order the actions first appear: exactly what a scan
    of the news finds. The AI reads it at every decision (``ai.reading.taken``), the engine's turns and the
    screens never: so it is worked out when first read, and each viewer's index keeps only the news items
    it adds to that viewer's previous one until then (like ``log.LogDigest``), and reading it extends the
    last index read instead of rescanning the news. In a model it serialises as the mapping, and a mapping
    read back (an observation from JSON) becomes an index already worked out."""

    __slots__ = ("_index", "_parent", "_items")

    def __init__(self, items: tuple[NewsItem, ...] = (), parent: TakenIndex | None = None) -> None:
        self._index: dict[str, int] | None = None
        self._parent: TakenIndex | None = parent
        self._items = items

    @classmethod
    def of(cls, index: dict[str, int]) -> TakenIndex:
        """The index whose mapping is ``index`` (read from a serialised observation)."""
        new = TakenIndex()
        new._index = index
        return new

    def extended(self, items: tuple[NewsItem, ...]) -> TakenIndex:
        """The index of this one's news followed by ``items``."""
        return TakenIndex(items, self)

    @property
    def index(self) -> dict[str, int]:
        """The mapping, shared by every observation that holds this index: read it, never change it."""
        known = self._index
        if known is not None:
            return known
        with _INDEXING:  # the UI's AI worker and its window may read the same chain
            pending: list[TakenIndex] = []  # the links not yet worked out, newest first: walked, not recursed
            node: TakenIndex | None = self
            while node is not None and node._index is None:
                pending.append(node)
                node = node._parent
            index: dict[str, int] = {}
            if node is not None and node._index is not None:
                index = node._index
            for link in reversed(pending):
                # in turn order: the last item of an action is its latest
                found: dict[str, int] = {}
                for item in link._items:
                    source = item.source
                    if source.startswith(_PREFIXES):
                        found[source] = item.turn
                if found:  # the same keys in the same order, with the same turns, as assigning item by item
                    index = {**index, **found}
                link._index, link._parent, link._items = index, None, ()  # drop the items once indexed
            return index

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TakenIndex):
            return self is other or self.index == other.index
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like the dict it stands for

    def __repr__(self) -> str:
        return f"TakenIndex({self.index!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        mapping = core_schema.dict_schema(core_schema.str_schema(), core_schema.int_schema())
        from_mapping = core_schema.no_info_after_validator_function(TakenIndex.of, mapping)
        return core_schema.json_or_python_schema(
            json_schema=from_mapping,
            python_schema=core_schema.union_schema([core_schema.is_instance_schema(TakenIndex), from_mapping]),
            serialization=core_schema.plain_serializer_function_ser_schema(_mapping, return_schema=mapping),
        )


def _mapping(taken: TakenIndex) -> dict[str, int]:
    """How an index serialises: its mapping."""
    return taken.index
