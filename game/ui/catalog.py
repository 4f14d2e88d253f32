"""The bundled scenarios, read once in the background while the title screen shows (parsing the
scenario YAML takes the better part of a second), so New game opens at once."""

from __future__ import annotations

import threading
from pathlib import Path

from ..model.scenario import Scenario
from ..persist import ScenarioRef, open_scenario
from ..scenario import bundled


class Catalog:
    def __init__(self, background: bool = True, start: bool = True):
        self._done = threading.Event()
        self._started = False
        self._background = background
        self._entries: list[tuple[str, str, Path]] = []
        self._loaded: dict[str, tuple[Scenario, ScenarioRef]] = {}  # by path
        self._lock = threading.Lock()
        self.errors: dict[str, str] = {}
        if start:
            self.start()

    def start(self) -> None:
        """Begin reading (in the background, or now); later calls do nothing."""
        if self._started:
            return
        self._started = True
        if self._background:
            threading.Thread(target=self._load_all, name="armistice-catalog", daemon=True).start()
        else:
            self._load_all()

    def _load_all(self) -> None:
        try:
            self._entries = bundled()
            for _sid, _title, path in self._entries:
                try:
                    self.get(path)
                except Exception as exc:  # a broken scenario file is reported in setup, not fatal here
                    self.errors[str(path)] = str(exc)
        finally:
            self._done.set()

    def entries(self) -> list[tuple[str, str, Path]]:
        """(id, title, path) of every bundled scenario (waits for the background read)."""
        self.start()
        self._done.wait()
        return list(self._entries)

    def get(self, path: Path) -> tuple[Scenario, ScenarioRef]:
        """(Scenario, game.persist ScenarioRef) for a scenario file, parsed once."""
        key = str(path)
        with self._lock:
            hit = self._loaded.get(key)
        if hit is None:
            hit = open_scenario(Path(path))
            with self._lock:
                self._loaded[key] = hit
        return hit

    def ref_for(self, scenario_id: str):
        for sid, _title, path in self.entries():
            if sid == scenario_id:
                return self.get(path)[1]
        return None
