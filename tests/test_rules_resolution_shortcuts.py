"""Resolution's shortcuts give what the full rule gives: the ratchet skipped for meters it never slows,
verified steps and the end check without weighing the sites when that cannot matter, and the tables of
actors' codes and trust pair keys."""

from __future__ import annotations

import itertools

from game.model.ids import ACTOR_CODES, ALL_ACTORS, METER_BOUNDS, Outcome, pair_key
from game.rules.assessment import end_check
from game.rules.dice import Dice
from game.rules.precedent import verified_steps
from game.rules.ratchet import CHEATING_EXPOSED, may_hold_back, retightening
from game.rules.work import Work
from game.scenario.setup import initial_state


def test_the_ratchet_returns_the_change_as_given_for_every_meter_it_may_not_hold_back(hanoi):
    """With the ratchet at its strongest (peace, cheating exposed, a tight ceiling and rate), every meter
    ``may_hold_back`` leaves out moves by its full change, in any world's terms."""
    meters = {**initial_state(hanoi).meters, "peace_stage": 2.0, "sanctions_regime": 90.0}
    params = {**hanoi.parameters, "peace_retightening_rate": 0.25, "peace_regime_ceiling": 10.0}
    flags = {CHEATING_EXPOSED}
    for meter in METER_BOUNDS:
        for delta in (0.5, 3.0, 40.0):
            moved = retightening(meters, params, hanoi.world, meter, delta, flags)
            if not may_hold_back(meter):
                assert moved == delta, meter
    assert may_hold_back("sanctions_regime")
    eroded = [f"enforcement.{a.value}" for a in hanoi.world.peace_erodes]
    assert eroded and all(may_hold_back(m) for m in eroded)
    assert all(retightening(meters, params, hanoi.world, m, 4.0, flags) == 1.0 for m in eroded)


def test_verified_steps_is_zero_with_nothing_verified_as_the_weighing_gives(hanoi):
    state = initial_state(hanoi)
    sites = state.program.sites
    assert not state.verified.sites
    assert verified_steps(sites, state.verified, state.parameters) == 0.0
    every = {s.id: "active" for s in sites}  # listed, none shut: the full weighing, still nothing
    assert verified_steps(sites, state.verified.replace(sites=every), state.parameters) == 0.0
    shut = {s.id: "frozen" for s in sites}
    frozen = tuple(s.replace(status="frozen") for s in sites)
    assert verified_steps(frozen, state.verified.replace(sites=shut), state.parameters) == 100.0


def test_the_end_check_finds_denuclearization_only_under_a_treaty(hanoi):
    state = initial_state(hanoi)
    verified = state.verified.replace(sites={s.id: "dismantled" for s in state.program.sites})
    program = state.program.replace(sites=tuple(s.replace(status="dismantled") for s in state.program.sites))
    done = state.replace(verified=verified, program=program)
    treaty = Work(done.replace(meters={**done.meters, "peace_stage": 3.0}), hanoi, Dice(0))
    talks = Work(done.replace(meters={**done.meters, "peace_stage": 2.0}), hanoi, Dice(0))
    params = dict(done.parameters)
    treaty.params = talks.params = {**params, "denuclearization_threshold": 0.4}
    assert end_check(treaty)[0] is Outcome.DENUCLEARIZATION
    assert end_check(talks)[0] is None


def test_the_tables_hold_the_codes_and_pair_keys_the_rules_give(hanoi):
    assert all(ACTOR_CODES[a] == a.value for a in ALL_ACTORS)
    work = Work(initial_state(hanoi), hanoi, Dice(0))
    for a, b in itertools.permutations(ALL_ACTORS, 2):
        before = work.trust.get(pair_key(a, b), 50.0)
        work.add_trust(a, b, -1.0, "test", "test")
        assert work.trust[pair_key(a, b)] == before - 1.0
