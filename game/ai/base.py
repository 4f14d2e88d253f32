"""The controller interface every seat's brain implements."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Protocol

from ..model.ids import Actor
from ..model.observation import Observation
from ..model.orders import ActionOrder, RespondOrder


@dataclass
class Decision:
    orders: list = field(default_factory=list)
    rationale: str = ""


class Controller(Protocol):
    """A seat's brain. Built with the actor and the public rules (views.rules_view); each call gets
    the actor's Observation only, and its own RNG, so its thinking never shifts the game's dice."""

    def propose(self, obs: Observation, rng: random.Random) -> Decision:  # orders: ProposeOrder
        ...

    def respond(self, obs: Observation, legal: list[RespondOrder], rng: random.Random) -> Decision:
        ...

    def decide(self, obs: Observation, legal_orders: list[ActionOrder], rng: random.Random) -> Decision:
        ...


def controller_rng(seed: int, actor: Actor, turn: int, phase: str) -> random.Random:
    """Each AI's own RNG, derived from (match seed, actor) and the moment of the decision, so its
    thinking never shifts the game's dice and a resumed game decides exactly as an unbroken one."""
    return random.Random(f"armistice:{seed}:{actor.value}:{turn}:{phase}")

