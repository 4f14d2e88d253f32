"""Seat specs -> controllers.

    random                          the baseline: random legal orders
    heuristic[:PERSONALITY][:LEVEL] the default negotiator (LEVEL easy | normal | hard)
    search[:BUDGET][:PERSONALITY][:LEVEL]
                                    information-set Monte Carlo tree search over the heuristic;
                                    BUDGET like 200ms (time per decision) or 300it (iterations)

A budget is bounded (a spec comes from the command line or from a save someone sent): at most
MAX_BUDGET["ms"] milliseconds or MAX_BUDGET["it"] iterations a decision, about ten seconds either way.
The parts after the kind may come in any order; a part that is neither a level nor a budget names a
personality from the scenario's ``personalities:`` (or the built-in defaults).
"""

from __future__ import annotations

import re
from typing import Final

from ..boundary import shown
from ..model.ids import Actor
from ..model.observation import RulesView
from .personality import DIFFICULTIES, personalities_for
from .random_ai import RandomController

DEFAULT_SEAT: Final = "heuristic:normal"
KINDS: Final = ("random", "heuristic", "search")
_BUDGET: Final = re.compile(r"^(\d{1,12})(ms|it)$")
# About 5 ms an iteration (bench/ai.py), so both bounds are ~10 s a decision: far above any useful setting
# (the default is 200 ms), low enough that a crafted save cannot stall a game for hours per move.
MAX_BUDGET: Final = {"ms": 10_000, "it": 2_000}


def parse_spec(spec: str, actor: Actor, rules: RulesView) -> dict:
    """Split a seat spec into kind, personality, difficulty and budget; ValueError says what is wrong."""
    kind, *parts = [p.strip() for p in spec.strip().split(":")]
    kind = kind.lower()
    if kind not in KINDS:
        raise ValueError(f"unknown controller {shown(spec)} (known: {', '.join(KINDS)})")
    out: dict = {"kind": kind, "personality": None, "difficulty": "normal", "budget": None}
    if kind == "random":
        if parts:
            raise ValueError(f"'random' takes no options (got {shown(spec)})")
        return out
    known = personalities_for(actor, rules)
    for part in parts:
        if not part:
            continue
        budget = _BUDGET.match(part.lower())
        if part.lower() in DIFFICULTIES:
            out["difficulty"] = part.lower()
        elif budget and kind == "search":
            amount, unit = int(budget.group(1)), budget.group(2)
            if not 1 <= amount <= MAX_BUDGET[unit]:
                raise ValueError(
                    f"seat {actor.value}: budget {shown(part)} in {shown(spec)} is out of range "
                    f"(1 to {MAX_BUDGET[unit]}{unit} a decision)"
                )
            out["budget"] = (amount, unit)
        elif part in known:
            out["personality"] = part
        else:
            raise ValueError(
                f"seat {actor.value}: {shown(part)} in {shown(spec)} is not a level (easy, normal, hard)"
                + (", a budget (e.g. 200ms, 300it)" if kind == "search" else "")
                + f" or a {actor.value} personality ({', '.join(known)})"
            )
    return out


def build_controller(spec: str, actor: Actor, rules: RulesView):
    parsed = parse_spec(spec, actor, rules)
    if parsed["kind"] == "random":
        return RandomController(actor, rules)
    if parsed["kind"] == "heuristic":
        from .heuristic import HeuristicController

        return HeuristicController(actor, rules, parsed["personality"], parsed["difficulty"])
    from .search import SearchController

    budget = parsed["budget"] or (200, "ms")
    return SearchController(
        actor,
        rules,
        parsed["personality"],
        parsed["difficulty"],
        ms=budget[0] if budget[1] == "ms" else None,
        iterations=budget[0] if budget[1] == "it" else None,
    )
