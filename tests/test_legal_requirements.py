"""Legality asks an action's meter, flag and site requirements inline (``legality._hold``: what each
compiled test compares, without calling it): it answers as the compiled tests (``conditions.test``)
do, in worlds whose flags, site statuses and meters the games never reached."""

import random

import pytest

from game.engine import Match
from game.model.ids import Phase, meter_bounds
from game.model.orders import IllegalOrder
from game.rules import legality
from game.rules.conditions import test as compiled_test

STATUSES = ("active", "frozen", "dismantled", "restarted")


def worlds(scenario, count, seed):
    """States in the orders phase with random flags (every flag any requirement names, each in place
    or not), site statuses and meters (each anywhere in its bounds, or at one of them)."""
    rng = random.Random(seed)
    base = Match(scenario, seed).state.replace(phase=Phase.ORDERS)
    flags = sorted({c.flag for a in scenario.actions for c in a.requires if c.flag is not None})
    for _ in range(count):
        sites = tuple(s.replace(status=rng.choice(STATUSES)) for s in base.program.sites)
        meters = {}
        for name, value in base.meters.items():
            low, high = meter_bounds(name)
            meters[name] = rng.choice((low, high, rng.uniform(low, high), value))
        yield base.replace(
            flags=frozenset(f for f in flags if rng.random() < 0.5),
            program=base.program.replace(sites=sites),
            meters=meters,
            capital={a: 99 for a in scenario.actors},
        )


def test_each_requirement_holds_where_its_compiled_test_holds(hanoi):
    kinds = set()
    for state in worlds(hanoi, 150, 3):
        for actor in hanoi.actors:
            for spec in hanoi.actions_by_actor[actor]:
                for cond in spec.requires:
                    req = legality._requirement(cond, actor)
                    kinds.add(req.kind)
                    got = legality._hold((req,), state, state.meters, state.flags, {})
                    assert got == compiled_test(cond, actor)(state), (spec.id, actor, cond)
    assert kinds == {legality._METER, legality._FLAG, legality._SITE, legality._OTHER}


@pytest.mark.parametrize("seed", [1, 2])
def test_legal_actions_and_check_orders_agree_with_the_compiled_tests(hanoi, seed):
    """The whole menu, with the site statuses read once for all of an actor's requirements."""
    for state in worlds(hanoi, 60, seed):
        for actor in hanoi.actors:
            expected = [
                spec.id
                for spec in hanoi.actions_by_actor[actor]
                if all(compiled_test(c, actor)(state) for c in spec.requires)
                and legality._timing_blocker(state, actor, spec) is None
            ]
            assert [o.action for o in legality.legal_actions(state, hanoi, actor)] == expected
            for spec in hanoi.actions_by_actor[actor]:
                order = legality.action_order(actor, spec.id)
                try:
                    legality.check_orders(state, hanoi, actor, [order])
                    legal = True
                except IllegalOrder:
                    legal = False
                assert legal == (spec.id in expected), (spec.id, actor)
