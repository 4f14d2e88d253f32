"""What one actor may see, built field by field in game.views. Nothing here is a copy of the
state with secrets deleted: a field exists only if views fills it."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from .base import Frozen
from .memo import Memo

from .deals import Commitment, Proposal
from .ids import ACTION_SOURCE_PREFIXES, Actor
from .log import MeterChange, NewsItem
from .orders import ActionOrder
from .program import Declaration, Estimate, ProgramTruth
from .public import PublicFacts, PublicSite
from .scenario import WorldSpec


class TakenIndex:
    """``"ACTOR:action" -> the latest turn`` for every action a viewer's news shows taken (a source that
    starts with ``ids.ACTION_SOURCE_PREFIXES``), in the order the actions first appear: exactly what a scan
    of the news finds. The AI reads it at every decision (``ai.reading.taken``), the engine's turns and the
    screens never: so it is worked out when first read, and each viewer's index keeps only the news items
    it adds to that viewer's previous one until then (like ``log.LogDigest``), and reading it extends the
    last index read instead of rescanning the news. In a model it serialises as the mapping, and a mapping
    read back (an observation from JSON) becomes an index already worked out."""

    __slots__ = ("_index", "_parent", "_items")

    def __init__(self, items: tuple[NewsItem, ...] = ()) -> None:
        self._index: dict[str, int] | None = None
        self._parent: TakenIndex | None = None
        self._items = items

    @classmethod
    def of(cls, index: dict[str, int]) -> TakenIndex:
        """The index whose mapping is ``index`` (read from a serialised observation)."""
        new = cls()
        new._index = index
        return new

    def extended(self, items: tuple[NewsItem, ...]) -> TakenIndex:
        """The index of this one's news followed by ``items``."""
        new = TakenIndex.__new__(TakenIndex)
        new._index, new._parent, new._items = None, self, items
        return new

    @property
    def index(self) -> dict[str, int]:
        """The mapping, shared by every observation that holds this index: read it, never change it."""
        if self._index is not None:
            return self._index
        with _INDEXING:  # the UI's AI worker and its window may read the same chain
            pending = []  # the links not yet worked out, newest first: walked, not recursed
            node: TakenIndex | None = self
            while node is not None and node._index is None:
                pending.append(node)
                node = node._parent
            index: dict[str, int] = {} if node is None else node._index  # type: ignore[assignment]
            for node in reversed(pending):
                # in turn order: the last item of an action is its latest
                found = {n.source: n.turn for n in node._items if n.source.startswith(ACTION_SOURCE_PREFIXES)}
                if found:  # the same keys in the same order, with the same turns, as assigning item by item
                    index = {**index, **found}
                node._index, node._parent, node._items = index, None, ()  # drop the items once indexed
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
        from_mapping = core_schema.no_info_after_validator_function(cls.of, mapping)
        return core_schema.json_or_python_schema(
            json_schema=from_mapping,
            python_schema=core_schema.union_schema([core_schema.is_instance_schema(cls), from_mapping]),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda taken: taken.index, return_schema=mapping
            ),
        )


_INDEXING = threading.Lock()  # one chain is worked out at a time


class SiteView(PublicSite):
    """A site as the viewer knows it: what the world knows of it, and the viewer's own suspicion. The
    viewer may also see sites the world does not know of: its own (the DPRK) or ones it suspects."""

    suspicion: float  # the viewer's; 1.0 for the DPRK's own sites


class Observation(PublicFacts):
    """The public facts, and what ``viewer`` alone may see besides."""

    viewer: Actor | None  # None: the facilitator, who sees everything
    declared: Declaration  # ``complete`` only for the DPRK and the facilitator
    sites: tuple[SiteView, ...]

    capital: dict[Actor, int]  # own only (all for the facilitator)
    estimates: dict[Actor, Estimate]  # own only (all for the facilitator)
    program: ProgramTruth | None  # the DPRK's own truth; the facilitator's god view

    proposals: tuple[Proposal, ...]  # this turn's proposals the viewer sent, and those it received once
    # delivered: sealed until the phase they were made in closes
    awaiting_response: tuple[str, ...]  # ids of proposals the viewer must answer now
    responses: dict[str, str]  # its own answers; answers to its proposals once their phase has closed
    commitments: tuple[Commitment, ...]  # public status; hidden breaches look unbreached
    own_orders: tuple[ActionOrder, ...]

    news: tuple[NewsItem, ...]  # public news and the viewer's cables
    news_taken: TakenIndex  # the actions ``news`` shows taken, with the latest turn of each
    changes: tuple[MeterChange, ...]  # the last turn's changes the viewer may see

    # The world as the viewer knows it, shaped as the rules' conditions read it
    # (rules.conditions.ConditionView): the AI asks the rules' own evaluator.
    def site_status(self, site_id: str) -> str:
        """The site's status as the viewer knows it: the truth for the DPRK (and the facilitator), else
        what is verified or declared; a site whose status nobody has declared is taken to be active."""
        if self.program is not None:
            return self.program.site(site_id).status
        return next((s.public_status or "active" for s in self.sites if s.id == site_id), "active")

    def stock(self, name: str) -> float:
        """A stock of the program, where the viewer knows it (inspection access is public); LookupError
        where it only holds an estimate."""
        if name == "inspection_access":
            return self.verified.inspection_access
        if self.program is None:
            raise LookupError(f"{name} is not known to {self.viewer}")
        stock: float = getattr(self.program, name)
        return stock

    def knows_stock(self, name: str) -> bool:
        return name == "inspection_access" or self.program is not None

    def any_detected(self) -> bool:
        """Whether hidden activity has been exposed: public news of an exposure (or the truth)."""
        if self.program is not None:
            return any(s.detected for s in self.program.sites)
        return any(n.source.startswith("detection:") and n.audience == "public" for n in self.news)


class RulesView(Frozen):
    """The scenario's public rules, for AI controllers: everything but the hidden starting truth."""

    id: str
    title: str
    turns: int
    actors: tuple[Actor, ...]
    actions: tuple[Any, ...]  # ActionSpec, shared (frozen) with the scenario
    events: tuple[Any, ...]
    objectives: dict[Any, Any]
    variant: str | None  # the variant in play, if any
    parameters: dict[str, float]  # with the variant's overrides
    capital_income: dict[Actor, int]
    capital_cap: int
    max_proposals: int
    personalities: dict[Any, Any]
    start_warheads_public: tuple[float, float]  # the widest public range, not the truth
    world: WorldSpec  # the political map: alliances, intelligence sharing, who enforces sanctions
    start_meters: dict[str, float]  # the public meters the scenario starts from (scoring's references)

    @cached_property
    def memo(self) -> Memo:
        """What the AI derives from these rules alone (its valuer, each seat's static tables), built once
        and shared by every controller playing under them; it lives as long as this RulesView."""
        return Memo()
