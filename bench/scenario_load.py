"""Scenario loading time: this tree against another commit, interleaved, and the time to refuse an alias bomb.

Each round runs one child process per version (old, new, old, new, ...), each loading every bundled
scenario ``--loads`` times and printing its best time per scenario; the figure is the ratio of the
medians over rounds. The other version is unpacked with ``git archive`` into a temporary folder.
Run by hand:
    python bench/scenario_load.py [--against dcdb5ae] [--rounds 5] [--loads 5]
The last line is ``ratio_new_over_old=N``."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time
from pathlib import Path
from game.scenario import load_scenario
loads = int(sys.argv[1])
out = {}
for path in sorted(Path(sys.argv[2]).glob("*.yaml")):
    best = float("inf")
    for _ in range(loads):
        t0 = time.perf_counter()
        load_scenario(path)
        best = min(best, time.perf_counter() - t0)
    out[path.name] = best
print(json.dumps(out))
"""


def child_times(code_root: Path, loads: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    res = subprocess.run(
        [sys.executable, "-c", _CHILD, str(loads), str(ROOT / "scenarios")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=code_root,
    )
    return json.loads(res.stdout)


def alias_bomb_seconds() -> float:
    """The time this tree takes to refuse a billion-laughs bomb (9^12 items if expanded)."""
    sys.path.insert(0, str(ROOT))
    from game.scenario import ScenarioError, parse_scenario

    levels = ["id: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 12)]
    t0 = time.perf_counter()
    try:
        parse_scenario("\n".join(levels) + "\n", "bomb.yaml")
    except ScenarioError:
        return time.perf_counter() - t0
    raise SystemExit("the alias bomb was accepted")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="dcdb5ae", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.against, "game"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
        for _ in range(args.rounds):
            runs["old"].append(child_times(old, args.loads))
            runs["new"].append(child_times(ROOT, args.loads))
    ratios = []
    for name in sorted(runs["new"][0]):
        old_s = statistics.median(r[name] for r in runs["old"])
        new_s = statistics.median(r[name] for r in runs["new"])
        ratios.append(new_s / old_s)
        print(f"{name:24} old {old_s * 1000:7.1f} ms   new {new_s * 1000:7.1f} ms   new/old {new_s / old_s:.2f}")
    print(f"alias_bomb_refused_in_ms={alias_bomb_seconds() * 1000:.2f}")
    print(f"ratio_new_over_old={statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
