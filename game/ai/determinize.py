"""Determinization for the search AI: sampled worlds consistent with what one country can see.

Information-set search needs to play the game forward, and the rules play forward only on a full
state. So this module samples full worlds — the hidden parts of one, which ``rules.worlds`` puts
together with the public facts into a world to play, and a rules-only Scenario to resolve it with —
from nothing but the searching country's own Observation and the public RulesView:

- public facts (meters, trust, flags, declarations, verification, deals and their public status)
  are copied from the Observation;
- what the country cannot see is drawn at random in a way consistent with its knowledge: the DPRK's
  stocks from the country's own estimate ranges, the sites from those it knows or suspects (and, by
  chance, one it does not), the others' political capital from their income, the others' estimates
  around the DPRK's truth when the DPRK is the one searching.

The real state is never passed here or anywhere in game/ai: every input is an Observation or a
RulesView, and the sampled world is thrown away after one simulation. No module of game/ai names the
game's state: the rules assemble the world (tests/test_layers.py).
"""

from __future__ import annotations

import random
from typing import Final

from ..model.ids import Actor, Phase
from ..model.observation import Observation, RulesView
from ..model.program import Estimate, ProgramTruth, Range, Site
from ..model.scenario import CalendarSpec, ParameterSpec, ProgramSpec, Scenario, StartSpec
from ..rules.worlds import World, sampled_world
from .reading import taken

NOMINAL_RATES: Final = {
    "reactor": ("pu_rate", 0.6, 1.2),
    "enrichment": ("heu_rate", 6.0, 20.0),
    "reprocessing": ("pu_rate", 0.0, 0.3),
}
PHANTOM_SITE_P: Final = 0.35  # chance a sampled world holds a covert enrichment hall nobody suspects


def rules_scenario(rules: RulesView, start_warheads: float, start_troops: float) -> Scenario:
    """A Scenario carrying only the public rules, for resolving sampled states. The start block is
    not the scenario's secret one: it holds the two public reference values scoring reads."""
    program = ProgramSpec.model_construct(
        warheads=max(1, int(round(start_warheads))), pu_kg=0.0, heu_kg=0.0, missile_readiness=0.0, sites=[]
    )
    start = StartSpec.model_construct(
        meters={"us_troops": start_troops}, capital={}, trust={}, flags=[], program=program, estimates={}
    )
    return Scenario.model_construct(
        id=rules.id,
        title=rules.title,
        description="",
        turns=rules.turns,
        calendar=CalendarSpec.model_construct(start_year=2019, start_month=1, months_per_turn=1),
        actors=list(rules.actors),
        capital_income=dict(rules.capital_income),
        capital_cap=rules.capital_cap,
        max_proposals=rules.max_proposals,
        parameters={k: ParameterSpec.model_construct(value=v, doc="") for k, v in rules.parameters.items()},
        start=start,
        actions=list(rules.actions),
        events=list(rules.events),
        objectives=dict(rules.objectives),
        variants={},
        personalities=dict(rules.personalities),
        world=rules.world,
    )


def _draw(r: Range, rng: random.Random) -> float:
    if r.high <= r.low:
        return r.low
    return rng.triangular(r.low, r.high, r.mid)


