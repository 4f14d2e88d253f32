"""public_view(state, scenario) -> PublicView: what a projector may show a whole room.

A whitelist, like observe(): every field is copied from the state on purpose, and only public ones.
Nothing here depends on any actor's private information (the DPRK's truth, estimates, political
capital, sealed orders, proposals, cables, hidden breaches), so two states that differ only in secrets
give the same public view (tests/test_public_view.py).
"""

from __future__ import annotations

from ..model.construct import replaced
from ..model.deals import Commitment
from ..model.program import Declaration
from ..model.public import PublicClock, PublicSite, PublicView
from ..model.scenario import Scenario
from ..model.state import GameState
from ..rules.control import awaiting_control


# Copies are made with model.construct's ``replaced`` itself: compiled, a model's ``replace`` method is an
# interpreted call with keyword arguments (pydantic refuses compiled methods on a model).


def public_commitment(c: Commitment) -> Commitment:
    """A hidden breach looks, to everyone but the facilitator, like the state before it."""
    if not c.breach_hidden:
        return c
    if c.clause.mode == "refrain":
        return replaced(c, {"state": "due", "breach_hidden": False})
    return replaced(c, {"breach_hidden": False})


def public_declaration(d: Declaration) -> Declaration:
    """The declaration as the world sees it: whether it matched the truth is the DPRK's secret."""
    return replaced(d, {"complete": False, "omitted": {}, "site_status": dict(d.site_status)})


def public_facts(state: GameState, scenario: Scenario) -> dict[str, object]:
    """The fields of PublicFacts, copied from the state one by one: what everyone sees alike."""
    return {  # a dict display: compiled, ``dict(**fields)`` is a generic call with keyword arguments
        "scenario_id": state.scenario_id,
        "turn": state.turn,
        "turns_total": scenario.turns,
        "date": scenario.date_label(state.turn),
        "phase": state.phase,
        "actors": state.actors,
        "meters": dict(state.meters),
        "trust": dict(state.trust),
        "flags": state.flags,
        "verified": state.verified,
        "deals": state.deals,
        "history": state.history,  # rows are shared, never mutated: the state only appends new rows
        "outcome": state.outcome,
        "outcome_reason": state.outcome_reason,
        "clock": _public_clock(state),
    }


def _public_clock(state: GameState) -> PublicClock | None:
    control = state.control
    if control is None:
        return None
    return PublicClock.trusted(
        limits=dict(control.clocks), paused=control.paused, awaiting_review=awaiting_control(state)
    )


def _public_sites(state: GameState) -> tuple[PublicSite, ...]:
    """Sites the world knows of: never covert, exposed by a detection, declared or verified. A covert
    site's existence is itself a secret until then."""
    declared, verified = state.declared, state.verified
    out = []
    for site in state.program.sites:
        v = verified.sites.get(site.id)
        d = site.id in declared.sites
        if site.covert and not site.detected and not d and v is None:
            continue
        out.append(
            PublicSite.trusted(
                id=site.id,
                name=site.name,
                kind=site.kind,
                lat=site.lat,
                lon=site.lon,
                public_status=v or declared.site_status.get(site.id),
                verified=v is not None,
                declared=d,
                essential=site.essential,
            )
        )
    return tuple(out)


def public_view(state: GameState, scenario: Scenario) -> PublicView:
    return PublicView.trusted(
        **public_facts(state, scenario),
        submitted=tuple(a for a in state.actors if a in state.submitted),
        declared=public_declaration(state.declared),
        sites=_public_sites(state),
        commitments=tuple(public_commitment(c) for c in state.commitments),
        news=tuple(n for n in state.news if n.audience == "public"),
        changes=tuple(c for c in state.changes if c.audience == "public"),
    )
