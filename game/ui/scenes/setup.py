"""Setup: scenario, variant, seed, and each seat human or AI (kind, personality, difficulty); for a
facilitated game, the white cell's PIN, the MSEL to load, the phase clock and each human seat's AI
stand-in."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from collections.abc import Sequence
from typing import Any, Callable

import pygame

from ...ai.personality import DIFFICULTIES, personalities_for
from ...scenario.loader import ScenarioError
from ...scenario.msel import load_msel
from ...scenario.registry import SCENARIO_DIR
from ...model.ids import ACTOR_NATIVE_NAMES, Actor
from ...model.scenario import InjectSpec, Scenario
from ...persist import ScenarioRef
from ...views import rules_view
from ..describe import actor_name
from ..session import Seat
from ..settings import save_settings
from ..whitecell import PIN_DIGITS, Facilitation, control_setup, hash_pin, pin_problem
from ..widgets import RichText, Span, draw_text
from .. import navigation
from .base import Scene

AI_KINDS = ("heuristic", "search", "random")
KIND_TEXT = {"heuristic": "Heuristic AI", "search": "Search AI (slower)", "random": "Random AI"}
STAND_INS = ("none",) + AI_KINDS  # a human seat's stand-in when its time runs out: none, or an AI
MSEL_DIR = SCENARIO_DIR / "msel"  # the MSEL files the setup offers; any other is typed as a path
MAX_MINUTES = 240


@dataclasses.dataclass
class SeatChoice:
    human: bool
    kind: str = "heuristic"
    personality: str = ""
    difficulty: str = "normal"
    stand_in: str = "none"  # a human seat's AI stand-in in a facilitated game (a kind, or none)

    def spec(self, kind: str | None = None) -> str:
        kind = kind or self.kind
        if kind == "random":
            return "random"
        parts = [kind] + ([self.personality] if self.personality else []) + [self.difficulty]
        return ":".join(parts)

    def stand_in_spec(self) -> str | None:
        return None if not self.human or self.stand_in == "none" else self.spec(self.stand_in)


class SetupScene(Scene):
    name = "setup"

    def __init__(self, app):
        super().__init__(app)
        self.options = app.catalog.entries()
        last = app.settings.last_scenario
        self.index = next((i for i, (sid, _, _) in enumerate(self.options) if sid == last), 0)
        self.variant: str | None = None
        self.seed = random.randrange(1, 100000)
        self.seats: dict[Actor, SeatChoice] = {}
        self.error = ""
        self.facilitator = False  # a facilitated game: a white cell with its console behind a PIN
        self.pin = ""  # as typed, until the game starts (then only its salted hash is kept)
        self.msel_files = (
            sorted(p.name for p in MSEL_DIR.iterdir() if p.suffix in (".yaml", ".csv")) if MSEL_DIR.is_dir() else []
        )
        self.msel = ""  # a file of MSEL_DIR, or a typed path ("": the scenario's own MSEL)
        self.minutes = 0  # per phase; 0: no clock
        self._load()
        self._recall(app.settings.last_setup)

    def _load(self) -> None:
        self.scenario: Scenario | None
        self.scenario_ref: ScenarioRef | None
        self.scenario, self.scenario_ref = (
            self.app.catalog.get(self.options[self.index][2]) if self.options else (None, None)
        )
        if self.scenario is None:
            return
        rules = rules_view(self.scenario)
        old = self.seats
        self.seats = {}
        for i, a in enumerate(self.scenario.actors):
            names = list(personalities_for(a, rules))
            prev = old.get(a)
            self.seats[a] = SeatChoice(
                human=prev.human if prev else a is Actor.US,
                kind=prev.kind if prev else "heuristic",
                personality=prev.personality if prev and prev.personality in names else names[0],
                difficulty=prev.difficulty if prev else "normal",
            )
        self.personality_names = {a: list(personalities_for(a, rules)) for a in self.scenario.actors}
        if self.variant not in self.scenario.variants:
            self.variant = None

    def _recall(self, last: dict) -> None:
        """Open on the seats and options of the last game set up with this scenario (values the
        scenario no longer has are left at their defaults)."""
        if self.scenario is None or last.get("scenario") != self.scenario.id:
            return
        if last.get("variant") in self.scenario.variants:
            self.variant = last["variant"]
        self.facilitator = last.get("facilitator", False)
        self.minutes = max(0, min(MAX_MINUTES, last.get("minutes", 0)))
        self.msel = last.get("msel", "")
        for actor, seat in last.get("seats", {}).items():
            if actor not in Actor.__members__ or Actor[actor] not in self.seats:
                continue
            a = Actor[actor]
            ch = self.seats[a]
            self.seats[a] = SeatChoice(
                human=seat.get("human", ch.human),
                kind=seat["kind"] if seat.get("kind") in AI_KINDS else ch.kind,
                personality=seat["personality"]
                if seat.get("personality") in self.personality_names[a]
                else ch.personality,
                difficulty=seat["difficulty"] if seat.get("difficulty") in DIFFICULTIES else ch.difficulty,
                stand_in=seat["stand_in"] if seat.get("stand_in") in STAND_INS else ch.stand_in,
            )

    @property
    def chosen(self) -> Scenario:
        """The scenario being set up (without bundled scenarios there is none, and nothing to start)."""
        if self.scenario is None:
            raise ValueError("no scenario to set up")
        return self.scenario

    def remembered(self) -> dict:
        """This setup as the settings file keeps it."""
        return {
            "scenario": self.chosen.id,
            "variant": self.variant,
            "facilitator": self.facilitator,
            "minutes": self.minutes,
            "msel": self.msel,
            "seats": {a.name: dataclasses.asdict(ch) for a, ch in self.seats.items()},
        }

    def build(self) -> None:
        s = self.s
        box = self.layout.centered(1180, 740)
        self.box = box
        left = pygame.Rect(box.x + s(20), box.y + s(64), int(box.w * 0.36), box.h - s(140))
        right = pygame.Rect(left.right + s(24), left.y, box.right - s(20) - left.right - s(24), left.h)
        self.left, self.right = left, right
        sc = self.scenario
        if not self.options or sc is None:
            self.button((box.centerx - s(100), box.bottom - s(60), s(200), s(42)), "Back", self.back)
            return
        self.cycler(
            (left.x, left.y, left.w, s(40)),
            "Scenario: ",
            list(range(len(self.options))),
            self.index,
            self.set_scenario,
            labels=lambda i: self.options[i][1],
        )
        variants = [None] + list(sc.variants)
        self.cycler(
            (left.x, left.y + s(50), left.w, s(40)),
            "Variant: ",
            variants,
            self.variant,
            self.set_variant,
            labels=lambda v: "Standard" if v is None else sc.variants[v].name,
        )
        self.draw_seed_label = (left.x, left.y + s(100) + s(20))
        self.seed_entry = self.entry(
            (left.x + s(70), left.y + s(100), s(150), s(40)), str(self.seed), allowed="numbers", limit=9
        )
        self.button(
            (left.x + s(230), left.y + s(100), left.w - s(230), s(40)),
            "New seed",
            self.reroll,
            tooltip="A new random seed: the same seed and the same orders give the same game",
        )
        self.cycler(
            (left.x, left.y + s(150), left.w, s(40)),
            "Facilitated game: ",
            [False, True],
            self.facilitator,
            self.set_facilitator,
            labels=lambda v: "on" if v else "off",
            tooltip="A white cell runs the game from its console (every secret, injects, adjudication, "
            "clocks, questions), opened from the game menu with its PIN.",
        )
        about_y = left.y + s(202)
        if self.facilitator:
            about_y = self.build_facilitation(left, left.y + s(200))
        desc = [
            [Span(sc.title, "text", True, 16)],
            [Span(sc.description.strip(), "text_dim", False, 13)],
            [
                Span(
                    f"{sc.turns} turns of {sc.calendar.months_per_turn} months from {sc.date_label(1)}.",
                    "text_dim",
                    False,
                    13,
                )
            ],
        ]
        if self.variant:
            v = sc.variants[self.variant]
            desc += [
                [],
                [Span(f"Variant: {v.name}", "accent", True, 14)],
                [Span(v.description.strip(), "text_dim", False, 13)],
            ]
        self.add(
            RichText(
                self.ctx, pygame.Rect(left.x, about_y, left.w, left.bottom - about_y), desc, title="About this scenario"
            )
        )
        # seats
        row_h = s(88)
        y = right.y + s(30)
        self.seat_rows = []
        for a in sc.actors:
            ch = self.seats[a]
            r = pygame.Rect(right.x, y, right.w, row_h - s(10))
            self.seat_rows.append((a, r))
            bx = r.x + s(150)
            bw = (r.right - bx - s(16)) // 2
            self.cycler(
                (bx, r.y + s(6), bw, s(34)),
                "",
                [True, False],
                ch.human,
                self.seat_setter(a, "human"),
                labels=lambda v: "Played by a person" if v else "Played by the AI",
            )
            if ch.human and self.facilitator:  # who acts for the seat when its time runs out
                self.cycler(
                    (bx + bw + s(8), r.y + s(6), bw, s(34)),
                    "Stand-in: ",
                    list(STAND_INS),
                    ch.stand_in,
                    self.seat_setter(a, "stand_in"),
                    labels=lambda v: "none" if v == "none" else KIND_TEXT[v],
                    tooltip="When the phase's time runs out before this seat has decided: no orders "
                    "(none), or an AI decides in its place",
                )
            else:
                self.cycler(
                    (bx + bw + s(8), r.y + s(6), bw, s(34)),
                    "",
                    list(AI_KINDS),
                    ch.kind,
                    self.seat_setter(a, "kind"),
                    labels=lambda v: KIND_TEXT[v],
                    enabled=not ch.human,
                    tooltip="Heuristic: a negotiator that weighs its objectives. Search: Monte Carlo tree "
                    "search over sampled worlds (stronger, slower). Random: legal moves at random.",
                )
            kind = ch.stand_in if ch.human and self.facilitator else ch.kind
            ai_opts = (not ch.human or self.facilitator) and kind not in ("random", "none")
            self.cycler(
                (bx, r.y + s(44), bw, s(34)),
                "",
                self.personality_names[a],
                ch.personality,
                self.seat_setter(a, "personality"),
                labels=lambda v: "Style: " + v.replace("_", " "),
                enabled=ai_opts,
                tooltip="Personality: the AI's leanings, from the scenario",
            )
            self.cycler(
                (bx + bw + s(8), r.y + s(44), bw, s(34)),
                "",
                list(DIFFICULTIES),
                ch.difficulty,
                self.seat_setter(a, "difficulty"),
                labels=lambda v: "Level: " + v.capitalize(),
                enabled=ai_opts,
                tooltip="Difficulty: how carefully the AI reads the situation",
            )
            y += row_h
        self.button(
            (box.right - s(260), box.bottom - s(62), s(240), s(44)),
            "Start game  [Ctrl+Enter]",
            self.start,
            object_id="#primary",
        )
        self.button((box.x + s(20), box.bottom - s(62), s(160), s(44)), "Back  [Esc]", self.back)
        self.shortcut(pygame.K_RETURN, "start the game", self.start, pygame.KMOD_CTRL)
        if self.focus.index is None:
            self.focus.set(0)

    def build_facilitation(self, left: pygame.Rect, y: int) -> int:
        """The white cell's options under the toggle; returns where the next block may start."""
        s = self.s
        x = left.x + s(170)
        self.pin_entry = self.entry((x, y, left.right - x, s(36)), self.pin, allowed="numbers", limit=PIN_DIGITS[1])
        self.pin_entry.set_text_hidden(True)
        self.minutes_entry = self.entry((x, y + s(44), s(80), s(36)), str(self.minutes), allowed="numbers", limit=3)
        n = len(self.chosen.msel)
        own = f"the scenario's own ({n})" if n else "none"
        files = [""] + self.msel_files
        typed = self.msel if self.msel not in files else ""
        self.cycler(
            (left.x, y + s(88), left.w, s(36)),
            "MSEL: ",
            files,
            "" if typed else self.msel,
            self.set_msel,
            labels=lambda v: v or own,
            tooltip=f"The master scenario events list (the injects) to run: the scenario's own, a file "
            f"of {MSEL_DIR.name}/, or any YAML or CSV file typed below",
        )
        self.msel_entry = self.entry((x, y + s(132), left.right - x, s(36)), typed, limit=400)
        self.facilitation_labels = [
            ("White cell PIN", y + s(18)),
            ("Minutes per phase", y + s(62)),
            ("or a MSEL file", y + s(150)),
        ]
        return y + s(180)

    # ------------------------------------------------------------------ changes
    def _read_seed(self) -> None:
        """Keep what is typed in the entries before a rebuild makes them anew."""
        self.error = ""
        try:
            self.seed = int(self.seed_entry.get_text() or "0")
        except (ValueError, AttributeError):
            pass
        if self.facilitator and getattr(self, "pin_entry", None) is not None and self.pin_entry.alive():
            self.pin = self.pin_entry.get_text()
            self.minutes = min(MAX_MINUTES, int(self.minutes_entry.get_text() or "0"))
            typed = self.msel_entry.get_text().strip()
            if typed or self.msel not in self.msel_files:
                self.msel = typed

    def set_scenario(self, i: int) -> None:
        self._read_seed()
        self.index = i
        self._load()
        self.rebuild()

    def set_variant(self, v) -> None:
        self._read_seed()
        self.variant = v
        self.rebuild()

    def seat_setter(self, actor: Actor, setting: str) -> Callable[[Any], None]:
        """A cycler's ``on_change``: the value it steps to becomes ``actor``'s seat ``setting``."""
        return lambda value: self.set_seat(actor, **{setting: value})

    def set_seat(self, actor: Actor, **kw) -> None:
        self._read_seed()
        self.seats[actor] = dataclasses.replace(self.seats[actor], **kw)
        self.rebuild()

    def set_facilitator(self, v: bool) -> None:
        self._read_seed()
        self.facilitator = v
        self.rebuild()

    def set_msel(self, v: str) -> None:
        self._read_seed()
        self.msel = v
        self.msel_entry.set_text("")
        self.rebuild()

    def reroll(self) -> None:
        self.seed = random.randrange(1, 100000)
        self.rebuild()

    def back(self) -> None:
        self.app.pop(self)

    def seat_config(self) -> dict[Actor, Seat]:
        return {a: Seat(a, ch.human, ch.spec()) for a, ch in self.seats.items()}

    def facilitation(self) -> Facilitation | None:
        """The white cell's setup, or None when the game is not facilitated; raises ValueError (one
        line) when it cannot be used."""
        if not self.facilitator:
            return None
        problem = pin_problem(self.pin)
        if problem:
            raise ValueError(problem)
        injects: Sequence[InjectSpec] = self.chosen.msel
        if self.msel:  # a MSEL file, read through game.boundary and checked against the scenario
            path = MSEL_DIR / self.msel if self.msel in self.msel_files else Path(self.msel).expanduser()
            try:
                injects = load_msel(path, self.chosen)
            except ScenarioError as exc:
                raise ValueError(str(exc).splitlines()[0]) from None
        # an AI seat stands in for itself (a phase closed while it thinks gets its own decision)
        stand_ins = {a: ch.stand_in_spec() if ch.human else ch.spec() for a, ch in self.seats.items()}
        setup = control_setup(injects, self.minutes, {a: s for a, s in stand_ins.items() if s})
        return Facilitation(hash_pin(self.pin), setup)

    def start(self) -> None:
        self._read_seed()
        try:
            facilitation = self.facilitation()
        except ValueError as exc:
            self.error = str(exc)
            return
        self.pin = ""
        self.app.settings = dataclasses.replace(
            self.app.settings, last_scenario=self.options[self.index][0], last_setup=self.remembered()
        )
        if self.app.persist_settings:
            try:
                save_settings(self.app.settings)
            except OSError:
                pass
        try:
            navigation.start_game(
                self.app,
                self.chosen,
                self.seed,
                self.variant,
                self.seat_config(),
                scenario_ref=self.scenario_ref,
                facilitation=facilitation,
            )
        except ValueError as exc:  # the MSEL file cannot be used: said here, nothing lost
            self.error = str(exc)

    # ------------------------------------------------------------------ drawing
    def draw(self, surf) -> None:
        ctx, s = self.ctx, self.s
        surf.fill(ctx.pal.bg)
        box = self.box
        pygame.draw.rect(surf, ctx.pal.panel, box, border_radius=s(6))
        pygame.draw.rect(surf, ctx.pal.panel_border, box, 1, border_radius=s(6))
        draw_text(surf, ctx, "New game", (box.x + s(20), box.y + s(18)), size=22, bold=True)
        if not self.options:
            draw_text(surf, ctx, "No scenarios found in scenarios/.", (box.x + s(20), box.y + s(80)), size=15)
            return
        draw_text(surf, ctx, "Seed", (self.left.x, self.left.y + s(120)), size=14, anchor="midleft")
        if self.facilitator:
            for text, y in self.facilitation_labels:
                draw_text(surf, ctx, text, (self.left.x, y), size=14, anchor="midleft")
        if self.error:
            draw_text(
                surf,
                ctx,
                self.error,
                (box.centerx, box.bottom - s(40)),
                size=14,
                color="bad",
                bold=True,
                anchor="center",
                max_width=box.w - s(560),
            )
        draw_text(
            surf,
            ctx,
            "Seats: who plays each country",
            (self.right.x, self.right.y),
            size=14,
            bold=True,
            color="text_dim",
        )
        humans = sum(1 for c in self.seats.values() if c.human)
        mode = {0: "All AI: watch the game play out", 1: "Solo against the AI"}.get(
            humans, f"Hot-seat: {humans} people share this screen"
        )
        draw_text(surf, ctx, mode, (self.right.right, self.right.y), size=13, color="accent", anchor="topright")
        for a, r in self.seat_rows:
            pygame.draw.rect(surf, ctx.pal.panel_alt, r, border_radius=s(4))
            pygame.draw.rect(surf, ctx.pal.actor(a), (r.x, r.y, s(5), r.h), border_radius=s(2))
            draw_text(surf, ctx, actor_name(a), (r.x + s(16), r.y + s(10)), size=17, bold=True, max_width=s(130))
            if ACTOR_NATIVE_NAMES[a] != actor_name(a):
                draw_text(
                    surf,
                    ctx,
                    ACTOR_NATIVE_NAMES[a],
                    (r.x + s(16), r.y + s(40)),
                    size=14,
                    color=ctx.pal.actor(a),
                    max_width=s(130),
                    shrink=0.65,
                )
