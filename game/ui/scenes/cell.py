"""What the white cell shows on every screen of a facilitated game: the phase clock and the news flash
of a released inject. Drawing only, shared by the play screen, the projector and the console."""
from __future__ import annotations

import pygame

from ...model.ids import ACTOR_SHORT, Actor
from ..whitecell import clock_text
from ..widgets import Span, UIContext, draw_text, text_block

LOW = 60  # seconds left under which the clock turns red


def draw_clock(surf: pygame.Surface, ctx: UIContext, session, rect: pygame.Rect, *, size: float = 16,
               label: str = "", centered: bool = False) -> None:
    """The time left in this phase, right-aligned (or centred) in ``rect``; nothing when the phase has
    no clock."""
    left = session.clock_remaining()
    text = clock_text(left, session.clock_paused())
    if not text:
        return
    color = "bad" if left < LOW else ("text_dim" if session.clock_paused() else "warn")
    draw_text(surf, ctx, f"{label}{text}", rect.center if centered else rect.midright, size=size, bold=True,
              color=color, anchor="center" if centered else "midright", max_width=rect.w)


# ----------------------------------------------------------------------------- the news flash
INJECT_SOURCE = "inject:"  # the news source of a released inject (rules.control)
WHITE_CELL_SOURCE = "white-cell"  # the white cell's own cables: answers, overruled orders
FLASH_SECONDS = 8.0


def flash_worthy(item) -> bool:
    return item.source.startswith(INJECT_SOURCE) or item.source == WHITE_CELL_SOURCE


class NewsFlash:
    """The released injects and white-cell cables a screen has not shown yet, one at a time, each for
    ``FLASH_SECONDS`` (a click on it shows the next). News of earlier turns that a screen first sees
    (a loaded game, a newly revealed seat's first look) is not flashed again."""

    def __init__(self) -> None:
        self.seen: set | None = None
        self.queue: list = []
        self.left = 0.0
        self.rect: pygame.Rect | None = None  # where the flash was drawn (a click there dismisses it)

    def feed(self, news, turn: int) -> None:
        items = [n for n in news if flash_worthy(n)]
        if self.seen is None:
            self.seen = {n for n in items if n.turn < turn}
        for n in items:
            if n not in self.seen:
                self.seen.add(n)
                self.queue.append(n)
        if self.queue and self.left <= 0:
            self.left = FLASH_SECONDS

    @property
    def current(self):
        return self.queue[0] if self.queue else None

    def update(self, dt: float) -> None:
        if not self.queue:
            return
        self.left -= dt
        if self.left <= 0:
            self.next()

    def next(self) -> None:
        if self.queue:
            self.queue.pop(0)
        self.left = FLASH_SECONDS if self.queue else 0.0

    def click(self, pos) -> bool:
        if self.current is not None and self.rect is not None and self.rect.collidepoint(pos):
            self.next()
            return True
        return False

    def draw(self, surf: pygame.Surface, ctx: UIContext, area: pygame.Rect, *, size: float = 16) -> None:
        """A banner across the top of ``area``: NEWS FLASH (or a cable's addressees) and the text."""
        item = self.current
        self.rect = None
        if item is None:
            return
        s = ctx.s
        if item.audience == "public":
            head = "NEWS FLASH" if item.source.startswith(INJECT_SOURCE) else "THE WHITE CELL"
        else:
            head = "CABLE, " + ", ".join(ACTOR_SHORT[Actor(a)] for a in item.audience) + " EYES ONLY"
        more = f"  (+{len(self.queue) - 1} more)" if len(self.queue) > 1 else ""
        width = area.w - s(40)
        body = text_block(ctx, [[Span(head + more, "bad" if item.audience == "public" else "cable", True, size * 0.8)],
                                [Span(item.text, "text", True, size)]], width - s(24), gap=4)
        h = min(body.get_height(), area.h // 2)
        box = pygame.Rect(area.x + s(20), area.y + s(12), width, h + s(20))
        pygame.draw.rect(surf, ctx.pal.modal, box, border_radius=s(4))
        pygame.draw.rect(surf, ctx.pal.bad, box, 2, border_radius=s(4))
        pygame.draw.rect(surf, ctx.pal.bad, (box.x, box.y, s(6), box.h), border_radius=s(2))
        surf.blit(body, (box.x + s(16), box.y + s(10)), pygame.Rect(0, 0, width - s(24), h))
        self.rect = box
