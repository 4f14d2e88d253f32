"""The order log's entries and the turn records: what a Match records of a game (a seat's submission, a
white-cell act, a memo), in the form saves, replays, reports and the lab read. Pydantic models, kept apart
from ``match.py``, which is compiled (game/native.py) and may not define models with methods."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Tag

from ..model.base import Frozen
from ..model.control import ControlEntry, NoteEntry
from ..model.ids import PROPOSE, RESPOND, Actor, Phase
from ..model.orders import ActionOrder, Order, ProposeOrder, RespondOrder, Submission


class LogEntry(Frozen):
    """One submission: the phase, who, and what. The log replays the game exactly."""

    turn: int
    phase: Phase
    actor: Actor
    proposals: tuple[ProposeOrder, ...] = ()
    responses: tuple[RespondOrder, ...] = ()
    orders: tuple[ActionOrder, ...] = ()
    rationale: str = ""

    @classmethod
    def of(cls, turn: int, submission: Submission) -> LogEntry:
        """The log entry of a validated submission (its orders' kinds are checked by rules.turn.submit
        before the entry is recorded; a save's entries are validated when it is read)."""
        phase, orders = submission.phase, submission.orders
        proposing, responding = phase is PROPOSE, phase is RESPOND
        return _log_entry(
            {  # a dict display, not keyword arguments (model/base.py: from_fields)
                "turn": turn,
                "phase": phase,
                "actor": submission.actor,
                "proposals": orders if proposing else (),
                "responses": orders if responding else (),
                "orders": () if proposing or responding else orders,
                "rationale": submission.rationale,
            }
        )

    def submission(self) -> Submission:
        by_phase: dict[Phase, tuple[Order, ...]] = {Phase.PROPOSE: self.proposals, Phase.RESPOND: self.responses}
        orders = by_phase.get(self.phase, self.orders)
        return Submission(actor=self.actor, phase=self.phase, orders=orders, rationale=self.rationale)

    @property
    def seat(self) -> str:
        return self.actor.value


_log_entry = LogEntry.from_fields  # module globals: a read from a model class is slow (model/base.py)


def _entry_kind(entry: object) -> str:
    """Which of the log's entries ``entry`` is: a seat's submission has no ``kind`` (its entries were
    written before the white cell's, and stay as they were)."""
    kind = entry.get("kind") if isinstance(entry, dict) else getattr(entry, "kind", None)
    return kind if kind in ("control", "note") else "seat"


# One entry of the order log: a seat's submission, a white-cell act, or a seat's memo or question.
AnyEntry = Annotated[
    Union[Annotated[LogEntry, Tag("seat")], Annotated[ControlEntry, Tag("control")], Annotated[NoteEntry, Tag("note")]],
    Discriminator(_entry_kind),
]


class TurnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)
    turn: int
    hash: str  # state hash at the start of the next turn (after resolution)
    date: str


def entry_rationales(entry: AnyEntry) -> list[tuple[Actor, str]]:
    """The AI's stated reasons in one log entry: a seat's own, or those of the AI stand-ins a closed phase
    gave to the seats that had not acted."""
    if isinstance(entry, LogEntry):
        return [(entry.actor, entry.rationale)] if entry.rationale else []
    if isinstance(entry, ControlEntry) and entry.act.kind == "close":
        return [(s.actor, s.rationale) for s in entry.act.stand_ins if s.rationale]
    return []
