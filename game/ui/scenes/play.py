"""The play screen and the game's flow between screens.

GameScene shows one viewer's Observation (the seat whose turn it is in solo play; the revealed seat in
hot-seat play; the public view when nobody is revealed) and submits that seat's orders through the
Session. Each frame it also decides what comes next: the resolution of a finished turn, the hand-off
between human seats, the debrief at the end.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from ...engine import Match
from ...model.deals import Clause
from ...model.ids import ACTOR_NATIVE_NAMES, Actor, Phase
from ...model.orders import ActionOrder, ProposeOrder, RespondOrder
from ..coach import CoachState, coach_lines, coached_by_default
from ..dealcheck import over_budget, package_warnings, public_reason
from ..describe import (PHASE_TEXT, SHORT, actor_name, category_text, clause_text, commitment_text, proposal_title,
                        visibility_text)
from ..mapview import MapView
from ..session import Seat, Session
from ..widgets import Item, ListBox, RichText, Span, Widget, draw_text, text_block
from .base import Scene
from .panels import IntelPanel, MeterPanel, action_lines, news_lines, standing_lines, trust_rows

ANSWERED = {"accept": ("accepted", "good"), "reject": ("rejected", "bad"), "counter": ("countered", "warn")}
TABS = (("intel", "Intelligence", pygame.K_1), ("actions", "Actions", pygame.K_2), ("deals", "Deals", pygame.K_3),
        ("score", "Score", pygame.K_4))


class MapFocus(Widget):
    """The map as a focus stop: arrow keys step through its markers (capitals and sites) and show what
    the mouse would show on hovering them."""

    def __init__(self, mapview: MapView):
        self.mapview = mapview
        self.index: int | None = None

    @property
    def rect(self) -> pygame.Rect:
        return self.mapview.rect

    def handle(self, event, focused):
        markers = self.mapview._markers
        if focused and event.type == pygame.KEYDOWN and markers and event.key in (
                pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            step = 1 if event.key in (pygame.K_RIGHT, pygame.K_DOWN) else -1
            self.index = (step if self.index is None else self.index + step) % len(markers)
            return True
        return False

    def keyboard_tooltip(self):
        markers = self.mapview._markers
        if self.index is None or not markers:
            return None
        rect, tip = markers[self.index % len(markers)]
        return tip, rect.center

    def draw(self, surf, ctx, focused: bool = False):
        markers = self.mapview._markers
        if focused and self.index is not None and markers:
            rect, _ = markers[self.index % len(markers)]
            pygame.draw.rect(surf, ctx.pal.focus, rect.inflate(ctx.s(6), ctx.s(6)), 2)


@dataclass
class Draft:
    """What a seat is composing in the current phase; never part of the game until submitted."""

    turn: int
    phase: Phase
    orders: list[str] = field(default_factory=list)
    proposals: list[ProposeOrder] = field(default_factory=list)
    answers: dict[str, RespondOrder] = field(default_factory=dict)


def start_game(app, scenario, seed: int, variant: str | None, seats: dict[Actor, Seat], name: str = "",
               scenario_ref=None, facilitator: bool = False) -> "GameScene":
    """A new game. ``scenario_ref`` (game.persist ScenarioRef) lets it be autosaved and saved;
    ``facilitator`` puts the god view in the game menu."""
    match = Match(scenario, seed, variant)
    session = Session(match, seats, threaded=app.threaded, on_turn=app.saves.autosave_hook(), name=name)
    session.facilitator = facilitator
    if scenario_ref is None:
        scenario_ref = app.saves.ref_for(scenario)
    session.info = app.saves.info_for(scenario_ref, seats, facilitator) if scenario_ref is not None else None
    return open_session(app, session)


def open_session(app, session: Session) -> "GameScene":
    while app.top is not None and app.top.name != "title":
        app.pop()
    scene = GameScene(app, session)
    app.push(scene)
    return scene


def start_loaded(app, path) -> "GameScene":
    """Open a saved game; raises game.persist.SaveError (one line) when it cannot be used."""
    session = app.saves.load_session(path, threaded=app.threaded)
    return open_session(app, session)


class GameScene(Scene):
    name = "play"

    def __init__(self, app, session: Session):
        super().__init__(app)
        self.session = session
        self.revealed: Actor | None = None  # hot-seat: whose private screen is showing
        self.viewer: Actor | None = None
        self.obs = None
        self.obs_version = -1
        self.mode_key = None
        self.tab = "deals"
        self.drafts: dict[Actor, Draft] = {}
        self.message = ""
        self.message_bad = False
        self.message_left = 0.0
        self.flash_sites: dict[str, float] = {}
        self.mapview: MapView | None = None
        self.detail_key = None
        self._sel: dict[str, object] = {}  # list selections kept across rebuilds
        self.closed = False
        self.coach_on = coached_by_default(session.match.scenario)
        self._answers_told: set[str] = set()  # the viewer's proposals whose answer has been announced
        self._coach_cache: tuple | None = None  # (key, surface)

    # ------------------------------------------------------------------ flow
    @property
    def humans(self) -> list[Actor]:
        return self.session.humans

    def current_viewer(self) -> Actor | None:
        humans = self.humans
        if len(humans) == 1:
            return humans[0]
        if not humans:
            return None
        return self.revealed

    def update(self, dt: float) -> None:
        if self.closed:
            return
        sess = self.session
        sess.tick()
        if sess.error:
            err, sess.error = sess.error, None
            self.flash(f"Problem: {err.strip().splitlines()[-1]}", bad=True)
        if sess.waiting_for_ui():
            from .resolution import ResolutionScene

            report = sess.reports[sess.shown_turns]
            self.app.push(ResolutionScene(self.app, self, report, sess.shown_turns))
            return
        version, pending, phase, turn, over = sess.snapshot()
        if over:
            from .debrief import DebriefScene

            self.closed = True
            self.app.replace(DebriefScene(self.app, sess))
            return
        if sess.hot_seat:
            humans_pending = [a for a in pending if sess.seats[a].human]
            if self.revealed is not None and self.revealed not in humans_pending:
                self.revealed = None
            if self.revealed is None:
                from .handoff import HandoffScene

                self.app.push(HandoffScene(self.app, self))
                return
        viewer = self.current_viewer()
        if version != self.obs_version or viewer != self.viewer:
            self.refresh(viewer, version)
        for w in self.widgets:
            if isinstance(w, MeterPanel):
                w.update(dt)
        if self.flash_sites:
            self.flash_sites = {k: v - dt for k, v in self.flash_sites.items() if v - dt > 0}
        if self.message:
            self.message_left -= dt
            if self.message_left <= 0:
                self.message = ""

    def caption(self) -> str:
        obs = self.obs
        if obs is None:
            return "Armistice"
        who = actor_name(self.viewer) if self.viewer else "public view"
        return f"Armistice - {who} - turn {obs.turn}/{obs.turns_total} - {obs.phase.value}"

    def reveal(self, actor: Actor) -> None:
        """Hot-seat: show ``actor``'s screen. Nothing of the previous seat's screen carries over: no
        message, no list selection or scroll, no keyboard cursor, no tab."""
        self.revealed = actor
        self.message = ""
        self.viewer = None
        self.obs_version = -1
        self._sel = {}
        self.meter_panel = None
        self.map_focus = None
        self.tab = "deals"
        self.mode_key = None
        self.focus.set(None)

    def refresh(self, viewer: Actor | None, version: int) -> None:
        old_turn = self.obs.turn if self.obs is not None else None
        self.viewer = viewer
        self.obs = self.session.observe(viewer) if viewer is not None else self.session.public_view()
        self.obs_version = version
        if old_turn is not None and self.obs.turn != old_turn:
            self.message = ""  # "Orders submitted." belongs to the turn it was said in
        self._tell_answers()
        if self.obs.turn != old_turn:  # exposures of the turn just resolved pulse on the map for a while
            exposed = {n.source.split(":", 1)[1] for n in self.obs.news
                       if n.turn == self.obs.turn - 1 and n.source.startswith("detection:")}
            self.flash_sites = {sid: 4.0 for sid in exposed}
        key = (viewer, self.obs.turn, self.obs.phase, self.can_act, self.tab)
        if key != self.mode_key:
            self.mode_key = key
            if self.can_act and self.obs.phase is Phase.ORDERS and self.tab == "deals":
                self.tab = "actions"
                self.mode_key = (viewer, self.obs.turn, self.obs.phase, self.can_act, self.tab)
            elif self.can_act and self.obs.phase is not Phase.ORDERS and self.tab == "actions":
                self.tab = "deals"
                self.mode_key = (viewer, self.obs.turn, self.obs.phase, self.can_act, self.tab)
            self.rebuild()
        else:
            self.refresh_widgets()

    def _tell_answers(self) -> None:
        """Say once how the viewer's own proposals were answered (the phase moves on by itself)."""
        if self.viewer is None:
            return
        told = []
        for p in getattr(self.obs, "proposals", ()):
            ans = self.obs.responses.get(p.id)
            if p.proposer is self.viewer and ans in ANSWERED and p.id not in self._answers_told:
                self._answers_told.add(p.id)
                told.append(f"{actor_name(p.recipient)} {ANSWERED[ans][0]} your "
                            f"{'counter-offer' if p.counter_of else 'proposal'}")
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
        obs = self.obs
        # top bar buttons
        x = lay.top.right - s(2)
        y, h = lay.top.y + s(7), lay.top.h - s(14)
        for text, callback, tip in (("Menu [Esc]", self.menu, None), ("Help [F1]", self.show_help, None),
                                    ("Projector [P]", self.projector,
                                     "The public view for a projector: no private information")):
            b = self.button((0, y, s(118), h), text, callback, object_id="#small", tooltip=tip)
            bw = b.font.size(text)[0] + s(34)  # as wide as its label: room for the turn and phase
            x -= bw + s(6)
            b.set_dimensions((bw, h))
            b.set_relative_position((x, y))
        self.top_buttons_left = x
        self.shortcut(pygame.K_p, "projector (public) view", self.projector)
        self.shortcut(pygame.K_g, "show or hide the coach", self.toggle_coach)
        # meters
        mp = MeterPanel(self.ctx, lay.meters)
        old = getattr(self, "meter_panel", None)
        if old is not None:  # a rebuild keeps the scroll, the keyboard cursor and the sliding values
            mp.scroll, mp.cursor, mp.shown = old.scroll, old.cursor, old.shown
        self.meter_panel = mp
        self._feed_meters()
        self.add(mp)
        # map
        if self.mapview is None or self.mapview.rect != lay.map or self.mapview.ctx is not self.ctx:
            self.mapview = MapView(self.ctx, lay.map)
        old_map = getattr(self, "map_focus", None)
        self.map_focus = self.add(MapFocus(self.mapview))
        if old_map is not None:
            self.map_focus.index = old_map.index
        # news
        self.news = self.add(RichText(self.ctx, lay.news, self._news_lines(), title="News and cables  (newest first)"))
        # tabs
        labels = []
        for key, label, k in TABS:
            count = self._tab_badge(key)
            labels.append((f"{label}{f' ({count})' if count else ''}", f" [{pygame.key.name(k)}]"))
        tabs = [self.button(lay.tabs, name + keys, lambda key=key: self.set_tab(key), object_id="#tab",
                            selected=key == self.tab, tooltip=f"{label} tab, key {pygame.key.name(k)}")
                for (name, keys), (key, label, k) in zip(labels, TABS)]
        for key, label, k in TABS:
            self.shortcut(k, f"{label} tab", lambda key=key: self.set_tab(key))
        # each tab as wide as its label; without the key hints when all four would not fit
        pad, gap = s(14), s(4)
        room = lay.tabs.w - gap * (len(tabs) - 1)
        widths = [b.font.size(b.text)[0] + pad for b in tabs]
        if sum(widths) > room:
            for b, (name, _) in zip(tabs, labels):
                b.set_text(name)
            widths = [b.font.size(b.text)[0] + pad for b in tabs]
        spare = max(0, room - sum(widths)) // len(tabs)
        x = lay.tabs.x
        for b, w in zip(tabs, widths):
            b.set_dimensions((w + spare, lay.tabs.h))
            b.set_relative_position((x, lay.tabs.y))
            x += w + spare + gap
        self.panel_widgets = []
        if self.tab == "intel":
            self.add(IntelPanel(self.ctx, lay.panel, obs), focus=False)
        elif self.tab == "actions":
            self.build_actions(lay.panel)
        elif self.tab == "score":
            self.score_panel = self.add(RichText(self.ctx, lay.panel, self._score_lines(), title="Your objectives"))
        else:
            self.build_deals(lay.panel)
        # submit
        self.build_submit(lay.submit)

    def _feed_meters(self) -> None:
        obs = self.obs
        hist = obs.history
        prev = hist[-2] if len(hist) >= 2 else dict(self.session.start_meters)
        if not hist:
            prev = dict(obs.meters)
        self.meter_panel.set_data(obs.meters, prev, obs.changes, trust_rows(obs.trust, obs.viewer, obs.actors),
                                 obs.viewer)

    def _news_lines(self):
        sc = self.session.match.scenario
        return news_lines(self.obs.news, self.obs.viewer, self.obs.turn, sc.date_label, sc.description)

    def refresh_widgets(self) -> None:
        """New data, same mode: update what is shown without rebuilding the buttons."""
        self._feed_meters()
        self.news.set_lines(self._news_lines(), keep_scroll=True)
        for w in self.widgets:
            if isinstance(w, IntelPanel):
                w.obs = self.obs
        if self.tab == "score":
            self.score_panel.set_lines(self._score_lines(), keep_scroll=True)
        if self.tab == "deals" and hasattr(self, "deal_list"):
            self.rebuild()

    def _score_lines(self):
        if self.viewer is None:
            return [[Span("Each country's objectives and score are private. Reveal a seat to see its own.",
                          "text_dim", False, 14)]]
        return standing_lines(self.session.standing(self.viewer), self.obs)

    def _tab_badge(self, key: str) -> int:
        obs = self.obs
        if key == "deals":  # offers reach a seat when the phase they were made in closes, not before
            answering = obs.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND)
            return len(getattr(obs, "awaiting_response", ())) if answering else 0
        if key == "actions" and self.can_act and obs.phase is Phase.ORDERS:
            d = self.draft()
            return len(d.orders) if d else 0
        return 0

    def set_tab(self, key: str) -> None:
        if key != self.tab:
            self.tab = key
            self.mode_key = None
            self.rebuild()
            self.mode_key = (self.viewer, self.obs.turn, self.obs.phase, self.can_act, self.tab)

    # ------------------------------------------------------------------ actions tab
    def action_specs(self):
        if self.viewer is None:
            return []
        return list(self.session.match.scenario.actions_by_actor[self.viewer])

    def capital(self) -> int:
        if self.viewer is None:
            return 0
        return int(self.obs.capital.get(self.viewer, 0))

    def build_actions(self, area: pygame.Rect) -> None:
        s = self.s
        if self.viewer is None:
            self.add(RichText(self.ctx, area, [[Span("Actions are private to each country. Reveal a seat to see "
                                                     "its actions.", "text_dim", False, 14)]]))
            return
        d = self.draft()
        ordering = self.can_act and self.obs.phase is Phase.ORDERS
        self.blockers = self.session.action_status(self.viewer)
        head = pygame.Rect(area.x, area.y, area.w, s(26))
        self.actions_head = head
        list_h = int((area.h - head.h) * 0.56)
        lst = pygame.Rect(area.x, head.bottom, area.w, list_h)
        det = pygame.Rect(area.x, lst.bottom + s(4), area.w, area.bottom - lst.bottom - s(4))
        self.action_list = ListBox(self.ctx, lst, self._action_items(d, ordering), row_height=40,
                                   on_activate=self.toggle_action if ordering else None,
                                   on_select=lambda it: self._show_action(it.key))
        if "action" in self._sel:
            for i, it in enumerate(self.action_list.items):
                if it.key == self._sel["action"]:
                    self.action_list.selected = i
                    self.action_list.ensure_visible(i)
        self.add(self.action_list)
        self.action_detail = self.add(RichText(self.ctx, det, [], title="Selected action"), focus=False)
        if self.action_list.items:
            self._show_action(self.action_list.items[self.action_list.selected].key)

    def pledges(self) -> dict[str, str]:
        """The viewer's live deal clauses by action: "due" (pledged to take it) or "refrain"."""
        out: dict[str, str] = {}
        for c in getattr(self.obs, "commitments", ()):
            if c.clause.actor is not self.viewer or c.state in ("expired", "breached", "fulfilled", "verified"):
                continue
            if c.clause.mode == "refrain":
                out[c.clause.action] = "refrain"
            elif c.state == "due":
                out[c.clause.action] = "due"
        return out

    def _action_items(self, d: Draft, ordering: bool) -> list[Item]:
        pledges = self.pledges()
        cap = self.capital()
        spent = sum(self.session.match.scenario.action_index[a].cost for a in d.orders) if d else 0
        items = []
        for spec in self.action_specs():
            chosen = d is not None and spec.id in d.orders
            blocker = self.blockers.get(spec.id)
            affordable = chosen or spec.cost <= cap - spent
            enabled = ordering and blocker is None and affordable
            tip = spec.description
            if blocker:
                tip = f"Not now: {blocker}"
            elif not affordable:
                tip = f"Costs {spec.cost}; you have {cap - spent} political capital left"
            sub = f"{category_text(spec.category)} - {visibility_text(spec)}"
            accent = None
            pledge = pledges.get(spec.id)
            if pledge == "due":
                sub, accent = "PLEDGED in a deal: due now", self.ctx.pal.warn
                tip = "You promised this in a deal; not taking it is a breach.\n" + tip
            elif pledge == "refrain":
                sub, accent = "PLEDGED in a deal not to take this", self.ctx.pal.bad
                tip = "You promised not to take this; taking it is a breach.\n" + tip
            if blocker:
                sub = "not now: " + blocker
            items.append(Item(spec.name, right=f"{spec.cost} PC", sub=sub, enabled=enabled or chosen,
                              checked=chosen if ordering else None, tooltip=tip, key=spec.id, accent=accent))
        return items

    def _show_action(self, action_id) -> None:
        self._sel["action"] = action_id
        sc = self.session.match.scenario
        spec = sc.action_index[action_id]
        lines = action_lines(spec, self.viewer, self.session.rules.parameters, "", 15)
        blocker = self.blockers.get(action_id)
        if blocker:
            lines.append([Span("Not available now: ", "bad", True, 12), Span(blocker, "text", False, 13)])
        if spec.counts_as:
            other = sc.action_index.get(spec.counts_as)
            lines.append([Span("Deception: ", "warn", True, 12),
                          Span(f"looks like '{other.name if other else spec.counts_as}' to the world until "
                               "verification exposes it.", "text", False, 13)])
        self.action_detail.set_lines(lines)

    def toggle_action(self, item: Item) -> None:
        d = self.draft()
        if d is None or not self.can_act:
            return
        if item.key in d.orders:
            d.orders.remove(item.key)
        else:
            spec = self.session.match.scenario.action_index[item.key]
            spent = sum(self.session.match.scenario.action_index[a].cost for a in d.orders)
            if spec.cost > self.capital() - spent:
                self.flash(f"{spec.name} costs {spec.cost}; only {self.capital() - spent} capital left", bad=True)
                return
            d.orders.append(item.key)
        self.flash("")
        self.action_list.set_items(self._action_items(d, True))
        self.rebuild_submit()

    # ------------------------------------------------------------------ deals tab
    def build_deals(self, area: pygame.Rect) -> None:
        s = self.s
        obs = self.obs
        sc = self.session.match.scenario
        d = self.draft()
        phase = obs.phase
        self.deal_list = None
        btn_h = s(34)
        if self.can_act and phase is Phase.PROPOSE:
            lst = pygame.Rect(area.x, area.y, area.w, int(area.h * 0.30))
            items = [Item(f"To {actor_name(p.recipient)}: {len(p.clauses)} clause{'s' if len(p.clauses) != 1 else ''}",
                          sub=clause_text(p.clauses[0], sc.action_index) if p.clauses else "",
                          accent=self.ctx.pal.actor(p.recipient), key=i) for i, p in enumerate(d.proposals)]
            self.deal_list = ListBox(self.ctx, lst, items, row_height=40,
                                     title=f"Your outbox ({len(d.proposals)} of {sc.max_proposals})",
                                     empty_text="No proposals yet. Press N to write one, or send none.",
                                     on_activate=lambda it: self.edit_proposal(it.key),
                                     on_select=lambda it: self._show_outbox(it.key))
            self.add(self.deal_list)
            row = pygame.Rect(area.x, lst.bottom + s(6), area.w, btn_h)
            r1, r2 = self.layout.row(row, [1.3, 1], gap=6)
            full = len(d.proposals) >= sc.max_proposals
            self.button(r1, "New proposal [N]", self.new_proposal, enabled=not full,
                        tooltip=f"At most {sc.max_proposals} proposals a turn" if full else "Compose a package of clauses")
            self.button(r2, "Remove [Del]", self.remove_proposal, enabled=bool(d.proposals))
            if not full:
                self.shortcut(pygame.K_n, "new proposal", self.new_proposal)
            self.shortcut(pygame.K_DELETE, "remove the selected proposal", self.remove_proposal)
            det = pygame.Rect(area.x, row.bottom + s(6), area.w, area.bottom - row.bottom - s(6))
            self.deal_detail = self.add(RichText(self.ctx, det, [], title="Selected / deals in force"), focus=True)
            if d.proposals:
                self._show_outbox(self.deal_list.items[self.deal_list.selected].key)
            else:
                self.deal_detail.set_lines(self._this_turn_lines() + self._deals_in_force_lines())
        elif self.can_act and phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            awaiting = [p for p in obs.proposals if p.id in obs.awaiting_response]
            lst = pygame.Rect(area.x, area.y, area.w, int(area.h * 0.30))
            items = []
            for p in awaiting:
                ans = d.answers.get(p.id)
                right = {"accept": "ACCEPT", "reject": "REJECT", "counter": "COUNTER"}.get(ans.answer if ans else "", "unanswered")
                items.append(Item(proposal_title(p), right=right, sub=f"{len(p.clauses)} clauses" + (f' - "{p.note}"' if p.note else ""),
                                  accent=self.ctx.pal.actor(p.proposer), key=p.id))
            for p in obs.proposals:
                if p.proposer is self.viewer:
                    status = obs.responses.get(p.id, "awaiting answer")
                    items.append(Item(f"Yours to {SHORT[p.recipient]}", right=ANSWERED[status][0].upper()
                                      if status in ANSWERED else status, sub=f"{len(p.clauses)} clauses",
                                      enabled=False, accent=self.ctx.pal.actor(p.recipient), key=("sent", p.id)))
            self.deal_list = ListBox(self.ctx, lst, items, row_height=40,
                                     title="Proposals to answer" if phase is Phase.RESPOND else "Counter-offers to answer",
                                     on_select=lambda it: self._show_incoming(it.key))
            if "incoming" in self._sel:
                for i, it in enumerate(items):
                    if it.key == self._sel["incoming"]:
                        self.deal_list.selected = i
            self.add(self.deal_list)
            row = pygame.Rect(area.x, lst.bottom + s(6), area.w, btn_h)
            r1, r2, r3 = self.layout.row(row, [1, 1, 1], gap=6)
            self.button(r1, "Accept [A]", lambda: self.answer("accept"))
            self.button(r2, "Reject [R]", lambda: self.answer("reject"))
            can_counter = phase is Phase.RESPOND
            self.button(r3, "Counter [C]", self.counter, enabled=can_counter,
                        tooltip=None if can_counter else "A counter-offer cannot be countered again this turn")
            self.shortcut(pygame.K_a, "accept the selected proposal", lambda: self.answer("accept"))
            self.shortcut(pygame.K_r, "reject the selected proposal", lambda: self.answer("reject"))
            if can_counter:
                self.shortcut(pygame.K_c, "counter the selected proposal", self.counter)
            det = pygame.Rect(area.x, row.bottom + s(6), area.w, area.bottom - row.bottom - s(6))
            self.deal_detail = self.add(RichText(self.ctx, det, [], title="The proposal"), focus=True)
            if items:
                self._show_incoming(items[self.deal_list.selected].key)
        else:
            lines = self._this_turn_lines() + self._deals_in_force_lines()
            if self.viewer is not None and not self.can_act:
                lines.insert(0, [Span("Nothing to do in the deals tab right now.", "text_dim", False, 13)])
            self.deal_detail = self.add(RichText(self.ctx, area, lines, title="Deals"), focus=True)

    def _this_turn_lines(self):
        """This turn's proposals the viewer sent or received, with their answers so far."""
        obs = self.obs
        sc = self.session.match.scenario
        lines = []
        mine = list(getattr(obs, "proposals", ()))
        if mine:
            lines.append([Span("This turn's proposals", "text", True, 14)])
            for p in mine:
                ans = obs.responses.get(p.id)
                text, color = ANSWERED.get(ans, (ans or ("to be answered" if obs.phase is Phase.PROPOSE
                                                         else "awaiting answer"), "text_dim"))
                lines.append([Span(proposal_title(p), self.ctx.pal.actor(p.proposer), True, 13),
                              Span(f"  {text}", color, True, 12)])
                for c in p.clauses:
                    lines.append([Span("  " + clause_text(c, sc.action_index), "text", False, 12)])
                reason = self._their_reason(p)
                if reason:
                    lines.append([Span(f'  Their reason: "{reason}"', "text_dim", False, 12)])
                if p.note:
                    lines.append([Span(f'  "{p.note}"', "text_dim", False, 12)])
            lines.append([])
        return lines

    def _deals_in_force_lines(self):
        obs = self.obs
        sc = self.session.match.scenario
        lines = [[Span("Deals in force (public)", "text", True, 14)]]
        live = [dl for dl in obs.deals if dl.status == "in_force"]
        if not live:
            lines.append([Span("None yet.", "text_dim", False, 13)])
        for dl in live:
            a, b = dl.parties
            lines.append([Span(f"{SHORT[a]} - {SHORT[b]}, agreed turn {dl.accepted_turn}", "accent", True, 13)])
            for c in obs.commitments:
                if c.deal_id == dl.id:
                    lines.append([Span("  " + commitment_text(c, sc.action_index), "text", False, 12)])
        done = [dl for dl in obs.deals if dl.status != "in_force"]
        if done:
            lines.append([Span("Past deals: " + ", ".join(f"{SHORT[d.parties[0]]}-{SHORT[d.parties[1]]} ({d.status})"
                                                           for d in done), "text_dim", False, 12)])
        return lines

    def _show_outbox(self, index) -> None:
        d = self.draft()
        if d is None or not isinstance(index, int) or index >= len(d.proposals):
            return
        p = d.proposals[index]
        sc = self.session.match.scenario
        lines = [[Span(f"To {actor_name(p.recipient)}", "text", True, 14)]]
        for c in p.clauses:
            lines.append([Span("- " + clause_text(c, sc.action_index), "text", False, 13)])
        if p.note:
            lines.append([Span(f'Note: "{p.note}"', "text_dim", False, 13)])
        lines.append([Span("Enter on the list to edit it.", "text_faint", False, 12)])
        self.deal_detail.set_lines(lines)

    def _show_incoming(self, pid) -> None:
        if isinstance(pid, tuple):  # one of the viewer's own proposals
            pid = pid[1]
        else:
            self._sel["incoming"] = pid
        p = next((p for p in self.obs.proposals if p.id == pid), None)
        if p is None:
            return
        sc = self.session.match.scenario
        lines = []
        d = self.draft()
        mine = d.answers.get(p.id) if d is not None else None
        if mine is not None and mine.answer == "counter":  # after countering, the panel shows yours first
            lines.append([Span(f"Your counter-offer to {actor_name(p.proposer)}", "accent", True, 14)])
            lines += [[Span("- " + clause_text(c, sc.action_index), "text", False, 13)] for c in mine.counter]
            lines.append([])
        lines.append([Span(proposal_title(p), "text", True, 14)])
        if p.counter_of:
            lines.append([Span("A counter-offer to your proposal" if p.recipient is self.viewer
                               else f"A counter-offer to {SHORT[p.recipient]}'s proposal", "text_dim", False, 12)])
        for c in p.clauses:
            lines.append([Span("- " + clause_text(c, sc.action_index), "text", False, 13)])
        if self.viewer is not None and p.recipient is self.viewer:
            warn = package_warnings(p.clauses, sc.action_index, self.session.rules.parameters,
                                    self.obs.verified.inspection_access, self.session.action_status(self.viewer),
                                    self.viewer)
            cost = over_budget(p.clauses, self.viewer, self.capital(), sc.action_index)
            lines += [[Span(w[0].upper() + w[1:], "warn", True, 12)] for w in ([cost] if cost else []) + warn]
        reason = self._their_reason(p)
        if reason:
            lines.append([Span(f'Their reason: "{reason}"', "text_dim", False, 12)])
        if p.note:
            lines.append([Span(f'Note: "{p.note}"', "text_dim", False, 13)])
        trust = self.obs.trust
        key = "-".join(sorted((p.proposer.value, p.recipient.value), key=lambda v: list(Actor).index(Actor(v))))
        lines.append([Span(f"Trust between you: {trust.get(key, 50):.0f}/100", "text_dim", False, 12)])
        self.deal_detail.set_lines(lines)

    def _their_reason(self, p) -> str | None:
        """Why the other side answered the viewer's proposal ``p`` as it did: the public part of its
        note, once the answer has reached the viewer."""
        if p.proposer is not self.viewer or self.obs.responses.get(p.id) not in ("reject", "counter"):
            return None
        note = self.session.answer_note(p.id)
        return public_reason(note) if note else None

    def _selected_incoming(self):
        if self.deal_list is None or not self.deal_list.items:
            return None
        key = self.deal_list.items[self.deal_list.selected].key
        return key if key in self.obs.awaiting_response else None

    def answer(self, answer: str, counter: tuple[Clause, ...] = ()) -> None:
        pid = self._selected_incoming()
        d = self.draft()
        if pid is None or d is None:
            return
        d.answers[pid] = RespondOrder(actor=self.viewer, proposal_id=pid, answer=answer, counter=counter)
        # move on to the next unanswered proposal; after a counter-offer stay on it, to show the counter
        items = self.deal_list.items
        nxt = next((i for i, it in enumerate(items) if it.key in self.obs.awaiting_response
                    and it.key not in d.answers), None)
        if answer == "counter":
            self._sel["incoming"] = pid
        elif nxt is not None:
            self._sel["incoming"] = items[nxt].key
        self.rebuild()

    def counter(self) -> None:
        pid = self._selected_incoming()
        if pid is None:
            return
        p = next(p for p in self.obs.proposals if p.id == pid)
        from .composer import ComposerScene

        def done(order: ProposeOrder | None) -> None:
            if order is not None:
                self.answer("counter", order.clauses)

        self.app.push(ComposerScene(self.app, self, counter_to=p, on_done=done))

    def new_proposal(self) -> None:
        d = self.draft()
        sc = self.session.match.scenario
        if d is None or len(d.proposals) >= sc.max_proposals:
            return
        from .composer import ComposerScene

        def done(order: ProposeOrder | None) -> None:
            if order is not None:
                d.proposals.append(order)
                self._sel["outbox"] = len(d.proposals) - 1
            self.rebuild()

        self.app.push(ComposerScene(self.app, self, on_done=done))

    def edit_proposal(self, index) -> None:
        d = self.draft()
        if d is None or not isinstance(index, int) or index >= len(d.proposals):
            return
        from .composer import ComposerScene

        def done(order: ProposeOrder | None) -> None:
            if order is not None:
                d.proposals[index] = order
            self.rebuild()

        self.app.push(ComposerScene(self.app, self, initial=d.proposals[index], on_done=done))

    def remove_proposal(self) -> None:
        d = self.draft()
        if d is None or not d.proposals or self.deal_list is None or not self.deal_list.items:
            return
        d.proposals.pop(self.deal_list.items[self.deal_list.selected].key)
        self.rebuild()

    # ------------------------------------------------------------------ submitting
    def submit_state(self) -> tuple[str, bool, str]:
        """(button text, enabled, tooltip)."""
        obs = self.obs
        if self.viewer is None:
            if not self.humans:
                return "AI seats are playing", False, ""
            return "Reveal a seat to play", False, ""
        if not self.can_act:
            waiting = [SHORT[a] for a in self.session.snapshot()[1]]
            return ("Waiting for " + ", ".join(waiting)) if waiting else "Resolving", False, \
                "Other seats are still deciding"
        d = self.draft()
        sc = self.session.match.scenario
        if obs.phase is Phase.PROPOSE:
            n = len(d.proposals)
            return (f"Send {n} proposal{'s' if n != 1 else ''}" if n else "Send no proposals") + "  [Ctrl+Enter]", True, ""
        if obs.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            missing = [pid for pid in obs.awaiting_response if pid not in d.answers]
            if missing:
                return f"Answer {len(missing)} more to send", False, "Accept, reject or counter every proposal first"
            return "Send answers  [Ctrl+Enter]", True, ""
        if obs.phase is Phase.ORDERS:
            spent = sum(sc.action_index[a].cost for a in d.orders)
            return f"Submit {len(d.orders)} order{'s' if len(d.orders) != 1 else ''} ({spent}/{self.capital()} PC)  [Ctrl+Enter]", True, ""
        return "", False, ""

    def build_submit(self, rect: pygame.Rect) -> None:
        text, enabled, tip = self.submit_state()
        self.submit_button = self.button(rect, text, self.submit, enabled=enabled, tooltip=tip or None,
                                         object_id="#primary")
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
        d = self.draft()
        obs = self.obs
        actor = self.viewer
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
        self.flash({"propose": "Proposals sent." if orders else "No proposals this turn.", "respond": "Answers sent.",
                    "order": "Orders submitted." if orders else "No orders this turn."}[kind])
        self.drafts.pop(actor, None)
        self.obs_version = -1
        if self.session.hot_seat:
            self.revealed = None

    # ------------------------------------------------------------------ coach
    def toggle_coach(self) -> None:
        self.coach_on = not self.coach_on

    def coach_state(self) -> CoachState | None:
        obs = self.obs
        if self.viewer is None or obs is None:
            return None
        d = self.draft() if self.can_act else None
        sc = self.session.match.scenario
        pledged = sum(1 for state in self.pledges().values() if state == "due") if obs.phase is Phase.ORDERS else 0
        awaiting = tuple(getattr(obs, "awaiting_response", ()))
        return CoachState(
            turn=obs.turn, turns_total=obs.turns_total, phase=obs.phase, viewer=self.viewer, can_act=self.can_act,
            tab=self.tab, capital=self.capital(), spent=sum(sc.action_index[a].cost for a in d.orders) if d else 0,
            orders=len(d.orders) if d else 0, proposals=len(d.proposals) if d else 0, to_answer=len(awaiting),
            answered=sum(1 for pid in awaiting if d and pid in d.answers), pledged=pledged)

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
            self._coach_cache = (key, text_block(self.ctx, lines, width - s(20), gap=3) if lines else None,
                                 "\n".join("".join(sp.text for sp in line) for line in lines))
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
        from .help import MenuScene

        entries = [("Resume", None, pygame.K_ESCAPE)]
        if self.session.info is not None:
            entries.append(("Save game", self.save_game, pygame.K_s))
        if self.session.facilitator:
            entries.append(("Facilitator view (every secret)", self.facilitator, pygame.K_f))
        entries += [("Settings", self.open_settings, None), ("Help", self.show_help, None),
                    ("Quit to title", self.quit_to_title, pygame.K_q), ("Quit the program", self.app.quit, None)]
        msg = f"Autosaved after every turn in {self.app.saves.directory}/" if self.session.info is not None else ""
        self.app.push(MenuScene(self.app, "Game menu", entries, msg))

    def back(self) -> None:
        self.menu()

    def save_game(self) -> None:
        try:
            path = self.app.saves.save(self.session)
        except (OSError, ValueError) as exc:
            self.flash(f"Could not save: {exc}", bad=True)
            return
        self.flash(f"Saved to {path}" if path else "This game cannot be saved", bad=path is None)

    def open_settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def projector(self) -> None:
        from .projector import ProjectorScene

        self.app.push(ProjectorScene(self.app, self.session))

    def facilitator(self) -> None:
        from .projector import ProjectorScene

        self.app.push(ProjectorScene(self.app, self.session, god=True))

    def quit_to_title(self) -> None:
        self.closed = True
        self.session.close()
        try:
            self.app.saves.on_quit(self.session)
        except (OSError, ValueError):
            pass
        while self.app.top is not None and self.app.top.name != "title":
            self.app.pop()

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
        obs = self.obs
        # top bar
        pygame.draw.rect(surf, pal.panel, lay.top)
        pygame.draw.line(surf, pal.panel_border, lay.top.bottomleft, lay.top.bottomright)
        v = obs.viewer
        x = s(12)
        if v is not None:
            pygame.draw.rect(surf, pal.actor(v), (0, 0, s(6), lay.top.h))
            r = draw_text(surf, ctx, actor_name(v), (x + s(4), lay.top.centery), size=18, bold=True, anchor="midleft")
            r = draw_text(surf, ctx, ACTOR_NATIVE_NAMES[v] if v is not Actor.US else "", (r.right + s(8), lay.top.centery),
                          size=14, color=pal.actor(v), anchor="midleft")
            r = draw_text(surf, ctx, f"Political capital {self.capital()}", (r.right + s(18), lay.top.centery), size=14,
                          color="warn", bold=True, anchor="midleft")
        else:
            r = draw_text(surf, ctx, "Public view", (x + s(4), lay.top.centery), size=18, bold=True, anchor="midleft")
        when = f"Turn {obs.turn}/{obs.turns_total}  -  {obs.date}"
        phase = PHASE_TEXT.get(obs.phase.value, obs.phase.value)
        room = self.top_buttons_left - r.right - s(36)
        if ctx.fonts.size(f"{when}  -  {phase}", 14)[0] <= room:
            draw_text(surf, ctx, f"{when}  -  {phase}", (r.right + s(24), lay.top.centery), size=14, anchor="midleft")
        else:  # two lines: the phase, the step a player acts on, never cut
            draw_text(surf, ctx, when, (r.right + s(24), lay.top.centery + s(1)), size=11, anchor="bottomleft",
                      color="text_dim", max_width=room)
            draw_text(surf, ctx, phase, (r.right + s(24), lay.top.centery - s(1)), size=14, bold=True,
                      anchor="topleft", max_width=room)
        # map
        own = obs.viewer is Actor.DPRK
        truth = {st.id: st.status for st in obs.program.sites} if own and obs.program is not None else None
        coach = self.coach_rect_and_surface()
        self.mapview.draw(surf, obs.sites, obs.viewer, show_truth=own, truth=truth, flash=self.flash_sites,
                          legend_bottom=coach[0].y - s(4) if coach else None)
        self._draw_coach(surf)
        # actions head
        if self.tab == "actions" and self.viewer is not None and hasattr(self, "actions_head"):
            d = self.draft()
            spent = sum(self.session.match.scenario.action_index[a].cost for a in d.orders) if d else 0
            draw_text(surf, ctx, f"Capital {self.capital()}   chosen {spent}   left {self.capital() - spent}",
                      (self.actions_head.x + s(4), self.actions_head.centery), size=13, bold=True, anchor="midleft",
                      color="warn")
            if obs.phase is not Phase.ORDERS:
                draw_text(surf, ctx, "orders open after diplomacy", (self.actions_head.right - s(4),
                          self.actions_head.centery), size=12, color="text_dim", anchor="midright")

    def draw_overlay(self, surf) -> None:
        super().draw_overlay(surf)
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

    def tooltip_at(self, pos):
        tip = super().tooltip_at(pos)
        if tip is None and self.mapview is not None and self.mapview.rect.collidepoint(pos) \
                and not self.tooltip_at_coach(pos):
            tip = self.mapview.tooltip_at(pos)
        return tip
