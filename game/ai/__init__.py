"""AI controllers. They see Observations and the public rules, never the GameState."""
from .base import Controller, Decision, controller_rng
from .random_ai import RandomController

__all__ = ["Controller", "Decision", "controller_rng", "RandomController"]
