"""The saves directory: autosaves at the end of every turn and on quit (the last five of each game kept),
and a listing of the saves in a directory for a load screen."""

from __future__ import annotations

import os
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
_NAME_PART = 40  # characters of a scenario id kept in a file name


def file_name_part(name: str) -> str:
    """A name (a scenario id, say) as part of a file name: only letters, digits, ``_`` and ``-``, so it can
    never be a path or a hidden file, and never empty."""
    return _UNSAFE.sub("_", name)[:_NAME_PART].lstrip("-.") or "game"


def inside(directory: Path, name: str) -> Path:
    """``directory / name``, refused (ValueError) unless it resolves to a file directly in ``directory``."""
    path = directory / name
    if path.resolve().parent != directory.resolve():
        raise ValueError(f"the file name {name!r} would leave the folder {directory}")
    return path


class Autosaver:
    """Writes ``autosave-<scenario>-<game>-t<turn>-<moves>.json`` into ``directory`` and keeps the newest
    ``keep`` of this game (other games' files, manual saves and anything else are never touched: rotation
    deletes only regular files whose whole name is one this autosaver writes).

    Call ``after_turn(match)`` when a turn has resolved and ``on_quit(match)`` when the player leaves."""

    def __init__(self, directory: str | Path, info: GameInfo, keep: int = KEEP):
        if keep < 1:
            raise ValueError("keep at least one autosave")
        self.directory = Path(directory)
        self.info = info
        self.keep = keep
        self.last: Path | None = None
        self.prefix = f"autosave-{file_name_part(info.scenario.id)}-{info.game_id}-"
        self._mine = re.compile(re.escape(self.prefix) + r"t\d{2,}-\d{4,}\.json")

    def path_for(self, match: Match) -> Path:
        return inside(self.directory, f"{self.prefix}t{match.state.turn:02d}-{len(match.log):04d}.json")

    def after_turn(self, match: Match) -> Path:
        return self._write(match, "autosave")

    def on_quit(self, match: Match) -> Path:
        return self._write(match, "quit")

    def files(self) -> list[Path]:
        """This game's autosaves, oldest first."""
        try:
            names = [
                entry.name
                for entry in os.scandir(self.directory)
                if self._mine.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
            ]
        except OSError:
            return []
        return sorted((self.directory / name for name in names), key=_age_key)

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
