"""Help overlay: the keyboard shortcuts of the scene below and how to play."""

from __future__ import annotations

import pygame

from ..widgets import RichText, Span
from .base import Scene

HOW_TO_PLAY = [
    "Each turn has two diplomacy steps and an orders step. Diplomacy: send up to two proposals (packages of "
    "clauses: who does or refrains from what, up front or after verification, for how long, verified how), "
    "then answer what arrives: accept, reject or counter once.",
    "Orders: choose actions within your political capital. All orders resolve at once; the resolution "
    "screen shows the news and why every meter moved.",
    "Estimates are ranges: nobody but North Korea knows the true arsenal. Inspections and intelligence "
    "narrow them; cheating is found with a chance that grows with access, effort and time.",
    # a facilitated game (issue 13)
    "In a facilitated game a white cell runs the exercise from its console (game menu, F, with its PIN): "
    "injects arrive as news flashes, each phase has a clock (when it runs out, a seat that has not decided "
    "gets its AI stand-in's decision or none), and the turn resolves when the white cell accepts the orders. "
    "M on the play screen writes your team's memo or asks the white cell a question.",
]


class HelpScene(Scene):
    name = "help"
    modal = True

    def __init__(self, app, keys: list[tuple[str, str]], title: str = "Help and keyboard shortcuts"):
        super().__init__(app)
        self.keys, self.title = keys, title

    def build(self) -> None:
        box = self.layout.centered(760, 600)
        self.box = box
        lines = [[Span(self.title, "text", True, 20)], []]
        for key, desc in self.keys:
            lines.append([Span(f"{key}", "accent", True, 14), Span(f"   {desc}", "text", False, 14)])
        lines.append([])
        lines.append([Span("How to play", "text", True, 16)])
        for para in HOW_TO_PLAY:
            lines.append([Span(para, "text_dim", False, 14)])
        body = pygame.Rect(box.x + self.s(16), box.y + self.s(16), box.w - self.s(32), box.h - self.s(76))
        self.add(RichText(self.ctx, body, lines, background=None, border=False))
        self.button(
            (box.centerx - self.s(80), box.bottom - self.s(52), self.s(160), self.s(38)),
            "Close (Esc)",
            self.back,
            object_id="#primary",
        )
        self.focus.set(len(self.focus.items) - 1)

    def back(self) -> None:
        self.app.pop(self)

    def handle_key(self, event) -> bool:
        if event.key == pygame.K_F1:
            self.app.defer(self.back)
            return True
        return super().handle_key(event)

    def draw(self, surf) -> None:
        pygame.draw.rect(surf, self.ctx.pal.modal, self.box, border_radius=self.s(6))
        pygame.draw.rect(surf, self.ctx.pal.accent, self.box, 2, border_radius=self.s(6))


class MenuScene(Scene):
    """A small modal menu: a title and a column of buttons, each with an optional key."""

    name = "menu"
    modal = True

    def __init__(self, app, title: str, entries: list[tuple[str, object, int | None]], message: str = ""):
        super().__init__(app)
        self.title, self.entries, self.message = title, entries, message

    def build(self) -> None:
        from ..widgets import Span, text_block

        n = len(self.entries)
        width = self.layout.centered(420, 100).w - self.s(24)
        # the message wrapped (a saves folder's path can be long), the box as tall as it needs
        self.message_surf = (
            text_block(self.ctx, [[Span(self.message, "text_dim", False, 13)]], width, gap=0) if self.message else None
        )
        extra = self.message_surf.get_height() / self.layout.scale + 16 if self.message_surf else 0
        box = self.layout.centered(420, 110 + 50 * n + extra)
        self.box = box
        y = box.y + self.s(64) + self.s(extra)
        for text, fn, key in self.entries:

            def run(fn=fn):
                self.app.pop(self)
                if fn is not None:
                    fn()

            label = (
                text
                if key is None
                else f"{text}  [{'Esc' if key == pygame.K_ESCAPE else pygame.key.name(key).upper()}]"
            )
            self.button((box.x + self.s(40), y, box.w - self.s(80), self.s(40)), label, run)
            if key is not None:
                self.shortcut(key, text, run)
            y += self.s(50)
        self.focus.set(0)

    def back(self) -> None:
        self.app.pop(self)

    def draw(self, surf) -> None:
        from ..widgets import draw_text

        pygame.draw.rect(surf, self.ctx.pal.modal, self.box, border_radius=self.s(6))
        pygame.draw.rect(surf, self.ctx.pal.accent, self.box, 2, border_radius=self.s(6))
        draw_text(
            surf, self.ctx, self.title, (self.box.centerx, self.box.y + self.s(20)), size=20, bold=True, anchor="midtop"
        )
        if self.message_surf is not None:
            surf.blit(self.message_surf, self.message_surf.get_rect(midtop=(self.box.centerx, self.box.y + self.s(58))))
