"""The save file: schema, writing (atomic), reading (validated), and restoring a Match from it.

A save is one JSON object::

    {"format": "armistice-save", "version": 4, "checksum": "<sha256 of body>",
     "body": {scenario: {id, hash, path, title}, seed, variant, seats, game_id, label, saved_at,
              app_version, branched_from, facilitator, control, start_hash, turns: [...], log: [...],
              snapshot: {turn, phase, date, hash, state}}}

``log`` is the engine's order and deal log (every proposal, answer and order, each with the AI's
rationale, and in a facilitated game the white cell's acts and the seats' memos and questions;
``control`` is that game's white-cell setup); with the scenario, seed and variant it reproduces the
game, and ``turns`` holds the state hash after each turn so a replay can be checked turn by turn. ``snapshot`` is the state as it stood
when saved, so loading needs no replay (the dice are keyed by seed and turn: they have no state to save). The checksum is over the body exactly as written:
a truncated, corrupted or hand-edited file is refused, never half-loaded.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import typing
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from ..boundary import MAX_INT, InputError, decode_utf8, dumps_json, loads_json, read_bytes
from ..engine import Match, TurnRecord, state_hash
from ..engine.entries import AnyEntry, LogEntry
from ..model.control import ControlAct, ControlEntry, ControlSetup, NoteEntry
from ..model.ids import Actor, Name, Phase, check_name
from ..model.scenario import Scenario
from ..model.state import GameState
from .atomic import atomic_write_bytes
from .errors import SaveError
from .scenarios import ScenarioRef

FORMAT = "armistice-save"
VERSION = 4  # the layout of this file, or the rules it replays with; bump (and add a migration) when it changes
# Format 1 saved the state of one shared random stream; from format 2 the dice are keyed rolls
# (rules/dice.py), so a format-1 game cannot be continued or replayed with the dice it was played with.
# Format 3: trust changes carry their action's audience and an action aimed at its own actor moves no
# trust, so a format-2 game's log replays to other states than the ones it recorded.
# Format 4: the white cell (a facilitated game's control setup, control acts, memos and requests for
# information in the log, the control part of the state). A format-3 save is a game without a white cell,
# which format 4 plays, logs and hashes exactly as format 3 did: it is read as it is (the migration is nil).
OLDEST_READABLE = 3
# A whole 12-turn game of hanoi-2019 is ~120 KB (bench/saves.py): 8 MB leaves room for far longer games,
# and bounds what a crafted file of millions of tiny values costs to parse and refuse (a 20 MB one took
# 12 s and 570 MB on a busy machine; 8 MB takes under half of that).
MAX_BYTES = 8 * 1024 * 1024
HUMAN = "human"  # the seat spec of a seat played by a person
Label = Literal["manual", "autosave", "quit", "branch", "simulate", "resume"]
LABELS: tuple[Label, ...] = typing.get_args(Label)
_HASH = r"^[0-9a-f]{64}$"
_FINGERPRINT = re.compile(r"[0-9a-f]{12}")
MAX_SEAT_SPEC = 200  # characters of a seat spec in a save


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("armistice")
    except Exception:  # not installed (running from the source tree)
        return "dev"


def new_game_id() -> str:
    return uuid.uuid4().hex[:12]


def check_game_id(game_id: str) -> str:
    """A game id becomes part of autosave file names, so it is a Name (``game.model.ids``), never a path."""
    return check_name(game_id, "game id")


@functools.cache
def schema_fingerprint() -> str:
    """A short hash of the engine's state and log schemas (without prose): a save whose state no longer
    validates can then say that it was made by an incompatible engine, not merely that a field is wrong."""

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("description", "title")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    schemas = [strip(model.model_json_schema()) for model in (GameState, LogEntry, ControlEntry, NoteEntry)]
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- schema
class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(_Strict):
    """Where a branched game came from."""

    game_id: Name
    turn: int = Field(ge=1)  # the branch starts at the beginning of this turn
    source: str = ""  # the file it was branched from
    source_saved_at: str = ""


class Snapshot(_Strict):
    turn: int = Field(ge=1)
    phase: Phase
    date: str = ""
    hash: str = Field(pattern=_HASH)
    state: GameState


class SavedGame(_Strict):
    scenario: ScenarioRef
    seed: Annotated[int, Field(strict=True, ge=-MAX_INT, le=MAX_INT)]  # as the CLI's --seed
    variant: Name | None = None
    seats: dict[Actor, Annotated[str, Field(max_length=MAX_SEAT_SPEC)]] = {}  # actor -> AI seat spec, or "human"
    game_id: Name
    label: Label = "manual"
    saved_at: str = ""
    app_version: str = ""
    engine_schema: str = ""  # schema_fingerprint() of the engine that wrote it
    branched_from: Provenance | None = None
    facilitator: StrictBool = False  # set up for a facilitator: the UI offers the god view in its game menu
    control: ControlSetup | None = None  # a facilitated game's white-cell setup (its MSEL, clocks, stand-ins)
    # the salted hash of the PIN that opens the white cell's console (game.ui.whitecell; never the PIN)
    pin_hash: str = Field(default="", pattern=r"^(scrypt\$[0-9a-f]{32}\$[0-9a-f]{128})?$")
    start_hash: str = Field(pattern=_HASH)
    turns: tuple[TurnRecord, ...] = ()
    log: tuple[AnyEntry, ...] = ()
    snapshot: Snapshot

    # ---- conveniences for the CLI and UI
    @property
    def over(self) -> bool:
        return self.snapshot.phase is Phase.ENDED

    def info(self) -> "GameInfo":
        return GameInfo(
            scenario=self.scenario,
            seats=dict(self.seats),
            game_id=self.game_id,
            branched_from=self.branched_from,
            facilitator=self.facilitator,
            pin_hash=self.pin_hash,
        )

    def describe(self) -> str:
        st = self.snapshot.state
        where = (
            f"ended after turn {len(self.turns)} ({st.outcome.value if st.outcome else 'ended'})"
            if self.over
            else f"turn {self.snapshot.turn}, {self.snapshot.phase.value} phase"
        )
        return (
            f"{self.scenario.id}, seed {self.seed}{', variant ' + self.variant if self.variant else ''}: "
            f"{where}, {len(self.log)} logged moves"
        )


@dataclass(frozen=True)
class GameInfo:
    """What a save records besides the Match itself: the scenario file, the seats and the game's identity
    (autosaves of one game share its id; a branch gets a new one)."""

    scenario: ScenarioRef
    seats: dict[Actor, str] = field(default_factory=dict)
    game_id: str = field(default_factory=new_game_id)
    branched_from: Provenance | None = None
    facilitator: bool = False  # the game was set up with a facilitator (god view in the UI's menu)
    pin_hash: str = ""  # the salted hash of the white cell's PIN, as the UI made it

    def __post_init__(self):
        check_game_id(self.game_id)


# --------------------------------------------------------------------------- Match -> save
def capture(match: Match, info: GameInfo, label: str = "manual") -> SavedGame:
    """A save of ``match`` as it stands now. Nothing is re-validated: the Match's values are valid."""
    if label not in LABELS:
        raise ValueError(f"unknown save label {label!r} (one of {', '.join(LABELS)})")
    checked_label = typing.cast(Label, label)  # the membership test above is the check mypy cannot follow
    if match.scenario.id != info.scenario.id:
        raise ValueError(f"the match plays '{match.scenario.id}', the scenario reference is '{info.scenario.id}'")
    state = match.state
    snapshot = Snapshot.model_construct(
        turn=state.turn,
        phase=state.phase,
        date=match.scenario.date_label(state.turn),
        hash=state_hash(state),
        state=state,
    )
    return SavedGame.model_construct(
        scenario=info.scenario,
        seed=match.seed,
        variant=match.variant,
        seats={a: info.seats[a] for a in match.scenario.actors if a in info.seats},
        game_id=info.game_id,
        label=checked_label,
        saved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        app_version=app_version(),
        engine_schema=schema_fingerprint(),
        branched_from=info.branched_from,
        facilitator=info.facilitator,
        pin_hash=info.pin_hash,
        control=state.control.setup if state.control is not None else None,
        start_hash=match.start_hash,
        turns=tuple(match.turns),
        log=tuple(match.log),
        snapshot=snapshot,
    )


