"""The play screen's tabs: small classes over the scene's Draft and Session. Each builds its widgets
into the play screen (``build``), keeps its own selections (a hot-seat reveal makes new tabs, so
nothing carries over to the next player) and reads the scene's viewer, observation and draft."""

from __future__ import annotations

import pygame

from ...model.deals import Clause
from ...model.ids import ACTOR_SHORT, Actor, Phase
from ...model.orders import ProposeOrder, RespondOrder
from ...rules.legality import orders_cost, room_for
from .. import navigation
from ..dealcheck import over_budget, package_warnings, public_reason
from ..describe import actor_name, category_text, clause_text, commitment_text, proposal_title, visibility_text
from ..widgets import Item, ListBox, RichText, Span, draw_text
from .panels import IntelPanel, action_lines, standing_lines

ANSWERED = {"accept": ("accepted", "good"), "reject": ("rejected", "bad"), "counter": ("countered", "warn")}


class Tab:
    """One tab of the play screen, over ``scene`` (the GameScene): its viewer, observation, draft."""

    def __init__(self, scene):
        self.scene = scene
        self.sel: dict[str, object] = {}  # list selections kept across rebuilds of the same screen

    # what every tab reads of the scene
    @property
    def obs(self):
        return self.scene.obs

    @property
    def viewer(self) -> Actor | None:
        return self.scene.viewer

    @property
    def session(self):
        return self.scene.session

    @property
    def ctx(self):
        return self.scene.ctx

    @property
    def can_act(self) -> bool:
        return self.scene.can_act

    def s(self, v: float) -> int:
        return self.scene.s(v)

    def draft(self):
        return self.scene.draft()

    def capital(self) -> int:
        return self.scene.capital()

    @property
    def layout(self):
        return self.scene.layout

    def add(self, widget, focus: bool = True):
        return self.scene.add(widget, focus)

    def button(self, *args, **kwargs):
        return self.scene.button(*args, **kwargs)

    def shortcut(self, *args, **kwargs) -> None:
        self.scene.shortcut(*args, **kwargs)

    def flash(self, text: str, bad: bool = False) -> None:
        self.scene.flash(text, bad)

    def rebuild(self) -> None:
        self.scene.rebuild()

    def build(self, area: pygame.Rect) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """New data in the same mode (the scene rebuilds the tab when that is simpler)."""

    def badge(self) -> int:
        return 0

    def draw(self, surf) -> None:
        pass


class IntelTab(Tab):
    def build(self, area: pygame.Rect) -> None:
        self.panel = self.add(IntelPanel(self.ctx, area, self.obs), focus=False)

    def refresh(self) -> None:
        self.panel.obs = self.obs


class ScoreTab(Tab):
    def build(self, area: pygame.Rect) -> None:
        self.panel = self.add(RichText(self.ctx, area, self.lines(), title="Your objectives"))

    def refresh(self) -> None:
        self.panel.set_lines(self.lines(), keep_scroll=True)

    def lines(self):
        if self.viewer is None:
            return [
                [
                    Span(
                        "Each country's objectives and score are private. Reveal a seat to see its own.",
                        "text_dim",
                        False,
                        14,
                    )
                ]
            ]
        return standing_lines(self.session.standing(self.viewer), self.obs)


