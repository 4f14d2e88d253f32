"""The ``armistice`` command line: scenarios, validate, simulate (and, from main.py, the game).

Bad input of any kind (a file, a flag, an output path) ends a command with one line on stderr and exit
status 2, never a traceback; output paths are checked before a game is played; text from files is
escaped before it reaches the terminal (``printable``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .boundary import MAX_INT
from .lab.cli import add_lab_command
from .model.ids import ACTOR_NAMES, Actor
from .process import tune_collector


def main(argv: list[str] | None = None) -> int:
    tune_collector()  # main.py has already; the ``armistice`` command starts here
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except OSError as exc:  # the file system refused something no check above foresaw: still one line
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}")


def fail(message: str) -> int:
    """Print one line ``armistice: message`` (escaped: it may quote a file) on stderr; exit status 2."""
    from .boundary import printable

    print(f"armistice: {printable(' '.join(str(message).split()))}", file=sys.stderr)
    return 2


def say(text: str) -> None:
    """Print text that came from a file (news, names), with control characters escaped."""
    from .boundary import printable

    print(printable(text))


def output_problem(path: str | None, flag: str) -> str | None:
    """Why ``path`` cannot be written, or None: checked before a game is played, so a bad ``--json`` path
    does not throw the game away at the end."""
    if path is None:
        return None
    target = Path(path)
    if target.is_dir():
        return f"{flag} {path}: is a directory"
    if target.exists() and not target.is_file():
        return f"{flag} {path}: is not a regular file"
    if target.exists() and not os.access(target, os.W_OK):
        return f"{flag} {path}: is read-only"
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"{flag} {path}: {folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{flag} {path}: cannot write into {folder}"
    return None


def check_outputs(*pairs: tuple[str | None, str]) -> None:
    """Exit 2 with one line naming the first output path that cannot be written."""
    for path, flag in pairs:
        problem = output_problem(path, flag)
        if problem:
            raise SystemExit(fail(problem))


def write_json(path: str, doc, flag: str = "--json") -> int:
    """Strict JSON (a NaN never reaches the file as bare NaN), written atomically; 0, or 2 with one line."""
    from .boundary import dumps_json
    from .persist import atomic_write_text

    try:
        atomic_write_text(path, dumps_json(doc, indent=2))
    except ValueError as exc:
        return fail(f"{flag} {path}: not written: {exc}")
    except OSError as exc:
        return fail(f"{flag} {path}: cannot write: {exc.strerror or exc}")
    return 0


def bounded_int(low: int, high: int):
    """An argparse type: an integer in [low, high]; anything else is argparse's one-line usage error (exit 2),
    the value shown by its start only (a 5,000-digit number is not echoed whole)."""

    def parse(text: str) -> int:
        from .boundary import shown

        digits = text.strip().lstrip("+-")
        if not digits.isdigit() or not digits.isascii():
            raise argparse.ArgumentTypeError(f"{shown(text, 24)} is not an integer")
        if len(digits) > 30 or not low <= int(text) <= high:  # 30 digits: far past any bound, far below int()'s
            raise argparse.ArgumentTypeError(f"{shown(text, 24)} is outside {low}..{high}")
        return int(text)

    return parse


SEED = bounded_int(-MAX_INT, MAX_INT)  # as a save holds it


class OneLineParser(argparse.ArgumentParser):
    """argparse, with a usage error as one line like every other error (its subcommands' parsers too)."""

    def error(self, message: str):
        command = self.prog.partition(" ")[2]
        raise SystemExit(fail(f"{command + ': ' if command else ''}{message} (see {self.prog} --help)"))


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="armistice", description="Armistice: Korean Peninsula diplomacy.")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("scenarios", help="list the bundled scenarios")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser(
        "validate",
        help="check scenario files, MSEL files (*.csv, or YAML with a 'msel:' list) "
        "and saves (*.json); exit 0 when all are valid, 2 otherwise",
    )
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--scenario",
        default=None,
        metavar="ID|PATH",
        help="the scenario a MSEL file is checked against (default: the one the file names, else hanoi-2019)",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("simulate", help="play a whole game headless with AI seats")
    p.add_argument("--scenario", default="hanoi-2019")
    p.add_argument("--seed", type=SEED, default=1)
    p.add_argument("--variant", default=None)
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="ACTOR=SPEC",
        help="controller for a seat: random, heuristic[:PERSONALITY][:easy|normal|hard] or "
        "search[:200ms|:300it][:PERSONALITY][:LEVEL] (default: heuristic:normal for every seat)",
    )
    p.add_argument("--json", dest="json_out", default=None, help="write the result as JSON here")
    p.add_argument("--quiet", action="store_true", help="print only the end")
    p.add_argument("--save", default=None, metavar="PATH", help="write a save of the simulated game here")
    p.add_argument(
        "--msel",
        default=None,
        metavar="FILE",
        help="play it as a facilitated game with this MSEL (YAML or CSV): scheduled injects fire, "
        "held ones stay held, and each turn's orders are accepted as given",
    )
    p.add_argument(
        "--facilitated",
        action="store_true",
        help="a facilitated game with the scenario's own MSEL (its 'msel:' list), as --msel",
    )
    p.set_defaults(func=cmd_simulate)
    add_save_commands(sub)
    add_lab_command(sub)
    add_report_command(sub)
    return parser


