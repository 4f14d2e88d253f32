"""Drive a Match with controllers until it ends or a seat without a controller must act."""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..engine import Match
from ..model.control import ClosePhase, ResolveTurn
from ..model.ids import PROPOSE, Actor
from ..model.observation import Observation
from ..model.orders import ActionOrder, RespondOrder, Submission
from ..views import rules_view
from .base import Controller, controller_rng


def make_controllers(match: Match, seats: dict[Actor, str]) -> dict[Actor, Controller]:
    from .registry import build_controller

    rules = rules_view(match.scenario, match.variant)
    return {actor: build_controller(spec, actor, rules) for actor, spec in seats.items()}


def decision_inputs(
    match: Match, actor: Actor
) -> tuple[Observation, Sequence[ActionOrder | RespondOrder], random.Random]:
    """What an AI seat decides from in the current phase: its Observation, its legal orders (none to
    choose from when proposing) and its RNG for this (seed, actor, turn, phase). The UI's worker takes
    them under its lock and decides outside it."""
    phase = match.phase
    legal: Sequence[ActionOrder | RespondOrder] = match.legal_orders(actor) if phase is not PROPOSE else []
    rng = controller_rng(match.seed, actor, match.state.turn, phase.value)
    return match.observe(actor), legal, rng


def decide(match: Match, actor: Actor, brain: Controller) -> Submission:
    """``brain``'s submission for ``actor`` in the current phase, from the seat's Observation alone."""
    return brain.act(*decision_inputs(match, actor))


def step(match: Match, controllers: dict[Actor, Controller]) -> bool:
    """Let the first pending AI seat act once. False when no AI seat can act (game over or humans)."""
    for actor in match.pending():
        brain = controllers.get(actor)
        if brain is None:
            continue
        match.submit(decide(match, actor, brain))
        return True
    return False


def close_phase(match: Match, expired: bool, reason: str = "") -> None:
    """The white cell closes the current phase (``expired``: its clock ran out): each seat that has not
    acted and has an AI stand-in in the setup gets that AI's submission, computed now and logged with the
    act; the others get none. A replay re-applies the logged act and needs neither the clock nor the AI."""
    control = match.state.control
    stand_ins = control.setup.stand_ins if control is not None else {}
    specs = {actor: stand_ins[actor] for actor in match.pending() if actor in stand_ins}
    subs = tuple(decide(match, actor, brain) for actor, brain in make_controllers(match, specs).items())
    match.control(ClosePhase(expired=expired, stand_ins=subs), reason)


def run(match: Match, controllers: dict[Actor, Controller], on_turn=None, accept_orders: bool = False) -> None:
    """Play until the game ends or only seats without controllers remain to act.
    ``on_turn(record)`` is called after each resolved turn. ``accept_orders``: in a facilitated game, a
    headless white cell accepts each turn's sealed orders as given (a logged ``ResolveTurn``)."""
    seen = match.turns_resolved
    while not match.over and (step(match, controllers) or accept_orders and _accept(match)):
        if on_turn is not None and match.turns_resolved > seen:
            for record in match.turns[seen:]:
                on_turn(record)
            seen = match.turns_resolved


def _accept(match: Match) -> bool:
    if not match.awaiting_control():
        return False
    match.control(ResolveTurn(), "accepted as ordered (no white cell at the table)")
    return True
