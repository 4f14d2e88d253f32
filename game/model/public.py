"""The public view: what everyone may see, for a projector in front of a room.

Its own model, not an Observation with the private fields emptied: a field exists here only if it is
public, so a new secret in GameState cannot reach a projector by default. Built in game.views.public.
"""

from __future__ import annotations

from .base import Frozen
from .deals import Commitment, Deal
from .ids import Actor, Outcome, Phase
from .log import MeterChange, NewsItem
from .program import Declaration, SiteStatus, Verified


class PublicSite(Frozen):
    """A site the world knows of (never covert, declared, verified, or exposed), with its public status."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    public_status: SiteStatus | None  # verified, else declared, else None (unknown)
    verified: bool
    declared: bool
    essential: float = 1.0  # the site's essential value (C3), an analysts' judgement the world shares


class PublicClock(Frozen):
    """A facilitated game's phase clocks as everyone may see them (white cell, issue 13). The time left is
    the front end's to count: the rules never read a clock."""

    limits: dict[Phase, int]  # seconds per phase; a phase not listed, or 0, has no limit
    paused: bool
    awaiting_review: bool  # every seat has given its orders; the white cell has yet to accept them


class PublicFacts(Frozen):
    """What everyone sees alike: the projector's view and every actor's Observation start from these."""

    scenario_id: str
    turn: int
    turns_total: int
    date: str
    phase: Phase
    actors: tuple[Actor, ...]
    meters: dict[str, float]
    trust: dict[str, float]
    flags: frozenset[str]
    verified: Verified
    deals: tuple[Deal, ...]
    history: tuple[dict[str, float], ...]
    outcome: Outcome | None
    outcome_reason: str
    clock: PublicClock | None  # a facilitated game's clocks; None without a white cell


class PublicView(PublicFacts):
    submitted: tuple[Actor, ...]  # who has acted in the current phase, in actor order
    declared: Declaration  # ``complete`` (whether it matched the truth) is always False here
    sites: tuple[PublicSite, ...]
    commitments: tuple[Commitment, ...]  # public status: hidden breaches look unbreached
    news: tuple[NewsItem, ...]  # public news only, no cables
    changes: tuple[MeterChange, ...]  # the last turn's public meter changes
