"""Compose a proposal (a package of clauses) or a counter-offer."""

from __future__ import annotations

from typing import TypedDict

import pygame

from ...model.deals import Clause
from ...model.ids import ACTOR_SHORT, Actor
from ...model.orders import ProposeOrder
from ...rules.legality import MAX_CLAUSES, check_clause
from ..describe import actor_name, category_text, clause_text
from ..dealcheck import over_budget, package_warnings
from ..widgets import Item, ListBox, RichText, Span, draw_text, label_width
from .base import Scene
from .panels import action_lines

SEQ = ("upfront", "after_verification")
SEQ_TEXT = {"upfront": "up front", "after_verification": "after verification"}
VER = ("national_means", "inspection", "none")
VER_TEXT = {
    "national_means": "Verified by national means",
    "inspection": "Verified by inspection",
    "none": "No verification",
}


class ClauseSettings(TypedDict):
    mode: str
    seq: str
    duration: int
    ver: str
    snap: bool


DEFAULTS: ClauseSettings = {"mode": "do", "seq": "upfront", "duration": 4, "ver": "national_means", "snap": False}
DURATIONS = (1, 2, 3, 4, 6, 8, 12)


class ComposerScene(Scene):
    name = "composer"
    modal = True

    def __init__(self, app, game, *, initial: ProposeOrder | None = None, counter_to=None, on_done=None):
        super().__init__(app)
        self.game = game
        self.me: Actor = game.viewer
        self.counter_to = counter_to
        self.on_done = on_done
        self.scenario = game.session.match.scenario
        others = [a for a in game.obs.actors if a is not self.me]
        if counter_to is not None:
            self.recipient = counter_to.proposer
            self.clauses = list(counter_to.clauses)
            self.note = ""
        elif initial is not None:
            self.recipient = initial.recipient
            self.clauses = list(initial.clauses)
            self.note = initial.note
        else:
            self.recipient = others[0]
            self.clauses = []
            self.note = ""
        self.others = others
        self.side: Actor = self.recipient
        self.action: str | None = None
        self.mode, self.seq, self.duration = DEFAULTS["mode"], DEFAULTS["seq"], DEFAULTS["duration"]
        self.ver, self.snap = DEFAULTS["ver"], DEFAULTS["snap"]
        self.error = ""
        self.blockers = game.session.action_status(self.me)

    # ------------------------------------------------------------------ building
    def build(self) -> None:
        s = self.s
        box = self.layout.centered(1080, 700)
        self.box = box
        title_h = s(50)
        left = pygame.Rect(box.x + s(16), box.y + title_h, int(box.w * 0.46), box.h - title_h - s(70))
        right = pygame.Rect(left.right + s(16), left.y, box.right - s(16) - left.right - s(16), left.h)
        self.left, self.right = left, right
        self.note_entry = None
        # left: recipient, clauses, note
        if self.counter_to is None:
            self.cycler(
                (left.x, left.y, left.w, s(36)),
                "To: ",
                self.others,
                self.recipient,
                self.set_recipient,
                labels=actor_name,
            )
        y = left.y + s(44)
        items = []
        for i, c in enumerate(self.clauses):
            head, _, tail = clause_text(c, self.scenario.action_index).partition(" (")
            items.append(Item(head, sub="(" + tail if tail else "", key=i, accent=self.ctx.pal.actor(c.actor)))
        room = left.bottom - y - s(96)
        # room for the clauses so far and one more (at least three); the rest explains the chosen action
        lst_h = min(room - s(100), s(26 + 40 * max(3, min(MAX_CLAUSES, len(self.clauses) + 1)) + 4))
        self.clause_list = self.add(
            ListBox(
                self.ctx,
                pygame.Rect(left.x, y, left.w, lst_h),
                items,
                row_height=40,
                title=f"Clauses ({len(self.clauses)} of {MAX_CLAUSES})",
                empty_text="Add clauses with the builder on the right.",
            )
        )
        about = pygame.Rect(left.x, y + lst_h + s(6), left.w, room - lst_h - s(6))
        self.about = (
            self.add(RichText(self.ctx, about, [], title="The chosen action"), focus=False) if about.h > s(60) else None
        )
        self.button(
            (left.x, y + room + s(6), left.w, s(34)),
            "Remove selected clause [Del]",
            self.remove_clause,
            enabled=bool(self.clauses),
        )
        self.shortcut(pygame.K_DELETE, "remove the selected clause", self.remove_clause)
        self.note_y = y + room + s(48)
        self.note_entry = self.entry((left.x + s(50), self.note_y, left.w - s(50), s(36)), self.note, limit=120)
        # right: the clause builder
        parties = [self.me, self.recipient]
        self.cycler(
            (right.x, right.y, right.w // 2 - s(4), s(36)),
            "Who: ",
            parties,
            self.side,
            self.set_side,
            labels=lambda a: "you" if a is self.me else ACTOR_SHORT[a],
        )
        self.cycler(
            (right.x + right.w // 2 + s(4), right.y, right.w // 2 - s(4), s(36)),
            "",
            ["do", "refrain"],
            self.mode,
            lambda v: self.set(mode=v),
            labels=lambda v: "will do" if v == "do" else "will refrain from",
        )
        specs = [a for a in self.scenario.actions_by_actor[self.side] if a.counts_as is None]
        act_items = [Item(a.name, right=category_text(a.category), key=a.id, tooltip=a.description) for a in specs]
        ay = right.y + s(44)
        ah = right.h - s(44) - s(4 * 44) - s(4)
        self.action_list = self.add(
            ListBox(
                self.ctx,
                pygame.Rect(right.x, ay, right.w, ah),
                act_items,
                row_height=26,
                title=f"Action for {'you' if self.side is self.me else actor_name(self.side)}",
                on_select=lambda it: self.set_action(it.key, rebuild=False),
                on_activate=lambda it: self.set_action(it.key, rebuild=False),
            )
        )
        if self.action is not None:
            for i, it in enumerate(act_items):
                if it.key == self.action:
                    self.action_list.selected = i
                    self.action_list.ensure_visible(i)
        elif act_items:
            self.action = act_items[0].key
        self._explain()
        y = ay + ah + s(6)
        half = right.w // 2 - s(4)
        self.cycler(
            (right.x, y, half, s(36)),
            "",
            list(SEQ),
            self.seq,
            lambda v: self.set(seq=v),
            labels=lambda v: SEQ_TEXT[v],
            tooltip="Up front: due at once. After verification: due once the other side's up-front "
            "clauses are verified.",
        )
        self.cycler(
            (right.x + half + s(8), y, half, s(36)),
            "For ",
            list(DURATIONS),
            self.duration,
            lambda v: self.set(duration=v),
            labels=lambda v: f"{v} turn{'s' if v != 1 else ''}",
        )
        y += s(44)
        self.cycler(
            (right.x, y, half, s(36)),
            "",
            list(VER),
            self.ver,
            lambda v: self.set(ver=v),
            labels=lambda v: VER_TEXT[v],
            tooltip="Inspection verifies fast and finds cheating best; national means is slower.",
        )
        self.cycler(
            (right.x + half + s(8), y, half, s(36)),
            "Snap-back ",
            [False, True],
            self.snap,
            lambda v: self.set(snap=v),
            labels=lambda v: "on" if v else "off",
            tooltip="Undo this clause's effects if the other side is caught breaching",
        )
        y += s(44)
        full = len(self.clauses) >= MAX_CLAUSES
        self.button((right.x, y, right.w, s(38)), "Add clause  [Ctrl+A]", self.add_clause, enabled=not full)
        self.shortcut(pygame.K_a, "add the clause", self.add_clause, pygame.KMOD_CTRL)
        # bottom
        ok_text = ("Use as counter-offer" if self.counter_to is not None else "Put in outbox") + "  [Ctrl+Enter]"
        bw = s(220)
        ok = self.button(
            (box.right - s(16) - bw, box.bottom - s(56), bw, s(42)),
            ok_text,
            self.finish,
            object_id="#primary",
            enabled=bool(self.clauses),
        )
        need = label_width(ok, ok_text) + s(24)  # the whole label, in the button's own font, at any scale
        if need > bw:
            bw = need
            ok.set_dimensions((bw, s(42)))
            ok.set_relative_position((box.right - s(16) - bw, box.bottom - s(56)))
        self.button((box.right - s(32) - bw - s(200), box.bottom - s(56), s(200), s(42)), "Cancel  [Esc]", self.back)
        self.message_right = box.right - s(32) - bw - s(200)
        self.shortcut(pygame.K_RETURN, "finish", self.finish, pygame.KMOD_CTRL)
        if self.focus.index is None:
            self.focus.focus_widget(self.action_list)

    # ------------------------------------------------------------------ changes
    def _keep_note(self) -> None:
        if self.note_entry is not None and self.note_entry.alive():
            self.note = self.note_entry.get_text()

    def set(self, **kw) -> None:
        self._keep_note()
        for k, v in kw.items():
            setattr(self, k, v)
        self.rebuild()

    def set_recipient(self, a: Actor) -> None:
        self._keep_note()
        self.recipient = a
        self.clauses = [c for c in self.clauses if c.actor in (self.me, a)]
        if self.side is not self.me:
            self.side = a
        self.action = None
        self.rebuild()

    def set_side(self, a: Actor) -> None:
        self._keep_note()
        self.side = a
        self.action = None
        self.rebuild()

    def set_action(self, action_id: str, rebuild: bool = True) -> None:
        self.action = action_id
        self._explain()

    def _explain(self) -> None:
        """What the chosen action does, in the scenario's words, with its effects and cost."""
        about = getattr(self, "about", None)  # None before the first build, or with no room for it
        if about is None or self.action is None:
            return
        spec = self.scenario.action_index[self.action]
        lines = [[Span(self.error, "bad", True, 12)]] if self.error else []
        lines += [[Span(w, "warn", True, 12)] for w in self.warnings()]
        about.set_lines(
            lines
            + action_lines(spec, self.side, self.game.session.rules.parameters, f" for {ACTOR_SHORT[self.side]}", 14)
        )

    def fail(self, error: str) -> None:
        """Refuse with ``error``, shown at the foot and, wrapped, over the explanation."""
        self.error = error
        self._explain()

    def warnings(self) -> list[str]:
        """The package's traps as it stands (see ui/dealcheck.py)."""
        obs = self.game.obs
        return package_warnings(
            self.clauses,
            self.scenario.action_index,
            self.game.session.rules.parameters,
            obs.verified.inspection_access,
            self.blockers,
            self.me,
        )

    def add_clause(self) -> None:
        self._keep_note()
        if self.action is None:
            return self.fail("Choose an action first.")
        if len(self.clauses) >= MAX_CLAUSES:
            return self.fail(f"A proposal has at most {MAX_CLAUSES} clauses.")
        clause = Clause(
            actor=self.side,
            action=self.action,
            mode=self.mode,
            sequencing=self.seq,
            duration=self.duration,
            verification=self.ver,
            snapback=self.snap,
        )
        parties = (
            (self.counter_to.proposer, self.counter_to.recipient) if self.counter_to else (self.me, self.recipient)
        )
        problem = check_clause(self.scenario, clause, parties)
        if problem:
            return self.fail(problem)
        if clause in self.clauses:
            return self.fail("That clause is already in the package.")
        problem = over_budget(self.clauses + [clause], self.me, self.game.capital(), self.scenario)
        if problem:
            return self.fail(problem[0].upper() + problem[1:] + ".")
        self.error = ""
        self.clauses.append(clause)
        for k, v in DEFAULTS.items():  # the next clause starts afresh, not with this one's settings
            setattr(self, k, v)
        self.rebuild()

    def remove_clause(self) -> None:
        self._keep_note()
        if self.clauses and self.clause_list.items:
            self.clauses.pop(self.clause_list.items[self.clause_list.selected].key)
            self.rebuild()

    def finish(self) -> None:
        self._keep_note()
        if not self.clauses:
            return self.fail("Add at least one clause.")
        order = ProposeOrder(
            actor=self.me, recipient=self.recipient, clauses=tuple(self.clauses), note=self.note.strip()
        )
        self.app.pop(self)
        if self.on_done:
            self.on_done(order)

    def back(self) -> None:
        self.app.pop(self)
        if self.on_done:
            self.on_done(None)

    # ------------------------------------------------------------------ drawing
    def draw(self, surf) -> None:
        ctx, s = self.ctx, self.s
        box = self.box
        pygame.draw.rect(surf, ctx.pal.modal, box, border_radius=s(6))
        pygame.draw.rect(surf, ctx.pal.accent, box, 2, border_radius=s(6))
        if self.counter_to is not None:
            title = f"Counter-offer to {actor_name(self.counter_to.proposer)}"
        else:
            title = f"Proposal from {actor_name(self.me)}"
        draw_text(surf, ctx, title, (box.x + s(16), box.y + s(14)), size=20, bold=True)
        draw_text(
            surf,
            ctx,
            "Clause builder",
            (self.right.right, box.y + s(18)),
            size=13,
            color="text_dim",
            anchor="topright",
            bold=True,
        )
        draw_text(surf, ctx, "Note", (self.left.x, self.note_y + s(18)), size=13, anchor="midleft")
        if self.error:
            draw_text(
                surf,
                ctx,
                self.error,
                (box.x + s(16), box.bottom - s(36)),
                size=13,
                color="bad",
                bold=True,
                anchor="midleft",
                max_width=self.message_right - box.x - s(32),
            )
        else:
            draw_text(
                surf,
                ctx,
                "Left/Right change a setting; Up/Down choose in a list; Tab moves.",
                (box.x + s(16), box.bottom - s(36)),
                size=12,
                color="text_faint",
                anchor="midleft",
                max_width=self.message_right - box.x - s(32),
            )
