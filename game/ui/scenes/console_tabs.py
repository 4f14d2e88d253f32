"""The console's tabs: the MSEL (release, skip, hold, delay, and an ad-hoc inject), this turn's sealed
orders (accept, or overrule with a reason), the requests for information, the log of every control
act, and the rulings no order carries (a detection forced or suppressed, an event's chance roll). Each
reads the game's control part through the Session and enters what the white cell decides as a control
act through ``Session.control``; none of them rules anything itself."""

from __future__ import annotations

import pygame
from pydantic import ValidationError
from pygame_gui.elements import UITextEntryBox, UITextEntryLine

from ...model.control import (
    AdHocInject,
    AnswerRfi,
    CancelOrder,
    CorrectMeter,
    DelayInject,
    HoldInject,
    ReleaseInject,
    ResolveTurn,
    RuleChance,
    RuleDetection,
    SkipInject,
)
from ...model.scenario import ChanceOutcome, InjectSpec
from ...model.ids import ACTOR_SHORT, Actor, METER_LABELS, Phase
from ...rules.events import may_fire
from ..whitecell import problem_text
from ..widgets import Item, ListBox, RichText, Span, draw_text
from .tabs import Tab

AUDIENCES = ("public",)  # then each seat's own cable, added per scenario


class ConsoleTab(Tab):
    """One tab of the console, over ``scene`` (the ConsoleScene): the play screen's ``Tab``, plus what
    the console's forms need (typed text kept across rebuilds, the row selected)."""

    title = ""
    reason: UITextEntryLine  # the tab's reason entry, in a tab whose adjudications need one

    def __init__(self, scene):
        super().__init__(scene)
        self.selected: object = None  # the key of the selected row, kept across rebuilds
        self.typed: dict[str, str] = {}  # what is typed in the tab's entries, kept across rebuilds
        self.typing: str | None = None  # the entry that had the keyboard, given it back after a rebuild
        self._entries: dict[str, UITextEntryLine | UITextEntryBox] = {}

    def entry(self, name: str, rect, default: str = "", **kw) -> UITextEntryLine:
        e = self.scene.entry(rect, self.typed.get(name, default), **kw)
        self._kept(name, e)
        return e

    def text_box(self, name: str, rect) -> UITextEntryBox:
        e = self.scene.text_box(rect, self.typed.get(name, ""))
        self._kept(name, e)
        return e

    def _kept(self, name: str, e: UITextEntryLine | UITextEntryBox) -> None:
        self._entries[name] = e
        if name == self.typing:  # the game moved on while the white cell was typing: the keys still go here
            end = len(e.get_text())
            e.focus()
            e.edit_position = end
            layout = getattr(e, "text_box_layout", None)  # a multi-line box keeps its own cursor
            if layout is not None:
                layout.set_cursor_position(end)

    def keep(self) -> None:
        """Remember what is typed and where (the scene is about to make its widgets anew)."""
        live = {n: e for n, e in self._entries.items() if e.alive()}
        self.typed.update({n: e.get_text() for n, e in live.items()})
        self.typing = next((n for n, e in live.items() if e.is_focused), None)

    def clear(self, *names: str) -> None:
        for n in names:
            self.typed.pop(n, None)
            self._entries[n].set_text("")

    @property
    def control(self):
        return self.scene.control_state

    def act(self, act, reason: str = "", done: str = "") -> bool:
        """Enter a control act; the scene says what happened. True when it was accepted."""
        error = self.session.control(act, reason)
        self.flash(f"Refused: {error}" if error else done or "Done.", bad=error is not None)
        return error is None

    def list_box(self, rect, items, title: str, empty: str) -> ListBox:
        box = ListBox(self.ctx, rect, items, title=title, empty_text=empty, row_height=40, on_select=self.on_select)
        for i, item in enumerate(items):
            if item.key == self.selected:
                box.select(i)
        self.add(box)
        return box

    def on_select(self, item) -> None:
        self.selected = item.key

    def chosen(self, box: ListBox):
        return box.items[box.selected].key if box.items else None

    def reason_given(self) -> str | None:
        """The reason typed in the tab's ``reason`` entry, or None (and the white cell told) when none is."""
        reason = self.reason.get_text().strip()
        if not reason:
            self.flash("An adjudication needs a reason: type it first.", bad=True)
            return None
        return reason

    def rule_roll(self, cause: str | None, outcome: tuple[str, int] | None, what: str) -> None:
        """Force or forbid ``outcome`` (a ``chance_choices`` entry) of the chance roll of ``cause``
        ("ACTOR:action" or "event:id"), with the reason typed."""
        if cause is None or outcome is None:
            self.flash(f"Select {what} and the outcome to force or forbid.", bad=True)
            return
        reason = self.reason_given()
        ruling, i = outcome
        if reason is not None and self.act(
            RuleChance(cause=cause, ruling=ruling, outcome=i), reason, "Chance roll ruled."
        ):
            self.clear("reason")


