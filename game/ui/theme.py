"""Palette, fonts and the pygame_gui theme, all derived from the settings and the window scale.

Fonts are loaded by path from assets/fonts (a fresh machine has no system fonts). Text that holds
Hangul or CJK characters is drawn with the CJK subset font, everything else with Noto Sans.
"""

from __future__ import annotations

import copy
import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from ..model.ids import Actor

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
FONT_DIR = ASSETS / "fonts"
FONT_PATHS = {
    (False, False): FONT_DIR / "NotoSans-Regular.ttf",
    (True, False): FONT_DIR / "NotoSans-Bold.ttf",
    (False, True): FONT_DIR / "NotoSansCJK-Subset-Regular.otf",
    (True, True): FONT_DIR / "NotoSansCJK-Subset-Bold.otf",
}
THEME_PATHS = {"standard": ASSETS / "theme.json", "colour-blind safe": ASSETS / "theme_cb.json"}

Color = tuple[int, int, int]


def hex_color(value: str) -> Color:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass(frozen=True)
class Palette:
    """Named colours. Country accents are Okabe-Ito hues; every colour cue is doubled by a shape or
    a label somewhere (trend triangles, marker shapes, text)."""

    name: str
    colors: dict[str, Color]
    actors: dict[Actor, Color]

    def __getattr__(self, item: str) -> Color:
        try:
            return self.colors[item]
        except KeyError:
            raise AttributeError(item) from None

    def actor(self, actor: Actor | None) -> Color:
        return self.actors.get(actor, self.colors["accent"]) if actor else self.colors["accent"]


def load_theme_file(palette: str) -> dict:
    path = THEME_PATHS.get(palette, THEME_PATHS["standard"])
    return json.loads(path.read_text(encoding="utf-8"))


def load_palette(palette: str) -> Palette:
    data = load_theme_file(palette)["armistice"]
    colors = {k: hex_color(v) for k, v in data["colors"].items()}
    actors = {Actor(k): hex_color(v) for k, v in data["actors"].items()}
    return Palette(palette, colors, actors)


def _cjk(cp: int) -> bool:
    return (
        0x1100 <= cp <= 0x11FF
        or 0x3000 <= cp <= 0x30FF
        or 0x3130 <= cp <= 0x318F
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
    )


def has_cjk(text: str) -> bool:
    """Hangul, kana or Han characters: drawn with the CJK subset font."""
    return any(_cjk(ord(ch)) for ch in text)


class Fonts:
    """pygame fonts by (size, bold, cjk), and a small cache of rendered text surfaces."""

    def __init__(self, text_scale: float):
        self.text_scale = text_scale
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
        self._text: OrderedDict = OrderedDict()
        self._sizes: dict = {}
        self.recording: list[str] | None = None  # when a list, every string rendered is appended (tests)

    def px(self, size: float) -> int:
        return max(8, round(size * self.text_scale))

    def font(self, size: float, bold: bool = False, cjk: bool = False) -> pygame.font.Font:
        key = (self.px(size), bold, cjk)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(FONT_PATHS[(bold, cjk)]), key[0])
            self._fonts[key] = font
        return font

    def for_text(self, text: str, size: float, bold: bool = False) -> pygame.font.Font:
        return self.font(size, bold, has_cjk(text))

    def render(self, text: str, size: float, color: Color, bold: bool = False) -> pygame.Surface:
        if self.recording is not None:
            self.recording.append(text)
        key = (text, self.px(size), color, bold)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        surf = self.for_text(text, size, bold).render(text, True, color)
        self._text[key] = surf
        if len(self._text) > 3000:
            self._text.popitem(last=False)
        return surf

    def size(self, text: str, size: float, bold: bool = False) -> tuple[int, int]:
        key = (text, self.px(size), bold)
        wh = self._sizes.get(key)
        if wh is None:
            wh = self.for_text(text, size, bold).size(text)
            if len(self._sizes) > 20000:
                self._sizes.clear()
            self._sizes[key] = wh
        return wh

    def line_height(self, size: float, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()


TOOLTIP_WIDTH = 320  # at text scale 1
TOOLTIP_FONT_SIZE = 14  # the theme's tool_tip.text_box font size, at text scale 1


def gui_theme(palette: str, text_scale: float) -> dict:
    """The pygame_gui theme dict: the JSON file's sections with font sizes scaled and font paths made
    absolute (the JSON names them relative to assets/)."""
    data = copy.deepcopy(load_theme_file(palette))
    data.pop("armistice", None)

    def fix(node):
        if isinstance(node, dict):
            for key, value in list(node.items()):
                if key == "font" and isinstance(value, dict):
                    value = dict(value)
                    if "size" in value:
                        value["size"] = str(max(8, round(float(value["size"]) * text_scale)))
                    for pk in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
                        if pk in value:
                            value[pk] = str(ASSETS / value[pk])
                    node[key] = value
                else:
                    fix(value)

    fix(data)
    # pygame_gui wraps tooltips at 170 px and hyphenates any word that does not fit ("yel-low"): give
    # them the width of the game's own tooltips, growing with the text
    tip = data.setdefault("tool_tip", {})
    tip["misc"] = {**tip.get("misc", {}), "rect_width": str(round(TOOLTIP_WIDTH * text_scale))}
    return data
