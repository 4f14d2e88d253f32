"""AI tournament: paired games, win rates per seat, decision latency.

A pair is two games with the same seed and the same other seats; one seat is played by controller A
in one game and by controller B in the other. A wins the pair when that seat's final score is higher
(a tie is not a win: it counts against A in the win rate; ties are counted and printed). The random
baseline draws its coins per action and the engine's dice are keyed by what they decide (turn, site,
deal...), so a pair's two games differ only where the compared seat's choices reach. Run by hand:

    python bench/ai.py [--scenario hanoi-2019] [--random-seeds 40] [--search-seeds 20] [--search-ms 200]
    python bench/ai.py --games 0 --random-seeds 0 --search search:60it --search-seeds 40

The second form compares at an iteration budget: deterministic, so two versions of the search can be
compared on a loaded machine, where a time budget buys fewer iterations the busier the other cores are
(``--search-clock cpu`` makes a time budget count the deciding thread's CPU time instead of wall time).
Each win rate is printed with its 95% Wilson interval over the pairs.

The last lines are ``heuristic_vs_random_winrate=F``, ``search_vs_heuristic_winrate=F`` and
``heuristic_decision_ms_median=F``. With the defaults it runs in about 5 minutes on one core of this 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import native  # noqa: E402
from game.ai.registry import parse_spec  # noqa: E402
from game.ai.runner import make_controllers, run  # noqa: E402
from game.ai.search import SearchController  # noqa: E402
from game.engine import Match  # noqa: E402
from game.lab.batch import TEST_OPS  # noqa: E402
from game.process import tune_collector  # noqa: E402
from game.scenario import find_scenario, load_scenario  # noqa: E402
from game.views import rules_view  # noqa: E402


class Timed:
    """Wraps a controller and records how long each of its decisions takes."""

    def __init__(self, inner, sink: list[float]):
        self.inner = inner
        self.sink = sink

    by_call: dict[str, list[float]] = {}  # "search.decide" -> ms, across all instances

    def act(self, obs, legal, rng):
        t = time.process_time()
        out = self.inner.act(obs, legal, rng)
        ms = (time.process_time() - t) * 1000
        self.sink.append(ms)
        call = {"propose": "propose", "respond": "respond", "counter_respond": "respond"}.get(obs.phase.value, "decide")
        Timed.by_call.setdefault(f"{getattr(self.inner, 'name', '?')}.{call}", []).append(ms)
        return out


SEARCH_CLOCK = {"wall": time.perf_counter, "cpu": time.thread_time}
search_clock = time.perf_counter  # what a search seat's time budget counts (--search-clock)


def play(scenario, seed: int, seats: dict, timings: dict[str, list[float]] | None = None) -> Match:
    match = Match(scenario, seed)
    brains = make_controllers(match, seats)
    for brain in brains.values():
        if isinstance(brain, SearchController):
            brain.clock = search_clock
    if timings is not None:
        brains = {a: Timed(b, timings.setdefault(seats[a], [])) for a, b in brains.items()}
    run(match, brains)
    return match


def tournament(scenario, a: str, b: str, base: str, seeds, timings, label: str) -> tuple[float, int]:
    """Paired games for every seat; prints per-seat results; returns (A's win rate, pairs)."""
    wins = ties = pairs = 0
    print(f"== {label}: {a} vs {b} (other seats {base}), {len(seeds)} seeds x {len(scenario.actors)} seats")
    for seat in scenario.actors:
        w = t = 0
        diffs = []
        for seed in seeds:
            others = {x: base for x in scenario.actors}
            sa = play(scenario, seed, {**others, seat: a}, timings).scores()[seat]
            sb = play(scenario, seed, {**others, seat: b}, timings).scores()[seat]
            w += sa > sb
            t += sa == sb
            diffs.append(sa - sb)
        print(
            f"  {seat.value:5} wins {w}/{len(seeds)}  ties {t}  mean score difference {_mean(diffs):+.1f}", flush=True
        )
        wins += w
        ties += t
        pairs += len(seeds)
    rate = wins / pairs if pairs else float("nan")  # no pairs played: nan, never a misleading 0
    low, high = wilson(wins, pairs)
    print(
        f"  overall: {a} wins {wins}/{pairs} pairs ({rate:.0%}, 95% interval {low:.2f}-{high:.2f}), "
        f"ties {ties} (a tie is not a win)"
    )
    return rate, pairs


def wilson(wins: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a win rate of ``wins`` in ``n`` pairs (nan without pairs)."""
    if not n:
        return float("nan"), float("nan")
    p = wins / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    return centre - half, centre + half


def _mean(values) -> float:
    return statistics.mean(values) if values else float("nan")


def _median(values) -> float:
    return statistics.median(values) if values else float("nan")


def _p95(values) -> float:
    return sorted(values)[int(0.95 * len(values))] if values else float("nan")


def plausibility(scenario, games: int, seats: dict | None = None) -> dict:
    """Play ``games`` AI-vs-AI games and gather what a historian would compare: end states, DPRK test
    resumption, deals struck and kept, first-turn relief, China's stance, war."""
    import collections

    tests = {
        a.id: e.op.removesuffix("_test")  # the kind of test: short_range, slbm, mrbm, icbm, nuclear
        for a in scenario.actions
        for e in a.effects
        if e.kind == "program" and e.op in TEST_OPS and "DPRK" in [x.value for x in a.actors]
    }
    relief = {
        a.id
        for a in scenario.actions
        if "US" in [x.value for x in a.actors]
        and any(
            e.kind == "meter" and (e.meter in ("sanctions_regime", "enforcement.self")) and str(e.delta).startswith("-")
            for e in a.effects
        )
    }
    stats = collections.Counter()
    outcomes = collections.Counter()
    first_test = collections.Counter()
    deal_status = collections.Counter()
    deal_pairs = collections.Counter()
    actions_taken = collections.Counter()
    first_taken = collections.defaultdict(list)  # "ACTOR:action" -> the turn it was first taken, per game
    finals = collections.defaultdict(list)
    import random

    from game.ai.personality import personalities_for

    seats = seats or {a: "heuristic" for a in scenario.actors}
    rules = rules_view(scenario)
    for seed in range(games):
        # "heuristic:*" draws a personality for that seat at random each game (seeded)
        draw = random.Random(f"personalities:{seed}")
        game_seats = {a: s.replace("*", draw.choice(list(personalities_for(a, rules)))) for a, s in seats.items()}
        match = play(scenario, seed, game_seats)
        st = match.state
        outcomes[st.outcome.value if st.outcome else "unfinished"] += 1
        kinds = {}
        first = {}
        for entry in match.log:
            for o in entry.orders:
                actions_taken[f"{entry.actor.value}:{o.action}"] += 1
                first.setdefault(f"{entry.actor.value}:{o.action}", entry.turn)
                if entry.actor.value == "DPRK" and o.action in tests:
                    kinds.setdefault(tests[o.action], entry.turn)
                if entry.turn == 1 and entry.actor.value == "US" and o.action in relief:
                    stats["us_relief_turn1"] += 1
        for key, turn in first.items():
            first_taken[key].append(turn)
        if kinds:
            stats["dprk_tests_any"] += 1
            first_test[min(kinds.values())] += 1
            for kind in kinds:
                stats[f"dprk_tests_{kind}"] += 1
        for d in st.deals:
            deal_status[d.status] += 1
            deal_pairs["-".join(sorted(x.value for x in d.parties))] += 1
        if any(n.source.startswith("breach:") and n.text.startswith("Breach") for n in st.news):
            stats["games_with_breach_found"] += 1
        if any("walked away" in e.rationale for e in match.log):
            stats["games_with_walkout"] += 1
        if any(d.status in ("completed",) for d in st.deals):
            stats["games_with_completed_deal"] += 1
        if st.deals:
            stats["games_with_deal"] += 1
        if any(d.status == "broken" for d in st.deals):
            stats["games_with_broken_deal"] += 1
        if any(n.source.startswith("detection:") for n in st.news):
            stats["games_with_detection"] += 1
        row1 = st.history[0] if st.history else st.meters
        finals["sanctions_regime_t1"].append(row1["sanctions_regime"])
        finals["enforcement_PRC_t1"].append(row1["enforcement.PRC"])
        finals["cohesion_PRC_DPRK_t1"].append(row1["cohesion.PRC-DPRK"])
        for key in (
            "tension",
            "sanctions_regime",
            "sanctions_pressure",
            "peace_stage",
            "inter_korean",
            "enforcement.PRC",
            "cohesion.PRC-DPRK",
            "cohesion.US-ROK",
            "dprk_economy",
            "evasion_sts",
            "evasion_cyber",
        ):
            finals[key].append(st.meters[key])
        finals["max_tension"].append(max(h["tension"] for h in st.history) if st.history else st.meters["tension"])
        finals["warheads"].append(st.program.warheads)
        for actor, value in match.scores().items():
            finals[f"score_{actor.value}"].append(value)
    return {
        "games": games,
        "outcomes": outcomes,
        "stats": stats,
        "first_test": first_test,
        "deal_status": deal_status,
        "deal_pairs": deal_pairs,
        "finals": finals,
        "actions": actions_taken,
        "first_taken": first_taken,
        "start": scenario.start.meters,
    }


def print_plausibility(report: dict) -> None:
    n = report["games"]
    print(f"== plausibility: {n} games")
    print("end states: " + ", ".join(f"{k} {v} ({v / n:.0%})" for k, v in report["outcomes"].most_common()))
    for k, v in sorted(report["stats"].items()):
        print(f"  {k}: {v} ({v / n:.0%})")
    print("  first DPRK test by turn: " + ", ".join(f"T{t}: {c}" for t, c in sorted(report["first_test"].items())))
    print("  deals by final status: " + ", ".join(f"{k} {v}" for k, v in report["deal_status"].most_common()))
    print("  deals by pair: " + ", ".join(f"{k} {v}" for k, v in report["deal_pairs"].most_common()))
    for key, values in report["finals"].items():
        start = report["start"].get(
            key.replace("_t1", "")
            .replace("enforcement_PRC", "enforcement.PRC")
            .replace("cohesion_PRC_DPRK", "cohesion.PRC-DPRK"),
            None,
        )
        values = sorted(values)
        q = lambda f: values[min(len(values) - 1, int(f * len(values)))]  # noqa: E731
        print(
            f"  {key:22} median {statistics.median(values):6.1f}  p10 {q(0.1):6.1f}  p90 {q(0.9):6.1f}"
            f"  range {values[0]:g}-{values[-1]:g}" + (f"  (start {start:g})" if start is not None else "")
        )
    print(
        "  most taken actions per game: " + ", ".join(f"{k} {v / n:.1f}" for k, v in report["actions"].most_common(25))
    )
    print("  games taking each action (share of games, median first turn, share of those by turn 2):")
    for key, turns in sorted(report["first_taken"].items(), key=lambda kv: (-len(kv[1]), kv[0])):
        early = sum(1 for t in turns if t <= 2) / len(turns)
        print(
            f"    {key:40} {len(turns) / n:6.1%}  T{statistics.median(turns):g}  early {early:.0%}"
            f"  ({report['actions'][key] / n:.2f} a game)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--random-seeds", type=int, default=40, help="seeds per seat, heuristic vs random")
    parser.add_argument("--search-seeds", type=int, default=20, help="seeds per seat, search vs heuristic")
    parser.add_argument("--search-ms", type=int, default=200, help="search budget per decision")
    parser.add_argument(
        "--search",
        metavar="SPEC",
        help="the search seat's spec instead of search:<search-ms>ms, e.g. search:60it (an iteration budget)",
    )
    parser.add_argument(
        "--search-clock",
        choices=sorted(SEARCH_CLOCK),
        default="wall",
        help="what a search time budget counts: wall time (what a player waits) or the deciding thread's CPU "
        "time (the same search whatever else loads the machine)",
    )
    parser.add_argument("--games", type=int, default=30, help="whole games timed with five heuristic seats")
    parser.add_argument(
        "--plausibility",
        type=int,
        default=0,
        metavar="N",
        help="instead: play N AI-vs-AI games and print the plausibility figures",
    )
    parser.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="ACTOR=SPEC",
        help="with --plausibility: a seat other than heuristic",
    )
    args = parser.parse_args()
    tune_collector()  # as the game's entry points do
    try:
        scenario = load_scenario(find_scenario(args.scenario))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    global search_clock
    search_clock = SEARCH_CLOCK[args.search_clock]
    search = args.search or f"search:{args.search_ms}ms"
    try:
        kind = parse_spec(search, scenario.actors[0], rules_view(scenario))["kind"]
    except ValueError as exc:
        parser.error(f"--search {search}: {exc}")
    if kind != "search":
        parser.error(f"--search {search}: not a search spec (e.g. search:60it)")
    started = time.perf_counter()
    if args.plausibility:
        from game.model.ids import Actor

        seats = {a: "heuristic" for a in scenario.actors}
        rules = rules_view(scenario)
        for item in args.seat:
            name, _, spec = item.partition("=")
            try:
                actor = Actor(name.upper())
                parse_spec(spec.replace("*", ""), actor, rules)
            except ValueError as exc:
                parser.error(f"--seat {item}: {exc} (expected ACTOR=SPEC, e.g. US=search:200ms)")
            seats[actor] = spec
        print_plausibility(plausibility(scenario, args.plausibility, seats))
        print(f"total time {time.perf_counter() - started:.0f} s")
        return

    # Whole games with five heuristic seats, and per-decision latency.
    timings: dict[str, list[float]] = {}
    game_ms = []
    for seed in range(args.games):
        t = time.process_time()
        play(scenario, 1000 + seed, {a: "heuristic" for a in scenario.actors}, timings)
        game_ms.append((time.process_time() - t) * 1000)
    decisions = timings.get("heuristic", [])
    print(f"== {args.games} games of {scenario.id} with five heuristic seats")
    print(f"  compiled build: {native.status()}")
    print(
        f"  whole game: median {_median(game_ms):.1f} ms, max {max(game_ms, default=float('nan')):.1f} ms "
        f"(including the engine)"
    )
    print(
        f"  heuristic decision: median {_median(decisions):.2f} ms, p95 {_p95(decisions):.2f} ms, "
        f"max {max(decisions, default=float('nan')):.2f} ms over {len(decisions)} decisions"
    )

    hr, _ = tournament(scenario, "heuristic", "random", "random", range(args.random_seeds), None, "heuristic vs random")
    search_timings: dict[str, list[float]] = {}
    sr = float("nan")  # not measured (--search-seeds 0): nan, never a misleading 0
    if args.search_seeds:
        sr, _ = tournament(
            scenario,
            search,
            "heuristic",
            "heuristic",
            range(100, 100 + args.search_seeds),
            search_timings,
            "search vs heuristic",
        )
    for call in ("propose", "respond", "decide"):
        times = Timed.by_call.get(f"search.{call}", [])
        if times:
            print(f"  search {call}: median {_median(times):.0f} ms over {len(times)} calls")
    print(f"total time {time.perf_counter() - started:.0f} s")
    print(f"heuristic_game_ms_median={_median(game_ms):.1f}")
    print(f"heuristic_vs_random_winrate={hr:.3f}")
    print(f"search_vs_heuristic_winrate={sr:.3f}")
    print(f"heuristic_decision_ms_median={_median(decisions):.3f}")


if __name__ == "__main__":
    main()
