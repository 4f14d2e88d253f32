"""A game in progress as the UI sees it: the Match, who sits in each seat, and a worker that lets AI
seats act between human inputs.

Every change to the Match happens here, one ``model.orders.Submission`` at a time through
``Match.submit`` (the rules' one phase machine): human orders through ``submit``, AI moves through
``Controller.act`` (the same calls as ``game.ai.runner.step``, with the thinking done outside the lock so
the window stays responsive). Scenes read ``observe()`` and the turn reports.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from pydantic import ValidationError

from ..ai.registry import build_controller
from ..ai.runner import close_phase, decision_inputs
from ..engine import Match
from ..engine.entries import LogEntry
from ..model.control import ControlSubmission, SeatNote
from ..model.ids import Actor, Phase
from ..model.log import MeterChange, NewsItem
from ..model.observation import Observation
from ..model.orders import Submission
from ..persist import Autosaver, GameInfo
from ..rules.control import awaiting_control
from ..rules.turn import start_state
from ..views import rules_view
from ..views.white_cell import seat_notes
from .whitecell import Facilitation, PhaseClock, PinGate, problem_text

if TYPE_CHECKING:  # for the annotation only: public_view imports it where it is used
    from .public import NobodyView


@dataclass(frozen=True)
class Seat:
    actor: Actor
    human: bool
    spec: str = "random"  # the AI controller spec when not human

    def label(self) -> str:
        if self.human:
            return "Human"
        parts = self.spec.split(":")
        return "AI " + " / ".join(parts[1:] or parts)


@dataclass(frozen=True)
class TurnReport:
    """What a resolved turn produced (all audiences; scenes filter by who is looking)."""

    turn: int
    date: str
    news: tuple[NewsItem, ...]
    changes: tuple[MeterChange, ...]
    before: dict[str, float]
    after: dict[str, float]
    ended: bool


@dataclass(frozen=True)
class Standing:
    """One objective term of a seat: its weight and how far it is met now (0..1; None: not knowable)."""

    label: str
    weight: float
    value: float | None
    metric: str = ""


class Session:
    def __init__(
        self,
        match: Match,
        seats: dict[Actor, Seat],
        *,
        threaded: bool = True,
        ai_delay: float = 0.0,
        on_turn: Callable[["Session", TurnReport], None] | None = None,
        name: str = "",
        facilitation: Facilitation | None = None,
    ):
        self.match = match
        self.seats = {a: seats.get(a, Seat(a, False)) for a in match.scenario.actors}
        self.rules = rules_view(match.scenario, match.variant)
        self.controllers = {a: build_controller(s.spec, a, self.rules) for a, s in self.seats.items() if not s.human}
        self.threaded = threaded
        self.ai_delay = ai_delay
        self.on_turn = on_turn
        self.name = name
        self.info: GameInfo | None = None  # the scenario file, seats and game id saves record
        self.autosaver: Autosaver | None = None
        self.whitecell = facilitation  # a facilitated game: the white cell's console, behind its PIN
        self.pin_gate = PinGate(facilitation.pin_hash) if facilitation is not None else None
        self.clock = PhaseClock()  # the current phase's time, on the UI's wall clock
        self.version = 0
        self.reports: list[TurnReport] = []
        self.shown_turns = 0  # reports the UI has shown; the worker waits for it to catch up
        self.error: str | None = None
        self.thinking: Actor | None = None
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._stop = False
        self._history_seen = match.turns_resolved
        self.start_meters = dict(start_state(match.scenario, match.variant, match.dice).meters)
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._run, name="armistice-ai", daemon=True)
            self._thread.start()

    # ----------------------------------------------------------------- reading
    @property
    def humans(self) -> list[Actor]:
        return [a for a, s in self.seats.items() if s.human]

    @property
    def hot_seat(self) -> bool:
        return len(self.humans) > 1

    def observe(self, actor: Actor | None) -> Observation:
        with self._lock:
            return self.match.observe(actor)

    def snapshot(self) -> tuple[int, list[Actor], Phase, int, bool]:
        """(version, pending actors, phase, turn, over), read consistently."""
        with self._lock:
            m = self.match
            return self.version, m.pending(), m.phase, m.state.turn, m.over

    def pending_humans(self) -> list[Actor]:
        with self._lock:
            return [a for a in self.match.pending() if self.seats[a].human]

    def pending_ai(self) -> list[Actor]:
        with self._lock:
            return [a for a in self.match.pending() if not self.seats[a].human]

    def waiting_for_ui(self) -> bool:
        return self.shown_turns < len(self.reports)

    def public_view(self) -> NobodyView:
        from .public import public_view_of

        with self._lock:
            return public_view_of(self.match)

    def action_status(self, actor: Actor) -> dict[str, str | None]:
        """For each of ``actor``'s actions, why it may not be ordered now (budget aside), or None."""
        from ..rules.legality import unavailable_because

        with self._lock:
            st, sc = self.match.state, self.match.scenario
            return {spec.id: unavailable_because(st, actor, spec, sc.turns) for spec in sc.actions_by_actor[actor]}

    # the objective metrics that read public fields only (meters, trust, the outcome): a seat may be told
    # their value as the rules compute it; "denuclearization" and "arsenal" read the hidden program
    PUBLIC_METRICS = {"no_war", "peace_regime", "sanctions_relief", "us_presence", "trust_dprk"}

    def standing(self, viewer: Actor) -> list[Standing]:
        """``viewer``'s objectives and where it stands on each now, as far as it may know: the rules'
        own value of every term that reads public fields (every term, for North Korea, whose secret
        the program is); None for a term that reads the hidden program."""
        from ..rules.scoring import term_value

        with self._lock:
            st, sc = self.match.state, self.match.scenario
            out = []
            for t in sc.objectives.get(viewer, []):
                known = viewer is Actor.DPRK or t.meter is not None or t.metric in self.PUBLIC_METRICS
                v = max(0.0, min(1.0, term_value(t, st, sc, viewer))) if known else None
                out.append(
                    Standing(t.label, abs(t.weight), None if v is None else (1 - v if t.invert else v), t.metric or "")
                )
            return out

    def answer_note(self, proposal_id: str) -> str | None:
        """The answering seat's own note on its answer to ``proposal_id`` (an AI's rationale is one
        note per answer, joined with "; " in the order of its answers), or None. Callers show only
        its public part (``dealcheck.public_reason``), and only to the proposer once answered."""
        with self._lock:
            for entry in reversed(self.match.log):
                if not isinstance(entry, LogEntry):
                    continue  # white-cell entries answer no proposal
                ids = [r.proposal_id for r in entry.responses]
                if proposal_id in ids:
                    notes = entry.rationale.split("; ")
                    return notes[ids.index(proposal_id)] if len(notes) == len(ids) else None
        return None

    def with_match(self, fn):
        """Run ``fn(match)`` under the lock (saving, debrief replays)."""
        with self._lock:
            return fn(self.match)

    # ----------------------------------------------------------------- acting
    # a human seat's kind of submission -> the phase it answers (either answer phase takes RESPOND)
    SUBMISSION_PHASES = {"propose": Phase.PROPOSE, "respond": Phase.RESPOND, "order": Phase.ORDERS}

    def submit(self, actor: Actor, kind: str, orders: list) -> str | None:
        """Apply a human seat's submission now (``kind``: propose, respond or order). Returns None, or
        the rule it broke."""
        if self.seats[actor].human is False:
            return f"{actor.value} is an AI seat"
        if kind not in self.SUBMISSION_PHASES:
            return f"unknown submission kind {kind!r}"
        return self._enter(Submission(actor=actor, phase=self.SUBMISSION_PHASES[kind], orders=tuple(orders)))

    def _enter(self, submission) -> str | None:
        """Hand ``submission`` to the Match now; None, or the rule it broke."""
        with self._lock:
            try:
                self.match.submit(submission)
            except ValueError as exc:  # IllegalOrder is a ValueError
                return str(getattr(exc, "rule", exc))
            self._after_change()
            self._wake.notify_all()
        return None

    def mark_shown(self, turns: int) -> None:
        with self._lock:
            self.shown_turns = max(self.shown_turns, turns)
            self._wake.notify_all()

    def _after_change(self) -> None:
        self.version += 1
        m = self.match
        if self._history_seen == m.turns_resolved:
            return
        records = m.turns
        while self._history_seen < len(records):
            record = records[self._history_seen]
            self._history_seen += 1
            st = m.state
            hist = st.history
            after = dict(hist[record.turn - 1]) if len(hist) >= record.turn else dict(st.meters)
            before = (
                dict(hist[record.turn - 2])
                if record.turn >= 2 and len(hist) >= record.turn - 1
                else dict(self.start_meters)
            )
            report = TurnReport(
                turn=record.turn,
                date=record.date,
                news=tuple(n for n in st.news if n.turn == record.turn),
                changes=tuple(st.changes),
                before=before,
                after=after,
                ended=m.over and self._history_seen == len(records),
            )
            self.reports.append(report)
            if self.on_turn is not None:
                try:
                    self.on_turn(self, report)
                except Exception:  # an autosave failure must not stop the game
                    self.error = "autosave failed: " + traceback.format_exc(limit=1).strip().splitlines()[-1]

    # ----------------------------------------------------------------- the white cell
    def control_state(self):
        """The game's control part (``model.control.ControlState``), or None in a game without a white cell."""
        with self._lock:
            return self.match.state.control

    def control(self, act, reason: str = "") -> str | None:
        """Enter an act of the white cell (``model.control.ControlAct``) with its reason; None, or why
        the rules refused it."""
        return self._enter(ControlSubmission(act=act, reason=reason))

    def note(self, actor: Actor, kind: str, text: str) -> str | None:
        """A human seat's team memo (``kind`` "memo") or question to the white cell ("rfi")."""
        if not self.seats[actor].human:
            return f"{actor.value} is an AI seat"
        try:
            note = SeatNote(actor=actor, note=kind, text=text)
        except ValidationError as exc:
            return problem_text(exc)
        return self._enter(note)

    def seat_notes(self, actor: Actor) -> tuple[str, list]:
        """``actor``'s memo of this turn and its requests for information with the answers so far, as
        the views let the seat see them (``views.white_cell``)."""
        with self._lock:
            notes, turn = seat_notes(self.match.state, actor), self.match.state.turn
        return next((m.text for m in notes.memos if m.turn == turn), ""), list(notes.rfis)

    def set_pin(self, pin_hash: str) -> None:
        """Give the console a PIN (a facilitated game set up outside the UI has none); saves keep its hash."""
        if self.whitecell is None:
            raise ValueError("only a facilitated game has a console PIN")
        self.whitecell = dataclasses.replace(self.whitecell, pin_hash=pin_hash)
        self.pin_gate = PinGate(pin_hash)
        if self.info is not None:
            self.info = dataclasses.replace(self.info, pin_hash=pin_hash)
            if self.autosaver is not None:
                self.autosaver.info = self.info

    def awaiting_review(self) -> bool:
        """Every seat has given its orders and the turn waits for the white cell to accept them."""
        with self._lock:
            return awaiting_control(self.match.state)

    def stand_in(self, actor: Actor) -> str | None:
        """The AI spec that decides for ``actor`` when its phase is closed before it has, or None."""
        cs = self.control_state()
        return cs.setup.stand_ins.get(actor) if cs is not None else None

    # ----------------------------------------------------------------- the phase clock
    def phase_seconds(self, phase: Phase) -> int:
        """The time limit of ``phase`` as the white cell has set it (0: no limit)."""
        cs = self.control_state()
        return cs.clocks.get(phase, 0) if cs is not None else 0

    def clock_paused(self) -> bool:
        cs = self.control_state()
        return cs is not None and cs.paused

    def clock_limit(self) -> float | None:
        """Seconds the current phase may take, or None when it has no clock."""
        seconds = self.phase_seconds(self.snapshot()[2])
        return float(seconds) if seconds else None

    def clock_remaining(self) -> float | None:
        """Seconds left in the current phase (None: no clock)."""
        with self._lock:
            self.clock.follow((self.match.state.turn, self.match.phase))
        return self.clock.remaining(self.clock_limit())

    def tick_clock(self, dt: float) -> None:
        """Advance the current phase's clock by ``dt`` seconds of wall time (every frame, whatever
        screen shows). It stands still while paused (a logged control act), while the UI shows a
        resolution, while the turn waits for the white cell, and once the game is over. When the time
        runs out, the expiry is entered as a control act: the log, never the wall clock, is what replays.
        The wait after wrong PINs counts down here too, whatever screen shows."""
        if self.pin_gate is not None:
            self.pin_gate.tick(dt)
        with self._lock:
            m = self.match
            if m.state.control is None or m.over or self.waiting_for_ui() or awaiting_control(m.state):
                return
            self.clock.follow((m.state.turn, m.phase))
            self.clock.paused = m.state.control.paused
        if self.clock.tick(dt, self.clock_limit()):
            error = self.expire_phase()
            if error:
                self.error = f"the phase's time ran out, but closing it failed: {error}"

    def expire_phase(self, expired: bool = True) -> str | None:
        """Close the current phase (``expired``: its time ran out; else the white cell forces it) with
        the rules' own ``ai.runner.close_phase``: each seat that has not acted and has a stand-in gets
        that AI's decision, made now from the seat's Observation and logged with the act; the others get
        none. Returns None, or why the rules refused."""
        with self._lock:
            try:
                close_phase(self.match, expired)
            except ValueError as exc:
                return str(exc)
            self._after_change()
            self._wake.notify_all()
        return None

    # ----------------------------------------------------------------- AI seats
    def _next_ai(self):
        """The next AI seat to act and what it needs, or None. Caller holds the lock."""
        m = self.match
        if m.over or self.waiting_for_ui():
            return None
        for actor in m.pending():
            if actor in self.controllers:
                return (actor, m.phase, m.state.turn, *decision_inputs(m, actor))
        return None

    def step_ai(self) -> bool:
        """One AI seat acts once (synchronously). False when none can."""
        with self._lock:
            job = self._next_ai()
            if job is None:
                return False
            actor, phase, turn, obs, legal, rng = job
            self.thinking = actor
        submission = self.controllers[actor].act(obs, legal, rng)
        with self._lock:
            self.thinking = None
            if self.match.phase is phase and self.match.state.turn == turn and actor in self.match.pending():
                self.match.submit(submission)
                self._after_change()
        return True

    def tick(self) -> None:
        """Called by scenes every frame: without a worker thread, AI seats act here."""
        if not self.threaded and not self._stop:
            self.pump()

    def pump(self, max_steps: int = 1000) -> int:
        """Synchronous mode: let AI seats act until a human must act, the UI must show a turn, or the
        game ends. Returns the number of AI moves."""
        n = 0
        while n < max_steps and self.step_ai():
            n += 1
        return n

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._stop and self._next_ai() is None:
                    self._wake.wait(0.25)
                if self._stop:
                    return
            try:
                self.step_ai()
            except Exception:
                self.error = traceback.format_exc(limit=3)
                with self._lock:
                    self._stop = True
                return
            if self.ai_delay:
                time.sleep(self.ai_delay)

    def close(self) -> None:
        with self._lock:
            self._stop = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=2)
