"""Match: the one thing that advances a game."""

from .entries import TurnRecord
from .match import Match, state_hash

__all__ = ["Match", "TurnRecord", "state_hash"]