class ActionsTab(Tab):
    """The seat's actions: tick orders in the orders phase; each explained below the list."""

    def badge(self) -> int:
        if self.can_act and self.obs.phase is Phase.ORDERS:
            d = self.draft()
            return len(d.orders) if d else 0
        return 0

    def spent(self) -> int:
        d = self.draft()
        return orders_cost(self.session.match.scenario, d.orders) if d else 0

    def draw(self, surf) -> None:
        if self.viewer is None or not hasattr(self, "actions_head"):
            return
        s, head = self.s, self.actions_head
        spent = self.spent()
        draw_text(
            surf,
            self.ctx,
            f"Capital {self.capital()}   chosen {spent}   left {self.capital() - spent}",
            (head.x + s(4), head.centery),
            size=13,
            bold=True,
            anchor="midleft",
            color="warn",
        )
        if self.obs.phase is not Phase.ORDERS:
            draw_text(
                surf,
                self.ctx,
                "orders open after diplomacy",
                (head.right - s(4), head.centery),
                size=12,
                color="text_dim",
                anchor="midright",
            )

    def action_specs(self):
        if self.viewer is None:
            return []
        return list(self.session.match.scenario.actions_by_actor[self.viewer])

    def build(self, area: pygame.Rect) -> None:
        s = self.s
        if self.viewer is None:
            self.add(
                RichText(
                    self.ctx,
                    area,
                    [
                        [
                            Span(
                                "Actions are private to each country. Reveal a seat to see its actions.",
                                "text_dim",
                                False,
                                14,
                            )
                        ]
                    ],
                )
            )
            return
        d = self.draft()
        ordering = self.can_act and self.obs.phase is Phase.ORDERS
        self.blockers = self.session.action_status(self.viewer)
        head = pygame.Rect(area.x, area.y, area.w, s(26))
        self.actions_head = head
        list_h = int((area.h - head.h) * 0.56)
        lst = pygame.Rect(area.x, head.bottom, area.w, list_h)
        det = pygame.Rect(area.x, lst.bottom + s(4), area.w, area.bottom - lst.bottom - s(4))
        self.action_list = ListBox(
            self.ctx,
            lst,
            self.action_items(d, ordering),
            row_height=40,
            on_activate=self.toggle_action if ordering else None,
            on_select=lambda it: self.show_action(it.key),
        )
        if "action" in self.sel:
            for i, it in enumerate(self.action_list.items):
                if it.key == self.sel["action"]:
                    self.action_list.selected = i
                    self.action_list.ensure_visible(i)
        self.add(self.action_list)
        self.action_detail = self.add(RichText(self.ctx, det, [], title="Selected action"), focus=False)
        if self.action_list.items:
            self.show_action(self.action_list.items[self.action_list.selected].key)

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

    def action_items(self, d, ordering: bool) -> list[Item]:
        pledges = self.pledges()
        cap = self.capital()
        spent = self.spent()
        items = []
        for spec in self.action_specs():
            rounds = d.orders.count(spec.id) if d is not None else 0
            chosen = rounds > 0
            blocker = self.blockers.get(spec.id)
            affordable = chosen or spec.cost <= cap - spent
            enabled = ordering and blocker is None and affordable
            tip = spec.description
            if blocker:
                tip = f"Not now: {blocker}"
            elif not affordable:
                tip = f"Costs {spec.cost}; you have {cap - spent} political capital left"
            sub = f"{category_text(spec.category)} - {visibility_text(spec)}"
            if spec.max_per_turn > 1:  # issue 11 (w3a): activate again for another round
                sub += f" - up to {spec.max_per_turn} rounds a turn"
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
            items.append(
                Item(
                    spec.name if rounds < 2 else f"{spec.name}  ×{rounds}",
                    right=f"{spec.cost} PC" if rounds < 2 else f"{rounds * spec.cost} PC",
                    sub=sub,
                    enabled=enabled or chosen,
                    checked=chosen if ordering else None,
                    tooltip=tip,
                    key=spec.id,
                    accent=accent,
                )
            )
        return items

    def show_action(self, action_id) -> None:
        viewer = self.viewer
        if viewer is None:  # without a seat there is no action list to select from
            return
        self.sel["action"] = action_id
        sc = self.session.match.scenario
        spec = sc.action_index[action_id]
        lines = action_lines(spec, viewer, self.session.rules.parameters, "", 15)
        blocker = self.blockers.get(action_id)
        if blocker:
            lines.append([Span("Not available now: ", "bad", True, 12), Span(blocker, "text", False, 13)])
        if spec.counts_as:
            other = sc.action_index.get(spec.counts_as)
            lines.append(
                [
                    Span("Deception: ", "warn", True, 12),
                    Span(
                        f"looks like '{other.name if other else spec.counts_as}' to the world until "
                        "verification exposes it.",
                        "text",
                        False,
                        13,
                    ),
                ]
            )
        self.action_detail.set_lines(lines)

    def toggle_action(self, item: Item) -> None:
        d = self.draft()
        if d is None or not self.can_act:
            return
        spec = self.session.match.scenario.action_index[item.key]
        left = self.capital() - self.spent()
        rounds = d.orders.count(item.key)
        message = ""
        if rounds and not (room_for(spec, d.orders) and spec.cost <= left):
            d.orders[:] = [a for a in d.orders if a != item.key]  # chosen as often as it may be: off again
        else:
            if spec.cost > left:
                self.flash(f"{spec.name} costs {spec.cost}; only {left} capital left", bad=True)
                return
            d.orders.append(item.key)
            if spec.max_per_turn > 1:  # issue 11 (w3a): a repeatable action counts its rounds
                message = f"{spec.name}: round {rounds + 1} of at most {spec.max_per_turn} this turn"
        self.flash(message)
        self.action_list.set_items(self.action_items(d, True))
        self.scene.rebuild_submit()


