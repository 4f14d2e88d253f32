"""Fused action programs (rules.kinds.fuse_effects): a stretch of plain meter, trust and flag writes runs
as one applier, and that must do exactly what the effects' own appliers do one by one: the same meters,
clamps, ratchet, trust, flags and recorded changes, for every action and event of both scenarios."""

import pytest

from game.rules.dice import Dice
from game.rules.kinds import compile_effect, fuse_effects, run_effects
from game.rules.ratchet import CHEATING_EXPOSED
from game.rules.work import Work
from game.scenario import find_scenario, load_scenario
from game.scenario.setup import initial_state
from tests.helpers import effect_lists

SCENARIOS = ("hanoi-2019", "tutorial")


def _states(scenario):
    """The start, and a start under a peace regime with cheating exposed (the ratchet holds tightening back)
    and every meter at its top (the clamps bite)."""
    start = initial_state(scenario, None)
    ratcheted = start.replace(
        meters={**start.meters, "peace_stage": 2.0, "sanctions_regime": 95.0},
        flags=start.flags | {CHEATING_EXPOSED},
    )
    return start, ratcheted


def _applied(state, scenario, appliers):
    work = Work(state, scenario, Dice(7))
    run_effects(work, appliers, "cause", "label", "public")
    return work.freeze(None, tuple(work.changes))


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_fused_program_does_what_the_effects_do_one_by_one(name):
    scenario = load_scenario(find_scenario(name))
    fused_somewhere = False
    for state in _states(scenario):
        for what, actor, effects in effect_lists(scenario):
            fused = fuse_effects(effects, actor)
            one_by_one = tuple(compile_effect(effect, actor) for effect in effects)
            fused_somewhere = fused_somewhere or len(fused) < len(one_by_one)
            assert _applied(state, scenario, fused) == _applied(state, scenario, one_by_one), (what, actor)
    assert fused_somewhere
