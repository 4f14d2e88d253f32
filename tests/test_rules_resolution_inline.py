"""The rules clamp and cap by comparisons written out (``b if b < a else a`` for ``min(a, b)``, ``b if b > a
else a`` for ``max(a, b)``), not by the built-ins, on the paths that run every turn or every pricing. These
tests hold each such rule to the ``min``/``max`` formula it replaces, to the bit, edge cases of the floats
(signed zeros, infinities, NaN, ties) included."""

from __future__ import annotations

import math
import struct
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from game.rules.assessment import (
    Projection,
    _enforcement_terms,
    _raw_pressure,
    inter_korean_benefit,
    pressure_target,
    sanctions_pressure,
)
from game.rules.dice import Dice
from game.rules.kinds import PROGRAM_OPS
from game.rules.program import deterrent_credibility, detection_hazard, prove_delivery, rust_readiness
from game.rules.work import Work
from game.scenario.setup import initial_state

EDGES = (-math.inf, -150.0, -100.0, -1.0, -1e-300, -0.0, 0.0, 1e-300, 0.5, 1.0, 49.999999, 100.0, 150.0, math.inf)
EDGES_NAN = EDGES + (math.nan,)


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _same(got: float, expected: float) -> bool:
    """The same value to the bit, and the same type (an int stays an int)."""
    return type(got) is type(expected) and _bits(got) == _bits(expected)


def test_deterrent_credibility_clamps_readiness_as_min_and_max_do():
    for share in (0.0, 0.3, 1.0):
        for readiness in EDGES_NAN:
            expected = 1.0 - share + share * max(0.0, min(100.0, readiness)) / 100.0
            got = deterrent_credibility({"readiness_deterrence": share}, readiness)
            assert _same(got, expected), (share, readiness)


def test_the_detection_hazard_caps_as_min_does():
    for cap in EDGES_NAN:
        for base in EDGES_NAN:
            params = {
                "detect_max": cap,
                "detect_base": base,
                "detect_intel": 0.4,
                "detect_inspection": 0.2,
                "detect_time_growth": 0.1,
            }
            for declared in (True, False):
                hazard = (base + 0.4 * 30.0 / 100 * 0.5 + 0.2 * (50.0 / 100 if declared else 50.0 / 400)) * (
                    1 + 0.1 * 2
                )
                got = detection_hazard(params, 50.0, declared, 0.5, 30.0, 2)
                assert _same(got, min(cap, hazard)), (cap, base, declared)


def test_the_inter_korean_benefit_caps_as_min_does():
    for exchange in EDGES_NAN:
        for cap in EDGES_NAN:
            got = inter_korean_benefit(exchange, {"inter_korean_access_cap": cap})
            assert _same(got, min(exchange, cap)), (exchange, cap)


def test_the_pressure_target_clamps_as_min_and_max_do(hanoi):
    state = initial_state(hanoi)
    meters, params = dict(state.meters), state.parameters
    for regime in EDGES_NAN:
        moved = {**meters, "sanctions_regime": regime}
        expected = max(0.0, min(100.0, sum(sanctions_pressure(moved, params, hanoi.world).values())))
        assert _same(pressure_target(moved, params, hanoi.world), expected), regime


def test_a_projection_clamps_to_the_bounds_as_min_and_max_do(hanoi):
    state = initial_state(hanoi)
    for old in EDGES_NAN:
        for delta in EDGES_NAN:
            projection = Projection({**state.meters, "tension": old}, state.parameters, state.actors, hanoi.world)
            moved = projection.add("tension", delta, "test", "test")
            new = min(100.0, max(0.0, old + delta))
            assert _same(projection.meters["tension"], new), (old, delta)
            assert _same(moved, new - old), (old, delta)


def test_missile_readiness_moves_within_its_scale_as_min_and_max_do(hanoi):
    work = Work(initial_state(hanoi), hanoi, Dice(0))
    for readiness in EDGES_NAN:
        work.missile_readiness = readiness
        prove_delivery(work, "icbm_test")
        assert _same(work.missile_readiness, min(100.0, readiness + work.params["icbm_test_readiness"]))
        work.missile_readiness = readiness
        rust_readiness(work)
        assert _same(work.missile_readiness, max(0.0, readiness - work.param("readiness_decay")))


def test_the_program_expectations_bound_as_min_and_max_do():
    """The AI's expectations of freezing (the turns left counted at least 1, an int) and of inspecting (its
    share at most 1)."""
    for left in (-2, 0, 1, 2, 7):
        for rate in (0.0, 0.3, math.inf, math.nan):
            o = SimpleNamespace(
                left=left,
                site_rate={"s": rate},
                site_status={"s": "active"},
                site_share={"s": 0.25},
                n_producing=3,
                access=10.0,
                unverified_shut=2,
            )
            for op, factor in (("freeze", 1.0), ("dismantle", 1.3)):
                shut = PROGRAM_OPS[op].expect(o, None, "s", 0.0)
                assert _same(shut[0][1], -rate * max(1, left) * factor), (op, left, rate)
    for amount in EDGES_NAN:
        inspect = PROGRAM_OPS["inspect"].expect(o, None, None, amount)
        assert _same(inspect[0][1], min(1.0, amount / 100) * 0.5 * 2 / 3 + 0.02), amount


@settings(max_examples=300, deadline=None)
@given(
    regime=st.floats(0, 100),
    enforcement=st.lists(st.floats(0, 100), min_size=5, max_size=5),
    evasion=st.tuples(st.floats(0, 100), st.floats(0, 100)),
)
def test_the_raw_pressure_is_the_sum_of_the_components(hanoi, regime, enforcement, evasion):
    """The assessment adds up sanctions pressure with no dict of parts (``_raw_pressure``): the same products
    in the same order as ``sum(sanctions_pressure(...).values())``, to the bit."""
    meters = dict(initial_state(hanoi).meters)
    meters["sanctions_regime"] = regime
    for actor, level in zip(hanoi.world.pressure_enforcers, enforcement):
        meters[f"enforcement.{actor.value}"] = level
    meters["evasion_sts"], meters["evasion_cyber"] = evasion
    params = initial_state(hanoi).parameters
    terms = _enforcement_terms(hanoi.world)
    assert _same(_raw_pressure(meters, params, terms), sum(sanctions_pressure(meters, params, hanoi.world).values()))
