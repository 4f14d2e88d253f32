"""The bundled scenarios under the repository's scenarios/ folder."""

from __future__ import annotations

import re
from pathlib import Path

from ..boundary import InputError, load_yaml
from .loader import ScenarioError, read_scenario_text

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


def bundled() -> list[tuple[str, str, Path]]:
    """(id, title, path) of every bundled scenario, read cheaply without full validation."""
    out = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        try:
            header = scenario_header(read_scenario_text(path))
        except ScenarioError:  # not readable as a scenario: not listed (loading it names the problem)
            continue
        if header is not None:
            out.append(header + (path,))
    return out


_HEADER_LINE = re.compile(r"^(?:id|title):.*$", re.MULTILINE)


def scenario_header(text: str) -> tuple[str, str] | None:
    """A scenario file's (id, title), or None if it has no id. Only the top-level ``id:`` and ``title:``
    lines are parsed (with the strict loader, so quoting works as in the file), falling back to the
    whole file when they do not stand alone: a long scenario is not parsed just to list it."""
    try:
        lines = _HEADER_LINE.findall(text)
        data, _root = load_yaml("\n".join(lines))
        whole = not (isinstance(data, dict) and isinstance(data.get("id"), (str, int))) or (
            len(lines) > 1 and not data.get("title")
        )  # e.g. a folded title on the lines below
        if whole:
            data, _root = load_yaml(text)
    except InputError:
        return None
    if isinstance(data, dict) and "id" in data:
        return str(data["id"]), str(data.get("title", "") or "")
    return None


def find_scenario(name: str) -> Path:
    """A scenario path from an id (``hanoi-2019``), a file stem (``hanoi_2019``) or a path."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        return candidate
    for sid, _title, path in bundled():
        if name in (sid, path.stem):
            return path
    known = ", ".join(sid for sid, _, _ in bundled())
    raise FileNotFoundError(f"no scenario '{name}' (bundled: {known})")
