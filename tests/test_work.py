"""A turn's Work: the estimates it refines are working records, frozen once, and the state it came from
stays as it was (rules are pure)."""

from game.model.ids import Actor
from game.model.program import Estimate
from game.rules.dice import Dice
from game.rules.program import expose, hidden_sites, refine, widen_estimates
from game.rules.work import Work
from game.scenario.setup import initial_state


def test_estimates_change_in_the_work_and_freeze_once(hanoi):
    state = initial_state(hanoi, None)
    before = {actor: est.model_dump() for actor, est in state.estimates.items()}
    work = Work(state, hanoi, Dice(3))
    refine(work, Actor.US, 0.8)
    widen_estimates(work)
    site = hidden_sites(work)[0]
    expose(work, Actor.US, site)
    after = work.freeze()
    assert {actor: est.model_dump() for actor, est in state.estimates.items()} == before  # untouched
    assert all(type(est) is Estimate for est in after.estimates.values())
    us = after.estimates[Actor.US]
    assert us.suspicion[site.id] == 1.0 and state.estimates[Actor.US].suspicion.get(site.id, 0.0) < 1.0
    assert us.warheads != state.estimates[Actor.US].warheads
    assert Estimate.model_validate(us.model_dump()) == us  # a valid model, as a save reloads it
