"""Player settings, remembered between runs in the user's config directory (platformdirs).

The file is read through ``game.boundary`` like every file from outside (a regular file of at most
MAX_BYTES, UTF-8, strict JSON). Whatever is wrong with it (corrupt, huge, a FIFO, NaN, a field of the wrong
type or out of range) the game starts: a bad field takes its default, a bad file gives all the defaults,
and ``load_settings_checked`` says which in one line (the title screen shows it).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..boundary import InputError, dumps_json, loads_json, read_text, shown
from ..persist import atomic_write_text

MAX_BYTES = 64 * 1024  # a settings file is ~200 bytes

WINDOW_SIZES: tuple[tuple[int, int], ...] = (
    (1280, 800),
    (1366, 768),
    (1440, 900),
    (1600, 900),
    (1920, 1080),
    (2560, 1440),
)
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
    # the last game set up: {"scenario", "variant", "facilitator", "minutes", "msel", "seats": {actor:
    # {"human", "kind", "personality", "difficulty", "stand_in"}}}; the setup screen opens on it (never the PIN)
    last_setup: dict = field(default_factory=dict)

    @property
    def text_factor(self) -> float:
        return TEXT_FACTORS.get(self.text_size, 1.0)

    def clean(self) -> "Settings":
        """Clamp the values into the allowed ones (each field already has its type: see ``_field_problem``)."""
        self.width = max(800, min(int(self.width), 7680))
        self.height = max(600, min(int(self.height), 4320))
        self.ui_scale = min(UI_SCALES, key=lambda s: abs(s - float(self.ui_scale)))
        if self.text_size not in TEXT_SIZES:
            self.text_size = "normal"
        if self.palette not in PALETTES:
            self.palette = "standard"
        self.last_scenario = str(self.last_scenario)
        self.last_setup = clean_setup(self.last_setup)
        return self


SEAT_FIELDS = {"human": bool, "kind": str, "personality": str, "difficulty": str, "stand_in": str}


def clean_setup(doc) -> dict:
    """The remembered setup with every field of the wrong type dropped (the setup screen then checks
    the values against the scenario); {} when it is not a setup at all."""
    if not isinstance(doc, dict):
        return {}
    out: dict = {}
    if isinstance(doc.get("scenario"), str):
        out["scenario"] = doc["scenario"][:100]
    if "variant" in doc and (doc["variant"] is None or isinstance(doc["variant"], str)):
        out["variant"] = doc["variant"]
    if isinstance(doc.get("facilitator"), bool):
        out["facilitator"] = doc["facilitator"]
    if type(doc.get("minutes")) is int:
        out["minutes"] = doc["minutes"]
    if isinstance(doc.get("msel"), str):
        out["msel"] = doc["msel"][:400]
    seats = doc.get("seats")
    if isinstance(seats, dict):
        out["seats"] = {
            str(actor)[:10]: {k: v for k, v in seat.items() if type(v) is SEAT_FIELDS.get(k)}
            for actor, seat in list(seats.items())[:10]
            if isinstance(seat, dict)
        }
    return out


_DEFAULTS = Settings()
_MAX_TEXT = 4096  # characters of a text setting (a scenario id or path)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings_checked() -> tuple[Settings, str | None]:
    """The settings from the file, and None; or, when the file (or a field of it) cannot be used, the
    defaults for what could not be read and one line saying what was wrong. A missing file is no problem."""
    path = settings_path()
    if not os.path.lexists(path):
        return Settings(), None
    try:
        data = loads_json(read_text(path, limit=MAX_BYTES))
    except InputError as exc:
        return Settings(), f"settings file {path}: {exc}; starting with the default settings"
    if not isinstance(data, dict):
        return Settings(), f"settings file {path}: not a JSON object; starting with the default settings"
    values, bad = {}, []
    for f in fields(Settings):
        if f.name in data:
            problem = _field_problem(data[f.name], type(getattr(_DEFAULTS, f.name)))
            if problem:
                bad.append(f"{f.name} {problem}")
            else:
                values[f.name] = data[f.name]
    settings = Settings(**values).clean()
    if bad:
        return settings, f"settings file {path}: {'; '.join(bad)}: the default used instead"
    return settings, None


def _field_problem(value, kind: type) -> str | None:
    """Why ``value`` read from the file cannot be a setting of type ``kind``, or None."""
    if kind is bool:
        return None if isinstance(value, bool) else f"is {shown(value, 20)}, not true or false"
    if kind is dict:  # the remembered setup: its fields are checked by clean_setup
        return None if isinstance(value, dict) else f"is {shown(value, 20)}, not an object"
    if kind in (int, float):  # finite: strict JSON has no NaN or Infinity
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if number else f"is {shown(value, 20)}, not a number"
    if not isinstance(value, str):  # its characters are checked by loads_json, like all text from outside
        return f"is {shown(value, 20)}, not text"
    return f"is longer than {_MAX_TEXT} characters" if len(value) > _MAX_TEXT else None


def save_settings(settings: Settings) -> Path:
    """Write atomically (temp file, then rename), so a crash never leaves half a file."""
    return atomic_write_text(settings_path(), dumps_json(asdict(settings), indent=2))
