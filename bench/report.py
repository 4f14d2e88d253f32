"""The after-action report's cost for a full 12-turn game: what the debrief's *Export report* makes a
player wait for, and what ``armistice report`` adds to opening the save.

Plays one whole game of the scenario with the default AI seats, then times, over ``--repeat`` rounds:
  collect  the log replayed once to every turn's state, and the tables built (``report.aar.collect``)
  render   the page drawn: every chart by matplotlib to SVG, every table to HTML (``report.html.render``)
(wall time, and the process's CPU time, which a loaded machine inflates less) and prints the page's size.
No floor: the figures are reported, not asserted.
Run by hand:  python bench/report.py [--scenario hanoi-2019] [--seed 3] [--repeat 5]
The last line is ``collect_ms=.. render_ms=.. render_cpu_ms=.. page_kb=..`` (medians over the rounds)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.registry import DEFAULT_SEAT  # noqa: E402
from game.ai.runner import make_controllers, run  # noqa: E402
from game.engine import Match  # noqa: E402
from game.persist import open_scenario  # noqa: E402
from game.report.aar import collect  # noqa: E402
from game.report.html import render  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario, _ = open_scenario(args.scenario)
    match = Match(scenario, args.seed)
    seats = {a: DEFAULT_SEAT for a in scenario.actors}
    run(match, make_controllers(match, seats))
    print(f"{scenario.id} seed {args.seed}: {match.turns_resolved} turns, {len(match.log)} logged moves")
    render(collect(match, seats))  # matplotlib's first figure loads its fonts: not part of a round
    collects, renders, cpu, size = [], [], [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = collect(match, seats)
        middle, middle_cpu = time.perf_counter(), time.process_time()
        page = render(report)
        collects.append(1000 * (middle - start))
        renders.append(1000 * (time.perf_counter() - middle))
        cpu.append(1000 * (time.process_time() - middle_cpu))
        size = len(page.encode())
    print(
        f"collect_ms={statistics.median(collects):.0f} render_ms={statistics.median(renders):.0f} "
        f"render_cpu_ms={statistics.median(cpu):.0f} page_kb={size / 1024:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
