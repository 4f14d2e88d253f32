"""The white cell: a control seat beside the five countries, and what it keeps in the game.

A facilitated game has a ``ControlSetup`` (its MSEL of injects, the phase clocks, the AI stand-ins of
seats that run out of time, whether orders wait for the white cell's review). The control seat acts by
``ControlSubmission``s (one ``ControlAct`` each, with a reason); players add ``SeatNote``s (a team memo,
a request for information). All three go through the one phase machine (``rules.turn.submit``) and into
the one order log (``ControlEntry``, ``NoteEntry`` beside the engine's ``LogEntry``), so a save replays
them and ``replay --verify`` checks them. The game's control part (``ControlState``, in
``GameState.control``) holds the setup and everything the acts changed: which injects fired, were
skipped or held, this turn's rulings, the changes made since the last resolution, every act in words,
the RFIs and the memos. A game without a white cell has ``GameState.control = None`` and plays (and
hashes) exactly as before.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, StringConstraints, model_validator

from .base import Frozen
from .ids import Actor, Name, Phase, Text
from .log import MeterChange
from .orders import Submission
from .scenario import InjectSpec

CONTROL: Literal["control"] = "control"  # the white cell's seat: never one of the countries
MAX_CLOCK_SECONDS = 24 * 3600
MAX_NOTE = 2000  # characters of a memo, a question, an answer or a reason

Turn = Annotated[int, Field(ge=1, le=100)]  # as a scenario's turn count


class ControlSetup(Frozen):
    """How a facilitated game was set up; saved with the game (the MSEL file need not be kept). The
    stand-ins' seat specs are checked by the AI's registry when a save is opened (``persist``) and when a
    phase is closed (``ai.runner.close_phase``): the rules below the AI cannot read them."""

    msel: tuple[InjectSpec, ...] = ()
    clocks: dict[Phase, Annotated[int, Field(ge=0, le=MAX_CLOCK_SECONDS)]] = {}  # seconds per phase; none: no limit
    stand_ins: dict[Actor, Annotated[str, StringConstraints(min_length=1, max_length=200)]] = {}  # AI seat specs
    review_orders: bool = True  # the turn resolves only when the white cell accepts the sealed orders


def white_cell(reason: str) -> str:
    """The cause (and label) in the ledger of every change a control act makes."""
    return f"White cell: {reason}"


# --------------------------------------------------------------------------- control acts
class ReleaseInject(Frozen):
    """Fire a held or scheduled inject now."""

    kind: Literal["release"] = "release"
    inject: Name


class SkipInject(Frozen):
    kind: Literal["skip"] = "skip"
    inject: Name


class HoldInject(Frozen):
    """Keep a scheduled inject from firing until it is released."""

    kind: Literal["hold"] = "hold"
    inject: Name


class DelayInject(Frozen):
    """Move a scheduled or held inject to a later turn and phase."""

    kind: Literal["delay"] = "delay"
    inject: Name
    turn: Turn
    phase: Phase = Phase.PROPOSE


class AdHocInject(Frozen):
    """An inject written in play; it fires at once (its turn, if any, is ignored)."""

    kind: Literal["inject"] = "inject"
    inject: InjectSpec


class CancelOrder(Frozen):
    """Adjudication before resolution: a sealed order does not happen (its capital is not spent)."""

    kind: Literal["cancel"] = "cancel"
    actor: Actor
    action: Name


class RuleChance(Frozen):
    """Adjudication before resolution: an order's (or event's) chance roll gives this outcome (``force``;
    ``outcome`` None: nothing further happens), or never this one (``forbid``: nothing happens instead)."""

    kind: Literal["chance"] = "chance"
    cause: Annotated[str, StringConstraints(max_length=200)]  # "ACTOR:action" or "event:id", as in the ledger
    ruling: Literal["force", "forbid"]
    outcome: Annotated[int, Field(ge=0, le=50)] | None = None  # index into the action's chance outcomes


class RuleDetection(Frozen):
    """Adjudication before resolution: hidden activity at ``site`` is found this turn by ``by``
    (``force``), or by nobody (``suppress``; or not by ``by`` when given)."""

    kind: Literal["detection"] = "detection"
    site: Name
    ruling: Literal["force", "suppress"]
    by: Actor | None = None

    @model_validator(mode="after")
    def _force_names_a_detector(self) -> "RuleDetection":
        if self.ruling == "force" and self.by is None:
            raise ValueError("a forced detection names who finds it (by)")
        return self


class CorrectMeter(Frozen):
    """Adjudication after resolution: move a public meter by ``delta`` (the change carries the reason)."""

    kind: Literal["correct"] = "correct"
    meter: str
    delta: float = Field(ge=-1000, le=1000, allow_inf_nan=False)


class ResolveTurn(Frozen):
    """Accept this turn's sealed orders (as adjudicated): the turn resolves."""

    kind: Literal["resolve"] = "resolve"


class ClosePhase(Frozen):
    """Close the current phase now (``expired``: its clock ran out; otherwise the white cell forces it).
    Each seat that has not acted gets its AI stand-in's submission, given here, or none (no proposals, every
    offer rejected, no orders). The stand-ins' submissions are computed when the act is made and logged
    with it, so a replay needs neither the clock nor the AI."""

    kind: Literal["close"] = "close"
    expired: bool = False
    stand_ins: tuple[Submission, ...] = ()


