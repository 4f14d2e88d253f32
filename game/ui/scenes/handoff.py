"""The privacy screen between human seats: nothing of any side's secrets, only whose turn it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...model.ids import ACTOR_NATIVE_NAMES, ACTOR_SHORT, Actor
from ..describe import PHASE_TEXT, actor_name
from ..widgets import draw_text
from .. import navigation
from .base import Scene
from .cell import draw_clock

if TYPE_CHECKING:  # for the annotation only: the session makes it
    from ..public import NobodyView


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


class HandoffScene(Scene):
    name = "handoff"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.session = game.session
        self.target: Actor | None = None
        self.public: NobodyView | None = None  # the public view, as of the last poll
        self._poll()

    def _poll(self) -> bool:
        """Refresh who is next; True when that changed."""
        humans = self.session.pending_humans()
        target = humans[0] if humans else None
        version = self.session.snapshot()[0]
        changed = target != self.target or self.public is None or version != getattr(self, "_version", None)
        if changed:
            self.public = self.session.public_view()
            self._version = version
        old, self.target = self.target, target
        return target != old

    def build(self) -> None:
        s = self.s
        w, h = self.app.screen.get_size()
        bw = s(420)
        if self.target is not None:
            self.button(
                (w // 2 - bw // 2, int(h * 0.56), bw, s(52)),
                f"Reveal {possessive(actor_name(self.target))} screen  [Enter]",
                self.reveal,
                object_id="#primary",
            )
            self.shortcut(pygame.K_RETURN, "reveal", self.reveal)
            self.shortcut(pygame.K_KP_ENTER, "reveal", self.reveal)
        self.button(
            (w // 2 - bw // 2, int(h * 0.56) + s(64), bw // 2 - s(4), s(42)),
            "Projector view [P]",
            self.projector,
            tooltip="The public view, safe to show everyone",
        )
        self.button((w // 2 + s(4), int(h * 0.56) + s(64), bw // 2 - s(4), s(42)), "Menu [Esc]", self.game.menu)
        self.shortcut(pygame.K_p, "projector view", self.projector)
        self.focus.set(0)

    def update(self, dt: float) -> None:
        sess = self.session
        sess.tick()
        if sess.waiting_for_ui() or sess.snapshot()[4]:
            self.app.pop(self)  # the game shows the resolution or the debrief first
            return
        if self._poll():
            self.rebuild()

    def reveal(self) -> None:
        if self.target is None:
            return
        self.game.reveal(self.target)
        self.app.pop(self)

    def projector(self) -> None:
        navigation.push(self.app, "projector", self.session)

    def back(self) -> None:
        self.game.menu()

    def draw(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        w, h = surf.get_size()
        pv = self.public
        if pv is None:  # not polled yet
            return
        draw_text(
            surf,
            ctx,
            f"Turn {pv.turn} of {pv.turns_total}  -  {pv.date}  -  {PHASE_TEXT.get(pv.phase.value, '')}",
            (w // 2, int(h * 0.14)),
            size=16,
            color="text_dim",
            anchor="midtop",
        )
        if self.session.whitecell is not None:
            draw_clock(
                surf,
                ctx,
                self.session,
                pygame.Rect(w // 2 - s(150), int(h * 0.14) + s(30), s(300), s(30)),
                size=20,
                label="Time left ",
                centered=True,
            )
        if self.target is not None:
            col = pal.actor(self.target)
            pygame.draw.rect(surf, col, (w // 2 - s(180), int(h * 0.24), s(360), s(6)), border_radius=s(3))
            draw_text(
                surf,
                ctx,
                f"Pass to {actor_name(self.target)}",
                (w // 2, int(h * 0.28)),
                size=40,
                bold=True,
                anchor="midtop",
            )
            native = ACTOR_NATIVE_NAMES[self.target]
            if native != actor_name(self.target):
                draw_text(surf, ctx, native, (w // 2, int(h * 0.28) + s(58)), size=26, color=col, anchor="midtop")
            draw_text(
                surf,
                ctx,
                "Everyone else, please look away. Press Enter to reveal.",
                (w // 2, int(h * 0.28) + s(104)),
                size=16,
                color="text_dim",
                anchor="midtop",
            )
        else:
            draw_text(surf, ctx, "Screen hidden", (w // 2, int(h * 0.28)), size=40, bold=True, anchor="midtop")
            waiting = [ACTOR_SHORT[a] for a in pv.actors if a not in pv.submitted]
            text = "Waiting for the AI seats" + (f": {', '.join(waiting)}" if waiting else "")
            if self.session.awaiting_review():
                text = "Waiting for the white cell to accept the orders"
            draw_text(surf, ctx, text, (w // 2, int(h * 0.28) + s(64)), size=16, color="text_dim", anchor="midtop")
        done = [ACTOR_SHORT[a] for a in pv.actors if a in pv.submitted]
        if done:
            draw_text(
                surf,
                ctx,
                "Already decided this phase: " + ", ".join(done),
                (w // 2, h - s(60)),
                size=13,
                color="text_faint",
                anchor="midtop",
            )
