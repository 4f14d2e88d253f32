"""Player settings, remembered between runs in the user's config directory (platformdirs)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..boundary import InputError, loads_json, read_text

WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1280, 800), (1366, 768), (1440, 900), (1600, 900),
                                             (1920, 1080), (2560, 1440))
UI_SCALES: tuple[float, ...] = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5)
TEXT_SIZES: tuple[str, ...] = ("small", "normal", "large", "x-large")
TEXT_FACTORS: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.15, "x-large": 1.3}
PALETTES: tuple[str, ...] = ("standard", "colour-blind safe")


def window_sizes(desktop: tuple[int, int] | None, current: tuple[int, int]) -> list[tuple[int, int]]:
    """The window sizes to offer: those that fit the screen (all when its size is unknown), and the
    current one."""
    sizes = [sz for sz in WINDOW_SIZES if desktop is None or (sz[0] <= desktop[0] and sz[1] <= desktop[1])]
    if current not in sizes:
        sizes.append(current)
    return sorted(sizes)


def config_dir() -> Path:
    """ARMISTICE_CONFIG_DIR wins (tests, portable installs); else the platform's user config dir."""
    override = os.environ.get("ARMISTICE_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("armistice", appauthor=False))


@dataclass
class Settings:
    width: int = 1280
    height: int = 800
    fullscreen: bool = False
    ui_scale: float = 1.0
    text_size: str = "normal"
    palette: str = "standard"
    last_scenario: str = ""
    # the last game set up: {"scenario", "variant", "facilitator", "seats": {actor: {"human", "kind",
    # "personality", "difficulty"}}}; the setup screen opens on it
    last_setup: dict = field(default_factory=dict)

    @property
    def text_factor(self) -> float:
        return TEXT_FACTORS.get(self.text_size, 1.0)

    def clean(self) -> "Settings":
        """Clamp whatever was read from disk into the allowed values."""
        self.width = max(800, min(int(self.width), 7680))
        self.height = max(600, min(int(self.height), 4320))
        self.fullscreen = bool(self.fullscreen)
        self.ui_scale = min(UI_SCALES, key=lambda s: abs(s - float(self.ui_scale)))
        if self.text_size not in TEXT_SIZES:
            self.text_size = "normal"
        if self.palette not in PALETTES:
            self.palette = "standard"
        self.last_scenario = str(self.last_scenario)
        self.last_setup = clean_setup(self.last_setup)
        return self


SEAT_FIELDS = {"human": bool, "kind": str, "personality": str, "difficulty": str}


def clean_setup(doc) -> dict:
    """The remembered setup with every field of the wrong type dropped (the setup screen then checks
    the values against the scenario); {} when it is not a setup at all."""
    if not isinstance(doc, dict):
        return {}
    out: dict = {}
    if isinstance(doc.get("scenario"), str):
        out["scenario"] = doc["scenario"][:100]
    if doc.get("variant") is None or isinstance(doc.get("variant"), str):
        out["variant"] = doc.get("variant")
    if isinstance(doc.get("facilitator"), bool):
        out["facilitator"] = doc["facilitator"]
    seats = doc.get("seats")
    if isinstance(seats, dict):
        out["seats"] = {str(actor)[:10]: {k: v for k, v in seat.items() if type(v) is SEAT_FIELDS.get(k)}
                        for actor, seat in list(seats.items())[:10] if isinstance(seat, dict)}
    return out


def settings_path() -> Path:
    return config_dir() / "settings.json"


SETTINGS_LIMIT = 64 * 1024


def load_settings() -> Settings:
    """The settings file through the boundary (a regular file, capped, UTF-8, strict JSON); anything
    unusable falls back to the defaults, field by field where it can."""
    try:
        data = loads_json(read_text(settings_path(), limit=SETTINGS_LIMIT))
    except InputError:
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    try:
        return Settings(**{k: v for k, v in data.items() if k in known}).clean()
    except (TypeError, ValueError):
        return Settings()


def save_settings(settings: Settings) -> Path:
    """Write atomically (temp file, then rename), so a crash never leaves half a file."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return path
