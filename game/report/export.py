"""An after-action report out of the game: its tables as one CSV file each, and the debrief's export of the
page into the saves folder under a name built from plain names. Every file is written atomically."""

from __future__ import annotations

from pathlib import Path

from ..persist import atomic_write_text, file_name_part, inside
from .aar import AfterAction, csv_text
from .html import render


def write_csv(report: AfterAction, directory: str | Path) -> list[Path]:
    """``<table>.csv`` for every table, in ``directory`` (made if missing)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write_text(inside(folder, f"{name}.csv"), csv_text(rows)) for name, rows in report.tables.items()]


def export_name(scenario_id: str, game_id: str) -> str:
    """The file name of a game's report in the saves folder: plain names only, so never a path."""
    return f"report-{file_name_part(scenario_id)}-{file_name_part(game_id)}.html"


def export_into(directory: str | Path, report: AfterAction, scenario_id: str, game_id: str) -> Path:
    """The debrief's *Export report*: the page written into ``directory`` (made if missing); its path."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(inside(folder, export_name(scenario_id, game_id)), render(report))
