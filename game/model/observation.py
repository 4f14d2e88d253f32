"""What one actor may see, built field by field in game.views. Nothing here is a copy of the
state with secrets deleted: a field exists only if views fills it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .base import Frozen
from .memo import Memo

from .deals import Commitment, Proposal
from .ids import Actor
from .log import MeterChange, NewsItem
from .orders import ActionOrder
from .program import Declaration, Estimate, ProgramTruth
from .public import PublicFacts, PublicSite
from .scenario import WorldSpec
from .taken import TakenIndex as TakenIndex  # (its own module, compiled: game/native.py)


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
