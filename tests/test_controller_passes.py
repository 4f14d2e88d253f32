"""A seat that gives no orders hands back the submission of its last pass in the phase when its reasons are
the same (``PhaseController._pass``): it must be the very submission a fresh one would be."""

import random

from game.ai.random_ai import RandomController
from game.engine import Match
from game.model.ids import Actor, Phase
from game.model.orders import Submission
from game.views import rules_view


def passes(seat, obs, tries):
    """The submissions of ``seat`` that give no orders, over ``tries`` draws (each its own generator)."""
    given = [seat.act(obs, [], random.Random(k)) for k in range(tries)]
    return [s for s in given if not s.orders]


def test_a_pass_is_the_submission_built_afresh(hanoi):
    match = Match(hanoi, 0)
    seat = RandomController(Actor.ROK, rules_view(hanoi))
    obs = match.observe(Actor.ROK).replace(phase=Phase.PROPOSE)
    given = passes(seat, obs, 20)
    assert len(given) > 5  # a random seat passes more often than not
    for submission in given:
        assert submission == Submission(
            actor=Actor.ROK, phase=Phase.PROPOSE, orders=(), rationale="no proposal this turn"
        )
    assert all(s is given[0] for s in given)  # the same reasons: the same value, given again


def test_other_reasons_or_another_phase_give_a_new_pass(hanoi):
    match = Match(hanoi, 0)
    seat = RandomController(Actor.ROK, rules_view(hanoi))
    obs = match.observe(Actor.ROK).replace(phase=Phase.ORDERS)
    proposing = passes(seat, obs.replace(phase=Phase.PROPOSE), 10)[0]
    ordering = seat.act(obs, [], random.Random(0))  # nothing legal: nothing ordered
    assert ordering == Submission(actor=Actor.ROK, phase=Phase.ORDERS, orders=(), rationale="random: nothing")
    assert proposing.phase is Phase.PROPOSE and proposing.rationale == "no proposal this turn"
    assert passes(seat, obs.replace(phase=Phase.PROPOSE), 10)[0] is proposing  # each phase keeps its own
