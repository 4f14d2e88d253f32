"""The one phase machine (rules.turn.submit): every submission goes through it, and it closes a phase
when its last seat has acted."""

import ast
import random
from pathlib import Path

import pytest

from game.ai.random_ai import RandomController
from game.ai.registry import build_controller
from game.model.ids import Actor, Phase
from game.model.orders import ActionOrder, ProposeOrder, Submission
from game.model.deals import Clause
from game.rules.dice import Dice
from game.rules.legality import legal_orders
from game.rules.turn import pending, submit
from game.scenario.setup import initial_state
from game.views import observe, rules_view

GAME = Path(__file__).resolve().parents[1] / "game"


def test_a_phase_closes_when_its_last_seat_has_acted(mini):
    state, dice = initial_state(mini), Dice(3)
    offer = ProposeOrder(
        actor=Actor.US,
        recipient=Actor.DPRK,
        clauses=(Clause(actor=Actor.US, action="exemption"), Clause(actor=Actor.DPRK, action="freeze_yongbyon")),
    )
    for actor in pending(state):
        assert state.phase is Phase.PROPOSE
        state = submit(
            state,
            mini,
            dice,
            Submission(actor=actor, phase=Phase.PROPOSE, orders=(offer,) if actor is Actor.US else ()),
        )
    assert state.phase is Phase.RESPOND and pending(state) == [Actor.DPRK]  # only the recipient answers
    dprk = RandomController(Actor.DPRK, rules_view(mini))
    answer = dprk.act(observe(state, mini, Actor.DPRK), legal_orders(state, mini, Actor.DPRK), random.Random(0))
    state = submit(state, mini, dice, answer)
    assert state.phase is Phase.ORDERS  # no counter-offer to answer: that phase is skipped
    for actor in pending(state):
        state = submit(state, mini, dice, Submission(actor=actor, phase=Phase.ORDERS))
    assert state.turn == 2 and state.phase is Phase.PROPOSE  # the last orders resolved the turn


def test_a_submission_for_another_phase_or_of_the_wrong_kind_is_refused(mini):
    state, dice = initial_state(mini), Dice(3)
    with pytest.raises(ValueError, match="expected the orders phase, the game is in propose"):
        submit(state, mini, dice, Submission(actor=Actor.US, phase=Phase.ORDERS))
    with pytest.raises(ValueError, match="holds only ProposeOrders"):
        submit(
            state,
            mini,
            dice,
            Submission(actor=Actor.US, phase=Phase.PROPOSE, orders=(ActionOrder(actor=Actor.US, action="exemption"),)),
        )
    state = submit(state, mini, dice, Submission(actor=Actor.US, phase=Phase.PROPOSE))
    with pytest.raises(ValueError, match="already sent"):
        submit(state, mini, dice, Submission(actor=Actor.US, phase=Phase.PROPOSE))


def test_nothing_outside_the_rules_steps_a_phase_itself():
    """The phase steps are private to rules/turn.py: Match, the AI runner, the search's sampled worlds
    and the UI reach them only through ``submit``."""
    private = {
        "_submit_proposals",
        "_close_proposals",
        "_submit_responses",
        "_close_responses",
        "_submit_orders",
        "_resolve",
    }
    for path in GAME.rglob("*.py"):
        if path == GAME / "rules" / "turn.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute):
                assert node.attr not in private, f"{path}: {node.attr}"
            if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("turn"):
                assert not {a.name for a in node.names} & private, path


def test_every_ai_kind_acts_through_one_call(mini):
    state = initial_state(mini)
    rules = rules_view(mini)
    for spec in ("random", "heuristic", "search:4it"):
        brain = build_controller(spec, Actor.US, rules)
        submission = brain.act(observe(state, mini, Actor.US), [], random.Random(0))
        assert isinstance(submission, Submission) and submission.phase is Phase.PROPOSE
        assert submission.actor is Actor.US
