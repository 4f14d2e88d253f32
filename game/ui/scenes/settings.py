"""Settings: window size and fullscreen, UI scale, text size, colour-blind-safe palette. Each change
applies at once and is remembered between runs (platformdirs user config dir)."""

from __future__ import annotations

import dataclasses

import pygame

from ...model.ids import Actor
from ..settings import PALETTES, TEXT_SIZES, UI_SCALES, settings_path, window_sizes
from ..widgets import draw_text, trend_triangle
from .base import Scene


class SettingsScene(Scene):
    name = "settings"

    def build(self) -> None:
        s = self.s
        st = self.app.settings
        box = self.layout.centered(640, 560)
        self.box = box
        x, w = box.x + s(200), box.w - s(230)
        y = box.y + s(70)
        desktops = pygame.display.get_desktop_sizes()
        sizes = window_sizes(desktops[0] if desktops else None, (st.width, st.height))
        rows = [
            (
                "Window size",
                self.cycler(
                    (x, y, w, s(40)),
                    "",
                    sizes,
                    (st.width, st.height),
                    lambda v: self.change(width=v[0], height=v[1]),
                    labels=lambda v: f"{v[0]} x {v[1]}",
                    enabled=not st.fullscreen,
                ),
            ),
            (
                "Fullscreen",
                self.cycler(
                    (x, y + s(52), w, s(40)),
                    "",
                    [False, True],
                    st.fullscreen,
                    lambda v: self.change(fullscreen=v),
                    labels=lambda v: "on" if v else "off",
                ),
            ),
            (
                "UI scale",
                self.cycler(
                    (x, y + s(104), w, s(40)),
                    "",
                    list(UI_SCALES),
                    st.ui_scale,
                    lambda v: self.change(ui_scale=v),
                    labels=lambda v: f"{v * 100:.0f}%",
                ),
            ),
            (
                "Text size",
                self.cycler(
                    (x, y + s(156), w, s(40)), "", list(TEXT_SIZES), st.text_size, lambda v: self.change(text_size=v)
                ),
            ),
            (
                "Palette",
                self.cycler(
                    (x, y + s(208), w, s(40)),
                    "",
                    list(PALETTES),
                    st.palette,
                    lambda v: self.change(palette=v),
                    tooltip="Colour-blind safe swaps the red and green cues for blue, orange and "
                    "yellow; shapes and labels always double the colours.",
                ),
            ),
        ]
        self.row_labels = [(name, btn.rect) for name, btn in rows]
        self.button(
            (box.centerx - s(100), box.bottom - s(58), s(200), s(42)), "Done (Esc)", self.back, object_id="#primary"
        )
        self.focus.set(0)

    def change(self, **kw) -> None:
        new = dataclasses.replace(self.app.settings, **kw)
        self.app.apply_settings(new)

    def back(self) -> None:
        self.app.pop(self)

    def draw(self, surf) -> None:
        ctx, s = self.ctx, self.s
        surf.fill(ctx.pal.bg)
        box = self.box
        pygame.draw.rect(surf, ctx.pal.panel, box, border_radius=s(6))
        pygame.draw.rect(surf, ctx.pal.panel_border, box, 1, border_radius=s(6))
        draw_text(surf, ctx, "Settings", (box.x + s(24), box.y + s(20)), size=22, bold=True)
        for name, rect in self.row_labels:
            draw_text(surf, ctx, name, (box.x + s(24), rect.centery), size=15, anchor="midleft")
        # a preview of the palette: country accents and the trend cues, each with its shape and label
        y = box.y + s(340)
        x = box.x + s(24)
        draw_text(surf, ctx, "Preview", (x, y), size=13, color="text_dim", bold=True)
        y += s(24)
        for a in Actor:
            pygame.draw.rect(surf, ctx.pal.actor(a), (x, y, s(14), s(14)))
            r = draw_text(surf, ctx, a.value, (x + s(18), y + s(7)), size=13, anchor="midleft")
            x = r.right + s(16)
        x = box.x + s(24)
        y += s(28)
        for label, col, up in (("rising", ctx.pal.good, True), ("falling", ctx.pal.bad, False)):
            trend_triangle(surf, col, (x + s(6), y + s(7)), s(6), up)
            r = draw_text(surf, ctx, label, (x + s(16), y + s(7)), size=13, anchor="midleft")
            x = r.right + s(20)
        for key in ("calm", "strained", "crisis", "war"):
            pygame.draw.rect(surf, ctx.color(key), (x, y, s(14), s(14)))
            r = draw_text(surf, ctx, key, (x + s(18), y + s(7)), size=13, anchor="midleft")
            x = r.right + s(14)
        draw_text(
            surf,
            ctx,
            f"Saved to {settings_path()}",
            (box.x + s(24), box.bottom - s(86)),
            size=11,
            color="text_faint",
            max_width=box.w - s(48),
        )
