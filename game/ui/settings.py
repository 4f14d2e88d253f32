"""Player settings, remembered between runs in the user's config directory (platformdirs)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1280, 800), (1366, 768), (1440, 900), (1600, 900),
                                             (1920, 1080), (2560, 1440))
UI_SCALES: tuple[float, ...] = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5)
TEXT_SIZES: tuple[str, ...] = ("small", "normal", "large", "x-large")
TEXT_FACTORS: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.15, "x-large": 1.3}
PALETTES: tuple[str, ...] = ("standard", "colour-blind safe")


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
        return self


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
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
