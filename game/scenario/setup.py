"""Build the initial GameState from a validated scenario, with an optional variant."""

from __future__ import annotations

from ..model.ids import Actor, Phase, pair_key
from ..model.program import Declaration, Estimate, ProgramTruth, Range, Site, Verified
from ..model.scenario import Scenario, WorldSpec
from ..model.state import GameState


def initial_state(scenario: Scenario, variant: str | None = None) -> GameState:
    """The scenario's start with the variant's overrides (before its opening moves: ``rules.turn.start_state``).
    It depends on nothing else (no seed), so it is built and validated once per (scenario, variant) and
    shared by every game started from it: it is frozen, and the rules only ever replace it."""
    if variant is not None and variant not in scenario.variants:
        known = ", ".join(scenario.variants) or "none"
        raise ValueError(f"scenario {scenario.id} has no variant '{variant}' (variants: {known})")
    return scenario.memo.get(("initial state", variant), lambda: _initial_state(scenario, variant))


def _initial_state(scenario: Scenario, variant: str | None) -> GameState:
    chosen = scenario.variants.get(variant) if variant else None
    parameters = {k: p.value for k, p in scenario.parameters.items()}
    meters = dict(scenario.start.meters)
    if chosen:
        parameters.update(chosen.parameters)
        meters.update(chosen.meters)
    start = scenario.start
    sites = tuple(
        Site(
            id=s.id,
            name=s.name,
            kind=s.kind,
            status=s.status,
            covert=s.covert,
            pu_rate=s.pu_rate,
            heu_rate=s.heu_rate,
            lat=s.lat,
            lon=s.lon,
            essential=s.essential,
        )
        for s in start.program.sites
    )
    program = ProgramTruth(
        warheads=start.program.warheads,
        pu_kg=start.program.pu_kg,
        heu_kg=start.program.heu_kg,
        missile_readiness=start.program.missile_readiness,
        sites=sites,
    )
    estimates = {
        actor: Estimate(
            warheads=Range(e.warheads.low, e.warheads.high, e.warheads.confidence),
            pu_kg=Range(e.pu_kg.low, e.pu_kg.high, e.pu_kg.confidence),
            heu_kg=Range(e.heu_kg.low, e.heu_kg.high, e.heu_kg.confidence),
            suspicion=dict(e.suspicion),
        )
        for actor, e in start.estimates.items()
        if actor is not Actor.DPRK
    }
    trust = {pair_key(*key.split("-")): value for key, value in start.trust.items()}
    return GameState(
        scenario_id=scenario.id,
        turn=1,
        phase=Phase.PROPOSE,
        actors=tuple(scenario.actors),
        parameters=parameters,
        meters=meters,
        capital={a: start.capital.get(a, 0) for a in scenario.actors},
        trust=trust,
        flags=frozenset(gated(start.flags, scenario.world, meters, parameters)),
        program=program,
        declared=Declaration(),
        verified=Verified(),
        estimates=estimates,
    )


def gated(flags, world: WorldSpec, meters, params) -> set[str]:
    """``flags`` with each of the world's gates opened or closed by the meters (issue 11, C11): the
    start state and every assessment (``rules.assessment.assess``) call this one function."""
    out = set(flags)
    for gate in world.gates:
        if gate.holds(meters, params):
            out.add(gate.flag)
        elif not gate.grants:
            out.discard(gate.flag)
    return out
