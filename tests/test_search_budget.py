"""The search's budget: a time budget counts the controller's clock (wall time unless a bench says
otherwise), and bench/ai.py's win rates carry their interval."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

from game.ai.base import controller_rng
from game.ai.search import SearchController
from game.engine import Match
from game.model.ids import Actor
from game.views import rules_view

from helpers import skip_diplomacy

BENCH = Path(__file__).resolve().parents[1] / "bench" / "ai.py"


def test_a_time_budget_counts_the_controllers_clock(mini):
    """A clock on which every reading is a second later: the 50 ms budget is spent at the first look,
    so the orders search stops at the two sampled worlds it always takes."""
    match = Match(mini, 5)
    skip_diplomacy(match)
    search = SearchController(Actor.US, rules_view(mini), ms=50)
    ticks = iter(range(10**6))
    search.clock = lambda: float(next(ticks))
    obs = match.observe(Actor.US)
    search.decide(obs, match.legal_orders(Actor.US), controller_rng(5, Actor.US, obs.turn, "orders"))
    assert search.last_stats["worlds"] == 2


def test_wilson_interval():
    spec = importlib.util.spec_from_file_location("bench_ai", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    low, high = bench.wilson(60, 100)
    assert round(low, 3) == 0.502 and round(high, 3) == 0.691
    assert all(math.isnan(x) for x in bench.wilson(0, 0))  # no pairs: nan, never a misleading 0
    low, high = bench.wilson(20, 20)
    assert high == 1.0 and 0.83 < low < 0.84