def cmd_scenarios(args) -> int:
    from .scenario import bundled

    for sid, title, path in bundled():
        say(f"{sid:16} {title}  ({path.name})")
    return 0


def cmd_validate(args) -> int:
    from .scenario import ScenarioError, load_scenario
    from .scenario.msel import is_msel_file
    from .scenario.sourcing import sourcing_report

    failed = False
    for path in args.paths:
        if is_save_path(path):
            failed = not validate_save(path) or failed
            continue
        if is_msel_file(path):
            failed = not validate_msel(path, args.scenario) or failed
            continue
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            failed = True
            print_problems(exc)
            continue
        msel = f", a MSEL of {injects(len(scenario.msel))}" if scenario.msel else ""
        say(f"{path}: ok ({scenario.id}: {len(scenario.actions)} actions, {len(scenario.events)} events{msel})")
        for line in sourcing_report(path, scenario):  # figures without a source or judgement
            say(line)
    return 2 if failed else 0


def print_problems(exc) -> None:
    """A ScenarioError's problems, one ``file:line: field: problem`` line each, on stderr (escaped)."""
    from .boundary import printable

    for line in exc.problems:
        print(printable(line), file=sys.stderr)


def validate_msel(path: str, scenario_name: str | None) -> bool:
    """Check a MSEL file by the schema, then against its scenario; print ``file:line: field: problem``."""
    from .scenario import ScenarioError
    from .scenario.msel import check_msel, read_msel

    try:
        msel = read_msel(path)
        scenario = load_or_exit(scenario_name or msel.scenario or "hanoi-2019")
        check_msel(msel, scenario)
    except ScenarioError as exc:
        print_problems(exc)
        return False
    held = sum(1 for i in msel.injects if i.held)
    say(
        f"{path}: ok (a MSEL of {injects(len(msel.injects))} for {scenario.id}: {len(msel.injects) - held} "
        f"scheduled, {held} held)"
    )
    return True


def injects(n: int) -> str:
    return f"{n} inject{'' if n == 1 else 's'}"


def control_setup_or_exit(args, scenario):
    """The white-cell setup ``simulate --msel FILE`` / ``--facilitated`` asks for, or None; exits 2 (one line a
    problem) for a bad MSEL file."""
    from .model.control import ControlSetup
    from .scenario import ScenarioError
    from .scenario.msel import load_msel

    if args.msel is None:
        return ControlSetup(msel=tuple(scenario.msel)) if args.facilitated else None
    try:
        return ControlSetup(msel=load_msel(args.msel, scenario))
    except ScenarioError as exc:
        print_problems(exc)
        raise SystemExit(2)


def parse_seats(values: list[str], default: str) -> dict[Actor, str]:
    seats = {actor: default for actor in Actor}
    seats.update(parse_seat(value) for value in values)
    return seats


def parse_seat(value: str, flag: str = "--seat") -> tuple[Actor, str]:
    """``ACTOR=SPEC`` -> (actor, spec); exits 2 with the problem named."""
    from .boundary import shown

    name, _, spec = value.partition("=")
    try:
        actor = Actor(name.strip().upper())
    except ValueError:
        raise SystemExit(fail(f"unknown actor {shown(name)} in {flag} {shown(value)} (US, DPRK, ROK, JPN, PRC)"))
    if not spec:
        raise SystemExit(fail(f"{flag} {shown(value)}: expected ACTOR=SPEC"))
    return actor, spec


