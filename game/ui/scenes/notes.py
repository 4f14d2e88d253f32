"""A player's notes to the white cell in a facilitated game: the team memo of this turn (why it chose
what it chose, for the debrief and the report) and questions (requests for information), with the
answers received. Only the seat's own notes show; everything is sent through the Session."""

from __future__ import annotations

import pygame

from ..describe import actor_name
from ..widgets import RichText, Span, draw_text
from .base import Scene


class NotesScene(Scene):
    name = "notes"
    modal = True

    def __init__(self, app, session, actor):
        super().__init__(app)
        self.session, self.actor = session, actor
        self.message, self.bad = "", False

    def build(self) -> None:
        s = self.s
        box = self.layout.centered(760, 600)
        self.box = box
        x, w = box.x + s(24), box.w - s(48)
        memo, rfis = self.session.seat_notes(self.actor)
        self.memo_box = self.text_box((x, box.y + s(84), w, s(130)), memo)
        self.button(
            (box.right - s(24) - s(200), box.y + s(222), s(200), s(38)),
            "Save memo",
            self.save_memo,
            object_id="#primary",
        )
        self.question = self.entry((x, box.y + s(300), w - s(210), s(38)), limit=2000)
        self.button((box.right - s(24) - s(200), box.y + s(300), s(200), s(38)), "Send question", self.ask)
        lines = []
        for rfi in reversed(rfis):
            lines.append(
                [Span(f"{rfi.id}, turn {rfi.turn}: ", "accent", True, 13), Span(rfi.question, "text", False, 13)]
            )
            lines.append(
                [
                    Span("   Answer: ", "cable", True, 13),
                    Span(rfi.answer or "not answered yet", "text" if rfi.answer else "text_faint", False, 13),
                ]
            )
        self.answers = self.add(
            RichText(
                self.ctx,
                pygame.Rect(x, box.y + s(350), w, box.bottom - s(66) - box.y - s(350)),
                lines or [[Span("No questions asked yet.", "text_faint", False, 13)]],
                title="Your questions and the white cell's answers",
            )
        )
        self.button((box.centerx - s(90), box.bottom - s(54), s(180), s(40)), "Close  [Esc]", self.back)
        self.focus.set(0)

    def save_memo(self) -> None:
        self._sent(self.session.note(self.actor, "memo", self.memo_box.get_text().strip()), "Memo saved.")

    def ask(self) -> None:
        error = self.session.note(self.actor, "rfi", self.question.get_text().strip())
        if self._sent(error, "Question sent to the white cell."):
            self.question.set_text("")
            self.rebuild()

    def _sent(self, error: str | None, done: str) -> bool:
        self.message, self.bad = (f"Not sent: {error}", True) if error else (done, False)
        return error is None

    def back(self) -> None:
        self.app.pop(self)

    def update(self, dt: float) -> None:
        self.session.tick()

    def draw(self, surf) -> None:
        ctx, s, box = self.ctx, self.s, self.box
        pygame.draw.rect(surf, ctx.pal.modal, box, border_radius=s(6))
        pygame.draw.rect(surf, ctx.pal.accent, box, 2, border_radius=s(6))
        turn = self.session.snapshot()[3]
        draw_text(
            surf,
            ctx,
            f"{actor_name(self.actor)}: notes to the white cell",
            (box.x + s(24), box.y + s(18)),
            size=20,
            bold=True,
        )
        draw_text(
            surf,
            ctx,
            f"Team memo for turn {turn}: why your team chose what it chose",
            (box.x + s(24), box.y + s(58)),
            size=14,
            bold=True,
            color="text_dim",
        )
        draw_text(
            surf,
            ctx,
            "Ask the white cell (the answer comes back as a private cable)",
            (box.x + s(24), box.y + s(274)),
            size=14,
            bold=True,
            color="text_dim",
        )
        if self.message:
            draw_text(
                surf,
                ctx,
                self.message,
                (box.x + s(24), box.y + s(230)),
                size=14,
                bold=True,
                color="bad" if self.bad else "good",
                max_width=box.w - s(270),
            )
