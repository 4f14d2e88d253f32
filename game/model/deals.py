"""Deals: proposals of clauses, the commitments they become, and their compliance."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Frozen

from .ids import Actor

Sequencing = Literal["upfront", "after_verification"]
VerificationMethod = Literal["none", "national_means", "inspection"]


class Clause(Frozen):
    """``actor`` commits to take (``do``) or never take (``refrain``) the action ``action``."""

    actor: Actor
    action: str
    mode: Literal["do", "refrain"] = "do"
    sequencing: Sequencing = "upfront"
    duration: int = Field(default=4, ge=1, le=24)  # turns
    verification: VerificationMethod = "national_means"
    snapback: bool = False  # undo this clause's meter effects if the other side is caught breaching


class Proposal(Frozen):
    id: str  # "T3-US-1": turn, proposer, index; deterministic
    proposer: Actor
    recipient: Actor
    clauses: tuple[Clause, ...]
    note: str = ""
    counter_of: str | None = None


ClauseState = Literal["pending", "due", "fulfilled", "verified", "breached", "expired"]


class Commitment(Frozen):
    """A clause of an accepted deal, as it stands."""

    deal_id: str
    index: int
    clause: Clause
    state: ClauseState
    accepted_turn: int
    due_turn: int | None  # for "do" clauses once due; None while waiting for verification
    ends_turn: int
    breach_hidden: bool = False  # breached, but nobody has found out yet


class Deal(Frozen):
    """An accepted proposal (its id is the proposal's); its clauses live on as Commitments."""

    id: str
    parties: tuple[Actor, Actor]
    accepted_turn: int
    note: str = ""
    status: Literal["in_force", "completed", "broken", "expired"] = "in_force"
