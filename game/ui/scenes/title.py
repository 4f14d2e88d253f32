"""Title screen: new game, continue (the last autosave), load, settings, quit."""

from __future__ import annotations

import threading

import pygame

from ...model.ids import ACTOR_NATIVE_NAMES, Actor
from ..mapview import MapView
from ..widgets import draw_text
from .. import navigation
from .base import Scene


class TitleScene(Scene):
    """The saves folder is scanned (every save validated) in the background once the title shows, so the
    first frame never waits for it; Continue lights up when the scan finds a game in progress."""

    name = "title"
    error = ""

    def __init__(self, app):
        super().__init__(app)
        self.latest = None
        self.scanned = False
        self._scan_result = None
        self._scan_gen = 0  # each scan's generation: a late answer from an older scan is ignored
        self._frames = 0
        self.error = app.settings_problem or ""
        self._bg: pygame.Surface | None = None  # the map behind the menu, drawn at the window's size

    def resume(self) -> None:
        # back from a game: scan again, forgetting the last answer (it predates the game's saves)
        self.scanned = False
        self._scan_result = None
        self._scan_gen += 1
        self._frames = 0
        super().resume()

    def _scan(self, gen: int) -> None:
        try:
            result = ("ok", self.app.saves.latest())
        except Exception as exc:  # an unreadable saves folder: Continue stays off
            result = ("error", str(exc))
        if gen == self._scan_gen:
            self._scan_result = result

    def update(self, dt: float) -> None:
        self._frames += 1
        if self._frames == 2 and not self.scanned:
            self._scan_result = None
            if self.app.threaded:
                threading.Thread(
                    target=self._scan, args=(self._scan_gen,), name="armistice-saves-scan", daemon=True
                ).start()
            else:
                self._scan(self._scan_gen)
        if self._scan_result is not None and not self.scanned:
            kind, value = self._scan_result
            self.latest = value if kind == "ok" else None
            self.scanned = True
            self.rebuild()

    def build(self) -> None:
        s = self.s
        w, h = self.app.screen.get_size()
        self.map = MapView(self.ctx, pygame.Rect(0, 0, w, h))
        self._bg = None
        col = pygame.Rect(0, 0, s(300), s(46))
        col.centerx = w // 2
        y = int(h * 0.43)
        latest = self.latest
        if self.scanned:
            cont_tip = (
                f"Resume {latest.title}: {latest.detail}" if latest else "No game in progress in the saves folder"
            )
        else:
            cont_tip = "Looking for saved games..."
        entries = [
            ("New game", self.new_game, pygame.K_n, None, True),
            (
                "Tutorial",
                self.tutorial,
                pygame.K_t,
                "Three short turns as the United States against four AI countries, with a coach that says what to do",
                True,
            ),
            ("Continue", self.continue_game, pygame.K_c, cont_tip, latest is not None),
            ("Load game", self.load_game, pygame.K_l, "Open a saved game, or branch one at an earlier turn", True),
            ("Settings", self.settings, pygame.K_s, "Window, scale, text size, palette", True),
            ("Quit", self.app.quit, pygame.K_q, None, True),
        ]
        for text, fn, key, tip, enabled in entries:
            r = col.copy()
            r.y = y
            self.button(
                r,
                f"{text}   [{pygame.key.name(key).upper()}]",
                fn,
                tooltip=tip,
                enabled=enabled,
                object_id="#primary" if text == "New game" else None,
            )
            if enabled:
                self.shortcut(key, text, fn)
            y += s(56)
        self.focus.set(0)

    def new_game(self) -> None:
        navigation.push(self.app, "setup")

    def tutorial(self) -> None:
        """Straight into the tutorial scenario: the United States against four AI seats, coached."""
        import random

        from ..session import Seat

        entry = next((e for e in self.app.catalog.entries() if e[0] == "tutorial"), None)
        if entry is None:
            self.error = "The tutorial scenario (scenarios/tutorial.yaml) is missing."
            return
        scenario, ref = self.app.catalog.get(entry[2])
        seats = {a: Seat(a, a is Actor.US, "heuristic:normal") for a in scenario.actors}
        navigation.start_game(self.app, scenario, random.randrange(1, 100000), None, seats, scenario_ref=ref)

    def continue_game(self) -> None:
        from ...persist import SaveError

        if self.latest is None:
            return
        try:
            navigation.start_loaded(self.app, self.latest.path)
        except SaveError as exc:
            self.error = f"{self.latest.path.name}: {exc.reason}"

    def load_game(self) -> None:
        navigation.push(self.app, "load")

    def settings(self) -> None:
        navigation.push(self.app, "settings")

    def back(self) -> None:
        pass  # Esc on the title does nothing; Quit is explicit

    def draw(self, surf) -> None:
        ctx, s = self.ctx, self.s
        bg = self._bg
        if bg is None or bg.get_size() != surf.get_size():
            bg = self._bg = pygame.Surface(surf.get_size())
            bg.fill(ctx.pal.bg)
            self.map.draw(bg, (), None, legend=False)
            shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
            shade.fill((*ctx.pal.bg, 175))
            bg.blit(shade, (0, 0))
        surf.blit(bg, (0, 0))
        w, h = surf.get_size()
        draw_text(surf, ctx, "ARMISTICE", (w // 2, int(h * 0.16)), size=56, bold=True, anchor="midtop")
        draw_text(
            surf,
            ctx,
            "Korean Peninsula diplomacy, from the Hanoi summit",
            (w // 2, int(h * 0.16) + s(78)),
            size=18,
            color="text_dim",
            anchor="midtop",
        )
        # the five parties in their own scripts, each in its colour
        names = [(a, ACTOR_NATIVE_NAMES[a]) for a in Actor]
        sep = "   "
        total = sum(ctx.fonts.size(n, 16)[0] for _, n in names) + ctx.fonts.size(sep, 16)[0] * 4
        x = w // 2 - total // 2
        y = int(h * 0.16) + s(118)
        for i, (a, n) in enumerate(names):
            r = draw_text(surf, ctx, n, (x, y), size=16, color=ctx.pal.actor(a))
            x = r.right + ctx.fonts.size(sep, 16)[0]
        draw_text(
            surf,
            ctx,
            "Tab / arrows and Enter, or the letter keys. F1 for help.",
            (w // 2, h - s(30)),
            size=12,
            color="text_faint",
            anchor="midtop",
        )
        if self.error:
            draw_text(
                surf, ctx, self.error, (w // 2, h - s(56)), size=13, color="bad", anchor="midtop", max_width=w - s(40)
            )
