"""Drive a Match with controllers until it ends or a seat without a controller must act."""
from __future__ import annotations

from ..engine import Match
from ..model.ids import Actor, Phase
from ..views import rules_view
from .base import Controller, controller_rng


def make_controllers(match: Match, seats: dict[Actor, str]) -> dict[Actor, Controller]:
    from .registry import build_controller

    rules = rules_view(match.scenario, match.variant)
    return {actor: build_controller(spec, actor, rules) for actor, spec in seats.items()}


def step(match: Match, controllers: dict[Actor, Controller]) -> bool:
    """Let the first pending AI seat act once. False when no AI seat can act (game over or humans)."""
    for actor in match.pending():
        brain = controllers.get(actor)
        if brain is None:
            continue
        obs = match.observe(actor)
        phase = match.phase
        rng = controller_rng(match.seed, actor, match.state.turn, phase.value)
        if phase is Phase.PROPOSE:
            d = brain.propose(obs, rng)
            match.propose(actor, d.orders, d.rationale)
        elif phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            d = brain.respond(obs, match.legal_orders(actor), rng)
            match.respond(actor, d.orders, d.rationale)
        else:
            d = brain.decide(obs, match.legal_orders(actor), rng)
            match.order(actor, d.orders, d.rationale)
        return True
    return False


def run(match: Match, controllers: dict[Actor, Controller], on_turn=None) -> None:
    """Play until the game ends or only seats without controllers remain to act.
    ``on_turn(record)`` is called after each resolved turn."""
    seen = len(match.turns)
    while not match.over and step(match, controllers):
        if on_turn is not None and len(match.turns) > seen:
            for record in match.turns[seen:]:
                on_turn(record)
            seen = len(match.turns)
