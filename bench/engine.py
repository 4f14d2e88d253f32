"""Engine throughput: whole turns resolved per second with random legal orders.

Each turn includes legal-order generation for every seat, five observations, proposals, answers,
orders and resolution, through Match exactly as a game runs. Run by hand:
    python bench/engine.py [--scenario hanoi-2019] [--seconds 5]
The last line is ``turns_per_s=N``."""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.random_ai import RandomController  # noqa: E402
from game.engine import Match  # noqa: E402
from game.model.ids import Phase  # noqa: E402
from game.scenario import find_scenario, load_scenario  # noqa: E402
from game.views import rules_view  # noqa: E402


def play_turn(match: Match, brains: dict, rng: random.Random) -> None:
    """One whole turn: five observations (one per seat, at the briefing), then every seat acts in
    every phase until resolution, with legal-order generation for each answer and order."""
    start_turn = match.state.turn
    observations = {actor: match.observe(actor) for actor in match.state.actors}
    while not match.over and match.state.turn == start_turn:
        for actor in match.pending():
            brain = brains[actor]
            phase = match.phase
            obs = observations[actor]
            if phase is Phase.PROPOSE:
                match.propose(actor, brain.propose(obs, rng).orders)
            elif phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
                match.respond(actor, brain.respond(obs, match.legal_orders(actor), rng).orders)
            else:
                match.order(actor, brain.decide(obs, match.legal_orders(actor), rng).orders)
            break


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    scenario = load_scenario(find_scenario(args.scenario))
    rules = rules_view(scenario)
    brains = {a: RandomController(a, rules) for a in scenario.actors}
    rng = random.Random(0)
    turns = games = 0
    seed = 0
    deadline = time.perf_counter() + args.seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        match = Match(scenario, seed)
        seed += 1
        while not match.over:
            play_turn(match, brains, rng)
            turns += 1
        games += 1
    elapsed = time.perf_counter() - started
    print(f"scenario={scenario.id} games={games} turns={turns} seconds={elapsed:.2f}")
    print(f"turns_per_s={turns / elapsed:.0f}")


if __name__ == "__main__":
    main()
