"""``armistice lab``: its options, their checks, and the run (``game/cli.py`` only delegates here).

This module imports nothing beyond the standard library when the command line is built, so
``armistice`` works without the lab's optional libraries; ``armistice lab`` then says how to get them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

LAB_LIBRARIES = ("scipy", "numpy", "matplotlib", "pyarrow", "tqdm")
INSTALL_HINT = "python3 -m pip install 'armistice[lab]'  (from a clone: python3 -m pip install -e '.[lab]')"
DASK_ADDRESS = re.compile(r"^(local|((tcp|tls)://)?[A-Za-z0-9_.\-\[\]:]+:\d{1,5})$")
EXIT_INTERRUPTED = 130


def dask_address(text: str) -> str:
    if not DASK_ADDRESS.match(text):
        raise argparse.ArgumentTypeError(
            f"expected 'local' or a scheduler address like tcp://10.0.0.5:8786, got '{text}'"
        )
    return text


def add_lab_command(sub) -> None:
    from ..cli import bounded_int  # here, not at the top: game.cli imports this module

    p = sub.add_parser(
        "lab",
        help="play many headless AI-vs-AI games and report the spread of outcomes; "
        "--compare plays other configurations on the same seeds, --param sweeps "
        "the model's assumptions, --sensitivity ranks them",
    )
    p.add_argument("--scenario", default="hanoi-2019")
    p.add_argument(
        "--games",
        type=bounded_int(1, 1_000_000),
        default=100,
        help="games per configuration or sweep point (default 100)",
    )
    p.add_argument("--first-seed", type=bounded_int(0, 2**31 - 1), default=0)
    p.add_argument("--variant", default=None, help="the baseline's scenario variant")
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="ACTOR=SPEC",
        help="the baseline's seats, as for simulate; 'heuristic:*' draws a personality per game",
    )
    p.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="ACTOR=SPEC|variant=NAME|claim=CN",
        help="another configuration: the baseline with this one seat (or the variant) changed, or "
        "with a causal claim's mechanism switched off (claim=C6: every parameter of C6 at its "
        "off_value); repeat for more",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=V1,V2|NAME=LOW:HIGH",
        help="sweep a $parameter (or a start meter, start.METER) over these values (a grid axis; "
        "repeat to cross axes) or this range; a bare NAME with --range-from-scenario",
    )
    p.add_argument(
        "--design",
        choices=("grid", "lhs"),
        default="grid",
        help="grid: every combination (a range gives --points evenly spaced values); lhs: a Latin "
        "hypercube of --points points over the ranges",
    )
    p.add_argument(
        "--points",
        type=bounded_int(1, 10_000),
        default=None,
        help="values per range in a grid (default 3), points of a Latin hypercube (default 10)",
    )
    p.add_argument("--design-seed", type=bounded_int(0, 2**31 - 1), default=0, help="the Latin hypercube's seed")
    p.add_argument(
        "--range-from-scenario",
        action="store_true",
        help="sweep each named parameter (or, with no --param, every documented one) over its "
        "plausible range as the scenario documents it",
    )
    p.add_argument(
        "--sensitivity",
        action="store_true",
        help="move each documented parameter (or each --param) alone to both ends of its range and "
        "rank the parameters by their effect on the --outcome metrics (a tornado chart)",
    )
    p.add_argument(
        "--outcome",
        action="append",
        default=[],
        metavar="METRIC",
        help="with --sensitivity: an end state (e.g. de_facto_nuclear_state), score.ACTOR, "
        "meter.NAME or warheads; repeat for more (default: de_facto_nuclear_state, score.US)",
    )
    p.add_argument(
        "--jobs",
        type=bounded_int(1, 256),
        default=None,
        help="local processes, or workers of --dask local (default: one per core, at most 8)",
    )
    p.add_argument(
        "--dask",
        type=dask_address,
        default=None,
        metavar="ADDRESS|local",
        help="run the games on the Dask scheduler at ADDRESS, or on a LocalCluster started here",
    )
    p.add_argument("--csv", dest="csv_out", default=None, metavar="PATH", help="one tidy row per game")
    p.add_argument("--parquet", dest="parquet_out", default=None, metavar="PATH", help="the same rows as Parquet")
    p.add_argument("--json", dest="json_out", default=None, metavar="PATH", help="every game's result")
    p.add_argument(
        "--report",
        dest="report_out",
        default=None,
        metavar="PATH",
        help="a self-contained HTML page with the set-up, tables and charts",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_lab)


class LabError(Exception):
    """A problem with the study as asked for (found before any game is played) or with writing its
    outputs: one line, exit 2."""


def cmd_lab(args) -> int:
    from ..cli import fail

    missing = _missing_library(("distributed",) if args.dask else ())
    if missing:
        return fail(f"lab needs the lab's libraries ({missing} is not installed): {INSTALL_HINT}")
    try:
        return _run(args)
    except LabError as exc:
        return fail(f"lab: {exc}")


def _missing_library(extra: tuple[str, ...]) -> str | None:
    import importlib.util

    return next((name for name in LAB_LIBRARIES + extra if importlib.util.find_spec(name) is None), None)


def _run(args) -> int:
    from ..cli import check_outputs, fail
    from ..scenario import ScenarioError
    from .batch import ScenarioText, StudyInterrupted, default_jobs, run_study

    try:
        source = ScenarioText.read(args.scenario)
        scenario = source.load()
    except (FileNotFoundError, ScenarioError) as exc:
        raise LabError(str(exc).splitlines()[0]) from None
    design = _design(args, scenario)
    for reason in design.refused:
        fail(f"lab: warning: not played, the scenario's own checks refuse this point: {reason}")
    check_outputs(
        (args.csv_out, "--csv"),
        (args.parquet_out, "--parquet"),
        (args.json_out, "--json"),
        (args.report_out, "--report"),
    )
    jobs = args.jobs or default_jobs()
    seeds = range(args.first_seed, args.first_seed + args.games)
    total = len(design.arms) * args.games
    bar = _progress(total, args.quiet)
    started = time.perf_counter()
    interrupted = False
    try:
        with _backend(args.dask, jobs) as backend:
            results = run_study(source, design.arms, seeds, jobs, on_game=lambda _r: bar.update(1), backend=backend)
    except StudyInterrupted as stop:
        results, interrupted = stop.results, True
    except ValueError as exc:
        raise LabError(str(exc)) from None
    except OSError as exc:  # a scheduler that cannot be reached
        raise LabError(f"--dask {args.dask}: {exc}" if args.dask else str(exc)) from None
    finally:
        bar.close()
    elapsed = time.perf_counter() - started
    _print_summary(scenario, args, design, results, interrupted)
    if args.dask is None:
        where = f"{jobs} local process{'es' if jobs > 1 else ''}"
    elif args.dask == "local":
        where = f"a local Dask cluster of {jobs} processes"
    else:
        where = f"the Dask scheduler {args.dask}"
    _write_outputs(args, source, scenario, design, results, interrupted, where, elapsed)
    if interrupted:
        print(f"armistice: lab interrupted; {len(results)} of {total} games played, and written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


@dataclass
class Design:
    """The arms a study plays (kind: arms, grid, lhs or sensitivity), and for a sensitivity study the
    axes, their defaults and the metrics it ranks by."""

    kind: str
    arms: list
    axes: list = field(default_factory=list)
    defaults: dict = field(default_factory=dict)
    metrics: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # sensitivity points not played, with the scenario's reason


def _design(args, scenario) -> Design:
    from ..ai.registry import DEFAULT_SEAT
    from ..cli import parse_seat, parse_seats
    from . import sweep
    from .batch import Arm, check_arm
    from .sensitivity import DEFAULT_METRICS, parse_metric

    seats = {a: s for a, s in parse_seats(args.seat, DEFAULT_SEAT).items() if a in scenario.actors}
    sweeping = bool(args.param or args.range_from_scenario or args.sensitivity)
    if args.compare and sweeping:
        raise LabError(
            "--compare cannot be combined with a sweep (--param, --range-from-scenario, "
            "--sensitivity): sweep one configuration at a time"
        )
    if args.outcome and not args.sensitivity:
        raise LabError("--outcome chooses what --sensitivity ranks by; add --sensitivity")
    if args.variant is not None and args.variant not in scenario.variants:
        raise LabError(
            f"scenario {scenario.id} has no variant '{args.variant}' "
            f"(variants: {', '.join(scenario.variants) or 'none'})"
        )
    try:
        axes = [
            sweep.resolve(sweep.parse_axis(p), scenario, args.range_from_scenario or args.sensitivity)
            for p in args.param
        ]
        if len({a.name for a in axes}) != len(axes):
            raise ValueError("--param: a name is swept twice")
        if not args.param and (args.range_from_scenario or args.sensitivity):
            axes = sweep.documented_axes(scenario)
            if not axes:
                raise ValueError(
                    f"scenario {scenario.id} documents no plausible range for any parameter "
                    f"(range: in its parameters); give the ranges with --param NAME=LOW:HIGH"
                )
        if args.sensitivity:
            defaults = sweep.defaults(scenario, args.variant, axes)
            metrics = [parse_metric(m, scenario) for m in args.outcome or DEFAULT_METRICS]
            arms, refused = [], []
            for arm in sweep.arms_for(sweep.one_at_a_time(axes, defaults), seats, args.variant, defaults):
                try:  # an end of a range that the scenario's own checks refuse is left out, and said
                    check_arm(scenario, arm)
                    arms.append(arm)
                except ValueError as exc:
                    refused.append(str(exc))
            if refused and (not arms or arms[0].label != "defaults"):
                raise ValueError(refused[0])  # the defaults themselves are refused: the seats or variant
            design = Design("sensitivity", arms, axes, defaults, metrics, refused)
        elif axes:
            if args.design == "lhs":
                points = sweep.latin_hypercube(axes, args.points or 10, args.design_seed)
            else:
                if (args.points or 3) < 2 and any(a.span for a in axes):
                    raise ValueError("--points: a range in a grid needs at least 2 values")
                points = sweep.grid(axes, args.points or 3)
            design = Design(args.design, sweep.arms_for(points, seats, args.variant), axes)
        else:
            arms = [Arm("baseline", seats, args.variant)]
            for change in args.compare:
                name, _, value = change.partition("=")
                if name.strip().lower() == "variant":
                    arms.append(Arm(change, seats, value.strip() or None))
                elif name.strip().lower() == "claim":
                    arms.append(Arm(change, seats, args.variant, parameters=_claim_off(scenario, value.strip())))
                else:
                    actor, spec = parse_seat(change, "--compare")
                    arms.append(Arm(change, {**seats, actor: spec}, args.variant))
            design = Design("arms", arms)
    except ValueError as exc:
        raise LabError(str(exc)) from None
    return design


def _claim_off(scenario, claim: str) -> dict[str, float]:
    """The parameter overrides that switch a claim's mechanism off (``--compare claim=C6``)."""
    from ..model.claims import CLAIMS, claim_switches

    switches = claim_switches(scenario.parameters)
    if claim.upper() not in CLAIMS:
        raise ValueError(f"--compare claim={claim}: not a claim (C1..C13)")
    if claim.upper() not in switches:
        raise ValueError(
            f"--compare claim={claim}: scenario {scenario.id} has no parameter for {claim.upper()} "
            "(a parameter names it with claim: and off_value:)"
        )
    return switches[claim.upper()]