class DealsTab(Tab):
    """Diplomacy: the outbox and the composer while proposing; the offers to answer; deals in force."""

    def badge(self) -> int:  # offers reach a seat when the phase they were made in closes, not before
        answering = self.obs.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND)
        return len(getattr(self.obs, "awaiting_response", ())) if answering else 0

    def refresh(self) -> None:
        self.scene.rebuild()

    def build(self, area: pygame.Rect) -> None:
        s = self.s
        obs = self.obs
        sc = self.session.match.scenario
        d = self.draft()
        phase = obs.phase
        self.deal_list = None
        btn_h = s(34)
        if self.can_act and phase is Phase.PROPOSE:
            lst = pygame.Rect(area.x, area.y, area.w, int(area.h * 0.30))
            items = [
                Item(
                    f"To {actor_name(p.recipient)}: {len(p.clauses)} clause{'s' if len(p.clauses) != 1 else ''}",
                    sub=clause_text(p.clauses[0], sc.action_index) if p.clauses else "",
                    accent=self.ctx.pal.actor(p.recipient),
                    key=i,
                )
                for i, p in enumerate(d.proposals)
            ]
            self.deal_list = ListBox(
                self.ctx,
                lst,
                items,
                row_height=40,
                title=f"Your outbox ({len(d.proposals)} of {sc.max_proposals})",
                empty_text="No proposals yet. Press N to write one, or send none.",
                on_activate=lambda it: self.edit_proposal(it.key),
                on_select=lambda it: self.show_outbox(it.key),
            )
            self.add(self.deal_list)
            row = pygame.Rect(area.x, lst.bottom + s(6), area.w, btn_h)
            r1, r2 = self.layout.row(row, [1.3, 1], gap=6)
            full = len(d.proposals) >= sc.max_proposals
            self.button(
                r1,
                "New proposal [N]",
                self.new_proposal,
                enabled=not full,
                tooltip=f"At most {sc.max_proposals} proposals a turn" if full else "Compose a package of clauses",
            )
            self.button(r2, "Remove [Del]", self.remove_proposal, enabled=bool(d.proposals))
            if not full:
                self.shortcut(pygame.K_n, "new proposal", self.new_proposal)
            self.shortcut(pygame.K_DELETE, "remove the selected proposal", self.remove_proposal)
            det = pygame.Rect(area.x, row.bottom + s(6), area.w, area.bottom - row.bottom - s(6))
            self.deal_detail = self.add(RichText(self.ctx, det, [], title="Selected / deals in force"), focus=True)
            if d.proposals:
                self.show_outbox(self.deal_list.items[self.deal_list.selected].key)
            else:
                self.deal_detail.set_lines(self.this_turn_lines() + self.deals_in_force_lines())
        elif self.can_act and phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            awaiting = [p for p in obs.proposals if p.id in obs.awaiting_response]
            lst = pygame.Rect(area.x, area.y, area.w, int(area.h * 0.30))
            items = []
            for p in awaiting:
                ans = d.answers.get(p.id)
                right = {"accept": "ACCEPT", "reject": "REJECT", "counter": "COUNTER"}.get(
                    ans.answer if ans else "", "unanswered"
                )
                items.append(
                    Item(
                        proposal_title(p),
                        right=right,
                        sub=f"{len(p.clauses)} clauses" + (f' - "{p.note}"' if p.note else ""),
                        accent=self.ctx.pal.actor(p.proposer),
                        key=p.id,
                    )
                )
            for p in obs.proposals:
                if p.proposer is self.viewer:
                    status = obs.responses.get(p.id, "awaiting answer")
                    items.append(
                        Item(
                            f"Yours to {ACTOR_SHORT[p.recipient]}",
                            right=ANSWERED[status][0].upper() if status in ANSWERED else status,
                            sub=f"{len(p.clauses)} clauses",
                            enabled=False,
                            accent=self.ctx.pal.actor(p.recipient),
                            key=("sent", p.id),
                        )
                    )
            self.deal_list = ListBox(
                self.ctx,
                lst,
                items,
                row_height=40,
                title="Proposals to answer" if phase is Phase.RESPOND else "Counter-offers to answer",
                on_select=lambda it: self.show_incoming(it.key),
            )
            if "incoming" in self.sel:
                for i, it in enumerate(items):
                    if it.key == self.sel["incoming"]:
                        self.deal_list.selected = i
            self.add(self.deal_list)
            row = pygame.Rect(area.x, lst.bottom + s(6), area.w, btn_h)
            r1, r2, r3 = self.layout.row(row, [1, 1, 1], gap=6)
            self.button(r1, "Accept [A]", lambda: self.answer("accept"))
            self.button(r2, "Reject [R]", lambda: self.answer("reject"))
            can_counter = phase is Phase.RESPOND
            self.button(
                r3,
                "Counter [C]",
                self.counter,
                enabled=can_counter,
                tooltip=None if can_counter else "A counter-offer cannot be countered again this turn",
            )
            self.shortcut(pygame.K_a, "accept the selected proposal", lambda: self.answer("accept"))
            self.shortcut(pygame.K_r, "reject the selected proposal", lambda: self.answer("reject"))
            if can_counter:
                self.shortcut(pygame.K_c, "counter the selected proposal", self.counter)
            det = pygame.Rect(area.x, row.bottom + s(6), area.w, area.bottom - row.bottom - s(6))
            self.deal_detail = self.add(RichText(self.ctx, det, [], title="The proposal"), focus=True)
            if items:
                self.show_incoming(items[self.deal_list.selected].key)
        else:
            lines = self.this_turn_lines() + self.deals_in_force_lines()
            if self.viewer is not None and not self.can_act:
                lines.insert(0, [Span("Nothing to do in the deals tab right now.", "text_dim", False, 13)])
            self.deal_detail = self.add(RichText(self.ctx, area, lines, title="Deals"), focus=True)

    def this_turn_lines(self):
        """This turn's proposals the viewer sent or received, with their answers so far."""
        obs = self.obs
        sc = self.session.match.scenario
        lines = []
        mine = list(getattr(obs, "proposals", ()))
        if mine:
            lines.append([Span("This turn's proposals", "text", True, 14)])
            for p in mine:
                ans = obs.responses.get(p.id)
                text, color = ANSWERED.get(
                    ans, (ans or ("to be answered" if obs.phase is Phase.PROPOSE else "awaiting answer"), "text_dim")
                )
                lines.append(
                    [
                        Span(proposal_title(p), self.ctx.pal.actor(p.proposer), True, 13),
                        Span(f"  {text}", color, True, 12),
                    ]
                )
                for c in p.clauses:
                    lines.append([Span("  " + clause_text(c, sc.action_index), "text", False, 12)])
                reason = self.their_reason(p)
                if reason:
                    lines.append([Span(f'  Their reason: "{reason}"', "text_dim", False, 12)])
                if p.note:
                    lines.append([Span(f'  "{p.note}"', "text_dim", False, 12)])
            lines.append([])
        return lines

    def deals_in_force_lines(self):
        obs = self.obs
        sc = self.session.match.scenario
        lines = [[Span("Deals in force (public)", "text", True, 14)]]
        live = [dl for dl in obs.deals if dl.status == "in_force"]
        if not live:
            lines.append([Span("None yet.", "text_dim", False, 13)])
        for dl in live:
            a, b = dl.parties
            lines.append(
                [Span(f"{ACTOR_SHORT[a]} - {ACTOR_SHORT[b]}, agreed turn {dl.accepted_turn}", "accent", True, 13)]
            )
            for c in obs.commitments:
                if c.deal_id == dl.id:
                    lines.append([Span("  " + commitment_text(c, sc.action_index), "text", False, 12)])
        done = [dl for dl in obs.deals if dl.status != "in_force"]
        if done:
            lines.append(
                [
                    Span(
                        "Past deals: "
                        + ", ".join(
                            f"{ACTOR_SHORT[d.parties[0]]}-{ACTOR_SHORT[d.parties[1]]} ({d.status})" for d in done
                        ),
                        "text_dim",
                        False,
                        12,
                    )
                ]
            )
        return lines

    def show_outbox(self, index) -> None:
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

    def show_incoming(self, pid) -> None:
        if isinstance(pid, tuple):  # one of the viewer's own proposals
            pid = pid[1]
        else:
            self.sel["incoming"] = pid
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
            lines.append(
                [
                    Span(
                        "A counter-offer to your proposal"
                        if p.recipient is self.viewer
                        else f"A counter-offer to {ACTOR_SHORT[p.recipient]}'s proposal",
                        "text_dim",
                        False,
                        12,
                    )
                ]
            )
        for c in p.clauses:
            lines.append([Span("- " + clause_text(c, sc.action_index), "text", False, 13)])
        if self.viewer is not None and p.recipient is self.viewer:
            warn = package_warnings(
                p.clauses,
                sc.action_index,
                self.session.rules.parameters,
                self.obs.verified.inspection_access,
                self.session.action_status(self.viewer),
                self.viewer,
            )
            cost = over_budget(p.clauses, self.viewer, self.capital(), sc)
            lines += [[Span(w[0].upper() + w[1:], "warn", True, 12)] for w in ([cost] if cost else []) + warn]
        reason = self.their_reason(p)
        if reason:
            lines.append([Span(f'Their reason: "{reason}"', "text_dim", False, 12)])
        if p.note:
            lines.append([Span(f'Note: "{p.note}"', "text_dim", False, 13)])
        trust = self.obs.trust
        key = "-".join(sorted((p.proposer.value, p.recipient.value), key=lambda v: list(Actor).index(Actor(v))))
        lines.append([Span(f"Trust between you: {trust.get(key, 50):.0f}/100", "text_dim", False, 12)])
        self.deal_detail.set_lines(lines)

    def their_reason(self, p) -> str | None:
        """Why the other side answered the viewer's proposal ``p`` as it did: the public part of its
        note, once the answer has reached the viewer."""
        if p.proposer is not self.viewer or self.obs.responses.get(p.id) not in ("reject", "counter"):
            return None
        note = self.session.answer_note(p.id)
        return public_reason(note) if note else None

    def selected_incoming(self):
        if self.deal_list is None or not self.deal_list.items:
            return None
        key = self.deal_list.items[self.deal_list.selected].key
        return key if key in self.obs.awaiting_response else None

    def answer(self, answer: str, counter: tuple[Clause, ...] = ()) -> None:
        pid = self.selected_incoming()
        d = self.draft()
        if pid is None or d is None or self.deal_list is None:  # a selected proposal is in the deal list
            return
        d.answers[pid] = RespondOrder(actor=self.viewer, proposal_id=pid, answer=answer, counter=counter)
        # move on to the next unanswered proposal; after a counter-offer stay on it, to show the counter
        items = self.deal_list.items
        nxt = next(
            (i for i, it in enumerate(items) if it.key in self.obs.awaiting_response and it.key not in d.answers), None
        )
        if answer == "counter":
            self.sel["incoming"] = pid
        elif nxt is not None:
            self.sel["incoming"] = items[nxt].key
        self.rebuild()

    def counter(self) -> None:
        pid = self.selected_incoming()
        if pid is None:
            return
        p = next(p for p in self.obs.proposals if p.id == pid)

        def done(order: ProposeOrder | None) -> None:
            if order is not None:
                self.answer("counter", order.clauses)

        navigation.push(self.scene.app, "composer", self.scene, counter_to=p, on_done=done)

    def new_proposal(self) -> None:
        d = self.draft()
        sc = self.session.match.scenario
        if d is None or len(d.proposals) >= sc.max_proposals:
            return

        def done(order: ProposeOrder | None) -> None:
            if order is not None:
                d.proposals.append(order)
                self.sel["outbox"] = len(d.proposals) - 1
            self.rebuild()

        navigation.push(self.scene.app, "composer", self.scene, on_done=done)

    def edit_proposal(self, index) -> None:
        d = self.draft()
        if d is None or not isinstance(index, int) or index >= len(d.proposals):
            return

        def done(order: ProposeOrder | None) -> None:
            if order is not None:
                d.proposals[index] = order
            self.rebuild()

        navigation.push(self.scene.app, "composer", self.scene, initial=d.proposals[index], on_done=done)

    def remove_proposal(self) -> None:
        d = self.draft()
        if d is None or not d.proposals or self.deal_list is None or not self.deal_list.items:
            return
        d.proposals.pop(self.deal_list.items[self.deal_list.selected].key)
        self.rebuild()