def encode(saved: SavedGame) -> bytes:
    body = _dump_body(saved.model_dump(mode="json"))
    checksum = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return (f'{{"format": "{FORMAT}", "version": {VERSION}, "checksum": "{checksum}",\n"body": {body}}}\n').encode(
        "utf-8"
    )


def sign(body: dict) -> bytes:
    """A save file for an edited body, with a fresh checksum: for tools (and tests) that rewrite saves
    on purpose. The result is still validated in full when it is read."""
    text = _dump_body(body)
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (f'{{"format": "{FORMAT}", "version": {VERSION}, "checksum": "{checksum}",\n"body": {text}}}\n').encode(
        "utf-8"
    )


def _dump_body(body: dict) -> str:
    # Key order is kept (not sorted): the state hash depends on the order of the state's dicts. Strict:
    # a NaN raises ValueError instead of reaching the file as bare NaN, which no JSON reader accepts.
    return dumps_json(body, ensure_ascii=False, separators=(",", ":"))


def write_save(saved: SavedGame, path: str | Path) -> Path:
    """Write atomically: the previous file at ``path`` stays whole until the new one is complete."""
    return atomic_write_bytes(path, encode(saved))


def save_match(match: Match, path: str | Path, info: GameInfo, label: str = "manual") -> SavedGame:
    saved = capture(match, info, label)
    write_save(saved, path)
    return saved


