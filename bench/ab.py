"""Compare two versions of the code on one bench, interleaved: A, B, A, B... in the same minutes of a
noisy shared machine, and report each side's median and the ratio B/A of the medians.

    python bench/ab.py /path/to/tree-A /path/to/tree-B [--rounds 5] [--bench engine] [-- bench args]

Each run is ``python <tree>/bench/<bench>.py <bench args>`` with PYTHONPATH set to that tree; the
figure compared is the last ``name=value`` line of its output (``turns_per_s`` for bench/engine.py,
``heuristic_game_ms_median`` for ``--bench ai --key heuristic_game_ms_median``). A tree can be an older
commit checked out with ``git worktree add /tmp/base <commit>``. ``--env-a``/``--env-b NAME=VALUE`` set a
variable for one side's runs: ``python bench/ab.py . . --env-a ARMISTICE_NATIVE=0`` compares the plain
Python game (A) with its compiled build (B, game/native.py). Each side's ``compiled build:`` line is shown
once.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path


def run(tree: Path, bench: str, args: list[str], key: str | None, extra_env: dict[str, str]) -> tuple[float, str]:
    """The bench's figure, and its ``compiled build:`` line (or "" if it prints none)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", **extra_env}
    done = subprocess.run(
        [sys.executable, str(tree / "bench" / f"{bench}.py"), *args], env=env, cwd=tree, capture_output=True, text=True
    )
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{tree}: bench/{bench}.py {' '.join(args)} failed ({done.returncode}): {last}")
    out = done.stdout
    figures = re.findall(r"^(\w+)=([-\d.]+)$", out, re.MULTILINE)
    if key is not None:
        figures = [f for f in figures if f[0] == key]
    if not figures:
        raise SystemExit(f"{tree}: no name=value line{' for ' + key if key else ''} in the output of bench/{bench}.py")
    build = re.search(r"compiled build: (.*)$", out, re.MULTILINE)
    return float(figures[-1][1]), build.group(1) if build else ""


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, not {text!r}")
    return name, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bench", default="engine")
    parser.add_argument("--key", default=None, help="the name=value line to compare (default: the last one)")
    parser.add_argument("--env-a", type=_assignment, action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--env-b", type=_assignment, action="append", default=[], metavar="NAME=VALUE")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    extra = argv[cut + 1 :]  # after --: the bench's own arguments
    for tree in (args.a, args.b):
        if not (tree / "bench" / f"{args.bench}.py").is_file():
            parser.error(f"{tree} has no bench/{args.bench}.py")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    results: dict[str, list[float]] = {"A": [], "B": []}
    sides = (("A", args.a, dict(args.env_a)), ("B", args.b, dict(args.env_b)))
    for i in range(args.rounds):
        for side, tree, env in sides:
            figure, build = run(tree, args.bench, extra, args.key, env)
            results[side].append(figure)
            if i == 0 and build:
                print(f"{side}: compiled build {build}")
            print(f"round {i + 1} {side}: {figure:g}", flush=True)
    a, b = statistics.median(results["A"]), statistics.median(results["B"])
    print(f"A median {a:g} ({args.a}), B median {b:g} ({args.b})")
    print(f"ratio_b_over_a={b / a:.3f}")


if __name__ == "__main__":
    main()
