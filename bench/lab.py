"""Policy-lab throughput: games per second in one process, in 2 local processes and on a 2-worker Dask
LocalCluster, and the Dask path's overhead per game against the local processes.

The three run the same study (the same arms and seeds, checked to give the same rows) in interleaved
rounds (every other round in reverse order), so a change in the machine's load hits all of them alike,
and the Dask path is compared with the local processes round by round. The cluster is started once,
before the rounds (its start-up is printed apart); each run of the local processes starts its own pool,
as ``armistice lab --jobs 2`` does. Run by hand:
    python bench/lab.py [--scenario hanoi-2019] [--games 30] [--rounds 2]
The machine's load average is printed before and after: on a shared machine read the figures with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.lab.batch import Arm, InProcess, Processes, ScenarioText, run_study  # noqa: E402
from game.lab.cluster import DaskBackend, connect  # noqa: E402
from game.process import tune_collector  # noqa: E402


def timed(source, arms, seeds, backend) -> tuple[float, list]:
    start = time.perf_counter()
    results = run_study(source, arms, seeds, backend=backend)
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--games", type=int, default=30, help="games per arm (two arms) per run")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    tune_collector()  # as ``armistice lab`` does (its local worker processes inherit it)
    source = ScenarioText.read(args.scenario)
    arms = [Arm("defaults", {}), Arm("erosion=4", {}, parameters={"peace_enforcement_erosion": 4.0})]
    seeds = range(args.games)
    games = len(arms) * args.games
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    started = time.perf_counter()
    with connect("local", 2) as client:
        print(f"LocalCluster of 2 processes started in {time.perf_counter() - started:.1f} s")
        backends = {
            "1 process": InProcess(),
            "2 local processes": Processes(2),
            "Dask LocalCluster, 2 workers": DaskBackend(client),
        }
        times: dict[str, list[float]] = {name: [] for name in backends}
        reference = None
        for round_ in range(args.rounds):
            for name, backend in list(backends.items())[:: -1 if round_ % 2 else 1]:
                seconds, results = timed(source, arms, seeds, backend)
                times[name].append(seconds)
                reference = reference or results
                assert results == reference, f"{name} gave different rows"
    print(f"{games} games per run ({args.scenario}), {args.rounds} interleaved rounds; every run gave the same rows")
    for name, seconds in times.items():
        print(
            f"  {name:30} {games / statistics.median(seconds):6.2f} games/s (median run; runs: "
            + ", ".join(f"{games / s:.2f}" for s in seconds)
            + ")"
        )
    # the Dask path against the local processes, round by round (the same load), then the median
    ratios = [d / p for d, p in zip(times["Dask LocalCluster, 2 workers"], times["2 local processes"])]
    local_ms = statistics.median(times["2 local processes"]) / games * 1000
    ratio = statistics.median(ratios)
    print("Dask time / local-process time per round: " + ", ".join(f"{r:.3f}" for r in ratios))
    print(
        f"Dask overhead per game against 2 local processes: {(ratio - 1) * local_ms:+.1f} ms of "
        f"{local_ms:.1f} ms ({ratio - 1:+.1%}, median of the rounds; goal under 5%)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
