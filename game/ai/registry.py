"""Seat specs like ``random`` or ``heuristic:hardliner:hard`` -> controllers."""
from __future__ import annotations

from ..model.ids import Actor
from ..model.observation import RulesView
from .random_ai import RandomController

DEFAULT_SEAT = "random"


def build_controller(spec: str, actor: Actor, rules: RulesView):
    kind = spec.split(":", 1)[0]
    if kind == "random":
        return RandomController(actor, rules)
    raise ValueError(f"unknown controller '{spec}' (known: random)")
