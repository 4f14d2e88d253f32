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
        phase = match.phase
        legal = match.legal_orders(actor) if phase is not Phase.PROPOSE else []
        rng = controller_rng(match.seed, actor, match.state.turn, phase.value)
        match.submit(brain.act(match.observe(actor), legal, rng))
        return True
    return False


def run(match: Match, controllers: dict[Actor, Controller], on_turn=None) -> None:
    """Play until the game ends or only seats without controllers remain to act.
    ``on_turn(record)`` is called after each resolved turn."""
    seen = match.turns_resolved
    while not match.over and step(match, controllers):
        if on_turn is not None and match.turns_resolved > seen:
            for record in match.turns[seen:]:
                on_turn(record)
            seen = match.turns_resolved
