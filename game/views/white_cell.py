"""What a seat may see of a facilitated game's control part: its own team memos and its own requests for
information with their answers (the answers also reach it as private cables). Everything else there (the
MSEL, the rulings, the record of acts, the other seats' notes) is the white cell's, shown only in its
console's god view; the clocks are public (``views.public``)."""

from __future__ import annotations

from ..model.base import Frozen
from ..model.control import Memo, Rfi
from ..model.ids import Actor
from ..model.state import GameState


class SeatNotes(Frozen):
    memos: tuple[Memo, ...]
    rfis: tuple[Rfi, ...]


def seat_notes(state: GameState, actor: Actor) -> SeatNotes:
    """``actor``'s own memos and requests for information (none without a white cell)."""
    control = state.control
    if control is None:
        return SeatNotes(memos=(), rfis=())
    return SeatNotes(
        memos=tuple(m for m in control.memos if m.actor is actor),
        rfis=tuple(r for r in control.rfis if r.actor is actor),
    )