def _progress(total: int, quiet: bool):
    """Games done, games per second and the time left, on stderr; off when quiet or not a terminal."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="game",
        file=sys.stderr,
        disable=quiet or not sys.stderr.isatty(),
        dynamic_ncols=True,
        smoothing=0.1,
    )


@contextmanager
def _backend(address: str | None, jobs: int):
    """Where the games run: None (local processes), or a Dask cluster, closed on leaving."""
    if address is None:
        yield None
        return
    from .cluster import DaskBackend, connect

    with connect(address, jobs) as client:
        yield DaskBackend(client)


def _print_summary(scenario, args, design: Design, results, interrupted: bool) -> None:
    from .sensitivity import ranking
    from .stats import report

    first, last = args.first_seed, args.first_seed + args.games - 1
    print(
        f"{scenario.id}: {args.games} games per {'configuration' if design.kind == 'arms' else 'point'} "
        f"({len(design.arms)} of them), seeds {first}-{last}{' (interrupted)' if interrupted else ''}; "
        f"95% intervals"
    )
    if design.kind == "sensitivity":  # the defaults' spread, then the ranking (the points are in the rows)
        print(report([r for r in results if r.arm == design.arms[0].label]), end="")
        if results:
            print(ranking(_effects(design, results)), end="")
    else:
        print(report(results), end="")


def _effects(design: Design, results):
    from .sensitivity import effects

    return {m.spec: effects(results, design.axes, design.defaults, m) for m in design.metrics}


def _seats_and_variant(arm) -> str:
    """What a compared configuration plays (a sweep point's label says what it changes)."""
    seats = ", ".join(f"{actor.value}={spec}" for actor, spec in arm.seats.items())
    return f"variant {arm.variant}; {seats}" if arm.variant else seats


def _write_outputs(
    args, source, scenario, design: Design, results, interrupted: bool, where: str, elapsed: float
) -> None:
    from ..boundary import dumps_json
    from ..persist import atomic_write_bytes, atomic_write_text
    from .export import to_csv, to_parquet
    from .report import Setup, render

    outputs: list[tuple[str, Callable[[], str | bytes]]] = []  # (path, what to write there), each written atomically
    if args.csv_out:
        outputs.append((args.csv_out, lambda: to_csv(results)))
    if args.parquet_out:
        outputs.append((args.parquet_out, lambda: to_parquet(results)))
    if args.json_out:
        outputs.append((args.json_out, lambda: dumps_json([r.as_dict() for r in results], indent=1)))
    if args.report_out:
        setup = Setup(
            title=f"Armistice policy lab: {scenario.title}",
            rows=[
                (
                    "scenario",
                    f"{scenario.id}: {scenario.title} ({Path(source.name).name}, sha256 {source.digest[:12]})",
                ),
                (
                    "study",
                    {
                        "arms": "configurations compared",
                        "grid": "a grid over the parameters",
                        "lhs": f"a Latin hypercube of {len(design.arms)} points (seed {args.design_seed})",
                        "sensitivity": "one parameter at a time, to both ends of its range",
                    }[design.kind],
                ),
                ("seeds", f"{args.first_seed} to {args.first_seed + args.games - 1} ({args.games} per arm)"),
                ("variant", args.variant or "none"),
                ("seats", ", ".join(args.seat) or "heuristic:normal for every seat"),
                ("games played", f"{len(results)} in {elapsed:.0f} s on {where}"),
                *(("not played", reason) for reason in design.refused),
            ],
            arms=[(arm.label, _seats_and_variant(arm) if design.kind == "arms" else "") for arm in design.arms],
            interrupted=interrupted,
        )
        effects = _effects(design, results) if design.kind == "sensitivity" and results else None
        outputs.append((args.report_out, lambda: render(setup, results, effects)))
    for path, content in outputs:
        data = content()
        try:
            if isinstance(data, str):
                atomic_write_text(path, data)
            else:
                atomic_write_bytes(path, data)
        except OSError as exc:
            raise LabError(f"cannot write {path}: {exc.strerror or exc}") from None
