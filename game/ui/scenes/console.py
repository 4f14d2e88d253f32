"""The white cell: the PIN asked before its console opens, and the console itself.

The console is the facilitator's screen: the god view (``observe(None)``: the truth, every estimate,
every cable), the phase's status (who has decided, the time left, pause and resume), and the white
cell's work in tabs. It reads the Session and submits control acts through it; it rules nothing.
"""

from __future__ import annotations

from functools import partial

import pygame

from ...model.control import PauseClock, SetClock
from ..describe import PHASE_TEXT, actor_name
from ..whitecell import clock_text, hash_pin, pin_problem
from ..widgets import RichText, draw_text
from .. import navigation
from .base import Scene
from .cell import draw_clock
from .console_tabs import TABS
from .panels import IntelPanel, news_lines


class PinScene(Scene):
    """Asks the white cell's PIN; the right one opens the console in its place. A facilitated game
    that has no PIN yet (set up on the command line) asks for a new one instead."""

    name = "pin"
    modal = True

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.gate = session.pin_gate
        self.message = ""

    def build(self) -> None:
        s = self.s
        box = self.layout.centered(440, 230)
        self.box = box
        self.pin_entry = self.entry((box.x + s(40), box.y + s(84), box.w - s(80), s(40)), allowed="numbers", limit=12)
        self.pin_entry.set_text_hidden(True)
        half = (box.w - s(88)) // 2
        self.button((box.x + s(40), box.bottom - s(62), half, s(42)), "Cancel  [Esc]", self.back)
        self.button(
            (box.right - s(40) - half, box.bottom - s(62), half, s(42)),
            "Open console" if self.gate.pin_hash else "Set PIN, open",
            self.check,
            object_id="#primary",
        )
        self.focus.set(0)
        self.pin_entry.focus()

    def handle_key(self, event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.pin_entry.is_focused:
            self.app.defer(self.check)
            return True
        return super().handle_key(event)

    def check(self) -> None:
        pin = self.pin_entry.get_text()
        self.pin_entry.set_text("")
        if not self.gate.pin_hash:
            self.message = pin_problem(pin) or ""
            if not self.message:
                self.session.set_pin(hash_pin(pin))
                navigation.replace(self.app, "console", self.session)
            return
        if self.gate.attempt(pin):
            navigation.replace(self.app, "console", self.session)
            return
        wait = self.gate.locked_for
        self.message = f"Wrong PIN. Try again in {wait:.0f} s." if wait else "Wrong PIN."
        self.pin_entry.focus()

    def back(self) -> None:
        self.app.pop(self)

    def draw(self, surf) -> None:
        ctx, s = self.ctx, self.s
        pygame.draw.rect(surf, ctx.pal.modal, self.box, border_radius=s(6))
        pygame.draw.rect(surf, ctx.pal.warn, self.box, 2, border_radius=s(6))
        draw_text(
            surf, ctx, "White cell console", (self.box.centerx, self.box.y + s(18)), size=20, bold=True, anchor="midtop"
        )
        ask = "The facilitator's PIN" if self.gate.pin_hash else "This game has no PIN yet: choose one (4-12 digits)"
        text, color = (self.message, "bad") if self.message else (ask, "text_dim")
        if self.gate.locked_for > 0:
            text = f"Wrong PIN. Try again in {self.gate.locked_for:.0f} s."
        draw_text(surf, ctx, text, (self.box.centerx, self.box.y + s(54)), size=14, color=color, anchor="midtop")


class ConsoleScene(Scene):
    name = "console"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.version = -1
        self.mode = None
        self.obs = session.observe(None)
        self.control_state = session.control_state()
        self.tabs = {key: cls(self) for key, cls, _ in TABS}
        self.tab = "msel"
        self.message, self.message_bad, self.message_left = "", False, 0.0

    # ------------------------------------------------------------------ building
    def build(self) -> None:
        s = self.s
        w, h = self.app.screen.get_size()
        pad = s(8)
        self.top = pygame.Rect(0, 0, w, s(46))
        body_y = self.top.bottom + pad
        left_w = int(w * 0.36)
        self.status_rect = pygame.Rect(pad, body_y, left_w, s(236))
        st = self.status_rect
        paused = self.session.clock_paused()
        row = self.layout.row(
            pygame.Rect(st.x + s(8), st.bottom - s(44), st.w - s(16), s(36)), [1.25, 0.8, 0.8, 1.5], gap=4
        )
        for rect, (text, fn, tip) in zip(
            row,
            (
                ("Resume [T]" if paused else "Pause [T]", self.toggle_pause, "Stop or restart the clock"),
                ("-1 min", lambda: self.change_clock(-60), "This phase gets a minute less, from now on"),
                ("+1 min", lambda: self.change_clock(60), "This phase gets a minute more, from now on"),
                (
                    "Close the phase",
                    self.close_phase,
                    "End this phase now: seats that have not decided get their AI stand-in's decision, or none",
                ),
            ),
        ):
            self.button(rect, text, fn, tooltip=tip, object_id="#small")
        self.shortcut(pygame.K_t, "pause or resume the clock", self.toggle_pause)
        room = h - st.bottom - pad * 3 - s(120)  # the news below keeps at least a few lines
        intel = pygame.Rect(pad, st.bottom + pad, left_w, min(IntelPanel.truth_height(self.ctx, self.obs), room))
        self.intel = IntelPanel(self.ctx, intel, self.obs)  # every site, covert ones too
        self.add(self.intel, focus=False)
        news = pygame.Rect(pad, intel.bottom + pad, left_w, h - pad - intel.bottom - pad)
        self.news = RichText(self.ctx, news, self._news(), title="Every news item and cable")
        self.add(self.news)
        right = pygame.Rect(news.right + pad * 2, body_y, w - news.right - pad * 3, h - body_y - pad)
        tab_row = pygame.Rect(right.x, right.y, right.w, s(34))
        for rect, (key, cls, k) in zip(self.layout.row(tab_row, [1] * len(TABS), gap=4), TABS):
            count = self.tabs[key].badge()
            show = partial(self.set_tab, key)
            self.button(
                rect,
                f"{cls.title}{f' ({count})' if count else ''} [{pygame.key.name(k)}]",
                show,
                object_id="#tab",
                selected=key == self.tab,
            )
            self.shortcut(k, f"{cls.title} tab", show)
        self.message_y = right.bottom - s(12)
        self.tabs[self.tab].build(
            pygame.Rect(right.x, tab_row.bottom + s(6), right.w, right.bottom - s(28) - tab_row.bottom - s(6))
        )
        y, bh = self.top.y + s(7), self.top.h - s(14)
        x = w - pad
        for text, callback in (("Back  [Esc]", self.back), ("Map and details [G]", self.god_view)):
            bw = s(40) + self.ctx.fonts.size(text, 13)[0]
            x -= bw + s(6)
            self.button((x, y, bw, bh), text, callback, object_id="#small")
        self.shortcut(pygame.K_g, "map and details (the god view)", self.god_view)

    def teardown(self) -> None:
        self.tabs[self.tab].keep()
        super().teardown()

    def _news(self):
        sc = self.session.match.scenario
        return news_lines(self.obs.news, None, self.obs.turn, sc.date_label)

    def set_tab(self, key: str) -> None:
        if key != self.tab:
            self.tabs[self.tab].keep()
            self.tab = key
            self.rebuild()

    # ------------------------------------------------------------------ flow
    def update(self, dt: float) -> None:
        sess = self.session
        sess.tick()
        version, pending, phase, turn, _ = sess.snapshot()
        if version != self.version:
            self.version = version
            self.obs = sess.observe(None)
            self.control_state = sess.control_state()
            badges = tuple(tab.badge() for tab in self.tabs.values())
            mode = (turn, phase, tuple(pending), self.session.clock_paused(), badges)
            if mode != self.mode:
                self.mode = mode
                self.rebuild()
            else:
                self.intel.obs = self.obs
                self.news.set_lines(self._news(), keep_scroll=True)
                self.tabs[self.tab].refresh()
        if self.message:
            self.message_left -= dt
            if self.message_left <= 0:
                self.message = ""

    def flash(self, text: str, bad: bool = False) -> None:
        self.message, self.message_bad, self.message_left = text, bad, 6.0 if bad else 4.0

    def toggle_pause(self) -> None:
        error = self.session.control(PauseClock(paused=not self.session.clock_paused()))
        self.flash(
            f"Refused: {error}" if error else ("Clock paused." if self.session.clock_paused() else "Clock running."),
            bad=error is not None,
        )

    def change_clock(self, seconds: int) -> None:
        phase = self.session.snapshot()[2]
        now = self.session.phase_seconds(phase)
        new = max(0, now + seconds) if now else max(60, seconds)
        error = self.session.control(SetClock(phase=phase, seconds=new))
        self.flash(
            f"Refused: {error}" if error else f"This phase now has {clock_text(new)} in all.", bad=error is not None
        )

    def close_phase(self) -> None:
        error = self.session.expire_phase(expired=False)
        self.flash(f"Refused: {error}" if error else "Phase closed by the white cell.", bad=error is not None)

    def god_view(self) -> None:
        navigation.push(self.app, "projector", self.session, god=True)

    def back(self) -> None:
        self.app.pop(self)

    def caption(self) -> str:
        return "Armistice - white cell console"

    def help_lines(self):
        return super().help_lines() + [("Reason", "every adjudication (overrule, chance, correction) needs one")]

    # ------------------------------------------------------------------ drawing
    def status_lines(self) -> list[tuple[str, str, str]]:
        """(seat, who plays it, what it is doing) for each seat, this phase."""
        sess = self.session
        _, pending, _, _, over = sess.snapshot()
        rows = []
        for a, seat in sess.seats.items():
            if over:
                doing = "game over"
            elif a not in pending:
                doing = "decided"
            elif sess.thinking is a:
                doing = "thinking"
            else:
                doing = "deciding"
            stand_in = sess.stand_in(a)
            who = seat.label() + (f" (stand-in {stand_in.split(':')[0]})" if stand_in and seat.human else "")
            rows.append((actor_name(a), who, doing))
        return rows

    def draw(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        obs = self.obs
        pygame.draw.rect(surf, pal.panel, self.top)
        r = draw_text(
            surf, ctx, "WHITE CELL", (s(14), self.top.centery), size=18, bold=True, color="warn", anchor="midleft"
        )
        step = PHASE_TEXT.get(obs.phase.value, obs.phase.value)
        if self.session.awaiting_review():
            step = "Orders sealed: waiting for the white cell to accept them"
        draw_text(
            surf,
            ctx,
            f"Turn {obs.turn}/{obs.turns_total}  -  {obs.date}  -  {step}",
            (r.right + s(20), self.top.centery),
            size=15,
            anchor="midleft",
            max_width=self.top.w - s(520),
        )
        st = self.status_rect
        pygame.draw.rect(surf, pal.panel, st, border_radius=s(4))
        draw_text(surf, ctx, "This phase", (st.x + s(10), st.y + s(8)), size=14, bold=True, color="text_dim")
        clock_rect = pygame.Rect(st.x, st.y + s(4), st.w - s(10), s(24))
        if self.session.clock_remaining() is None:
            draw_text(surf, ctx, "no clock", clock_rect.midright, size=14, color="text_faint", anchor="midright")
        draw_clock(surf, ctx, self.session, clock_rect, size=16, label="Time left ")
        y = st.y + s(36)
        for (name, who, doing), a in zip(self.status_lines(), self.session.seats):
            pygame.draw.rect(surf, pal.actor(a), (st.x + s(10), y + s(3), s(4), s(18)))
            draw_text(surf, ctx, name, (st.x + s(20), y), size=14, bold=True, max_width=s(130))
            draw_text(surf, ctx, who, (st.x + s(150), y), size=12, color="text_dim", max_width=st.w - s(240))
            draw_text(
                surf,
                ctx,
                doing,
                (st.right - s(10), y),
                size=13,
                anchor="topright",
                color="good" if doing == "decided" else "text",
            )
            y += s(29)
        self.tabs[self.tab].draw(surf)

    def draw_overlay(self, surf) -> None:
        super().draw_overlay(surf)
        if self.message:
            draw_text(
                self.app.screen,
                self.ctx,
                self.message,
                (self.top.right - self.s(10), self.message_y),
                size=14,
                bold=True,
                color="bad" if self.message_bad else "good",
                anchor="midright",
                max_width=self.top.w // 2,
            )
