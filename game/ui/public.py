"""The projector view: only what is public, built field by field (a whitelist, like game.views).

It starts from the Observation of a non-DPRK actor and copies only public fields, so private
estimates, political capital, proposals, own orders and cables can never reach the projector. The
public site list keeps sites the world knows of: declared, verified or publicly exposed ones, and
those that were never covert.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.deals import Commitment, Deal
from ..model.ids import Actor, Outcome, Phase
from ..model.log import MeterChange, NewsItem
from ..model.observation import Observation, SiteView
from ..model.program import Declaration, Verified


@dataclass(frozen=True)
class PublicView:
    scenario_id: str
    turn: int
    turns_total: int
    date: str
    phase: Phase
    actors: tuple[Actor, ...]
    meters: dict[str, float]
    trust: dict[str, float]
    flags: frozenset[str]
    declared: Declaration
    verified: Verified
    sites: tuple[SiteView, ...]
    deals: tuple[Deal, ...]
    commitments: tuple[Commitment, ...]
    news: tuple[NewsItem, ...]
    changes: tuple[MeterChange, ...]
    history: tuple[dict[str, float], ...]
    outcome: Outcome | None
    outcome_reason: str
    submitted: tuple[Actor, ...] = ()
    # the private fields of an Observation, always empty here, so scenes can treat a PublicView like an
    # Observation of nobody
    viewer: None = None
    capital: dict = field(default_factory=dict)
    estimates: dict = field(default_factory=dict)
    responses: dict = field(default_factory=dict)
    program: None = None
    proposals: tuple = ()
    awaiting_response: tuple = ()
    own_orders: tuple = ()


def public_sites(obs: Observation, known: set[str]) -> tuple[SiteView, ...]:
    out = []
    for s in obs.sites:
        if s.id in known or s.declared or s.verified:
            out.append(s.model_copy(update={"suspicion": 0.0}))
    return tuple(out)


def build_public_view(obs: Observation, publicly_known_sites: set[str], submitted=()) -> PublicView:
    """``obs``: a non-DPRK actor's Observation. ``publicly_known_sites``: ids of sites that were never
    covert or have been exposed (the only fact taken from outside ``obs``)."""
    if obs.viewer is Actor.DPRK:
        raise ValueError("build the public view from a non-DPRK observation")
    return PublicView(
        scenario_id=obs.scenario_id, turn=obs.turn, turns_total=obs.turns_total, date=obs.date, phase=obs.phase,
        actors=obs.actors, meters=dict(obs.meters), trust=dict(obs.trust), flags=obs.flags,
        declared=obs.declared.model_copy(update={"complete": False}), verified=obs.verified,
        sites=public_sites(obs, publicly_known_sites), deals=obs.deals, commitments=obs.commitments,
        news=tuple(n for n in obs.news if n.audience == "public"),
        changes=tuple(c for c in obs.changes if c.audience == "public"),
        history=obs.history, outcome=obs.outcome, outcome_reason=obs.outcome_reason,
        submitted=tuple(submitted),
    )


def public_view_of(match) -> PublicView:
    """The public view of a Match, from its first non-DPRK actor's observation."""
    st = match.state
    viewer = next(a for a in st.actors if a is not Actor.DPRK)
    known = {s.id for s in st.program.sites if not s.covert or s.detected}
    submitted = tuple(a for a in st.actors if a in st.submitted)
    return build_public_view(match.observe(viewer), known, submitted)
