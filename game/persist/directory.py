"""The saves directory: autosaves at the end of every turn and on quit (the last five of each game kept),
and a listing of the saves in a directory for a load screen."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..engine import Match
from .errors import SaveError
from .saves import GameInfo, SavedGame, read_save, save_match

DEFAULT_DIR = Path("saves")
KEEP = 5
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_MOVES = re.compile(r"-t\d+-(\d+)\.json$")


class Autosaver:
    """Writes ``autosave-<scenario>-<game>-t<turn>-<moves>.json`` into ``directory`` and keeps the newest
    ``keep`` of this game (other games' files, manual saves and anything else are never touched).

    Call ``after_turn(match)`` when a turn has resolved and ``on_quit(match)`` when the player leaves."""

    def __init__(self, directory: str | Path, info: GameInfo, keep: int = KEEP):
        if keep < 1:
            raise ValueError("keep at least one autosave")
        self.directory = Path(directory)
        self.info = info
        self.keep = keep
        self.last: Path | None = None

    @property
    def prefix(self) -> str:
        return f"autosave-{_UNSAFE.sub('_', self.info.scenario.id)}-{self.info.game_id}-"

    def path_for(self, match: Match) -> Path:
        return self.directory / f"{self.prefix}t{match.state.turn:02d}-{len(match.log):04d}.json"

    def after_turn(self, match: Match) -> Path:
        return self._write(match, "autosave")

    def on_quit(self, match: Match) -> Path:
        return self._write(match, "quit")

    def files(self) -> list[Path]:
        """This game's autosaves, oldest first."""
        found = [p for p in self.directory.glob(f"{self.prefix}t*.json") if p.is_file()]
        return sorted(found, key=_age_key)

    def _write(self, match: Match, label: str) -> Path:
        path = self.path_for(match)
        save_match(match, path, self.info, label=label)
        self.last = path
        self._rotate(keep_path=path)
        return path

    def _rotate(self, keep_path: Path) -> None:
        old = [p for p in self.files() if p != keep_path]
        for path in old[: max(0, len(old) - (self.keep - 1))]:
            try:
                path.unlink()
            except OSError:
                pass  # a file we cannot remove is left alone; the save itself succeeded


def _age_key(path: Path) -> tuple:
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    moves = _MOVES.search(path.name)
    return (mtime, int(moves.group(1)) if moves else 0, path.name)


@dataclass(frozen=True)
class SaveSummary:
    """One file of a saves directory, read and validated: ``saved`` is None and ``reason`` says why when
    the file cannot be used."""

    path: Path
    saved: SavedGame | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.saved is not None


def list_saves(directory: str | Path = DEFAULT_DIR) -> list[SaveSummary]:
    """Every ``*.json`` in ``directory``, newest first, each validated (bad ones carry their reason)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.json"), key=_age_key, reverse=True):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            out.append(SaveSummary(path, read_save(path)))
        except SaveError as exc:
            out.append(SaveSummary(path, None, exc.reason))
    return out
