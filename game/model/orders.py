"""Orders are a typed, discriminated union, never strings."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from .base import Frozen

from .deals import Clause
from .ids import Actor, Phase


class ActionOrder(Frozen):
    kind: Literal["action"] = "action"
    actor: Actor
    action: str


class ProposeOrder(Frozen):
    kind: Literal["propose"] = "propose"
    actor: Actor
    recipient: Actor
    clauses: tuple[Clause, ...]
    note: str = ""


class RespondOrder(Frozen):
    kind: Literal["respond"] = "respond"
    actor: Actor
    proposal_id: str
    answer: Literal["accept", "reject", "counter"]
    counter: tuple[Clause, ...] = ()  # the clauses of the counter-offer, when answer is counter


Order = Annotated[Union[ActionOrder, ProposeOrder, RespondOrder], Field(discriminator="kind")]


class IllegalOrder(ValueError):
    """An order that breaks a rule; the message says which."""

    def __init__(self, order: object, rule: str):
        super().__init__(f"illegal order {order!r}: {rule}")
        self.order = order
        self.rule = rule


class Submission(Frozen):
    """One seat's whole answer to one phase: its proposals (``propose``), its answers (``respond``, in
    either answer phase) or its orders (``orders``), with the reasons it gives. What every seat, human
    or AI, hands to the engine, and what the engine's one phase machine takes."""

    actor: Actor
    phase: Phase  # PROPOSE, RESPOND or ORDERS
    orders: tuple[Order, ...] = ()
    rationale: str = ""