def load_or_exit(name: str):
    from .scenario import ScenarioError, find_scenario, load_scenario

    try:
        return load_scenario(find_scenario(name))
    except (FileNotFoundError, ScenarioError) as exc:
        raise SystemExit(fail(str(exc)))


def cmd_simulate(args) -> int:
    from .ai.registry import DEFAULT_SEAT
    from .ai.runner import make_controllers, run
    from .engine import Match

    check_outputs((args.json_out, "--json"), (args.save, "--save"))
    scenario, ref = open_or_exit(args.scenario)
    seats = {a: s for a, s in parse_seats(args.seat, DEFAULT_SEAT).items() if a in scenario.actors}
    control = control_setup_or_exit(args, scenario)
    try:
        match = Match(scenario, args.seed, args.variant, control=control)
        controllers = make_controllers(match, seats)
    except ValueError as exc:
        return fail(str(exc))

    def show_turn(record) -> None:
        if not args.quiet:
            print_turn(match, record)

    run(match, controllers, on_turn=show_turn, accept_orders=True)
    return finish(match, seats, args.json_out, args.save, ref, "simulate")


def print_turn(match, record) -> None:
    say(f"== Turn {record.turn} ({record.date})")
    for item in match.state.news:
        if item.turn == record.turn and item.audience == "public":
            say(f"  - {item.text}")
    control = match.state.control
    for act in control.record if control is not None else ():
        if act.turn == record.turn:
            say(f"  [white cell] {act.text}{': ' + act.reason if act.reason else ''}")


def finish(
    match, seats: dict, json_out: str | None, save_out: str | None, ref, label: str, game_id: str | None = None
) -> int:
    """The end of a headless game: outcome and scores, then the --json result and the --save file."""
    result = simulation_result(match, seats)
    say(f"Outcome: {result['outcome']} after {result['turns_played']} turns: {match.state.outcome_reason}")
    for actor, value in result["scores"].items():
        print(f"  {ACTOR_NAMES[Actor(actor)]:14} {value:6.1f}")
    if json_out and write_json(json_out, result):
        return 2
    if save_out:
        return write_save_or_fail(match, save_out, ref, seats, label, game_id)
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


# --------------------------------------------------------------------------- saves (issue 5)
def add_save_commands(sub) -> None:
    p = sub.add_parser(
        "replay",
        help="re-run a save's log; with --verify check the state hash turn by turn "
        "(exit 0 all match; 2 for a bad save, or one whose log does not "
        "reproduce it, naming the first turn that differs)",
    )
    p.add_argument("save")
    p.add_argument("--verify", action="store_true", help="print the hash check per turn instead of the news")
    p.add_argument("--rationales", action="store_true", help="also print each AI decision's rationale")
    p.add_argument(
        "--scenario",
        default=None,
        metavar="PATH",
        help="the scenario file the game was played on (default: the one the save names)",
    )
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("branch", help="write a save of the game as it stood at the start of turn N")
    p.add_argument("save")
    p.add_argument("--turn", type=bounded_int(1, 1000), required=True, metavar="N")
    p.add_argument("--out", required=True, metavar="NEW")
    p.add_argument("--force", action="store_true", help="replace NEW if it exists")
    p.add_argument("--scenario", default=None, metavar="PATH")
    p.set_defaults(func=cmd_branch)

    p = sub.add_parser("resume", help="continue a saved game headless with its AI seats")
    p.add_argument("save")
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="ACTOR=SPEC",
        help="give a seat (e.g. a human one) an AI controller: same specs as simulate",
    )
    p.add_argument("--scenario", default=None, metavar="PATH")
    p.add_argument("--save", dest="save_out", default=None, metavar="PATH", help="write the finished game here")
    p.add_argument(
        "--autosave-dir",
        default="saves",
        metavar="DIR",
        help="autosave at the end of every turn and on quit (the last five kept; default saves/)",
    )
    p.add_argument("--no-autosave", action="store_true")
    p.add_argument("--json", dest="json_out", default=None, help="write the result as JSON here")
    p.add_argument("--quiet", action="store_true", help="print only the end")
    p.set_defaults(func=cmd_resume)


def is_save_path(path: str) -> bool:
    return Path(path).suffix.lower() == ".json"


def open_or_exit(name: str):
    """A scenario and the reference a save records for it (same errors and exit code as load_or_exit)."""
    from .persist import open_scenario
    from .scenario import ScenarioError

    try:
        return open_scenario(name)
    except (FileNotFoundError, ScenarioError) as exc:
        raise SystemExit(fail(str(exc)))


