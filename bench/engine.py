"""Engine throughput: whole turns resolved per second with random legal orders.

Each turn includes legal-order generation for every seat, five observations, proposals, answers,
orders and resolution, through Match exactly as a game runs (the process's collector set as the game's
entry points set it, ``game.process.tune_collector``). It prints where the time goes (per
turn: observations, legal orders, the random controllers, submissions, resolution). Run by hand:
    python bench/engine.py [--scenario hanoi-2019] [--seconds 5]
The last line is ``turns_per_s=N``."""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.random_ai import RandomController  # noqa: E402
from game import native  # noqa: E402
from game.engine import Match  # noqa: E402
from game.model.ids import Phase  # noqa: E402
from game.process import tune_collector  # noqa: E402
from game.scenario import find_scenario, load_scenario  # noqa: E402
from game.views import rules_view  # noqa: E402


def play_turn(match: Match, brains: dict, rng: random.Random, spent: Counter) -> None:
    """One whole turn: five observations (one per seat, at the briefing), then every seat acts in
    every phase until resolution, with legal-order generation for each answer and order. ``spent``
    collects seconds per part of the work."""
    clock = time.perf_counter
    start_turn = match.state.turn
    t0 = clock()
    observations = {actor: match.observe(actor) for actor in match.state.actors}
    spent["observe"] += clock() - t0
    while not match.over and match.state.turn == start_turn:
        for actor in match.pending():
            brain = brains[actor]
            phase = match.phase
            obs = observations[actor]
            t0 = clock()
            legal = match.legal_orders(actor) if phase is not Phase.PROPOSE else []
            t1 = clock()
            # the briefing's observation, in the phase at hand
            submission = brain.act(obs if obs.phase is phase else obs.replace(phase=phase), legal, rng)
            t2 = clock()
            match.submit(submission)
            t3 = clock()
            spent["legal"] += t1 - t0
            spent["controllers"] += t2 - t1
            # The last order of a turn resolves it (the state hash is computed only when read: saves,
            # replays, the lab; a game that nobody saves never computes it).
            spent["resolve" if match.over or match.state.turn != start_turn else "submit"] += t3 - t2
            break


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    tune_collector()  # as the game's entry points do
    try:
        scenario = load_scenario(find_scenario(args.scenario))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    rules = rules_view(scenario)
    brains = {a: RandomController(a, rules) for a in scenario.actors}
    rng = random.Random(0)
    turns = games = 0
    seed = 0
    deadline = time.perf_counter() + args.seconds
    started = time.perf_counter()
    spent: Counter = Counter()
    while games == 0 or time.perf_counter() < deadline:  # at least one game, whatever --seconds says
        t0 = time.perf_counter()
        match = Match(scenario, seed)
        spent["new match"] += time.perf_counter() - t0
        seed += 1
        while not match.over:
            play_turn(match, brains, rng, spent)
            turns += 1
        games += 1
    elapsed = time.perf_counter() - started
    print(f"scenario={scenario.id} games={games} turns={turns} seconds={elapsed:.2f}")
    print(f"compiled build: {native.status()}")  # game/native.py: the same games, compiled or not
    for part, seconds in spent.most_common():
        print(f"  {part:13s} {seconds / turns * 1e6:7.0f} us/turn")
    print(f"turns_per_s={turns / elapsed:.0f}")


if __name__ == "__main__":
    main()
