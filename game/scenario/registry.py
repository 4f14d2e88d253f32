"""The bundled scenarios under the repository's scenarios/ folder."""
from __future__ import annotations

from pathlib import Path

import yaml

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


def bundled() -> list[tuple[str, str, Path]]:
    """(id, title, path) of every bundled scenario, read cheaply without full validation."""
    out = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and "id" in data:
            out.append((str(data["id"]), str(data.get("title", "")), path))
    return out


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
