"""Hot-seat play: whose private screen shows, and when it must hide behind the hand-off screen.

pygame-free. One person against the AIs always sees their own screen; with two or more, a seat's
screen shows only once revealed (on the hand-off screen) and only while that seat still has to act;
the public view shows when nobody is revealed.
"""

from __future__ import annotations

from ..model.ids import Actor
from .session import Session


class HotSeat:
    def __init__(self, session: Session):
        self.session = session
        self.revealed: Actor | None = None

    def viewer(self) -> Actor | None:
        """The seat whose private screen shows now, or None for the public view."""
        humans = self.session.humans
        if len(humans) == 1:
            return humans[0]
        if not humans or self.revealed is None:
            return None
        return self.revealed if self.revealed in self.session.snapshot()[1] else None

    def must_hand_off(self) -> bool:
        """True when the screen must pass to the next person: nobody revealed, or the revealed seat has
        acted in this phase."""
        if not self.session.hot_seat:
            return False
        return self.revealed is None or self.revealed not in self.session.snapshot()[1]

    def reveal(self, actor: Actor) -> None:
        self.revealed = actor

    def hide(self) -> None:
        """The revealed seat has sent its step: the next person gets the hand-off screen."""
        self.revealed = None
