"""An after-action report out of the game: from a save (verified, then replayed once for the turn-by-turn
tables) or a finished Match, to an HTML page, one CSV file per table, or one JSON document. Every file is
written atomically; the debrief's export goes into the saves folder under a name built from plain names."""
from __future__ import annotations

from pathlib import Path

from ..boundary import dumps_json
from ..engine import Match
from ..model.ids import Actor
from ..model.scenario import Scenario
from ..persist import SavedGame, atomic_write_text, file_name_part, inside, load_game
from .aar import AfterAction, collect, csv_text
from .html import render


def from_save(saved: SavedGame, scenario: Scenario) -> AfterAction:
    """The report of a save, opened as a save from outside is: its log replayed and checked against its
    snapshot (persist.load_game raises SaveError, with the reason, otherwise)."""
    return collect(load_game(saved, scenario), dict(saved.seats), saved.game_id)


def write_csv(report: AfterAction, directory: str | Path) -> list[Path]:
    """``<table>.csv`` for every table, in ``directory`` (made if missing)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write_text(inside(folder, f"{name}.csv"), csv_text(rows)) for name, rows in report.tables.items()]


def json_text(report: AfterAction) -> str:
    """The tables as one strict JSON document (no NaN)."""
    return dumps_json({"title": report.title, "tables": report.tables}, indent=2)


def export_name(scenario_id: str, game_id: str) -> str:
    """The file name of a game's report in the saves folder: plain names only, so never a path."""
    return f"report-{file_name_part(scenario_id)}-{file_name_part(game_id)}.html"


def export_into(directory: str | Path, match: Match, seats: dict[Actor, str], game_id: str) -> Path:
    """The debrief's *Export report*: the page written into ``directory`` (made if missing); its path."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    page = render(collect(match, seats, game_id))
    return atomic_write_text(inside(folder, export_name(match.scenario.id, game_id)), page)