# --------------------------------------------------------------------------- file -> save
def read_save(path: str | Path) -> SavedGame:
    """Read and validate a save (through ``game.boundary``: a regular file, at most MAX_BYTES, read with the
    cap checked while reading). Raises SaveError with a one-line reason; never changes the file."""
    try:
        data = read_bytes(path, limit=MAX_BYTES)
    except InputError as exc:
        raise SaveError(str(exc)) from None
    return decode(data)


def decode(data: bytes) -> SavedGame:
    try:
        return _decode(data)
    except SaveError:
        raise
    except RecursionError:
        raise SaveError("corrupted: the JSON is nested too deeply to be a save") from None
    except Exception as exc:  # whatever else a hostile file provokes: still one line, never a traceback
        raise SaveError(f"cannot be loaded ({type(exc).__name__}: {exc})") from None


def _decode(data: bytes) -> SavedGame:
    if not data.strip():
        raise SaveError("the file is empty")
    try:
        text = decode_utf8(data)
    except InputError as exc:
        raise SaveError(f"corrupted: {exc}") from None
    try:
        doc = loads_json(text)
    except InputError as exc:
        stripped = text.strip()
        if stripped.startswith("{") and not stripped.endswith("}"):
            raise SaveError(
                "truncated: the JSON ends early; the file was cut off while being copied or written"
            ) from None
        raise SaveError(f"corrupted: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SaveError(f'not an Armistice save (no "format": "{FORMAT}" header)')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("the save format version is not a number")
    if version > VERSION:
        raise SaveError(
            f"written by a newer Armistice (save format {version}; this version reads format "
            f"{VERSION} and older): update Armistice to open it"
        )
    if version < 1:
        raise SaveError(f"unknown save format version {version}")
    if version < OLDEST_READABLE:
        raise SaveError(
            f"written by an earlier Armistice (save format {version}), whose rules or dice this "
            f"version does not reproduce: open it with the version that saved it"
        )
    body = doc.get("body")
    checksum = doc.get("checksum")
    if not isinstance(body, dict):
        raise SaveError('no game in the file (the "body" is missing)')
    actual = hashlib.sha256(_dump_body(body).encode("utf-8")).hexdigest()
    if checksum != actual:
        raise SaveError("checksum mismatch: the file was edited or corrupted after it was saved")
    try:
        saved = SavedGame.model_validate(body)
    except ValidationError as exc:
        written_by = body.get("engine_schema")
        if isinstance(written_by, str) and _FINGERPRINT.match(written_by) and written_by != schema_fingerprint():
            raise SaveError(
                f"made by an Armistice whose game state is not compatible with this one (engine "
                f"schema {written_by}; this one has {schema_fingerprint()}): open it with the "
                f"version that saved it"
            ) from None
        errors = exc.errors()
        first = errors[0]
        loc = ".".join(_field_path(first["loc"])) or "body"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise SaveError(f"invalid save: {loc}: {first['msg']}{more}") from None
    check_consistency(saved)
    return saved


_UNION_TAGS = frozenset({"seat", "control", "note"}) | frozenset(  # the log's entries, the white cell's acts
    act.model_fields["kind"].default for act in typing.get_args(typing.get_args(ControlAct)[0])
)


def _field_path(loc: tuple) -> list[str]:
    """A validation error's location as the file's keys: pydantic's union tags (``log.0.seat.phase``)
    name no key of the file and are left out (``log.0.phase``)."""
    return [
        str(part)
        for i, part in enumerate(loc)
        if not (part in _UNION_TAGS and i and (isinstance(loc[i - 1], int) or loc[i - 1] == "act"))
    ]


def check_consistency(saved: SavedGame) -> None:
    """Cheap checks that the parts of a save belong together (the full check is a replay)."""
    snap, st = saved.snapshot, saved.snapshot.state
    if st.scenario_id != saved.scenario.id:
        raise SaveError(f"the snapshot is of scenario '{st.scenario_id}', the save names '{saved.scenario.id}'")
    if (snap.turn, snap.phase) != (st.turn, st.phase):
        raise SaveError("the snapshot's turn and phase disagree with its state")
    if state_hash(st) != snap.hash:
        raise SaveError("the snapshot does not match its recorded state hash")
    for i, record in enumerate(saved.turns):
        if record.turn != i + 1:
            raise SaveError(f"turn records out of order: record {i + 1} is for turn {record.turn}")
    if (st.control.setup if st.control is not None else None) != saved.control:
        raise SaveError("the snapshot's white-cell setup differs from the save's")
    last = 0
    for i, entry in enumerate(saved.log):
        if entry.turn < last or entry.turn > st.turn:
            raise SaveError(f"log entry {i + 1} (turn {entry.turn}) is out of order")
        last = entry.turn
    resolved = len(saved.turns)
    if snap.phase is Phase.ENDED:
        if not saved.turns or snap.hash != saved.turns[-1].hash:
            raise SaveError("the game ended, but the snapshot is not the state after the last turn")
    else:
        if resolved != st.turn - 1:
            raise SaveError(f"the snapshot is in turn {st.turn}, but {resolved} turns are recorded")
        this_turn = [e for e in saved.log if e.turn == st.turn]
        if not this_turn:
            expected = saved.turns[-1].hash if saved.turns else saved.start_hash
            if snap.hash != expected:
                raise SaveError(f"the snapshot does not match the recorded hash of the start of turn {st.turn}")


# --------------------------------------------------------------------------- save -> Match
def restore(saved: SavedGame, scenario: Scenario) -> Match:
    """The Match as it stood when saved, from the snapshot (no replay). ``scenario`` must be the one the
    save names (see ``resolve_scenario``)."""
    if scenario.id != saved.scenario.id:
        raise SaveError(f"the save is of scenario '{saved.scenario.id}', not '{scenario.id}'")
    if saved.variant is not None and saved.variant not in scenario.variants:
        raise SaveError(f"scenario '{scenario.id}' has no variant '{saved.variant}'")
    match = Match(scenario, saved.seed, saved.variant, state=saved.snapshot.state)
    match.log = list(saved.log)
    match.turns = list(saved.turns)
    match.start_hash = saved.start_hash
    return match
