"""Saves and replays: versioned JSON saves written atomically, validated on load, replayable turn by turn.

Typical use::

    scenario, ref = open_scenario("hanoi-2019")
    match = Match(scenario, seed)
    info = GameInfo(scenario=ref, seats={Actor.US: "human", Actor.DPRK: "heuristic:normal", ...})
    save_match(match, "saves/game.json", info)           # atomic
    autosaver = Autosaver("saves", info)                 # after_turn(match) / on_quit(match)

    saved = read_save("saves/game.json")                 # SaveError: one-line reason
    scenario = resolve_scenario(saved.scenario)          # refuses a changed scenario
    match = restore(saved, scenario)                     # from the snapshot, trusted (our own files)
    match = load_game(saved, scenario)                   # replayed and checked against the snapshot
    report = verify(saved, scenario)                     # replay, hash checked each turn
    branched = branch(saved, scenario, turn=4)           # the game at the start of turn 4
"""

from .atomic import atomic_write_bytes, atomic_write_text
from .directory import DEFAULT_DIR, KEEP, Autosaver, SaveSummary, file_name_part, inside, list_saves
from .errors import ReplayMismatch, SaveError
from .replay import ReplayReport, branch, branch_turns, load_game, replay, verify
from .saves import (
    FORMAT,
    HUMAN,
    VERSION,
    GameInfo,
    Provenance,
    SavedGame,
    Snapshot,
    capture,
    check_game_id,
    decode,
    encode,
    new_game_id,
    read_save,
    restore,
    save_match,
    sign,
    write_save,
)
from .scenarios import ScenarioRef, open_scenario, resolve_scenario

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "DEFAULT_DIR",
    "KEEP",
    "Autosaver",
    "SaveSummary",
    "file_name_part",
    "inside",
    "list_saves",
    "ReplayMismatch",
    "SaveError",
    "ReplayReport",
    "branch",
    "branch_turns",
    "load_game",
    "replay",
    "verify",
    "FORMAT",
    "HUMAN",
    "VERSION",
    "GameInfo",
    "Provenance",
    "SavedGame",
    "Snapshot",
    "capture",
    "check_game_id",
    "decode",
    "encode",
    "new_game_id",
    "read_save",
    "restore",
    "save_match",
    "sign",
    "write_save",
    "ScenarioRef",
    "open_scenario",
    "resolve_scenario",
]
