"""What one actor may see, built field by field in game.views. Nothing here is a copy of the
state with secrets deleted: a field exists only if views fills it."""
from __future__ import annotations

from .base import Frozen

from .deals import Commitment, Proposal
from .ids import Actor
from .log import MeterChange, NewsItem
from .orders import ActionOrder
from .program import Declaration, Estimate, ProgramTruth
from .public import PublicFacts, PublicSite


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
    changes: tuple[MeterChange, ...]  # the last turn's changes the viewer may see


class RulesView(Frozen):
    """The scenario's public rules, for AI controllers: everything but the hidden starting truth."""

    id: str
    title: str
    turns: int
    actors: tuple[Actor, ...]
    actions: tuple  # ActionSpec, shared (frozen) with the scenario
    events: tuple
    objectives: dict
    variant: str | None  # the variant in play, if any
    parameters: dict[str, float]  # with the variant's overrides
    capital_income: dict[Actor, int]
    capital_cap: int
    max_proposals: int
    personalities: dict
    start_warheads_public: tuple[float, float]  # the widest public range, not the truth
