"""The phase machine's shortcuts hold to the general path: the all-acted test (a set test in every phase)
is ``pending``'s emptiness, and an answer without a counter-offer leaves the proposals as they were."""

import random

from game.ai.random_ai import RandomController
from game.engine import Match
from game.model.ids import ANSWER_PHASES, Phase
from game.rules.turn import _all_acted, _enter, pending
from game.views import rules_view


def test_all_acted_is_pending_emptied_after_every_submission(hanoi):
    rules = rules_view(hanoi)
    brains = {a: RandomController(a, rules) for a in hanoi.actors}
    rng = random.Random(5)
    answered = closed = 0
    for seed in range(4):
        match = Match(hanoi, seed)
        while not match.over:
            before = match.state
            assert _all_acted(before) is (not pending(before))
            actor = pending(before)[0]
            legal = match.legal_orders(actor) if match.phase is not Phase.PROPOSE else []
            submission = brains[actor].act(match.observe(actor), legal, rng)
            entered = _enter(before, hanoi, submission)  # recorded, no phase closed yet
            assert _all_acted(entered) is (not pending(entered))
            closed += _all_acted(entered)
            match.submit(submission)
            if before.phase in ANSWER_PHASES and match.phase is before.phase:  # an answer, the phase still open
                answered += 1
                counters = [o for o in submission.orders if o.answer == "counter"]
                assert match.state.proposals[: len(before.proposals)] == before.proposals
                assert len(match.state.proposals) == len(before.proposals) + len(counters)
    assert answered > 5 and closed > 100
