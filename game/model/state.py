"""The whole game state. Frozen: rules build a new state, replacing only what changed."""

from __future__ import annotations

from typing import Any

from pydantic import field_serializer

from .base import Frozen
from .control import ControlState
from .deals import Commitment, Deal, Proposal
from .ids import Actor, Outcome, Phase, pair_key
from .log import LogDigest, MeterChange, NewsItem
from .orders import ActionOrder
from .program import Declaration, Estimate, ProgramTruth, Site, Verified


class GameState(Frozen):
    scenario_id: str
    turn: int  # 1-based
    phase: Phase
    actors: tuple[Actor, ...]
    parameters: dict[str, float]  # the scenario's causal parameters, with variant overrides

    meters: dict[str, float]  # public meters (see ids.METER_BOUNDS)
    capital: dict[Actor, int]  # private political capital
    trust: dict[str, float]  # pair key -> 0..100, public
    flags: frozenset[str]  # public facts: "liaison_office", "moratorium", ...

    program: ProgramTruth  # secret: DPRK and facilitator only
    declared: Declaration  # public
    verified: Verified  # public
    estimates: dict[Actor, Estimate]  # each private to its holder

    proposals: tuple[Proposal, ...] = ()  # this turn's, open or answered
    responses: dict[str, str] = {}  # proposal id -> accept / reject / counter
    deals: tuple[Deal, ...] = ()
    commitments: tuple[Commitment, ...] = ()

    submitted: frozenset[Actor] = frozenset()  # who has acted in the current phase (public)
    orders: dict[Actor, tuple[ActionOrder, ...]] = {}  # submitted this turn, sealed until resolution
    last_taken: dict[str, int] = {}  # "ACTOR:action" -> turn last taken (cooldown / once)
    fired_events: frozenset[str] = frozenset()

    news: tuple[NewsItem, ...] = ()  # everything reported so far, public and private
    changes: tuple[MeterChange, ...] = ()  # the last resolved turn's meter changes with causes
    history: tuple[dict[str, float], ...] = ()  # public meters at the end of each turn
    log_digest: LogDigest = LogDigest()  # running sha256 over the logs (news, history, changes): the state
    # hash covers them through it instead of reserialising them every turn
    outcome: Outcome | None = None
    outcome_reason: str = ""
    # --- white cell (issue 13): the control part of a facilitated game; None (and left out of the state
    # hash) in every other game, which therefore hashes as before
    control: ControlState | None = None

    @field_serializer("flags", "submitted", "fired_events")
    def _sorted_set(self, value: frozenset[Any]) -> list[Any]:  # list[Any]: its serialisation schema as before
        """Sets serialise sorted: their iteration order depends on PYTHONHASHSEED and on insertion history,
        and the state hash (and a save's snapshot) must be the same in every process."""
        return sorted(value)

    def with_log(
        self,
        news: tuple[NewsItem, ...] = (),
        history_row: dict[str, float] | None = None,
        changes: tuple[MeterChange, ...] | None = None,
    ) -> dict[str, Any]:
        """Updates that extend the logs (news, history; a turn's changes) and advance their digest (worked
        out when it is read: ``LogDigest``)."""
        update: dict[str, Any] = {"log_digest": self.log_digest.extended(news, history_row, changes)}
        if news:
            update["news"] = self.news + news
        if history_row is not None:
            update["history"] = self.history + (history_row,)
        if changes is not None:
            update["changes"] = changes
        return update

    def trust_between(self, a: Actor, b: Actor) -> float:
        return self.trust.get(pair_key(a, b), 50.0)

    def site(self, site_id: str) -> Site:
        return self.program.site(site_id)

    def site_status(self, site_id: str) -> str:
        return self.program.site(site_id).status

    def stock(self, name: str) -> float:
        if name == "inspection_access":
            return self.verified.inspection_access
        stock: float = getattr(self.program, name)
        return stock

    def all_sites(self) -> tuple[Site, ...]:
        return self.program.sites

    def any_detected(self) -> bool:
        return any(s.detected for s in self.program.sites)
