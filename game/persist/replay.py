"""Replays: re-run a save's log from the start, checking the state hash turn by turn; rewind and branch.

A game is (scenario, seed, variant, log). Replaying the log on a fresh Match must reproduce every turn's
recorded state hash; the first turn that does not is where the save (or the engine) went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..ai.registry import parse_spec
from ..boundary import printable
from ..engine import Match, TurnRecord
from ..model.orders import IllegalOrder
from ..model.scenario import Scenario
from ..views import rules_view
from .errors import ReplayMismatch, SaveError
from .saves import HUMAN, GameInfo, Provenance, SavedGame, capture, new_game_id

LOGS = ("news", "history", "changes")  # the parts of a state its hash covers only through log_digest


@dataclass
class ReplayReport:
    """What a verifying replay found: the turns that matched, and the first mismatch (if any)."""

    checked: list[TurnRecord] = field(default_factory=list)
    mismatch: ReplayMismatch | None = None

    @property
    def ok(self) -> bool:
        return self.mismatch is None


def replay(
    saved: SavedGame,
    scenario: Scenario,
    *,
    until_turn: int | None = None,
    verify: bool = True,
    on_turn: Callable[[Match, TurnRecord], None] | None = None,
) -> Match:
    """A fresh Match with the save's log applied: all of it, or (``until_turn=N``) every move made before
    turn N, leaving the game at the start of turn N. With ``verify`` each resolved turn's state hash is
    compared with the save's, and the first difference raises ReplayMismatch naming the turn.
    ``on_turn(match, record)`` is called for each turn that resolved (and matched), with the replaying
    Match as it stands after that turn."""
    _check_variant(saved, scenario)
    try:
        match = Match(scenario, saved.seed, saved.variant, control=saved.control)
    except ValueError as exc:  # a white-cell setup that does not fit the scenario
        raise SaveError(f"control: {exc}") from None
    if verify and match.start_hash != saved.start_hash:
        raise ReplayMismatch(
            1,
            f"the starting state differs (hash {match.start_hash[:12]}, the save recorded "
            f"{saved.start_hash[:12]}): the engine or the scenario setup has changed",
        )
    for entry in saved.log:
        if until_turn is not None and entry.turn >= until_turn:
            break
        resolved = len(match.turns)
        try:
            match.apply(entry)
        except (IllegalOrder, ValueError) as exc:
            raise ReplayMismatch(
                entry.turn, f"{entry.seat}'s logged {entry.phase.value} no longer applies: {exc}"
            ) from None
        for record in match.turns[resolved:]:
            if verify:
                index = record.turn - 1
                if index >= len(saved.turns):
                    raise ReplayMismatch(record.turn, "the replay resolved a turn the save never recorded")
                want = saved.turns[index].hash
                if record.hash != want:
                    raise ReplayMismatch(
                        record.turn, f"state hash {record.hash[:12]} after replay, the save recorded {want[:12]}"
                    )
            if on_turn is not None:
                on_turn(match, record)
    if verify and until_turn is None:
        if len(match.turns) < len(saved.turns):
            missing = len(match.turns) + 1
            raise ReplayMismatch(missing, "the log ends before this recorded turn was played")
        if match.hash() != saved.snapshot.hash:
            raise ReplayMismatch(
                saved.snapshot.turn, "the state after the last logged move differs from the saved snapshot"
            )
        if match.turns != list(saved.turns):
            raise ReplayMismatch(saved.snapshot.turn, "the saved turn records differ from the replay's")
        # The hash covers the logs only through their running digest: compare the logs themselves, so
        # that news or history edited in the snapshot (the digest left alone) is found too.
        for name in LOGS:
            if getattr(match.state, name) != getattr(saved.snapshot.state, name):
                raise ReplayMismatch(
                    saved.snapshot.turn, f"the snapshot's {name} differ from the replay's (the snapshot was edited)"
                )
    return match


def load_game(saved: SavedGame, scenario: Scenario) -> Match:
    """The Match of a save, verified: the whole log is replayed, each turn's hash checked and the result
    compared with the snapshot, news and history included (a few milliseconds a turn; bench/saves.py).
    A save whose seat specs this version cannot run is refused too. Raises SaveError (a replay that
    differs is a ReplayMismatch, naming the turn)."""
    _check_seats(saved, scenario)
    return replay(saved, scenario, verify=True)


def _check_seats(saved: SavedGame, scenario: Scenario) -> None:
    """SaveError unless every AI seat spec of the save is one this version can run within its budgets."""
    _check_variant(saved, scenario)
    rules = rules_view(scenario, saved.variant)
    stand_ins = saved.control.stand_ins if saved.control is not None else {}
    for where, specs in (("seats", saved.seats), ("control.stand_ins", stand_ins)):
        for actor, spec in specs.items():
            if spec != HUMAN or where != "seats":
                try:
                    parse_spec(spec, actor, rules)
                except ValueError as exc:
                    raise SaveError(f"{where}.{actor.value}: {exc}") from None


def _check_variant(saved: SavedGame, scenario: Scenario) -> None:
    if saved.variant is not None and saved.variant not in scenario.variants:
        raise SaveError(
            f"scenario '{scenario.id}' has no variant '{saved.variant}' (the one the save was played "
            "with): give the original scenario file with --scenario"
        )


def verify(
    saved: SavedGame, scenario: Scenario, on_turn: Callable[[Match, TurnRecord], None] | None = None
) -> ReplayReport:
    """Replay the whole log and report the turns that matched and the first that did not."""
    report = ReplayReport()

    def seen(match: Match, record: TurnRecord) -> None:
        report.checked.append(record)
        if on_turn is not None:
            on_turn(match, record)

    try:
        replay(saved, scenario, verify=True, on_turn=seen)
    except ReplayMismatch as exc:
        report.mismatch = exc
    return report


def branch_turns(saved: SavedGame) -> range:
    """The turns a game can be rewound to: the start of any turn it reached."""
    last = len(saved.turns) if saved.over else len(saved.turns) + 1
    return range(1, last + 1)


def branch(saved: SavedGame, scenario: Scenario, turn: int, source: str = "") -> SavedGame:
    """A new save of the game as it stood at the start of ``turn`` (the save verified whole first, then
    replayed up to there), with a new game id and a note of where it came from (``source``, a file name,
    escaped: a save holds no control characters, so one named with an escape stays readable)."""
    allowed = branch_turns(saved)
    if turn not in allowed:
        raise SaveError(
            f"cannot branch at turn {turn}: this game can be rewound to turns {allowed.start}..{allowed.stop - 1}"
        )
    load_game(saved, scenario)  # the whole save verified (and its seats, which the branch inherits) first
    match = replay(saved, scenario, until_turn=turn, verify=True)
    info = GameInfo(
        scenario=saved.scenario,
        seats=dict(saved.seats),
        game_id=new_game_id(),
        branched_from=Provenance(
            game_id=saved.game_id, turn=turn, source=printable(source), source_saved_at=saved.saved_at
        ),
        facilitator=saved.facilitator,
        pin_hash=saved.pin_hash,
    )
    return capture(match, info, label="branch")
