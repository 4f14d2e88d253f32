"""The deal code writes its two-argument ``min``/``max`` out as comparisons (a built-in call is dear on CPython
3.11): a menu entry's worth, a refrain clause's worth and a clause's duration; and it reads the access a
verifying package's steps admit once per set of steps. These tests hold each to the ``min``/``max`` it
replaces, to the bit, with the prices set to the edge cases of the floats (-0.0, infinities, NaN included).

The prices are set where the controller finds prices already worked out, in the decision's context (its
own value of an action, the valuer's action values: ``_set_prices``), with public prices of the context's
own, so nothing set here reaches the moment's shared ones; the controller is used as it is (it may be
compiled, and a compiled class takes no stand-in methods)."""

from __future__ import annotations

import itertools
import math
import struct

from game.ai.heuristic import MIN_GAIN, OWN, HeuristicController, _sigmoid
from game.ai.valuation import Context
from game.engine import Match
from game.model.ids import Actor
from game.views import rules_view

EDGES = (-math.inf, -150.0, -1.0, -MIN_GAIN, -1e-300, -0.0, 0.0, 1e-300, MIN_GAIN, 0.5, 1.0, 150.0, math.inf, math.nan)


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _set_prices(ctx: Context, action: str, own: float, values: dict[tuple[Actor, Actor], float]) -> None:
    """``action`` worth ``own`` to the controller taking it (``own_value``), and ``values[who, actor]`` to
    ``who`` when ``actor`` takes it (``Valuer.action_value``, read with no personality), as found priced."""
    ctx.cache.setdefault(OWN, {})[action] = own
    for (who, actor), value in values.items():
        ctx.public[("v", who, actor, action, None)] = value


def _brain(hanoi):
    match = Match(hanoi, 3)
    me = hanoi.actors[0]
    brain = HeuristicController(me, rules_view(hanoi), None)
    ctx = brain.context(match.observe(me))
    ctx.public = {}  # the prices set here are this context's alone
    return brain, ctx, match.observe(me)


def test_a_refrain_clause_is_worth_what_min_and_max_give(hanoi):
    brain, ctx, _ = _brain(hanoi)
    me = brain.actor
    other = next(a for a in hanoi.actors if a is not me)
    checked = 0
    for u, v in itertools.product(EDGES, EDGES):
        _set_prices(ctx, "x", u, {(me, other): u, (other, me): u, (other, other): v, (me, me): v})
        pk = 0.7
        for who, partner in ((me, other), (other, me)):
            sheet = ({}, 1.0, 0.0, who, partner, pk, False, False, None)
            own = brain._clause_value(ctx, sheet, (who, "x", "refrain", "upfront", False))
            mine = u if who is me else v  # ours priced by own_value, the other's by the valuer
            assert _bits(own) == _bits(-max(0.0, mine) * _sigmoid(mine)), (who, u, v)
            theirs = brain._clause_value(ctx, sheet, (partner, "x", "refrain", "upfront", False))
            assert _bits(theirs) == _bits(-min(0.0, u) * _sigmoid(v) * pk), (who, u, v)
            checked += 1
    assert checked


def test_menu_entries_are_worth_what_min_and_max_give(hanoi):
    brain, ctx, obs = _brain(hanoi)
    me = brain.actor
    other = next(a for a in hanoi.actors if a is not me)
    assert brain.level.reads_partner
    spec = brain._ranked(other)[0][0]
    ctx.cache[("can", me, spec.id)] = True  # the one action ranked, ours, found possible
    brain._static = brain._static | {"rank": {other: ([spec], [])}}  # the seat's shared tables left as they are
    checked = 0
    for u, v in itertools.product(EDGES, EDGES):
        _set_prices(ctx, spec.id, u, {(other, me): v})
        offers, _ = brain._build_menu(ctx, obs, other)
        expected = []
        if v > MIN_GAIN:
            expected.append((v + min(0.0, u), spec.id, "do"))
        elif v < -MIN_GAIN and _sigmoid(u) > 0.15:
            would = _sigmoid(u)
            expected.append((-v * would - max(0.0, u) * would, spec.id, "refrain"))
        assert len(offers) == len(expected), (u, v)
        for (value, shaped), (want, action, mode) in zip(offers, expected):
            assert (shaped.clause.action, shaped.clause.mode) == (action, mode) == (shaped.action, shaped.mode)
            assert _bits(value) == _bits(want), (u, v)
        checked += len(expected)
    assert checked


def test_a_clause_lasts_what_min_and_max_give(hanoi):
    brain, base, _ = _brain(hanoi)
    other = next(a for a in hanoi.actors if a is not brain.actor)
    entries = [(1.0, s.id, mode) for s in brain._ranked(other)[0] for mode in ("do", "refrain")]
    for left in range(-3, 40):
        ctx = base.copy()
        ctx.left = left
        for _, shaped in brain._shaped(ctx, brain.actor, entries, False):
            assert shaped.clause.duration == min(24, max(1, left) + 1), left


def test_a_verifying_package_admits_the_largest_access_of_its_steps(hanoi):
    """``_verifying_context`` takes the steps' admitted access as ``max`` does (first wins a tie), over
    every order of up to three DPRK steps, with the access table set to edge cases."""
    match = Match(hanoi, 3)
    brain = HeuristicController(Actor.DPRK, rules_view(hanoi), None)
    steps = sorted(brain._static["steps"])
    assert steps
    everywhere = frozenset().union(*brain._static["steps"].values())
    base, tables = brain.context(match.observe(Actor.DPRK)), brain._static
    checked = 0
    for values in itertools.product((-0.0, 0.0, 10.0, math.nan, 25.0), repeat=min(3, len(steps))):
        # fresh tables without what was read from the old ones (the steps' access is read once per tables)
        brain._static = {k: v for k, v in tables.items() if k[:1] != ("inspected",)} | {
            "admits": dict(zip(steps, values))
        }
        for n in range(1, len(values) + 1):
            for chosen in itertools.permutations(steps[: len(values)], n):
                ctx = base.copy()
                ctx.cache, ctx.declared_sites = {}, everywhere
                found = brain._verifying_context(ctx, chosen)
                # the moment it built, kept under the inspection it admitted (the very float: a NaN too)
                seen = [k[1] for k, made in ctx.cache.items() if k[0] == "verifying" and made is found]
                want = max((brain._static["admits"].get(a, 0.0) for a in chosen), default=0.0)
                if want and any(a in brain._static["steps"] and brain._static["steps"][a] for a in chosen):
                    assert found is not None and len(seen) == 1 and _bits(seen[0]) == _bits(want), (chosen, values)
                    checked += 1
                else:
                    assert found is None and not seen
    assert checked
