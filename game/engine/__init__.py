"""Match: the one thing that advances a game."""

from .match import Match, TurnRecord, state_hash

__all__ = ["Match", "TurnRecord", "state_hash"]