def _sample_program(obs: Observation, rules: RulesView, viewer: Actor, rng: random.Random) -> ProgramTruth:
    if obs.program is not None:  # the DPRK knows its own program
        return obs.program
    est = obs.estimates.get(viewer)
    if est is None:
        low, high = rules.start_warheads_public
        est = Estimate(
            warheads=Range(low, high, 0.3), pu_kg=Range(20, 60, 0.3), heu_kg=Range(200, 800, 0.3), suspicion={}
        )
    sites = []
    for s in obs.sites:
        status = s.public_status or "active"
        if status in ("frozen", "dismantled") and not s.verified and rng.random() < s.suspicion * 0.5:
            status = "restarted"
        rates = {"pu_rate": 0.0, "heu_rate": 0.0}
        nominal = NOMINAL_RATES.get(s.kind)
        if nominal:
            rates[nominal[0]] = rng.uniform(nominal[1], nominal[2])
        covert = not s.declared and s.public_status is None and s.suspicion < 1.0
        sites.append(
            Site(
                id=s.id,
                name=s.name,
                kind=s.kind,
                status=status,
                covert=covert,
                declared=s.declared,
                lat=s.lat,
                lon=s.lon,
                detected=s.suspicion >= 1.0 and not s.declared,
                essential=s.essential,
                **rates,
            )
        )
    if not any(s.covert for s in sites) and rng.random() < PHANTOM_SITE_P:
        sites.append(
            Site(
                id="sampled-covert-hall",
                name="Suspected covert hall",
                kind="enrichment",
                status="active",
                covert=True,
                pu_rate=0.0,
                heu_rate=rng.uniform(5.0, 15.0),
                lat=39.0,
                lon=125.8,
            )
        )
    return ProgramTruth(
        warheads=max(0, int(round(_draw(est.warheads, rng)))),
        pu_kg=max(0.0, _draw(est.pu_kg, rng)),
        heu_kg=max(0.0, _draw(est.heu_kg, rng)),
        missile_readiness=50.0,
        sites=tuple(sites),
    )


def _sample_estimates(
    obs: Observation, program: ProgramTruth, viewer: Actor, rng: random.Random
) -> dict[Actor, Estimate]:
    own = obs.estimates.get(viewer)
    out: dict[Actor, Estimate] = {}
    for actor in obs.actors:
        if actor is Actor.DPRK:
            continue
        if actor is viewer and own is not None:
            out[actor] = own
        elif own is not None:
            out[actor] = own  # the allies' and China's estimates: assumed no better than ours
        else:  # the DPRK guesses what the others believe of it

            def around(truth: float) -> Range:
                spread = max(2.0, truth * rng.uniform(0.3, 0.7))
                centre = truth * rng.uniform(0.8, 1.2)
                return Range(max(0.0, centre - spread), centre + spread, 0.4)

            suspicion = {s.id: rng.uniform(0.0, 0.4) for s in program.sites if s.covert}
            out[actor] = Estimate(
                warheads=around(program.warheads),
                pu_kg=around(program.pu_kg),
                heu_kg=around(program.heu_kg),
                suspicion=suspicion,
            )
    return out


def sample_state(obs: Observation, rules: RulesView, viewer: Actor, rng: random.Random) -> World:
    """One world consistent with ``viewer``'s Observation (``rules.worlds`` assembles it). Others' sealed
    orders are not known and are left for the simulation to sample; proposals already received count as
    sent."""
    if not isinstance(obs, Observation):  # the boundary is a type: never a real state, whatever a caller holds
        raise TypeError(f"sample_state takes the viewer's Observation, not {type(obs).__name__}")
    program = _sample_program(obs, rules, viewer, rng)
    capital = {}
    for actor in obs.actors:
        if actor in obs.capital:
            capital[actor] = obs.capital[actor]
        else:
            income = rules.capital_income.get(actor, 0)
            capital[actor] = min(rules.capital_cap, int(round(income * rng.uniform(1.0, 2.0))))
    done = taken(obs)
    fired = frozenset(n.source[6:] for n in obs.news if n.source.startswith("event:"))
    submitted: frozenset[Actor] = frozenset()
    if obs.phase is Phase.PROPOSE:
        submitted = frozenset(p.proposer for p in obs.proposals if p.proposer is not viewer)
    orders = {}
    if obs.own_orders:
        orders[viewer] = tuple(obs.own_orders)
    return sampled_world(
        obs,
        parameters=dict(rules.parameters),
        program=program,
        capital=capital,
        estimates=_sample_estimates(obs, program, viewer, rng),
        last_taken=done,
        fired_events=fired,
        submitted=submitted,
        orders=orders,
    )


def reference_values(obs: Observation, rules: RulesView) -> tuple[float, float]:
    """The start-of-game warheads and US troop level that scoring measures against, as ``obs`` knows them."""
    if obs.program is not None:
        warheads = float(obs.program.warheads + obs.verified.warheads_surrendered)
    else:
        warheads = sum(rules.start_warheads_public) / 2
    return warheads, rules.start_meters["us_troops"]
