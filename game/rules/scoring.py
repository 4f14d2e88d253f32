"""Scores: each actor's weighted objectives from the scenario, on a 0-100 scale."""

from __future__ import annotations

from collections.abc import Mapping

from ..model.ids import Actor, Outcome, Phase, meter_bounds
from ..model.scenario import ObjectiveTerm, Scenario
from ..model.state import GameState
from .assessment import denuclearization_share, project
from .program import deterrent_credibility


def presence_reference(start_meters: Mapping[str, float]) -> float:
    """The US troop level the ``us_presence`` objective measures against: the scenario's start."""
    return max(1.0, start_meters["us_troops"])


def trust_dprk_divisor(actor: Actor, others: int) -> float:
    """Points of trust between ``actor`` and the DPRK that move the ``trust_dprk`` objective's value
    (0..1) by one: the DPRK counts the mean of its ``others`` partners' trust, the others their own."""
    return 100.0 * others if actor is Actor.DPRK else 100.0


def term_value(term: ObjectiveTerm, state: GameState, scenario: Scenario, actor: Actor) -> float:
    """The term's normalised value in [0, 1], before inversion."""
    if term.meter is not None:
        name = term.meter.replace(".self", f".{actor.value}")
        low, high = meter_bounds(name)
        return (state.meters[name] - low) / (high - low)
    metric: str | None = term.metric  # annotated: mypyc infers None for it here
    if metric == "denuclearization":
        return denuclearization_share(state, state.parameters)
    if metric == "arsenal":  # the warheads kept, as far as proven delivery makes them a deterrent (w3a)
        start = max(1, scenario.start.program.warheads)
        credible = deterrent_credibility(state.parameters, state.program.missile_readiness)
        return min(1.0, state.program.warheads / start) * credible
    if metric == "sanctions_relief":
        return 1 - state.meters["sanctions_pressure"] / 100
    if metric == "peace_regime":
        return state.meters["peace_stage"] / 3
    if metric == "no_war":
        return 0.0 if state.outcome is Outcome.WAR else 1.0
    if metric == "trust_dprk":
        if actor is Actor.DPRK:
            others = [state.trust_between(a, Actor.DPRK) for a in state.actors if a is not Actor.DPRK]
            return sum(others) / len(others) / 100 if others else 0.5
        return state.trust_between(actor, Actor.DPRK) / 100
    if metric == "us_presence":
        start_troops = presence_reference(scenario.start.meters)
        return 0.5 * min(1.0, state.meters["us_troops"] / start_troops) + 0.5 * state.meters["exercises"] / 100
    raise ValueError(f"unknown metric {metric}")


def score(state: GameState, scenario: Scenario, actor: Actor) -> float:
    terms = scenario.objectives.get(actor, [])
    total = sum(abs(t.weight) for t in terms)
    if not total:
        return 0.0
    value = 0.0
    for term in terms:
        v = max(0.0, min(1.0, term_value(term, state, scenario, actor)))
        value += abs(term.weight) * (1 - v if term.invert else v)
    return round(100 * value / total, 2)


def scores(state: GameState, scenario: Scenario) -> dict[Actor, float]:
    return {a: score(state, scenario, a) for a in state.actors}


def projected_score(state: GameState, scenario: Scenario, actor: Actor, turns: int) -> float:
    """``actor``'s score at the end of the game if nobody acted again: the rules' own drifts for the
    turns left (``rules.assessment.project``) applied to the sampled world's meters, then the
    scenario's scoring. The search AI's leaf value, on a world it sampled: it cannot
    afford to play to the end."""
    left = max(0, turns - state.turn + 1)
    if not left or state.phase is Phase.ENDED:
        return score(state, scenario, actor)
    meters = project(state.meters, state.parameters, state.actors, scenario.world, left)
    return score(state.replace(meters=meters), scenario, actor)
