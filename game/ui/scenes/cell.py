"""What the white cell shows on every screen of a facilitated game: the phase clock and the news flash
of a released inject. Drawing only, shared by the play screen, the projector and the console."""

from __future__ import annotations

import pygame

from ...model.ids import ACTOR_SHORT, Actor
from ..whitecell import clock_text
from ..widgets import Span, UIContext, draw_text, text_block

LOW = 60  # seconds left under which the clock turns red


def draw_clock(
    surf: pygame.Surface,
    ctx: UIContext,
    session,
    rect: pygame.Rect,
    *,
    size: float = 16,
    label: str = "",
    centered: bool = False,
) -> None:
    """The time left in this phase, right-aligned (or centred) in ``rect``; nothing when the phase has
    no clock."""
    left = session.clock_remaining()
    text = clock_text(left, session.clock_paused())
    if not text:
        return
    color = "bad" if left < LOW else ("text_dim" if session.clock_paused() else "warn")
    draw_text(
        surf,
        ctx,
        f"{label}{text}",
        rect.center if centered else rect.midright,
        size=size,
        bold=True,
        color=color,
        anchor="center" if centered else "midright",
        max_width=rect.w,
    )


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

    def draw(
        self, surf: pygame.Surface, ctx: UIContext, area: pygame.Rect, *, size: float = 16, bottom: bool = False
    ) -> None:
        """A banner across the top (or the foot) of ``area``: NEWS FLASH (or a cable's addressees) and the
        text."""
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
        body = text_block(
            ctx,
            [
                [Span(head + more, "bad" if item.audience == "public" else "cable", True, size * 0.8)],
                [Span(item.text, "text", True, size)],
            ],
            width - s(24),
            gap=4,
        )
        h = min(body.get_height(), area.h // 2)
        box = pygame.Rect(area.x + s(20), area.y + s(12), width, h + s(20))
        if bottom:
            box.bottom = area.bottom - s(12)
        pygame.draw.rect(surf, ctx.pal.modal, box, border_radius=s(4))
        pygame.draw.rect(surf, ctx.pal.bad, box, 2, border_radius=s(4))
        pygame.draw.rect(surf, ctx.pal.bad, (box.x, box.y, s(6), box.h), border_radius=s(2))
        surf.blit(body, (box.x + s(16), box.y + s(10)), pygame.Rect(0, 0, width - s(24), h))
        self.rect = box


# ----------------------------------------------------------------------------- the debrief's white-cell tab
def white_cell_lines(control) -> list:
    """A facilitated game's record for the debrief: every adjudication with its reason, the injects as
    they went, the team memos turn by turn and the questions with their answers."""
    lines: list = [[Span("Adjudications", "text", True, 16)]]
    for rec in control.adjudications:
        lines.append(
            [
                Span(f"Turn {rec.turn}, {rec.phase.value}: ", "text_faint", True, 13),
                Span(rec.text, "warn", True, 13),
                Span(f"  (reason: {rec.reason})", "text", False, 13),
            ]
        )
    if not control.adjudications:
        lines.append([Span("The white cell accepted every outcome as it fell.", "text_dim", False, 13)])
    lines += [[], [Span("Injects", "text", True, 16)]]
    for st in control.injects:
        spec = control.inject(st.id)
        when = {"fired": f"released in turn {st.fired_turn}", "skipped": "skipped"}.get(st.status, "never released")
        lines.append([Span(f"{spec.title}: ", "accent", True, 13), Span(when, "text_dim", False, 13)])
    lines += [[], [Span("Team memos", "text", True, 16)]]
    for memo in sorted(control.memos, key=lambda m: (m.turn, m.actor.value)):
        lines.append(
            [
                Span(f"Turn {memo.turn}  {ACTOR_SHORT[memo.actor]}: ", "accent", True, 13),
                Span(memo.text, "text", False, 13),
            ]
        )
    if not control.memos:
        lines.append([Span("No team wrote a memo.", "text_dim", False, 13)])
    lines += [[], [Span("Requests for information", "text", True, 16)]]
    for rfi in control.rfis:
        lines.append(
            [
                Span(f"{rfi.id}, turn {rfi.turn}, {ACTOR_SHORT[rfi.actor]}: ", "accent", True, 13),
                Span(rfi.question, "text", False, 13),
            ]
        )
        lines.append(
            [
                Span("    Answer: ", "cable", True, 13),
                Span(rfi.answer or "never answered", "text" if rfi.answer else "text_faint", False, 13),
            ]
        )
    if not control.rfis:
        lines.append([Span("No team asked the white cell anything.", "text_dim", False, 13)])
    return lines
