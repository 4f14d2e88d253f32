"""Instructions per turn and per game, counted by valgrind's callgrind: a figure that the load of a shared
machine does not move (the same binary, inputs and environment give the same count), so two versions can
be compared while other work runs. Seconds stay the goal's unit (bench/engine.py, bench/ai.py); this is
the repeatable yardstick between them. Run by hand:

    python bench/instructions.py [--workload engine|heuristic] [--games 8] [--scenario hanoi-2019]

It runs the workload under callgrind twice, with the games and with none (imports, scenario load), and
prints the difference per resolved turn and per game. ``--plain`` runs the workload without valgrind
(what callgrind runs). The last lines are ``instructions_per_turn=N`` and ``instructions_per_game=N``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.random_ai import RandomController  # noqa: E402
from game.ai.runner import make_controllers, run  # noqa: E402
from game import native  # noqa: E402
from game.engine import Match  # noqa: E402
from game.process import tune_collector  # noqa: E402
from game.model.ids import Phase  # noqa: E402
from game.scenario import find_scenario, load_scenario  # noqa: E402
from game.views import rules_view  # noqa: E402


def engine_games(scenario, games: int) -> int:
    """bench/engine.py's turn without its clocks: five observations at the briefing, then every seat acts
    (random legal orders) until the turn resolves. Returns the turns resolved."""
    rules = rules_view(scenario)
    brains = {a: RandomController(a, rules) for a in scenario.actors}
    rng = random.Random(0)
    turns = 0
    for seed in range(games):
        match = Match(scenario, seed)
        while not match.over:
            start = match.state.turn
            observations = {actor: match.observe(actor) for actor in match.state.actors}
            while not match.over and match.state.turn == start:
                actor = match.pending()[0]
                phase = match.phase
                obs = observations[actor]
                legal = match.legal_orders(actor) if phase is not Phase.PROPOSE else []
                match.submit(brains[actor].act(obs if obs.phase is phase else obs.replace(phase=phase), legal, rng))
            turns += 1
    return turns


def heuristic_games(scenario, games: int) -> int:
    """Whole games of five heuristic seats (bench/ai.py's timed games). Returns the turns resolved."""
    turns = 0
    for seed in range(games):
        match = Match(scenario, seed)
        run(match, make_controllers(match, {a: "heuristic" for a in scenario.actors}))
        turns += match.turns_resolved
    return turns


WORKLOADS = {"engine": engine_games, "heuristic": heuristic_games}


def counted(args: argparse.Namespace, games: int) -> tuple[int, int]:
    """(instructions, turns) of one run of the workload under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--plain",
            "--workload",
            args.workload,
            "--games",
            str(games),
            "--scenario",
            args.scenario,
        ]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        if done.returncode:
            raise SystemExit(f"callgrind failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
        totals = re.search(r"^(?:totals|summary): (\d+)", out.read_text(), re.MULTILINE)
        turns = re.search(r"^turns=(\d+)$", done.stdout, re.MULTILINE)
        if totals is None or turns is None:
            raise SystemExit("no totals in callgrind's output, or no turns in the workload's")
        return int(totals.group(1)), int(turns.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="engine")
    parser.add_argument("--games", type=int, default=8)
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--plain", action="store_true", help="run the workload once, without valgrind")
    args = parser.parse_args()
    if args.games < (0 if args.plain else 1):
        parser.error(f"--games must be at least {0 if args.plain else 1}")
    try:
        scenario = load_scenario(find_scenario(args.scenario))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    if args.plain:
        tune_collector()  # as the game's entry points do; in both runs, so their difference is the games'
        print(f"turns={WORKLOADS[args.workload](scenario, args.games)}")
        return
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (Debian package valgrind)")
    with_games, turns = counted(args, args.games)
    without, _ = counted(args, 0)
    work = with_games - without
    print(f"workload={args.workload} scenario={scenario.id} games={args.games} turns={turns}")
    print(f"compiled build: {native.status()}")  # the workload's runs see the same build and environment
    print(f"instructions_per_turn={work // turns}")
    print(f"instructions_per_game={work // args.games}")


if __name__ == "__main__":
    main()