class SetClock(Frozen):
    """Change a phase's time limit (0: no limit)."""

    kind: Literal["clock"] = "clock"
    phase: Phase
    seconds: Annotated[int, Field(ge=0, le=MAX_CLOCK_SECONDS)]


class PauseClock(Frozen):
    kind: Literal["pause"] = "pause"
    paused: bool = True  # False: resume


class AnswerRfi(Frozen):
    """Answer a request for information: a private cable to the seat that asked."""

    kind: Literal["answer"] = "answer"
    rfi: Annotated[str, StringConstraints(pattern=r"^R[0-9]{1,5}$")]
    text: Annotated[Text, StringConstraints(min_length=1, max_length=MAX_NOTE)]


ControlAct = Annotated[
    Union[
        ReleaseInject,
        SkipInject,
        HoldInject,
        DelayInject,
        AdHocInject,
        CancelOrder,
        RuleChance,
        RuleDetection,
        CorrectMeter,
        ResolveTurn,
        ClosePhase,
        SetClock,
        PauseClock,
        AnswerRfi,
    ],
    Field(discriminator="kind"),
]

ADJUDICATIONS = frozenset({"cancel", "chance", "detection", "correct"})  # acts that need a reason


class ControlSubmission(Frozen):
    """One act of the white cell, with its reason (required for an adjudication)."""

    seat: Literal["control"] = CONTROL
    act: ControlAct
    reason: Annotated[Text, StringConstraints(max_length=MAX_NOTE)] = ""


class SeatNote(Frozen):
    """A player's note outside the phases: a team memo for this turn (why it chose what it chose; a new one
    replaces the seat's memo of the turn) or a request for information to the white cell."""

    actor: Actor
    note: Literal["memo", "rfi"]
    text: Annotated[Text, StringConstraints(min_length=1, max_length=MAX_NOTE)]


# --------------------------------------------------------------------------- the log
class ControlEntry(Frozen):
    """A control act in the order log."""

    kind: Literal["control"] = "control"
    turn: int
    phase: Phase
    act: ControlAct
    reason: str = ""

    def submission(self) -> ControlSubmission:
        return ControlSubmission(act=self.act, reason=self.reason)

    @property
    def seat(self) -> str:
        return CONTROL


class NoteEntry(Frozen):
    """A seat's memo or request for information in the order log."""

    kind: Literal["note"] = "note"
    turn: int
    phase: Phase
    actor: Actor
    note: Literal["memo", "rfi"]
    text: str

    def submission(self) -> SeatNote:
        return SeatNote(actor=self.actor, note=self.note, text=self.text)

    @property
    def seat(self) -> str:
        return self.actor.value


# --------------------------------------------------------------------------- the game's control part
InjectStatus = Literal["scheduled", "held", "fired", "skipped"]


class InjectState(Frozen):
    """Where one inject of the MSEL stands (its turn and phase as delayed)."""

    id: str
    status: InjectStatus
    turn: int | None = None
    phase: Phase = Phase.PROPOSE
    fired_turn: int | None = None


class ControlRecord(Frozen):
    """One control act in words, for the console, the debrief and the report."""

    turn: int
    phase: Phase
    kind: str  # the act's kind
    text: str  # what was done
    reason: str = ""

    @property
    def adjudication(self) -> bool:
        return self.kind in ADJUDICATIONS


class Rfi(Frozen):
    """A seat's request for information, and the white cell's answer once given."""

    id: str  # R1, R2, ...
    turn: int
    actor: Actor
    question: str
    answer: str = ""
    answered_turn: int | None = None


class Memo(Frozen):
    turn: int
    actor: Actor
    text: str


class ChanceRuling(Frozen):
    ruling: Literal["force", "forbid"]
    outcome: int | None = None
    reason: str = ""


class DetectionRuling(Frozen):
    site: str
    ruling: Literal["force", "suppress"]
    by: Actor | None = None
    reason: str = ""


class ControlState(Frozen):
    """A facilitated game's control part (``GameState.control``): hashed and saved with the state, and
    copied into no Observation (``PublicFacts.clock`` is its one public part)."""

    setup: ControlSetup
    injects: tuple[InjectState, ...] = ()  # one per MSEL row and ad-hoc inject, in order
    adhoc: tuple[InjectSpec, ...] = ()  # injects written in play
    clocks: dict[Phase, int] = {}  # the phase clocks as now set (the setup's, changed in play)
    paused: bool = False
    chance: dict[str, ChanceRuling] = {}  # this turn's chance rulings, by cause
    detections: tuple[DetectionRuling, ...] = ()  # this turn's detection rulings
    carried: tuple[MeterChange, ...] = ()  # changes made by control acts since the last resolution: the
    # next resolution's ledger shows them, so a meter's change is always explained by its causes
    record: tuple[ControlRecord, ...] = ()
    rfis: tuple[Rfi, ...] = ()
    memos: tuple[Memo, ...] = ()

    def inject(self, inject_id: str) -> InjectSpec:
        for spec in (*self.setup.msel, *self.adhoc):
            if spec.id == inject_id:
                return spec
        raise KeyError(inject_id)

    def inject_state(self, inject_id: str) -> InjectState:
        for st in self.injects:
            if st.id == inject_id:
                return st
        raise KeyError(inject_id)

    def memo(self, turn: int, actor: Actor) -> str:
        return next((m.text for m in self.memos if m.turn == turn and m.actor is actor), "")

    @property
    def adjudications(self) -> tuple[ControlRecord, ...]:
        return tuple(r for r in self.record if r.adjudication)
