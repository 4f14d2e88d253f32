"""Load a saved game, or branch one: replay it to the start of an earlier turn and play on from there
as a new game (the original file is kept)."""

from __future__ import annotations

import pygame

from ...persist import SaveError
from ..widgets import Item, ListBox, RichText, Span, draw_text
from .. import navigation
from .base import Scene


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.error = ""
        self.branch_turn: int | None = None
        self.selected_path = None
        self.refresh()

    def refresh(self) -> None:
        try:
            self.saves = self.app.saves.list()
        except OSError as exc:
            self.saves = []
            self.error = f"cannot read {self.app.saves.directory}: {exc}"

    def build(self) -> None:
        s = self.s
        box = self.layout.centered(1100, 700)
        self.box = box
        lst = pygame.Rect(box.x + s(16), box.y + s(60), int(box.w * 0.55), box.h - s(140))
        det = pygame.Rect(lst.right + s(12), lst.y, box.right - s(16) - lst.right - s(12), lst.h - s(100))
        items = [
            Item(info.title, sub=info.detail, enabled=info.ok, key=str(info.path), tooltip=info.reason or info.detail)
            for info in self.saves
        ]
        old = getattr(self, "listbox", None)
        self.listbox = self.add(
            ListBox(
                self.ctx,
                lst,
                items,
                row_height=44,
                title=f"Saves in {self.app.saves.directory}/",
                empty_text="No saved games yet: games autosave after every turn.",
                on_select=lambda it: self.select(it.key),
                on_activate=lambda it: self.load(),
                double_click=True,
            )
        )  # one click selects: At turn and Branch stay in reach
        if old is not None:
            self.listbox.scroll, self.listbox._last_click = old.scroll, old._last_click
        if self.selected_path is not None:
            for i, it in enumerate(items):
                if it.key == self.selected_path:
                    self.listbox.selected = i
                    self.listbox.ensure_visible(i)
        self.detail = self.add(RichText(self.ctx, det, [], title="Selected save"), focus=False)
        info = self.current()
        turns = []
        if info is not None and info.ok:
            try:
                turns = list(self.app.saves.branch_turns(info.path))
            except SaveError:
                turns = []
        if self.branch_turn not in turns:
            self.branch_turn = turns[0] if turns else None
        by = det.bottom + s(12)
        self.button(
            (det.x, by, det.w, s(40)),
            "Load  [Enter]",
            self.load,
            object_id="#primary",
            enabled=info is not None and info.ok,
        )
        half = det.w // 2 - s(4)
        if turns:
            self.cycler((det.x, by + s(50), half, s(40)), "At turn ", turns, self.branch_turn, self.set_turn)
        self.button(
            (det.x + half + s(8), by + s(50), half, s(40)),
            "Branch  [B]",
            self.branch,
            enabled=bool(turns),
            tooltip="Replay the game to the start of the chosen turn and continue from there as a new game",
        )
        self.shortcut(pygame.K_b, "branch at the chosen turn", self.branch)
        self.button((box.x + s(16), box.bottom - s(60), s(180), s(44)), "Back  [Esc]", self.back)
        if info is not None:
            self._show(info)
        if self.focus.index is None:
            self.focus.focus_widget(self.listbox)

    def current(self):
        if not self.saves or not self.listbox.items:
            return None
        key = self.listbox.items[self.listbox.selected].key
        return next((i for i in self.saves if str(i.path) == key), None)

    def select(self, key) -> None:
        if key != self.selected_path:
            self.selected_path = key
            self.branch_turn = None
            self.rebuild()

    def set_turn(self, turn) -> None:
        self.branch_turn = turn
        self.rebuild()

    def _show(self, info) -> None:
        lines = [
            [Span(info.title, "text", True, 15)],
            [Span(info.detail, "text_dim", False, 13)],
            [Span(str(info.path), "text_faint", False, 12)],
        ]
        if not info.ok:
            lines.append([Span("Cannot be loaded: ", "bad", True, 13), Span(info.reason, "text", False, 13)])
        else:
            lines += [
                [],
                [
                    Span(
                        "Double-click the save or press Load to open it; or choose a turn and Branch to "
                        "play on from there as a new game.",
                        "text_dim",
                        False,
                        13,
                    )
                ],
            ]
        self.detail.set_lines(lines)

    def load(self) -> None:
        info = self.current()
        if info is None or not info.ok:
            return
        try:
            navigation.start_loaded(self.app, info.path)
        except SaveError as exc:
            self.error = f"{info.path.name}: {exc.reason}"

    def branch(self) -> None:
        info = self.current()
        if info is None or not info.ok or self.branch_turn is None:
            return
        try:
            path = self.app.saves.branch(info.path, self.branch_turn)
            navigation.start_loaded(self.app, path)
        except (SaveError, OSError) as exc:
            self.error = f"cannot branch: {getattr(exc, 'reason', exc)}"

    def back(self) -> None:
        self.app.pop(self)

    def draw(self, surf) -> None:
        ctx, s = self.ctx, self.s
        surf.fill(ctx.pal.bg)
        box = self.box
        pygame.draw.rect(surf, ctx.pal.panel, box, border_radius=s(6))
        pygame.draw.rect(surf, ctx.pal.panel_border, box, 1, border_radius=s(6))
        draw_text(surf, ctx, "Load or branch a game", (box.x + s(16), box.y + s(16)), size=22, bold=True)
        if self.error:
            draw_text(
                surf,
                ctx,
                self.error,
                (box.x + s(210), box.bottom - s(38)),
                size=13,
                color="bad",
                anchor="midleft",
                max_width=box.w - s(230),
            )
