"""The valuation computes some prices inline instead of through calls: a plan's linear meter (not its compiled
closure), the clamps of a meter, the pressure and tension's end (comparisons, not ``min``/``max``), and an
action priced from the recipe ``action_value`` keeps for it. These tests hold each to the computation it
replaces, to the bit, edge cases of the floats included."""

from __future__ import annotations

import math
import struct

from game.ai.personality import build_personality
from game.ai.valuation import Context, Valuer
from game.engine import Match
from game.model.ids import METER_BOUNDS
from game.views import rules_view

EDGES = (-math.inf, -150.0, -100.0, -1e-300, -0.0, 0.0, 1e-300, 0.5, 49.999999, 100.0, 150.0, math.inf, math.nan)


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def test_a_linear_meter_in_a_plan_prices_as_its_compiled_price_and_min_max_do(hanoi):
    """The compiled price of a linear meter clamps as ``min(high, max(low, x))`` does, and a plan's step for
    it adds what ``value`` adds through that price."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    match = Match(hanoi, 2)
    checked = 0
    for who in rules.actors:
        base = Context(match.observe(who), rules, who, 3)
        for personality in (None, build_personality(who, rules, None)):
            pname = personality.name if personality else None
            for name in METER_BOUNDS:
                pricer = valuer._pricer(who, personality, "m:" + name)
                linear = valuer._linear.get((who, pname, "m:" + name))
                if linear is None:
                    continue
                _, coef, (low, high) = linear
                for old in EDGES:
                    ctx = base.copy()
                    ctx.m = {**base.m, name: old}
                    for change in EDGES:
                        expected = coef * (min(high, max(low, old + change)) - old)
                        plan = valuer._plan(ctx, who, personality, {"m:" + name: change})
                        assert _bits(pricer.of(ctx, change)) == _bits(expected), (who, name, old, change)
                        # through the compiled price
                        summed = valuer.value(ctx, who, {"m:" + name: change}, personality)
                        assert _bits(valuer._run_plan(ctx, who, plan)) == _bits(summed), (who, name, old, change)
                        checked += 1
    assert checked


def test_tension_ends_where_min_and_max_would_take_it(hanoi):
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    ctx = Context(Match(hanoi, 2).observe(rules.actors[0]), rules, rules.actors[0], 3)
    base, decay = rules.parameters["tension_baseline"], rules.parameters["tension_decay"] * ctx.horizon
    for t in EDGES + (base, base - decay, base + decay, base + decay / 2):
        expected = max(base, t - decay) if t > base else min(base, t + decay)
        assert _bits(valuer._tension_end(ctx, t)) == _bits(expected), t


def test_an_action_is_priced_from_its_recipe_as_its_changes_are(hanoi):
    """``action_value`` from the recipe it keeps (a plan alone, a plan then the program's changes, or whole)
    gives ``value`` of all the action's changes, to the bit, for every seat, actor and action."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    match = Match(hanoi, 6)
    priced = 0
    for viewer in rules.actors:
        obs = match.observe(viewer)
        for who in rules.actors:
            for personality in (None, build_personality(who, rules, None)):
                for spec in rules.actions:
                    for actor in spec.actors:
                        planned = Context(obs, rules, viewer, 3)
                        planned.public = {}
                        whole = Context(obs, rules, viewer, 3)
                        whole.public = {}
                        expected = valuer.value(whole, who, valuer.deltas(whole, actor, spec.id), personality)
                        value = valuer.action_value(planned, who, actor, spec.id, personality)
                        assert _bits(value) == _bits(expected), (viewer, who, actor, spec.id)
                        priced += 1
    assert priced