def chance_choices(outcomes: list[ChanceOutcome]) -> list:
    """None (the dice decide), then forcing and forbidding each of a roll's chance outcomes."""
    return [None] + [("force", i) for i in range(len(outcomes))] + [("forbid", i) for i in range(len(outcomes))]


def chance_label(choice, outcomes: list[ChanceOutcome], actor: Actor | None) -> str:
    """ "Force: <the outcome's news, shortened>" for a ``chance_choices`` entry."""
    if choice is None:
        return "Chance: as the dice fall"
    ruling, i = choice
    text = outcomes[i].news or f"outcome {i + 1}"
    text = text.replace("{actor}", ACTOR_SHORT[actor]) if actor is not None else text
    return f"{ruling.capitalize()}: {text if len(text) <= 38 else text[:36].rstrip() + '...'}"


# ----------------------------------------------------------------------------- the MSEL
PHASE_WORDS = {
    Phase.PROPOSE: "proposals",
    Phase.RESPOND: "answers",
    Phase.COUNTER_RESPOND: "counter-answers",
    Phase.ORDERS: "orders",
}


def inject_status(state) -> str:
    """Where an inject of the MSEL stands, in a few words."""
    if state.status == "fired":
        return f"released, turn {state.fired_turn}"
    if state.status == "skipped":
        return "skipped"
    if state.status == "held" or state.turn is None:
        return "held"
    return f"turn {state.turn}, {PHASE_WORDS.get(state.phase, state.phase.value)}"


