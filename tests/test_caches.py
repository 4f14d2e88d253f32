"""Caches have owners: nothing in the core keeps a module-level memo or keys anything by id(); what is
derived from a loaded scenario lives on it, and the AI's tables on the rules view they come from."""

import ast
import threading
from pathlib import Path

from game.ai.heuristic import HeuristicController
from game.ai.valuation import Valuer
from game.engine import Match
from game.model.memo import Memo, Recent
from game.model.ids import Actor
from game.scenario import initial_state
from game.views import rules_view

GAME = Path(__file__).resolve().parents[1] / "game"
CORE = ("model", "rules", "views", "engine", "ai")


def _empty_container(node) -> bool:
    if isinstance(node, (ast.Dict, ast.List, ast.Set)):
        return not getattr(node, "keys", getattr(node, "elts", None))
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in ("dict", "list", "set", "OrderedDict")
        and not node.args
    )


def test_no_module_level_memo_and_nothing_keyed_by_id():
    for package in CORE:
        for path in (GAME / package).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in tree.body:
                value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
                assert value is None or not _empty_container(value), f"{path}:{node.lineno}: a module-level memo"
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "id":
                    raise AssertionError(f"{path}:{node.lineno}: keyed by id()")


def test_every_match_on_a_loaded_scenario_shares_its_rules_and_the_ai_tables(hanoi):
    one, two = Match(hanoi, 1), Match(hanoi, 2, "peace_first")
    assert rules_view(hanoi) is rules_view(one.scenario, one.variant)
    assert rules_view(hanoi, "peace_first") is rules_view(two.scenario, two.variant) is not rules_view(hanoi)
    a = HeuristicController(Actor.US, rules_view(hanoi))
    b = HeuristicController(Actor.US, rules_view(hanoi))
    assert a.valuer is b.valuer is Valuer.shared(rules_view(hanoi))
    assert Valuer.shared(rules_view(hanoi, "peace_first")) is not a.valuer  # other parameters, other prices


def test_games_on_a_scenario_share_its_start_state(hanoi):
    """The start before a variant's opening depends on no seed: built once per (scenario, variant) and
    shared; a variant's opening is still played per game, with that game's dice."""
    one, two = Match(hanoi, 1), Match(hanoi, 2)
    assert one.state is two.state is initial_state(hanoi)
    assert initial_state(hanoi, "peace_first") is initial_state(hanoi, "peace_first") is not one.state
    opened = Match(hanoi, 1, "peace_first").state
    assert opened is not initial_state(hanoi, "peace_first") and opened == Match(hanoi, 1, "peace_first").state


def test_a_memo_builds_each_value_once_across_threads():
    memo, built = Memo(), []
    barrier = threading.Barrier(8)

    def worker():
        barrier.wait()
        memo.get("k", lambda: built.append(1) or len(built))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [1] and memo.get("k", lambda: 99) == 1


def test_recent_keeps_the_latest_moments():
    recent = Recent(2)
    for key in "abc":
        recent.get(key, lambda key=key: key.upper())
    assert recent.get("a", lambda: "rebuilt") == "rebuilt"  # the oldest went
    assert recent.get("c", lambda: "rebuilt") == "C"