def load_save_or_exit(path: str, scenario_path: str | None = None, verified: bool = False):
    """(save, scenario, match) or exit 2 with a one-line reason. Reads only; never writes or deletes.
    With ``verified`` the match is the save's log replayed and checked against its snapshot (what a
    command that goes on from the save needs); without it, None (the command replays itself)."""
    from .persist import SaveError, load_game, read_save, resolve_scenario

    try:
        saved = read_save(path)
        scenario = resolve_scenario(saved.scenario, scenario_path)
        return saved, scenario, load_game(saved, scenario) if verified else None
    except SaveError as exc:
        raise SystemExit(fail(f"{path}: {exc.reason}"))


def validate_save(path: str) -> bool:
    from .boundary import printable
    from .persist import SaveError, load_game, read_save, resolve_scenario

    try:
        saved = read_save(path)
        load_game(saved, resolve_scenario(saved.scenario))
    except SaveError as exc:
        print(f"{printable(path)}: {exc.reason}", file=sys.stderr)
        return False
    say(f"{path}: ok (save of {saved.describe()}; its log replays to its snapshot)")
    return True


def write_save_or_fail(match, path: str, ref, seats: dict, label: str, game_id: str | None = None) -> int:
    from .persist import GameInfo, new_game_id, save_match

    info = GameInfo(scenario=ref, seats=dict(seats), game_id=game_id or new_game_id())
    try:
        save_match(match, path, info, label=label)
    except OSError as exc:
        return fail(f"cannot write {path}: {exc.strerror or exc}")
    say(f"Saved to {path}")
    return 0


def cmd_replay(args) -> int:
    from .engine.entries import entry_rationales
    from .persist import ReplayMismatch, SaveError, replay

    saved, scenario, _ = load_save_or_exit(args.save, args.scenario)
    by_turn: dict[int, list] = {}
    for entry in saved.log:
        by_turn.setdefault(entry.turn, []).append(entry)

    def show(match, record) -> None:
        if args.verify:
            say(f"turn {record.turn:3}  {record.date:18} {record.hash[:16]}  ok")
            return
        print_turn(match, record)
        if args.rationales:
            for entry in by_turn.get(record.turn, []):
                for actor, text in entry_rationales(entry):
                    say(f"  [{actor.value} {entry.phase.value}] {text}")

    try:
        match = replay(saved, scenario, verify=True, on_turn=show)
    except ReplayMismatch as exc:
        return fail(f"{args.save}: replay differs at {exc.reason}")
    except SaveError as exc:
        return fail(f"{args.save}: {exc.reason}")
    if args.verify:
        print(
            f"verified: {len(saved.turns)} turn{'s' if len(saved.turns) != 1 else ''} and the snapshot match "
            f"(state {match.hash()[:16]})"
        )
    else:
        state = match.state
        if match.over:
            say(
                f"Outcome: {state.outcome.value if state.outcome else 'ended'} after {len(match.turns)} turns: "
                f"{state.outcome_reason}"
            )
        else:
            print(f"In progress: turn {state.turn}, {state.phase.value} phase")
    return 0


def cmd_branch(args) -> int:
    from .persist import SaveError, branch, write_save

    saved, scenario, _ = load_save_or_exit(args.save, args.scenario)
    out = Path(args.out)
    if out.exists() and out.resolve() == Path(args.save).resolve():
        return fail(f"{args.out}: is the save being branched; choose another --out")
    if out.exists() and not args.force:
        return fail(f"{args.out}: already exists; choose another --out or add --force")
    check_outputs((args.out, "--out"))
    try:
        branched = branch(saved, scenario, args.turn, source=str(args.save))
    except SaveError as exc:
        return fail(f"{args.save}: {exc.reason}")
    try:
        write_save(branched, out)
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    say(
        f"Wrote {args.out}: {branched.describe()} (branched from game {saved.game_id} at the start of "
        f"turn {args.turn}, {branched.snapshot.date})"
    )
    return 0


