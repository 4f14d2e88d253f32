"""The play screen: one viewer's Observation (the seat whose turn it is in solo play; the revealed seat
in hot-seat play; the public view when nobody is revealed), the meters, the map, the news and the tabs
(``tabs.py``), and the submission of each step through the Session. What comes next (a resolution,
the hand-off, the debrief) is ``navigation.next_step``'s decision.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

import pygame

from ...model.ids import ACTOR_NATIVE_NAMES, ACTOR_SHORT, Actor, Phase
from ...model.observation import Observation
from ...model.orders import ActionOrder, ProposeOrder, RespondOrder
from .. import navigation
from ..coach import CoachState, coach_lines, coached_by_default
from ..describe import PHASE_TEXT, actor_name
from ..hotseat import HotSeat
from ..mapview import MapFocus, MapView
from ..public import NobodyView
from ..session import Session
from ..widgets import RichText, Span, draw_text, label_width, text_block
from .base import Scene
from .cell import NewsFlash, draw_clock
from .panels import MeterPanel, news_lines, trust_rows
from .tabs import ANSWERED, ActionsTab, DealsTab, IntelTab, ScoreTab

TABS = (
    ("intel", "Intelligence", pygame.K_1, IntelTab),
    ("actions", "Actions", pygame.K_2, ActionsTab),
    ("deals", "Deals", pygame.K_3, DealsTab),
    ("score", "Score", pygame.K_4, ScoreTab),
)


@dataclass
class Draft:
    """What a seat is composing in the current phase; never part of the game until submitted."""

    turn: int
    phase: Phase
    orders: list[str] = field(default_factory=list)
    proposals: list[ProposeOrder] = field(default_factory=list)
    answers: dict[str, RespondOrder] = field(default_factory=dict)


class GameScene(Scene):
    name = "play"

    def __init__(self, app, session: Session):
        super().__init__(app)
        self.session = session
        self.hot = HotSeat(session)  # hot-seat: whose private screen is showing
        self.viewer: Actor | None = None
        self.obs: Observation | NobodyView | None = None
        self.obs_version = -1
        self.mode_key: tuple | None = None
        self.tab = "deals"
        self.tabs = self._new_tabs()
        self.drafts: dict[Actor, Draft] = {}
        self.message = ""
        self.message_bad = False
        self.message_left = 0.0
        self.flash_sites: dict[str, float] = {}
        self.toast_rect: pygame.Rect | None = None
        self.mapview: MapView | None = None
        self.meter_panel: MeterPanel | None = None
        self.map_focus: MapFocus | None = None
        self.closed = False
        self.coach_on = coached_by_default(session.match.scenario)
        self._answers_told: set[str] = set()  # the viewer's proposals whose answer has been announced
        self._coach_cache: tuple | None = None  # (key, surface)
        self.news_flashes: dict[Actor | None, NewsFlash] = {}  # a facilitated game's, per viewer

    # ------------------------------------------------------------------ flow
    @property
    def humans(self) -> list[Actor]:
        return self.session.humans

    @property
    def shown(self) -> Observation | NobodyView:
        """The observation on screen: there is one from the moment the scene is entered."""
        if self.obs is None:
            raise RuntimeError("the play screen shows nothing before it is entered")
        return self.obs

    def _new_tabs(self) -> dict:
        return {key: cls(self) for key, _, _, cls in TABS}

    def current_viewer(self) -> Actor | None:
        return self.hot.viewer()

    def update(self, dt: float) -> None:
        if self.closed:
            return
        sess = self.session
        sess.tick()
        if sess.error:
            err, sess.error = sess.error, None
            self.flash(f"Problem: {err.strip().splitlines()[-1]}", bad=True)
        step = navigation.next_step(sess, self.hot)
        if step is not None:
            if step.screen == "resolution":
                navigation.push(self.app, "resolution", self, sess.reports[step.index], step.index)
            elif step.screen == "debrief":
                self.closed = True
                navigation.replace(self.app, "debrief", sess)
            else:
                self.hot.hide()
                navigation.push(self.app, "handoff", self)
            return
        version = sess.snapshot()[0]
        viewer = self.current_viewer()
        if version != self.obs_version or viewer != self.viewer:
            self.refresh(viewer, version)
        for w in self.widgets:
            if isinstance(w, MeterPanel):
                w.update(dt)
        if self.flash_sites:
            self.flash_sites = {k: v - dt for k, v in self.flash_sites.items() if v - dt > 0}
        self.news_flash().update(dt)
        if self.message:
            self.message_left -= dt
            if self.message_left <= 0:
                self.message = ""

    def every_frame(self, dt: float) -> None:
        if not self.closed:
            self.session.tick_clock(dt)

    def caption(self) -> str:
        obs = self.obs
        if obs is None:
            return "Armistice"
        who = actor_name(self.viewer) if self.viewer else "public view"
        return f"Armistice - {who} - turn {obs.turn}/{obs.turns_total} - {obs.phase.value}"

    def reveal(self, actor: Actor) -> None:
        """Hot-seat: show ``actor``'s screen. Nothing of the previous seat's screen carries over: no
        message, no list selection or scroll, no keyboard cursor, no tab."""
        self.hot.reveal(actor)
        self.message = ""
        self.viewer = None
        self.obs_version = -1
        self.tabs = self._new_tabs()
        self.meter_panel = None
        self.map_focus = None
        self.tab = "deals"
        self.mode_key = None
        self.focus.set(None)

    def refresh(self, viewer: Actor | None, version: int) -> None:
        old_turn = self.obs.turn if self.obs is not None else None
        self.viewer = viewer
        obs = self.obs = self.session.observe(viewer) if viewer is not None else self.session.public_view()
        self.obs_version = version
        if old_turn is not None and obs.turn != old_turn:
            self.message = ""  # "Orders submitted." belongs to the turn it was said in
        self._tell_answers()
        if self.session.whitecell is not None:
            self.news_flash().feed(obs.news, obs.turn)
        if obs.turn != old_turn:  # exposures of the turn just resolved pulse on the map for a while
            exposed = {
                n.source.split(":", 1)[1]
                for n in obs.news
                if n.turn == obs.turn - 1 and n.source.startswith("detection:")
            }
            self.flash_sites = {sid: 4.0 for sid in exposed}
        key = (viewer, obs.turn, obs.phase, self.can_act, self.tab)
        if key != self.mode_key:
            self.mode_key = key
            if self.can_act and obs.phase is Phase.ORDERS and self.tab == "deals":
                self.tab = "actions"
                self.mode_key = (viewer, obs.turn, obs.phase, self.can_act, self.tab)
            elif self.can_act and obs.phase is not Phase.ORDERS and self.tab == "actions":
                self.tab = "deals"
                self.mode_key = (viewer, obs.turn, obs.phase, self.can_act, self.tab)
            self.rebuild()
        else:
            self.refresh_widgets()

    def _tell_answers(self) -> None:
        """Say once how the viewer's own proposals were answered (the phase moves on by itself)."""
        if self.viewer is None:
            return
        told = []
        obs = self.shown
        for p in getattr(obs, "proposals", ()):
            ans = obs.responses.get(p.id)
            if p.proposer is self.viewer and ans in ANSWERED and p.id not in self._answers_told:
                self._answers_told.add(p.id)
                told.append(
                    f"{actor_name(p.recipient)} {ANSWERED[ans][0]} your "
                    f"{'counter-offer' if p.counter_of else 'proposal'}"
                )
        if told:
            self.flash("; ".join(told) + ". Details in the Deals tab [3].")
            self.message_left = 7.0

    @property
    def can_act(self) -> bool:
        """The viewer is a human seat that must act in this phase."""
        v = self.viewer
        if v is None or self.obs is None or not self.session.seats[v].human:
            return False
        _, pending, _, _, _ = self.session.snapshot()
        return v in pending

    def draft(self) -> Draft | None:
        if self.viewer is None or self.obs is None:
            return None
        d = self.drafts.get(self.viewer)
        if d is None or (d.turn, d.phase) != (self.obs.turn, self.obs.phase):
            d = Draft(self.obs.turn, self.obs.phase)
            self.drafts[self.viewer] = d
        return d

    def news_flash(self) -> NewsFlash:
        """The news flashes (released injects, white-cell cables) of the screen showing now."""
        return self.news_flashes.setdefault(self.viewer, NewsFlash())

    def process(self, event, consumed: bool) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and self.news_flash().click(event.pos):
            return
        super().process(event, consumed)

    def flash(self, text: str, bad: bool = False) -> None:
        self.message, self.message_bad = text, bad
        self.message_left = 6.0 if bad else 3.0

    # ------------------------------------------------------------------ building
    def enter(self) -> None:
        self.refresh(self.current_viewer(), self.session.snapshot()[0])
        if self.root is None:
            self.rebuild()

    def build(self) -> None:
        if self.obs is None:
            self.obs = self.session.public_view()
        lay = self.layout.play()
        self.lay = lay
        s = self.s
        # top bar buttons
        x = lay.top.right - s(2)
        y, h = lay.top.y + s(7), lay.top.h - s(14)
        buttons = [
            ("Menu [Esc]", self.menu, None),
            ("Help [F1]", self.show_help, None),
            ("Projector [P]", self.projector, "The public view for a projector: no private information"),
        ]
        facilitated = self.session.whitecell is not None
        if facilitated and self.own_screen:
            buttons.append(
                (
                    "Memo / ask [M]",
                    self.notes,
                    "Write your team's memo for this turn (why you chose "
                    "what you chose), or ask the white cell a question",
                )
            )
            self.shortcut(pygame.K_m, "team memo and questions to the white cell", self.notes)
        for text, callback, tip in buttons:
            b = self.button((0, y, s(118), h), text, callback, object_id="#small", tooltip=tip)
            bw = label_width(b, text) + s(34)  # as wide as its label: room for the turn and phase
            x -= bw + s(6)
            b.set_dimensions((bw, h))
            b.set_relative_position((x, y))
        if facilitated:  # the phase clock, left of the buttons
            self.clock_rect = pygame.Rect(x - s(96), y, s(90), h)
            x = self.clock_rect.x
        self.top_buttons_left = x
        self.shortcut(pygame.K_p, "projector (public) view", self.projector)
        self.shortcut(pygame.K_g, "show or hide the coach", self.toggle_coach)
        # meters
        mp = MeterPanel(self.ctx, lay.meters)
        old = self.meter_panel
        if old is not None:  # a rebuild keeps the scroll, the keyboard cursor and the sliding values
            mp.scroll, mp.cursor, mp.shown = old.scroll, old.cursor, old.shown
        self.meter_panel = mp
        self._feed_meters()
        self.add(mp)
        # map
        if self.mapview is None or self.mapview.rect != lay.map or self.mapview.ctx is not self.ctx:
            self.mapview = MapView(self.ctx, lay.map)
        old_map = self.map_focus
        map_focus = self.map_focus = self.add(MapFocus(self.mapview))
        if old_map is not None:
            map_focus.index = old_map.index
        # news
        self.news = self.add(RichText(self.ctx, lay.news, self._news_lines(), title="News and cables  (newest first)"))
        # tabs
        labels = []
        for key, label, k, _ in TABS:
            count = self.tabs[key].badge()
            labels.append((f"{label}{f' ({count})' if count else ''}", f" [{pygame.key.name(k)}]"))
        tabs = [
            self.button(
                lay.tabs,
                name + keys,
                functools.partial(self.set_tab, key),
                object_id="#tab",
                selected=key == self.tab,
                tooltip=f"{label} tab, key {pygame.key.name(k)}",
            )
            for (name, keys), (key, label, k, _) in zip(labels, TABS)
        ]
        for key, label, k, _ in TABS:
            self.shortcut(k, f"{label} tab", functools.partial(self.set_tab, key))
        # each tab as wide as its label; without the key hints when all four would not fit
        pad, gap = s(14), s(4)
        room = lay.tabs.w - gap * (len(tabs) - 1)
        widths = [label_width(b, b.text) + pad for b in tabs]
        if sum(widths) > room:
            for b, (name, _) in zip(tabs, labels):
                b.set_text(name)
            widths = [label_width(b, b.text) + pad for b in tabs]
        spare = max(0, room - sum(widths)) // len(tabs)
        x = lay.tabs.x
        for b, w in zip(tabs, widths):
            b.set_dimensions((w + spare, lay.tabs.h))
            b.set_relative_position((x, lay.tabs.y))
            x += w + spare + gap
        self.tabs[self.tab].build(lay.panel)
        # submit
        self.build_submit(lay.submit)

    def _feed_meters(self) -> None:
        obs, panel = self.shown, self.meter_panel
        if panel is None:  # not built yet
            return
        hist = obs.history
        prev = hist[-2] if len(hist) >= 2 else dict(self.session.start_meters)
        if not hist:
            prev = dict(obs.meters)
        panel.set_data(obs.meters, prev, obs.changes, trust_rows(obs.trust, obs.viewer, obs.actors), obs.viewer)

    def _news_lines(self):
        sc, obs = self.session.match.scenario, self.shown
        return news_lines(obs.news, obs.viewer, obs.turn, sc.date_label, sc.description)

    def refresh_widgets(self) -> None:
        """New data, same mode: update what is shown without rebuilding the buttons."""
        self._feed_meters()
        self.news.set_lines(self._news_lines(), keep_scroll=True)
        self.tabs[self.tab].refresh()

    def set_tab(self, key: str) -> None:
        if key != self.tab:
            self.tab = key
            self.mode_key = None
            self.rebuild()
            self.mode_key = (self.viewer, self.shown.turn, self.shown.phase, self.can_act, self.tab)

    # ------------------------------------------------------------------ actions tab
    def capital(self) -> int:
        if self.viewer is None:
            return 0
        return int(self.shown.capital.get(self.viewer, 0))

    # ------------------------------------------------------------------ deals tab
    # ------------------------------------------------------------------ submitting
    def submit_state(self) -> tuple[str, bool, str]:
        """(button text, enabled, tooltip)."""
        obs = self.shown
        if self.viewer is None:
            if not self.humans:
                return "AI seats are playing", False, ""
            return "Reveal a seat to play", False, ""
        if not self.can_act:
            if self.session.awaiting_review():
                return "Waiting for the white cell", False, "The white cell reviews the sealed orders"
            waiting = [ACTOR_SHORT[a] for a in self.session.snapshot()[1]]
            return (
                ("Waiting for " + ", ".join(waiting)) if waiting else "Resolving",
                False,
                "Other seats are still deciding",
            )
        d = self.draft()
        if d is None:  # a seat that can act has its draft
            return "", False, ""
        if obs.phase is Phase.PROPOSE:
            n = len(d.proposals)
            return (
                (f"Send {n} proposal{'s' if n != 1 else ''}" if n else "Send no proposals") + "  [Ctrl+Enter]",
                True,
                "",
            )
        if obs.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            missing = [pid for pid in obs.awaiting_response if pid not in d.answers]
            if missing:
                return f"Answer {len(missing)} more to send", False, "Accept, reject or counter every proposal first"
            return "Send answers  [Ctrl+Enter]", True, ""
        if obs.phase is Phase.ORDERS:
            spent = self.tabs["actions"].spent()
            return (
                f"Submit {len(d.orders)} order{'s' if len(d.orders) != 1 else ''} ({spent}/{self.capital()} PC)  [Ctrl+Enter]",
                True,
                "",
            )
        return "", False, ""

    def build_submit(self, rect: pygame.Rect) -> None:
        text, enabled, tip = self.submit_state()
        self.submit_button = self.button(
            rect, text, self.submit, enabled=enabled, tooltip=tip or None, object_id="#primary"
        )
        if enabled:
            self.shortcut(pygame.K_RETURN, "submit this phase", self.submit, pygame.KMOD_CTRL)

    def rebuild_submit(self) -> None:
        text, enabled, tip = self.submit_state()
        self.submit_button.set_text(text)
        if enabled:
            self.submit_button.enable()
            self.shortcut(pygame.K_RETURN, "submit this phase", self.submit, pygame.KMOD_CTRL)
        else:
            self.submit_button.disable()

    def submit(self) -> None:
        if not self.can_act:
            return
        d, actor = self.draft(), self.viewer
        if d is None or actor is None:  # a seat that can act has its draft
            return
        obs = self.shown
        orders: list[ProposeOrder] | list[RespondOrder] | list[ActionOrder]
        if obs.phase is Phase.PROPOSE:
            kind, orders = "propose", list(d.proposals)
        elif obs.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            kind, orders = "respond", [d.answers[pid] for pid in obs.awaiting_response if pid in d.answers]
        elif obs.phase is Phase.ORDERS:
            kind, orders = "order", [ActionOrder(actor=actor, action=a) for a in d.orders]
        else:
            return
        error = self.session.submit(actor, kind, orders)
        if error:
            self.flash(f"Not sent: {error}", bad=True)
            return
        self.flash(
            {
                "propose": "Proposals sent." if orders else "No proposals this turn.",
                "respond": "Answers sent.",
                "order": "Orders submitted." if orders else "No orders this turn.",
            }[kind]
        )
        self.drafts.pop(actor, None)
        self.obs_version = -1
        self.hot.hide()

    # ------------------------------------------------------------------ coach
    def toggle_coach(self) -> None:
        self.coach_on = not self.coach_on

    def coach_state(self) -> CoachState | None:
        obs = self.obs
        if self.viewer is None or obs is None:
            return None
        d = self.draft() if self.can_act else None
        pledged = (
            sum(1 for state in self.tabs["actions"].pledges().values() if state == "due")
            if obs.phase is Phase.ORDERS
            else 0
        )
        awaiting = tuple(getattr(obs, "awaiting_response", ()))
        return CoachState(
            turn=obs.turn,
            turns_total=obs.turns_total,
            phase=obs.phase,
            viewer=self.viewer,
            can_act=self.can_act,
            tab=self.tab,
            capital=self.capital(),
            spent=self.tabs["actions"].spent() if d else 0,
            orders=len(d.orders) if d else 0,
            proposals=len(d.proposals) if d else 0,
            to_answer=len(awaiting),
            answered=sum(1 for pid in awaiting if d and pid in d.answers),
            pledged=pledged,
        )

    def coach_rect_and_surface(self):
        """Where the coach goes (across the foot of the map: the south of the peninsula and Kyushu, where
        no site or capital is drawn; the legend moves above it) and its rendered text; None when it is off
        or has nothing to say."""
        if not self.coach_on:
            return None
        st = self.coach_state()
        if st is None:
            return None
        s = self.s
        width = self.lay.map.w - s(16)
        key = (st, width, self.ctx.pal.name, self.ctx.fonts.text_scale)
        if self._coach_cache is None or self._coach_cache[0] != key:
            lines = coach_lines(self.session.match.scenario, st)
            self._coach_cache = (
                key,
                text_block(self.ctx, lines, width - s(20), gap=3) if lines else None,
                "\n".join("".join(sp.text for sp in line) for line in lines),
            )
        surf = self._coach_cache[1]
        if surf is None:
            return None
        m = self.lay.map
        h = min(surf.get_height() + s(14), m.h // 2)
        rect = pygame.Rect(m.x + s(8), m.bottom - s(8) - h, width, h)
        return rect, surf

    def coach_text(self) -> str:
        """What the coach says now ("" when off): for tests and the window's accessibility."""
        return self._coach_cache[2] if self.coach_rect_and_surface() is not None and self._coach_cache else ""

    def _draw_coach(self, surf) -> None:
        found = self.coach_rect_and_surface()
        if found is None:
            return
        rect, text = found
        ctx, s = self.ctx, self.s
        bg = pygame.Surface(rect.size, pygame.SRCALPHA)
        bg.fill((*ctx.pal.modal, 236))
        surf.blit(bg, rect)
        pygame.draw.rect(surf, ctx.pal.accent, rect, 1, border_radius=s(4))
        pygame.draw.rect(surf, ctx.pal.accent, (rect.x, rect.y, s(4), rect.h), border_radius=s(2))
        surf.blit(text, (rect.x + s(12), rect.y + s(7)), pygame.Rect(0, 0, rect.w - s(20), rect.h - s(14)))

    # ------------------------------------------------------------------ other screens
    def menu(self) -> None:
        entries: list[tuple[str, Callable[[], None] | None, int | None]] = [("Resume", None, pygame.K_ESCAPE)]
        if self.session.info is not None:
            entries.append(("Save game", self.save_game, pygame.K_s))
        if self.session.whitecell is not None:  # the god view is the console's, behind the PIN
            entries.append(("White cell console (PIN)", self.console, pygame.K_f))
        entries += [
            ("Settings", self.open_settings, None),
            ("Help", self.show_help, None),
            ("Quit to title", self.quit_to_title, pygame.K_q),
            ("Quit the program", self.app.quit, None),
        ]
        msg = f"Autosaved after every turn in {self.app.saves.directory}/" if self.session.info is not None else ""
        navigation.push(self.app, "menu", "Game menu", entries, msg)

    def back(self) -> None:
        self.menu()

    def save_game(self) -> None:
        try:
            path = self.app.saves.save(self.session)
        except (OSError, ValueError) as exc:
            self.flash(f"Could not save: {exc}", bad=True)
            return
        self.flash(f"Saved to {path}" if path else "This game cannot be saved", bad=path is None)

    @property
    def own_screen(self) -> bool:
        """A human seat's own screen shows (its notes may be written, before or after it acts)."""
        return self.viewer is not None and self.session.seats[self.viewer].human

    def notes(self) -> None:
        if self.own_screen:
            navigation.push(self.app, "notes", self.session, self.viewer)

    def open_settings(self) -> None:
        navigation.push(self.app, "settings")

    def projector(self) -> None:
        navigation.push(self.app, "projector", self.session)

    def console(self) -> None:
        navigation.open_console(self.app, self.session)

    def quit_to_title(self) -> None:
        self.closed = True
        self.session.close()
        try:
            self.app.saves.on_quit(self.session)
        except (OSError, ValueError):
            pass
        navigation.to_title(self.app)

    def exit(self) -> None:
        super().exit()
        if self.closed:
            self.session.close()

    def help_lines(self):
        return super().help_lines() + [("Mouse over meters, map markers, estimates", "explanations and causes")]

    def tooltip_at_coach(self, pos) -> bool:
        found = self.coach_rect_and_surface()
        return found is not None and found[0].collidepoint(pos)

    # ------------------------------------------------------------------ drawing
    def draw(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        lay = self.lay
        obs = self.shown
        # top bar
        pygame.draw.rect(surf, pal.panel, lay.top)
        pygame.draw.line(surf, pal.panel_border, lay.top.bottomleft, lay.top.bottomright)
        v = obs.viewer
        x = s(12)
        if v is not None:
            pygame.draw.rect(surf, pal.actor(v), (0, 0, s(6), lay.top.h))
            r = draw_text(surf, ctx, actor_name(v), (x + s(4), lay.top.centery), size=18, bold=True, anchor="midleft")
            r = draw_text(
                surf,
                ctx,
                ACTOR_NATIVE_NAMES[v] if v is not Actor.US else "",
                (r.right + s(8), lay.top.centery),
                size=14,
                color=pal.actor(v),
                anchor="midleft",
            )
            r = draw_text(
                surf,
                ctx,
                f"Political capital {self.capital()}",
                (r.right + s(18), lay.top.centery),
                size=14,
                color="warn",
                bold=True,
                anchor="midleft",
            )
        else:
            r = draw_text(surf, ctx, "Public view", (x + s(4), lay.top.centery), size=18, bold=True, anchor="midleft")
        when = f"Turn {obs.turn}/{obs.turns_total}  -  {obs.date}"
        phase = PHASE_TEXT.get(obs.phase.value, obs.phase.value)
        room = self.top_buttons_left - r.right - s(36)
        if ctx.fonts.size(f"{when}  -  {phase}", 14)[0] <= room:
            draw_text(surf, ctx, f"{when}  -  {phase}", (r.right + s(24), lay.top.centery), size=14, anchor="midleft")
        else:  # two lines: the phase, the step a player acts on, never cut
            draw_text(
                surf,
                ctx,
                when,
                (r.right + s(24), lay.top.centery + s(1)),
                size=11,
                anchor="bottomleft",
                color="text_dim",
                max_width=room,
            )
            draw_text(
                surf,
                ctx,
                phase,
                (r.right + s(24), lay.top.centery - s(1)),
                size=14,
                bold=True,
                anchor="topleft",
                max_width=room,
            )
        if self.session.whitecell is not None:
            draw_clock(surf, ctx, self.session, self.clock_rect, size=16)
        # map
        own = obs.viewer is Actor.DPRK
        truth = {st.id: st.status for st in obs.program.sites} if own and obs.program is not None else None
        coach = self.coach_rect_and_surface()
        if self.mapview is not None:  # built with the screen
            self.mapview.draw(
                surf,
                obs.sites,
                obs.viewer,
                show_truth=own,
                truth=truth,
                flash=self.flash_sites,
                legend_bottom=coach[0].y - s(4) if coach else None,
            )
        self._draw_coach(surf)
        # actions head
        self.tabs[self.tab].draw(surf)

    def draw_overlay(self, surf) -> None:
        super().draw_overlay(surf)
        self.news_flash().draw(surf, self.ctx, self.lay.map)
        self.toast_rect = None  # where the message shows (tests check it stays inside the map)
        if self.message:
            ctx, s = self.ctx, self.s
            r = self.lay.map
            color = "bad" if self.message_bad else "text"
            width = min(ctx.fonts.size(self.message, 14, True)[0] + s(2), r.w - s(40))
            img = text_block(ctx, [[Span(self.message, color, True, 14)]], width, gap=0)  # wrapped inside the map
            box = img.get_rect(midtop=(r.centerx, r.y + s(8))).inflate(s(20), s(10))
            pygame.draw.rect(surf, ctx.pal.modal, box, border_radius=s(4))
            pygame.draw.rect(surf, ctx.pal.bad if self.message_bad else ctx.pal.accent, box, 1, border_radius=s(4))
            surf.blit(img, img.get_rect(center=box.center))
            self.toast_rect = box

    def tooltip_at(self, pos):
        tip = super().tooltip_at(pos)
        if (
            tip is None
            and self.mapview is not None
            and self.mapview.rect.collidepoint(pos)
            and not self.tooltip_at_coach(pos)
        ):
            tip = self.mapview.tooltip_at(pos)
        return tip
