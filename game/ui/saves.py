"""The UI's door to saved games (game.persist): autosave after each turn and on quitting, continue,
load, save, and branch a saved game at the start of an earlier turn.

Saves go to ``saves/`` (persist's default, relative to where the game is started) unless
ARMISTICE_SAVES_DIR or the App's ``saves_dir`` says otherwise.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from .. import persist
from ..model.ids import Actor
from .session import Seat, Session
from .whitecell import Facilitation


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    title: str
    detail: str
    turn: int
    over: bool
    ok: bool
    reason: str = ""
    game_id: str = ""


def seats_for_save(seats: dict[Actor, Seat]) -> dict[Actor, str]:
    return {a: persist.HUMAN if s.human else s.spec for a, s in seats.items()}


def seats_from_save(saved) -> dict[Actor, Seat]:
    return {
        a: Seat(a, spec == persist.HUMAN, spec if spec != persist.HUMAN else "heuristic:normal")
        for a, spec in saved.seats.items()
    }


class Saves:
    def __init__(self, directory: Path | None = None, catalog=None):
        env = os.environ.get("ARMISTICE_SAVES_DIR")
        self.directory = Path(directory or env or persist.DEFAULT_DIR)
        self.catalog = catalog

    # ------------------------------------------------------------------ new games
    def ref_for(self, scenario):
        """The persist ScenarioRef of a bundled scenario (by id), or None if it is not a bundled file."""
        if self.catalog is None:
            return None
        try:
            return self.catalog.ref_for(scenario.id)
        except Exception:
            return None

    def info_for(self, scenario_ref, seats: dict[Actor, Seat], facilitation: Facilitation | None = None):
        return persist.GameInfo(
            scenario=scenario_ref,
            seats=seats_for_save(seats),
            facilitator=facilitation is not None,
            pin_hash=facilitation.pin_hash if facilitation is not None else "",
        )

    def autosave_hook(self):
        """A Session ``on_turn`` callback: autosave after every resolved turn (the last five kept)."""

        def hook(session: Session, report) -> None:
            saver = self._autosaver(session)
            if saver is not None:
                saver.after_turn(session.match)

        return hook

    def _autosaver(self, session: Session) -> persist.Autosaver | None:
        if session.info is None:
            return None
        if session.autosaver is None:
            session.autosaver = persist.Autosaver(self.directory, session.info)
        return session.autosaver

    def on_quit(self, session: Session) -> Path | None:
        saver = self._autosaver(session)
        if saver is None or not session.match.log:
            return None
        return session.with_match(saver.on_quit)

    # ------------------------------------------------------------------ listing
    def list(self) -> list[SaveInfo]:
        out = []
        for summary in persist.list_saves(self.directory):
            saved = summary.saved
            if saved is None:
                out.append(SaveInfo(summary.path, summary.path.name, summary.reason, 0, False, False, summary.reason))
                continue
            when = saved.saved_at.replace("T", " ")[:16]
            humans = [a.value for a, spec in saved.seats.items() if spec == persist.HUMAN]
            who = ("humans: " + ", ".join(humans)) if humans else "all AI"
            out.append(
                SaveInfo(
                    summary.path,
                    f"{saved.scenario.title or saved.scenario.id}  -  {saved.label}",
                    f"{saved.describe()}; {who}; saved {when}",
                    saved.snapshot.turn,
                    saved.over,
                    True,
                    game_id=saved.game_id,
                )
            )
        return out

    def latest(self) -> SaveInfo | None:
        """The newest save of the most recently saved game that is still in progress (what Continue opens);
        a game whose newest save is its end is finished and is not continued."""
        seen: set[str] = set()
        for info in self.list():  # newest first
            if not info.ok or info.game_id in seen:
                continue
            seen.add(info.game_id)
            if not info.over:
                return info
        return None

    # ------------------------------------------------------------------ saving and loading
    def save(self, session: Session) -> Path | None:
        info = session.info
        if info is None:
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = persist.inside(self.directory, f"save-{persist.file_name_part(info.scenario.id)}-{stamp}.json")
        session.with_match(lambda m: persist.save_match(m, path, info, label="manual"))
        return path

    def read(self, path: Path):
        """(saved game, scenario); raises persist.SaveError with a one-line reason."""
        saved = persist.read_save(path)
        scenario = persist.resolve_scenario(saved.scenario)
        return saved, scenario

    def load_session(self, path: Path, threaded: bool = True, on_turn=None) -> Session:
        """The saved game, verified (its log replayed and checked against its snapshot) before it is played."""
        saved, scenario = self.read(path)
        match = persist.load_game(saved, scenario)
        # a facilitated game keeps its white cell, and the console its PIN (a game set up without one in
        # the UI, e.g. on the command line, has the console ask for a new PIN the first time)
        facilitation = Facilitation(saved.pin_hash, saved.control) if saved.control is not None else None
        session = Session(
            match,
            seats_from_save(saved),
            threaded=threaded,
            on_turn=on_turn or self.autosave_hook(),
            name=path.name,
            facilitation=facilitation,
        )
        session.info = saved.info()
        return session

    def branch(self, path: Path, turn: int) -> Path:
        """Write a new save of the game at the start of ``turn``; returns its path."""
        saved, scenario = self.read(path)
        branched = persist.branch(saved, scenario, turn, source=str(path))
        out = persist.inside(
            self.directory, f"branch-{persist.file_name_part(saved.scenario.id)}-{branched.game_id}-t{turn:02d}.json"
        )
        persist.write_save(branched, out)
        return out

    def branch_turns(self, path: Path) -> range:
        return persist.branch_turns(persist.read_save(path))