def cmd_resume(args) -> int:
    from .ai.runner import make_controllers, run
    from .persist import HUMAN, Autosaver, GameInfo

    check_outputs((args.json_out, "--json"), (args.save_out, "--save"))
    seats_given = [parse_seat(value) for value in args.seat]
    saved, scenario, match = load_save_or_exit(args.save, args.scenario, verified=True)
    if match.over:
        state = match.state
        say(
            f"The game is over: {state.outcome.value if state.outcome else 'ended'} after {len(match.turns)} "
            f"turns: {state.outcome_reason}"
        )
        return 0
    seats = {a: spec for a, spec in saved.seats.items() if a in scenario.actors}
    seats.update(seats_given)
    unseated = [a.value for a in scenario.actors if seats.get(a, HUMAN) == HUMAN]
    if unseated:
        one = len(unseated) == 1
        return fail(
            f"{args.save}: {', '.join(unseated)} {'is a human seat' if one else 'are human seats'}; "
            f"to continue headless give {'it' if one else 'each'} an AI, e.g. --seat {unseated[0]}=heuristic"
        )
    try:
        controllers = make_controllers(match, seats)
    except ValueError as exc:
        return fail(f"{args.save}: {exc}")
    info = GameInfo(
        scenario=saved.scenario,
        seats=seats,
        game_id=saved.game_id,
        branched_from=saved.branched_from,
        facilitator=saved.facilitator,
        pin_hash=saved.pin_hash,
    )
    autosaver = None if args.no_autosave else Autosaver(args.autosave_dir, info)
    if not args.quiet:
        say(f"Resuming {saved.describe()}")

    def autosave(write) -> Path | None:
        """Autosave, or (the folder read-only or full) warn once in one line and play on without."""
        nonlocal autosaver
        try:
            return write(match)
        except (OSError, ValueError) as exc:
            fail(
                f"warning: autosave to {args.autosave_dir} failed ({getattr(exc, 'strerror', None) or exc}); "
                "the game goes on without autosaves"
            )
            autosaver = None
            return None

    def after_turn(record) -> None:
        if autosaver is not None:
            autosave(autosaver.after_turn)
        if not args.quiet:
            print_turn(match, record)

    try:
        run(match, controllers, on_turn=after_turn, accept_orders=True)
    except KeyboardInterrupt:
        path = autosave(autosaver.on_quit) if autosaver is not None else None
        if path is not None:
            print(f"\nInterrupted; saved to {path}", file=sys.stderr)
        return 130
    return finish(match, seats, args.json_out, args.save_out, saved.scenario, "resume", saved.game_id)


# --------------------------------------------------------------------------- after-action report (issue 13)
def add_report_command(sub) -> None:
    p = sub.add_parser(
        "report",
        help="the after-action report of a save: a self-contained HTML page with "
        "charts (--html), its tables as CSV files (--csv) or JSON (--json)",
    )
    p.add_argument("save")
    p.add_argument("--html", default=None, metavar="PATH", help="write the page here")
    p.add_argument("--csv", dest="csv_dir", default=None, metavar="DIR", help="write one CSV file per table here")
    p.add_argument("--json", dest="json_out", default=None, metavar="PATH", help="write the tables as JSON here")
    p.add_argument(
        "--scenario",
        default=None,
        metavar="PATH",
        help="the scenario file the game was played on (default: the one the save names)",
    )
    p.set_defaults(func=cmd_report)


def folder_problem(path: str | None, flag: str) -> str | None:
    """Why files cannot be written into the folder ``path`` (made if missing), or None."""
    if path is None:
        return None
    target = Path(path)
    if target.exists() and not target.is_dir():
        return f"{flag} {path}: is not a folder"
    if target.is_dir():
        return None if os.access(target, os.W_OK | os.X_OK) else f"{flag} {path}: cannot write into it"
    return output_problem(path, flag)


def cmd_report(args) -> int:
    if not (args.html or args.csv_dir or args.json_out):
        return fail("report: give --html PATH, --csv DIR or --json PATH (see armistice report --help)")
    check_outputs((args.html, "--html"), (args.json_out, "--json"))
    problem = folder_problem(args.csv_dir, "--csv")
    if problem:
        return fail(problem)
    from .persist import atomic_write_text
    from .report.aar import collect
    from .report.export import write_csv
    from .report.html import render

    saved, _, match = load_save_or_exit(args.save, args.scenario, verified=True)
    report = collect(match, dict(saved.seats), saved.game_id)
    if args.html:
        atomic_write_text(args.html, render(report))
        say(f"Wrote {args.html}")
    if args.csv_dir:
        files = write_csv(report, args.csv_dir)
        say(f"Wrote {len(files)} tables into {args.csv_dir}: {', '.join(p.name for p in files)}")
    if args.json_out:
        if write_json(args.json_out, {"title": report.title, "tables": report.tables}):
            return 2
        say(f"Wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
