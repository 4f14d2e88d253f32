"""The ``armistice`` command line: scenarios, validate, simulate (and, from main.py, the game)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .model.ids import ACTOR_NAMES, Actor


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    return args.func(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="armistice", description="Armistice: Korean Peninsula diplomacy.")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("scenarios", help="list the bundled scenarios")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("validate", help="check scenario files; exit 0 when all are valid, 2 otherwise")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("simulate", help="play a whole game headless with AI seats")
    p.add_argument("--scenario", default="hanoi-2019")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--variant", default=None)
    p.add_argument("--seat", action="append", default=[], metavar="ACTOR=SPEC",
                   help="controller for a seat: random, heuristic[:PERSONALITY][:easy|normal|hard] or "
                        "search[:200ms|:300it][:PERSONALITY][:LEVEL] (default: heuristic:normal for every seat)")
    p.add_argument("--json", dest="json_out", default=None, help="write the result as JSON here")
    p.add_argument("--quiet", action="store_true", help="print only the end")
    p.set_defaults(func=cmd_simulate)
    return parser


def cmd_scenarios(args) -> int:
    from .scenario import bundled

    for sid, title, path in bundled():
        print(f"{sid:16} {title}  ({path.name})")
    return 0


def cmd_validate(args) -> int:
    from .scenario import ScenarioError, load_scenario

    failed = False
    for path in args.paths:
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            failed = True
            for line in exc.problems:
                print(line, file=sys.stderr)
            continue
        print(f"{path}: ok ({scenario.id}: {len(scenario.actions)} actions, {len(scenario.events)} events)")
    return 2 if failed else 0


def parse_seats(values: list[str], default: str) -> dict[Actor, str]:
    seats = {actor: default for actor in Actor}
    for value in values:
        name, _, spec = value.partition("=")
        try:
            actor = Actor(name.strip().upper())
        except ValueError:
            raise SystemExit(f"armistice: unknown actor '{name}' in --seat {value} (US, DPRK, ROK, JPN, PRC)")
        if not spec:
            raise SystemExit(f"armistice: --seat {value}: expected ACTOR=SPEC")
        seats[actor] = spec
    return seats


def load_or_exit(name: str):
    from .scenario import ScenarioError, find_scenario, load_scenario

    try:
        return load_scenario(find_scenario(name))
    except (FileNotFoundError, ScenarioError) as exc:
        print(f"armistice: {exc}", file=sys.stderr)
        raise SystemExit(2)


def cmd_simulate(args) -> int:
    from .ai.registry import DEFAULT_SEAT
    from .ai.runner import make_controllers, run
    from .engine import Match

    scenario = load_or_exit(args.scenario)
    seats = {a: s for a, s in parse_seats(args.seat, DEFAULT_SEAT).items() if a in scenario.actors}
    try:
        match = Match(scenario, args.seed, args.variant)
        controllers = make_controllers(match, seats)
    except ValueError as exc:
        print(f"armistice: {exc}", file=sys.stderr)
        return 2

    def show_turn(record) -> None:
        if args.quiet:
            return
        print(f"== Turn {record.turn} ({record.date})")
        for item in match.state.news:
            if item.turn == record.turn and item.audience == "public":
                print(f"  - {item.text}")

    run(match, controllers, on_turn=show_turn)
    result = simulation_result(match, seats)
    print(f"Outcome: {result['outcome']} after {result['turns_played']} turns: {match.state.outcome_reason}")
    for actor, value in result["scores"].items():
        print(f"  {ACTOR_NAMES[Actor(actor)]:14} {value:6.1f}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


def simulation_result(match, seats: dict[Actor, str]) -> dict:
    state = match.state
    return {
        "scenario": match.scenario.id,
        "seed": match.seed,
        "variant": match.variant,
        "seats": {a.value: s for a, s in seats.items()},
        "turns_played": len(match.turns),
        "outcome": state.outcome.value if state.outcome else None,
        "outcome_reason": state.outcome_reason,
        "scores": {a.value: v for a, v in match.scores().items()},
        "final_state_hash": match.hash(),
        "turn_hashes": [t.hash for t in match.turns],
        "history": [dict(turn=i + 1, **meters) for i, meters in enumerate(state.history)],
        "rationales": [r.model_dump(mode="json") for r in match.rationales],
    }


if __name__ == "__main__":
    sys.exit(main())
