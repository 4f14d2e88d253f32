"""The reference engine: phases per second of the ``diplomacy`` package (the Diplomacy adjudicator,
pip install diplomacy, in a separate venv), every power giving random legal orders, for comparing
with bench/engine.py's turns per second in one interleaved run. Run by hand with that venv's Python:

    /tmp/dipvenv/bin/python bench/diplomacy_engine.py [--seconds 5]

The last line is ``phases_per_s=N``. It imports nothing of Armistice."""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time

PHASES_PER_GAME = 36  # twelve years of spring, fall and winter, then a new game


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument(
        "--young-threshold",
        type=int,
        help="the cyclic collector's youngest-generation threshold (default: CPython's); give Armistice's "
        "game.process.YOUNG_THRESHOLD to compare the two engines under the collector setting Armistice runs with",
    )
    args = parser.parse_args()
    if args.young_threshold is not None:
        if args.young_threshold < 1:
            parser.error("--young-threshold must be at least 1")
        gc.set_threshold(args.young_threshold, *gc.get_threshold()[1:])
    try:
        from diplomacy import Game
    except ImportError:
        parser.error("the diplomacy package is not installed for this Python (see the docstring)")
    rng = random.Random(0)
    phases = games = 0
    started = time.perf_counter()
    deadline = started + args.seconds
    while games == 0 or time.perf_counter() < deadline:
        game = Game()
        for _ in range(PHASES_PER_GAME):
            if game.is_game_done:
                break
            possible = game.get_all_possible_orders()
            for power, locations in game.get_orderable_locations().items():
                game.set_orders(power, [rng.choice(possible[loc]) for loc in locations if possible[loc]])
            game.process()
            phases += 1
            if time.perf_counter() >= deadline and games:
                break
        games += 1
    elapsed = time.perf_counter() - started
    print(f"games={games} phases={phases} seconds={elapsed:.2f}")
    print(f"phases_per_s={phases / elapsed:.0f}")


if __name__ == "__main__":
    sys.exit(main())