class MselTab(ConsoleTab):
    title = "MSEL"
    audience: object = "public"  # an ad-hoc inject's: public, or one seat's cable

    def items(self) -> list[Item]:
        cs = self.control
        if cs is None:
            return []
        out = []
        for st in cs.injects:
            spec = cs.inject(st.id)
            done = st.status in ("fired", "skipped")
            who = "public" if spec.audience == "public" else ", ".join(ACTOR_SHORT[a] for a in spec.audience)
            what = spec.news or (f"releases the scenario event {spec.event}" if spec.event else "scripted changes")
            out.append(
                Item(
                    spec.title,
                    inject_status(st),
                    sub=f"{st.id} ({who}): {what}",
                    enabled=not done,
                    key=st.id,
                    tooltip=spec.news or spec.title,
                )
            )
        return out

    def build(self, area: pygame.Rect) -> None:
        s, scene = self.s, self.scene
        list_h = area.h - s(250)
        self.box = self.list_box(
            pygame.Rect(area.x, area.y, area.w, list_h),
            self.items(),
            "Master scenario events list",
            "No MSEL was loaded; write an inject below.",
        )
        y = area.y + list_h + s(6)
        names = (
            ("Release  [R]", self.release, pygame.K_r),
            ("Skip  [K]", self.skip, pygame.K_k),
            ("Hold  [H]", self.hold, pygame.K_h),
            ("Delay a turn  [D]", self.delay, pygame.K_d),
        )
        for rect, (text, fn, key) in zip(
            scene.layout.row(pygame.Rect(area.x, y, area.w, s(36)), [1, 1, 1, 1.3], gap=6), names
        ):
            scene.button(rect, text, fn)
            scene.shortcut(key, text.split("  ")[0].lower() + " the selected inject", fn)
        y += s(50)
        self.head_y = y
        self.title_entry = self.entry("title", (area.x + s(90), y + s(22), area.w - s(90), s(34)), limit=200)
        self.news_entry = self.text_box("news", (area.x + s(90), y + s(62), area.w - s(90), s(70)))
        audiences = list(AUDIENCES) + list(self.session.match.scenario.actors)
        scene.cycler(
            (area.x, y + s(140), area.w // 2 - s(4), s(36)),
            "To: ",
            audiences,
            self.audience,
            self.set_audience,
            labels=lambda v: "everyone (public)" if v == "public" else f"{ACTOR_SHORT[v]} only (a cable)",
        )
        scene.button(
            (area.x + area.w // 2 + s(4), y + s(140), area.w // 2 - s(4), s(36)),
            "Release it now",
            self.adhoc,
            object_id="#primary",
        )

    def refresh(self) -> None:
        self.box.set_items(self.items())

    def set_audience(self, v) -> None:
        self.audience = v
        self.rebuild()

    def _inject(self, make, done: str) -> None:
        inject = self.chosen(self.box)
        if inject is None:
            self.flash("Select an inject first.", bad=True)
            return
        self.act(make(inject), done=done.format(inject))

    def release(self) -> None:
        self._inject(lambda i: ReleaseInject(inject=i), "Inject {} released.")

    def skip(self) -> None:
        self._inject(lambda i: SkipInject(inject=i), "Inject {} skipped.")

    def hold(self) -> None:
        self._inject(lambda i: HoldInject(inject=i), "Inject {} held until released.")

    def delay(self) -> None:
        cs = self.control
        inject = self.chosen(self.box)
        if cs is None or inject is None:
            self.flash("Select an inject first.", bad=True)
            return
        st = cs.inject_state(inject)
        turn = max(st.turn or 0, self.session.snapshot()[3]) + 1
        self.act(DelayInject(inject=inject, turn=turn, phase=st.phase), done=f"Inject {inject} moved to turn {turn}.")

    def adhoc(self) -> None:
        cs = self.control
        title, news = self.title_entry.get_text().strip(), self.news_entry.get_text().strip()
        if not title or not news:
            self.flash("An inject needs a headline and its news.", bad=True)
            return
        n = len(cs.adhoc) + 1 if cs is not None else 1
        audience = "public" if self.audience == "public" else (self.audience,)
        try:
            spec = InjectSpec(id=f"adhoc-{n}", title=title, news=news, audience=audience)
        except ValidationError as exc:
            self.flash(f"Not released: {problem_text(exc)}", bad=True)
            return
        if self.act(AdHocInject(inject=spec), done=f'Inject "{title}" released.'):
            self.clear("title", "news")

    def draw(self, surf) -> None:
        draw_text(
            surf, self.ctx, "Write an inject", (self.box.rect.x, self.head_y), size=14, bold=True, color="text_dim"
        )
        draw_text(surf, self.ctx, "Headline", (self.box.rect.x, self.head_y + self.s(39)), size=13, anchor="midleft")
        draw_text(surf, self.ctx, "News text", (self.box.rect.x, self.head_y + self.s(79)), size=13, anchor="midleft")


# ----------------------------------------------------------------------------- sealed orders
class OrdersTab(ConsoleTab):
    title = "Orders"
    outcome: tuple[str, int] | None = None  # the chance ruling chosen for the selected order
    meter: str | None = None  # the meter a correction moves

    def items(self) -> list[Item]:
        """Every seat's sealed orders (the god view's); an overruled one is gone from them."""
        sc = self.session.match.scenario
        out = []
        for o in self.scene.obs.own_orders:
            spec = sc.action_index[o.action]
            n = len(spec.chance)
            out.append(
                Item(
                    f"{ACTOR_SHORT[o.actor]}: {spec.name}",
                    f"{n} chance outcome{'s' if n > 1 else ''}" if n else "",
                    sub=spec.description,
                    key=(o.actor, o.action),
                )
            )
        return out

    def orders_phase(self) -> bool:
        return self.session.snapshot()[2] is Phase.ORDERS

    def build(self, area: pygame.Rect) -> None:
        s, scene = self.s, self.scene
        list_h = area.h - s(250)
        waiting = self.session.awaiting_review()
        empty = (
            "No sealed orders yet: the seats are still deciding."
            if self.orders_phase()
            else "Orders are sealed in the orders phase; this is diplomacy."
        )
        self.box = self.list_box(
            pygame.Rect(area.x, area.y, area.w, list_h), self.items(), "This turn's sealed orders", empty
        )
        y = area.y + list_h + s(8)
        self.reason_y = y
        self.reason = self.entry("reason", (area.x + s(70), y, area.w - s(70), s(34)), limit=2000)
        y += s(42)
        r1, r2 = scene.layout.row(pygame.Rect(area.x, y, area.w, s(36)), [1, 1], gap=6)
        scene.button(
            r1,
            "Overrule: cancel it  [X]",
            self.cancel,
            tooltip="The selected order does not happen (its capital is not spent); needs a reason",
        )
        scene.shortcut(pygame.K_x, "cancel the selected order", self.cancel)
        choices = self.outcome_choices()
        if self.outcome not in choices or self.chosen(self.box) != self.selected:  # chosen for another order
            self.outcome = None
        scene.cycler(
            r2,
            "",
            choices,
            self.outcome,
            self.set_outcome,
            labels=self.outcome_label,
            tooltip="Force an outcome of the selected order's chance roll, or forbid one; needs a reason",
        )
        y += s(44)
        scene.button((area.x, y, area.w, s(36)), "Rule the chance roll as chosen", self.rule_chance)
        y += s(44)
        meters = list(self.scene.obs.meters)
        if self.meter not in meters:
            self.meter = meters[0]
        m1, m2, m3 = scene.layout.row(pygame.Rect(area.x, y, area.w, s(36)), [2.2, 0.7, 1.1], gap=6)
        scene.cycler(m1, "Correct: ", meters, self.meter, self.set_meter, labels=lambda m: METER_LABELS.get(m, m))
        self.delta = self.entry("delta", m2, "+5", limit=6)
        scene.button(m3, "Correct meter", self.correct, tooltip="Move a public meter by this much; needs a reason")
        y += s(44)
        scene.button(
            (area.x, y, area.w, s(40)),
            "Accept the orders: resolve the turn  [Ctrl+Enter]",
            self.accept,
            object_id="#primary",
            enabled=waiting,
        )
        if waiting:
            scene.shortcut(pygame.K_RETURN, "accept the orders and resolve the turn", self.accept, pygame.KMOD_CTRL)

    def refresh(self) -> None:
        self.box.set_items(self.items())

    def on_select(self, item) -> None:
        """Another order: the chance ruling offered is that order's (the tab is made anew)."""
        if item.key != self.selected:
            self.selected, self.outcome = item.key, None
            self.scene.app.defer(self.scene.rebuild)

    def outcome_choices(self) -> list:
        key = self.chosen(self.box)
        return chance_choices(self.session.match.scenario.action_index[key[1]].chance) if key is not None else [None]

    def outcome_label(self, v) -> str:
        key = self.chosen(self.box)
        outcomes = self.session.match.scenario.action_index[key[1]].chance if key is not None else []
        return chance_label(v, outcomes, key[0] if key is not None else None)

    def set_outcome(self, v) -> None:
        self.outcome, self.selected = v, self.chosen(self.box)
        self.rebuild()

    def set_meter(self, m) -> None:
        self.meter = m
        self.rebuild()

    def cancel(self) -> None:
        key = self.chosen(self.box)
        if key is None:
            self.flash("Select an order first.", bad=True)
            return
        reason = self.reason_given()
        name = self.session.match.scenario.action_index[key[1]].name
        if reason is not None and self.act(
            CancelOrder(actor=key[0], action=key[1]),
            reason,
            f'Overruled: {ACTOR_SHORT[key[0]]}\'s "{name}" will not happen.',
        ):
            self.clear("reason")

    def rule_chance(self) -> None:
        key = self.chosen(self.box)
        self.rule_roll(f"{key[0].value}:{key[1]}" if key is not None else None, self.outcome, "an order")

    def correct(self) -> None:
        try:
            delta = float(self.delta.get_text().replace("+", ""))
        except ValueError:
            self.flash("The correction is a number, such as +5 or -3.", bad=True)
            return
        reason, meter = self.reason_given(), self.meter or ""
        if reason is not None and self.act(
            CorrectMeter(meter=meter, delta=delta), reason, f"{METER_LABELS.get(meter, meter)} corrected by {delta:+g}."
        ):
            self.clear("reason")

    def accept(self) -> None:
        self.act(ResolveTurn(), done="Orders accepted: the turn resolves.")

    def badge(self) -> int:
        return len(self.scene.obs.own_orders) if self.orders_phase() else 0

    def draw(self, surf) -> None:
        draw_text(surf, self.ctx, "Reason", (self.box.rect.x, self.reason_y + self.s(17)), size=13, anchor="midleft")


# ----------------------------------------------------------------------------- detections and events' chance rolls
class RulingsTab(ConsoleTab):
    """Rulings for the coming resolution that no sealed order carries: a detection forced or suppressed
    at a site, and the chance rolls of the scenario events that may fire this turn, forced or forbidden.
    The rules keep them until the turn resolves (``ControlState.chance``, ``.detections``)."""

    title = "Rulings"
    site: str | None = None
    ruling: str = "force"  # or "suppress"
    by: Actor | None = None  # who finds it (force); who does not (suppress; None: nobody does)
    outcome: tuple[str, int] | None = None  # the ruling chosen for the selected event's chance roll

    def detectors(self) -> list[Actor]:
        """The seats that look for hidden activity: those holding an estimate of the program."""
        return [a for a in self.scene.obs.estimates if a is not Actor.DPRK]

    def events(self):
        """This turn's scenario events that may fire and have a chance roll, as the rules list them."""
        state = self.session.match.state
        return [
            p.event for p in may_fire(self.session.match.scenario, state.turn, state.fired_events) if p.event.chance
        ]

    def items(self) -> list[Item]:
        cs = self.control
        out = []
        for e in self.events():
            ruling = cs.chance.get(f"event:{e.id}") if cs is not None else None
            when = "on the calendar this turn" if e.kind == "calendar" else "random: may fire any turn"
            n = len(e.chance)
            out.append(
                Item(
                    e.name,
                    f"ruled: {ruling.ruling}" if ruling else f"{n} chance outcome{'s' if n > 1 else ''}",
                    sub=f"{when}{', if its conditions hold' if e.when else ''}",
                    key=f"event:{e.id}",
                    tooltip=e.news or e.name,
                )
            )
        return out

    def standing(self):
        """This turn's rulings so far (spent when the turn resolves), as lines."""
        cs, sc = self.control, self.session.match.scenario
        program = self.scene.obs.program
        sites = {site.id: site.name for site in program.sites} if program is not None else {}
        lines = []
        if cs is not None:
            for cause, r in cs.chance.items():
                head, _, name = cause.partition(":")
                event = next((e for e in sc.events if e.id == name), None) if head == "event" else None
                if event is not None:
                    whose, outcomes, actor = event.name, event.chance, None
                else:
                    spec = sc.action_index[name]
                    whose, outcomes, actor = f"{ACTOR_SHORT[Actor(head)]}'s {spec.name}", spec.chance, Actor(head)
                what = (
                    "Force: nothing further"
                    if r.outcome is None
                    else chance_label((r.ruling, r.outcome), outcomes, actor)
                )
                lines.append((f"{whose}: {what}", r.reason))
            for d in cs.detections:
                who = f" by {ACTOR_SHORT[d.by]}" if d.by is not None else ""
                lines.append(
                    (
                        f"{'Force' if d.ruling == 'force' else 'Suppress'} a detection at "
                        f"{sites.get(d.site, d.site)}{who}",
                        d.reason,
                    )
                )
        return [
            [Span(text, "warn", True, 13), Span(f"  Reason: {reason}", "text", False, 12)] for text, reason in lines
        ] or [[Span("No ruling yet this turn: the dice decide.", "text_faint", False, 13)]]

    def build(self, area: pygame.Rect) -> None:
        s, scene = self.s, self.scene
        program = self.scene.obs.program
        sites = [site.id for site in program.sites] if program is not None else []
        names = {
            site.id: site.name + (" (covert)" if site.covert and not site.detected else "")
            for site in (program.sites if program is not None else ())
        }
        if self.site not in sites:
            self.site = sites[0] if sites else None
        detectors = self.detectors()
        choices: list[Actor | None] = list(detectors) if self.ruling == "force" else [None, *detectors]
        if self.by not in choices:
            self.by = choices[0] if choices else None
        y = area.y
        self.reason_y = y
        self.reason = self.entry("reason", (area.x + s(70), y, area.w - s(70), s(34)), limit=2000)
        y += s(46)
        self.detect_y = y
        y += s(22)
        c1, c2, c3 = scene.layout.row(pygame.Rect(area.x, y, area.w, s(36)), [2.3, 1, 1.3], gap=6)
        scene.cycler(
            c1,
            "Site: ",
            sites,
            self.site,
            self.set_site,
            labels=lambda v: names.get(v, "none"),
            tooltip="The site the ruling is about (right-click: the previous one)",
        )
        scene.cycler(
            c2,
            "",
            ["force", "suppress"],
            self.ruling,
            self.set_ruling,
            labels=lambda v: "Force it" if v == "force" else "Suppress it",
        )
        scene.cycler(
            c3,
            "Found by: " if self.ruling == "force" else "Not by: ",
            choices,
            self.by,
            self.set_by,
            labels=lambda v: ACTOR_SHORT[v] if v is not None else "anyone",
        )
        y += s(44)
        scene.button(
            (area.x, y, area.w, s(36)),
            "Rule the detection",
            self.rule_detection,
            tooltip="Force: the seat finds hidden activity at the site this turn. Suppress: nobody "
            "(or not that seat) does. Needs a reason",
        )
        y += s(50)
        list_h = area.bottom - y - s(44) - s(128)
        self.box = self.list_box(
            pygame.Rect(area.x, y, area.w, list_h),
            self.items(),
            "Chance rolls of the events that may fire this turn",
            "No event with a chance roll may fire this turn.",
        )
        y += list_h + s(8)
        e1, e2 = scene.layout.row(pygame.Rect(area.x, y, area.w, s(36)), [2, 1], gap=6)
        event = self.event()
        choices = chance_choices(event.chance) if event is not None else [None]
        if self.outcome not in choices or self.chosen(self.box) != self.selected:  # chosen for another event
            self.outcome = None
        scene.cycler(
            e1,
            "",
            choices,
            self.outcome,
            self.set_outcome,
            labels=lambda v: chance_label(v, event.chance if event is not None else [], None),
            tooltip="Force an outcome of the selected event's chance roll (should it fire), or forbid one",
        )
        scene.button(e2, "Rule the event's roll", self.rule_event, tooltip="Needs a reason")
        y += s(44)
        self.panel = self.add(
            RichText(
                self.ctx,
                pygame.Rect(area.x, y, area.w, area.bottom - y),
                self.standing(),
                title="This turn's rulings (spent when it resolves)",
            ),
            focus=False,
        )

    def event(self):
        key = self.chosen(self.box)
        return next((e for e in self.events() if f"event:{e.id}" == key), None)

    def refresh(self) -> None:
        self.box.set_items(self.items())
        self.panel.set_lines(self.standing(), keep_scroll=True)

    def on_select(self, item) -> None:
        if item.key != self.selected:
            self.selected, self.outcome = item.key, None
            self.scene.app.defer(self.scene.rebuild)

    def set_site(self, v) -> None:
        self.site = v
        self.rebuild()

    def set_ruling(self, v) -> None:
        self.ruling = v
        self.rebuild()

    def set_by(self, v) -> None:
        self.by = v
        self.rebuild()

    def set_outcome(self, v) -> None:
        self.outcome, self.selected = v, self.chosen(self.box)
        self.rebuild()

    def rule_detection(self) -> None:
        if self.site is None:
            self.flash("This game has no site to rule on.", bad=True)
            return
        reason = self.reason_given()
        if reason is None:
            return
        try:
            act = RuleDetection(site=self.site, ruling=self.ruling, by=self.by)
        except ValidationError as exc:
            self.flash(f"Not ruled: {problem_text(exc)}", bad=True)
            return
        program = self.scene.obs.program
        name = next((site.name for site in program.sites if site.id == self.site), self.site) if program else self.site
        verb = "will be found" if self.ruling == "force" else "will not be found"
        if self.act(act, reason, f"Hidden activity at {name} {verb} this turn."):
            self.clear("reason")

    def rule_event(self) -> None:
        self.rule_roll(self.chosen(self.box), self.outcome, "an event")

    def badge(self) -> int:
        cs = self.control
        return len(cs.chance) + len(cs.detections) if cs is not None else 0

    def draw(self, surf) -> None:
        x = self.box.rect.x
        draw_text(surf, self.ctx, "Reason", (x, self.reason_y + self.s(17)), size=13, anchor="midleft")
        draw_text(surf, self.ctx, "A detection this turn", (x, self.detect_y), size=14, bold=True, color="text_dim")


# ----------------------------------------------------------------------------- requests for information
class RfiTab(ConsoleTab):
    title = "Questions"

    def rfis(self):
        cs = self.control
        return sorted(cs.rfis, key=lambda r: (bool(r.answer), -r.turn)) if cs is not None else []

    def items(self) -> list[Item]:
        return [
            Item(
                f"{r.id} {ACTOR_SHORT[r.actor]}: {r.question}",
                "answered" if r.answer else "open",
                sub=(f"Answer: {r.answer}" if r.answer else f"asked in turn {r.turn}"),
                key=r.id,
                enabled=not r.answer,
                tooltip=r.question,
            )
            for r in self.rfis()
        ]

    def build(self, area: pygame.Rect) -> None:
        s, scene = self.s, self.scene
        list_h = area.h - s(190)
        self.box = self.list_box(
            pygame.Rect(area.x, area.y, area.w, list_h),
            self.items(),
            "Requests for information",
            "No questions from the players yet.",
        )
        y = area.y + list_h + s(8)
        self.head_y = y
        self.answer = self.text_box("answer", (area.x, y + s(22), area.w, s(100)))
        scene.button(
            (area.x, y + s(130), area.w, s(40)), "Send the answer  [Ctrl+Enter]", self.send, object_id="#primary"
        )
        scene.shortcut(pygame.K_RETURN, "send the answer", self.send, pygame.KMOD_CTRL)

    def refresh(self) -> None:
        self.box.set_items(self.items())

    def send(self) -> None:
        rfi = self.chosen(self.box)
        text = self.answer.get_text().strip()
        if rfi is None or not text:
            self.flash("Select a question and write its answer.", bad=True)
            return
        if self.act(AnswerRfi(rfi=rfi, text=text), done=f"Answer to {rfi} sent as a cable."):
            self.clear("answer")

    def badge(self) -> int:
        return sum(1 for r in self.rfis() if not r.answer)

    def draw(self, surf) -> None:
        draw_text(
            surf,
            self.ctx,
            "The answer, sent as a private cable to the seat that asked",
            (self.box.rect.x, self.head_y),
            size=13,
            bold=True,
            color="text_dim",
        )


# ----------------------------------------------------------------------------- the log
class LogTab(ConsoleTab):
    title = "Log"

    def lines(self):
        cs = self.control
        lines = []
        for rec in reversed(cs.record if cs is not None else ()):
            head = f"Turn {rec.turn}, {rec.phase.value}"
            color = "warn" if rec.adjudication else "accent"
            lines.append([Span(f"{head}  ", "text_faint", True, 12), Span(rec.text, color, rec.adjudication, 13)])
            if rec.reason:
                lines.append([Span("    Reason: ", "text_dim", True, 12), Span(rec.reason, "text", False, 12)])
        return lines or [[Span("No control act yet.", "text_faint", False, 13)]]

    def build(self, area: pygame.Rect) -> None:
        self.panel = self.add(RichText(self.ctx, area, self.lines(), title="Every control act, newest first"))

    def refresh(self) -> None:
        self.panel.set_lines(self.lines(), keep_scroll=True)


TABS = (
    ("msel", MselTab, pygame.K_1),
    ("orders", OrdersTab, pygame.K_2),
    ("rfis", RfiTab, pygame.K_3),
    ("log", LogTab, pygame.K_4),
    ("rulings", RulingsTab, pygame.K_5),
)
