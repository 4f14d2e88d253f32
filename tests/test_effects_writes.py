"""The fused write loop (rules.kinds: ``_run_writes``) does inline what ``Work.add``, ``Work.add_trust_key``
and the flag set do: for every action, chance outcome and event of both scenarios, applied where the
clamps bite and the ratchet holds back, the same meters, trust, flags and recorded changes, to the bit."""

import pytest

from game.rules.conditions import meter_name
from game.rules.dice import Dice
from game.rules.kinds import fuse_effects, run_effects, trust_source, trust_targets
from game.rules.numbers import resolve_number
from game.rules.ratchet import CHEATING_EXPOSED, may_hold_back, retightening
from game.rules.work import Work
from game.model.ids import pair_key
from game.scenario import find_scenario, load_scenario
from game.scenario.setup import initial_state
from tests.helpers import effect_lists

SCENARIOS = ("hanoi-2019", "tutorial")


def _states(scenario):
    """The start; a start under a peace regime with cheating exposed and every meter and trust at its top;
    and every meter and trust at its bottom."""
    start = initial_state(scenario, None)
    top = start.replace(
        meters={**{k: 100.0 for k in start.meters}, "peace_stage": 2.0, "sanctions_regime": 95.0},
        trust={k: 99.5 for k in start.trust},
        flags=start.flags | {CHEATING_EXPOSED},
    )
    bottom = start.replace(meters={k: 0.0 for k in start.meters}, trust={k: 0.25 for k in start.trust})
    return start, top, bottom


def _by_methods(work, effects, actor):
    """The plain writes applied through Work's own methods, one by one (the other kinds are skipped)."""
    for e in effects:
        if e.kind == "meter":
            name = meter_name(e.meter, actor)
            delta = resolve_number(e.delta, work.params)
            if may_hold_back(name):
                delta = retightening(work.meters, work.params, work.world, name, delta, work.flags)
            work.add(name, delta, "cause", "label", "public")
        elif e.kind == "trust":
            source = trust_source(e, actor)
            for other in trust_targets(e, actor):
                work.add_trust_key(pair_key(source, other), resolve_number(e.delta, work.params), "cause", "label")
        elif e.kind == "flag":
            (work.flags.add if e.set else work.flags.discard)(e.flag)


def _frozen(work):
    return work.freeze(None, tuple(work.changes))


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_write_loop_does_what_works_methods_do(name):
    scenario = load_scenario(find_scenario(name))
    written = 0
    for state in _states(scenario):
        for what, actor, effects in effect_lists(scenario):
            plain = [e for e in effects if e.kind in ("meter", "trust", "flag")]
            if not plain:
                continue
            fused, by_methods = Work(state, scenario, Dice(7)), Work(state, scenario, Dice(7))
            run_effects(fused, fuse_effects(plain, actor), "cause", "label", "public")
            _by_methods(by_methods, plain, actor)
            assert fused.changes == by_methods.changes, (what, actor)
            assert _frozen(fused) == _frozen(by_methods), (what, actor)
            written += len(fused.changes)
    assert written
