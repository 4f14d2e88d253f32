"""The controller interface every seat's brain implements."""

from __future__ import annotations

import random
from _random import Random as _CoreRandom
from abc import ABC, abstractmethod
from collections.abc import Sequence
from hashlib import sha512
from typing import Any, Final, Protocol, cast

from ..model.construct import built
from ..model.ids import ANSWER_PHASES, PROPOSE, RESPOND, Actor, Phase
from ..model.observation import Observation
from ..model.orders import ActionOrder, RespondOrder, Submission


class Decision:
    """A controller's choice for one phase: its orders and its reasons in words. A plain class with its own
    ``__init__``: compiled, the one a dataclass writes stays a Python-level function (a seat decides a dozen
    times a turn)."""

    __slots__ = ("orders", "rationale")

    def __init__(self, orders: list[Any] | None = None, rationale: str = "") -> None:
        self.orders: list[Any] = [] if orders is None else orders
        self.rationale = rationale


class Controller(Protocol):
    """A seat's brain. Built with the actor and the public rules (views.rules_view); asked to act with
    the actor's Observation only, the legal answers or orders of the phase (none when proposing), and
    its own RNG, so its thinking never shifts the game's dice."""

    def act(self, obs: Observation, legal: Sequence[ActionOrder | RespondOrder], rng: random.Random) -> Submission: ...


class PhaseController(ABC):
    """``act`` for a controller that thinks phase by phase, each step returning a Decision."""

    actor: Actor
    # phase -> the last submission of no orders given in it: a seat that passes gives the same one again
    # (a model built afresh costs more than the rest of a random seat's pass); None until the first
    _passes: dict[Phase, Submission] | None = None

    @abstractmethod
    def propose(self, obs: Observation, rng: random.Random) -> Decision:
        """The proposals (ProposeOrder) to send this turn, possibly none."""

    @abstractmethod
    def respond(self, obs: Observation, legal: list[RespondOrder], rng: random.Random) -> Decision:
        """One answer to every proposal awaiting ours, chosen from ``legal``."""

    @abstractmethod
    def decide(self, obs: Observation, legal_orders: list[ActionOrder], rng: random.Random) -> Decision:
        """The turn's orders, chosen from ``legal_orders`` within the seat's capital."""

    def act(self, obs: Observation, legal: Sequence[ActionOrder | RespondOrder], rng: random.Random) -> Submission:
        phase = obs.phase
        # the rules offer the orders of the seat's phase only: answers in a response phase, actions in orders
        if phase is PROPOSE:
            decision = self.propose(obs, rng)
        elif phase in ANSWER_PHASES:
            decision, phase = self.respond(obs, cast("list[RespondOrder]", list(legal)), rng), RESPOND
        else:
            decision = self.decide(obs, cast("list[ActionOrder]", list(legal)), rng)
        if not decision.orders:
            return self._pass(phase, decision.rationale)
        # built from typed orders the controller made itself: rules.turn.submit checks their kinds
        return built(
            Submission,
            {"actor": self.actor, "phase": phase, "orders": tuple(decision.orders), "rationale": decision.rationale},
        )

    def _pass(self, phase: Phase, rationale: str) -> Submission:
        """The submission of no orders in ``phase``, for the reasons ``rationale``: submissions are immutable
        values, so the last one given in the phase is given again when its reasons are the same (one per
        phase is kept: a seat's reasons may differ from turn to turn)."""
        passes = self._passes
        if passes is None:
            passes = self._passes = {}
        last = passes.get(phase)
        if last is not None and last.rationale == rationale:
            return last
        submission = passes[phase] = built(
            Submission, {"actor": self.actor, "phase": phase, "orders": (), "rationale": rationale}
        )
        return submission


def controller_rng(seed: int, actor: Actor, turn: int, phase: str) -> random.Random:
    """Each AI's own RNG, derived from (match seed, actor) and the moment of the decision, so its
    thinking never shifts the game's dice and a resumed game decides exactly as an unbroken one.

    It is ``random.Random(f"armistice:{seed}:{actor}:{turn}:{phase}")``, seeded as that does it (CPython's
    ``Random.seed`` of a text, version 2: the text's bytes followed by their SHA-512 digest, read as one
    big-endian integer, given to the C generator's seed; then no Gaussian kept), without the two interpreted
    frames of ``Random.__init__`` and ``Random.seed`` (a seat decides a dozen times a turn):
    tests/test_ai_controller_rng.py holds it to the library's, state for state."""
    text = f"armistice:{seed}:{actor.value}:{turn}:{phase}".encode()
    rng = _new_random(random.Random)
    _core_seed(rng, int.from_bytes(text + sha512(text).digest(), "big"))
    rng.gauss_next = None  # type: ignore[attr-defined]  # (not in typeshed)
    return rng


_new_random: Final = random.Random.__new__  # an unseeded generator: ``_core_seed`` sets its whole state
_core_seed: Final = _CoreRandom.seed  # the C generator's seed, which ``Random.seed`` ends in
