"""The baseline: random legal orders within the budget, random small deals, coin-flip answers.

Each draw is keyed by what it decides (the action, the proposal), not by its position in a list: the
orders are a uniformly random subset taken in a uniformly random order, exactly as a shuffle and coin
flips would give, but the coin for "sanctions_tighten" on turn 3 is the same whether or not some other
action happens to be legal. So when two games differ in one seat (bench/ai.py's pairs), the random
seats do not reshuffle all their choices because one option appeared or vanished; they differ only
where the difference reaches them (common random numbers, a standard variance reduction).

An orders decision hashes once: the decision's random number, stretched by SHAKE-128 into one 64-bit
word for every action of the scenario, each action reading the word at its own place in the scenario's
list of actions (so its draw is the same whatever else is legal). The words put the legal actions in
their random order (equal words, a chance of 2**-64, by action id) and each word's lowest bit is its
action's coin. A word is read as its eight big-endian bytes: its coin is the low bit of its last byte,
and bytes compare as the unsigned numbers they spell, so only the words whose coin says yes are cut out
of the digest, and none is made a Python integer.
"""

from __future__ import annotations

import hashlib
import random
import struct
from typing import Final, TypeVar

from ..model.construct import replaced
from ..model.deals import Clause, Sequencing
from ..model.ids import Actor
from ..model.observation import Observation, RulesView
from ..model.orders import ActionOrder, ProposeOrder, RespondOrder
from .base import Decision, PhaseController


class RandomController(PhaseController):
    name = "random"

    def __init__(self, actor: Actor, rules: RulesView):
        self.actor = actor
        self.rules = rules
        self._offers = {
            who: [a.id for a in rules.actions if who in a.actors and a.counts_as is None] for who in Actor
        }  # what each country can pledge
        self._mine = self._offers[actor]
        # each action's word in a decision's draws (where its bytes start and end, its last byte: its
        # coin) and its cost
        self._words = {a.id: (8 * k, 8 * k + 8, 8 * k + 7, a.cost) for k, a in enumerate(rules.actions)}
        self._draw_bytes = 8 * len(rules.actions)
        self._proposals: dict[tuple[Actor, str, Sequencing, str], ProposeOrder] = {}
        self._clauses: dict[tuple[Actor, str, Sequencing], Clause] = {}

    def propose(self, obs: Observation, rng: random.Random) -> Decision:
        others = [a for a in obs.actors if a is not self.actor]
        if not others or rng.random() < 0.6:
            return Decision([], "no proposal this turn")
        other = _choice(rng, others)
        theirs = self._offers[other]
        if not theirs or not self._mine:
            return Decision([], "nothing to offer")
        mine, sequencing, asked = _choice(rng, self._mine), _choice(rng, _SEQUENCINGS), _choice(rng, theirs)
        key = (other, mine, sequencing, asked)
        proposal = self._proposals.get(key)
        if proposal is None:
            proposal = self._proposals[key] = self._proposal(other, mine, sequencing, asked)
        return Decision([proposal], "random proposal")

    def _proposal(self, other: Actor, mine: str, sequencing: Sequencing, theirs: str) -> ProposeOrder:
        """The proposal of one draw: orders are immutable values, so each is built once per controller,
        however often the seat draws it again, and so is each of its clauses (far fewer than the
        proposals they make up). Both are copies of a template (``_PROPOSAL``, ``_CLAUSE``)."""
        clauses = (self._clause(self.actor, mine, sequencing), self._clause(other, theirs, "upfront"))
        return replaced(_PROPOSAL, {"actor": self.actor, "recipient": other, "clauses": clauses})

    def _clause(self, actor: Actor, action: str, sequencing: Sequencing) -> Clause:
        key = (actor, action, sequencing)
        clause = self._clauses.get(key)
        if clause is None:
            clause = self._clauses[key] = replaced(
                _CLAUSE, {"actor": actor, "action": action, "sequencing": sequencing}
            )
        return clause

    def respond(self, obs: Observation, legal: list[RespondOrder], rng: random.Random) -> Decision:
        by_proposal: dict[str, list[RespondOrder]] = {}
        for order in legal:
            by_proposal.setdefault(order.proposal_id, []).append(order)
        base = _decision_hash(rng)
        answers = []
        for pid, options in by_proposal.items():
            options = sorted(options, key=lambda o: o.answer)
            last, drawn = len(options) - 1, int(_uniforms(base, pid)[0] * len(options))
            answers.append(options[drawn if drawn < last else last])  # min(last, drawn)
        return Decision(answers, "random answers")

    def decide(self, obs: Observation, legal_orders: list[ActionOrder], rng: random.Random) -> Decision:
        budget = obs.capital.get(self.actor, 0)
        words = self._words
        seed = rng.getrandbits(64).to_bytes(8, "big")
        stream = hashlib.shake_128(seed)
        # SHAKE-128 stretches as far as it is read, a shorter digest being the start of a longer one: the
        # draws are read as far as the legal actions' words reach (a third of the seats' menus end early in
        # the scenario's list, and the hash's cost grows with the bytes drawn). The rules list a seat's
        # legal actions in the scenario's order, so the last one's word is the furthest; should one lie
        # further all the words are drawn, the words before it the same.
        reach = words[legal_orders[-1].action][1] if legal_orders else 0
        draws = stream.digest(reach)
        # a random order and a fair coin for each action: only the actions whose coin says yes are put
        # in order (the others are passed over wherever they stand), as they stand among all the words
        # (a legal menu names each action once: the sort never compares past the action)
        drawn = []
        for order in legal_orders:
            action = order.action
            start, end, coin, cost = words[action]
            if end > reach:
                reach = self._draw_bytes
                draws = stream.digest(reach)
            if draws[coin] & 1:
                drawn.append((draws[start:end], action, cost, order))
        drawn.sort()
        chosen, names = [], []
        for _, action, cost, order in drawn:
            if cost <= budget:
                chosen.append(order)
                names.append(action)
                budget -= cost
        return Decision(chosen, f"random: {', '.join(names) or 'nothing'}")


_SEQUENCINGS: Final[list[Sequencing]] = ["upfront", "after_verification"]
# What the seat's proposals and clauses are copies of, their fields replaced: made of valid values (the
# rules view's actions, the seats), they skip pydantic's validation (validated, a proposal and its new
# clauses cost about 35,000 instructions), and a copy has the model's defaults, its fields in their
# order and the fields set that validation gives.
_CLAUSE: Final = Clause(actor=Actor.US, action="", sequencing="upfront")
_PROPOSAL: Final = ProposeOrder(actor=Actor.US, recipient=Actor.DPRK, clauses=(_CLAUSE,))
_RANDOM: Final = random.Random
T = TypeVar("T")


def _choice(rng: random.Random, options: list[T]) -> T:
    """``rng.choice(options)``, draw for draw (tests/test_random_draws.py holds them equal): for a plain
    ``random.Random`` (every seat's, ``controller_rng``), CPython's ``choice`` takes the index as its
    ``_randbelow_with_getrandbits`` does, ``getrandbits(n.bit_length())`` until one falls below ``n``.
    Called from compiled code, ``choice`` and ``_randbelow`` are two Python-level calls a draw; this calls
    ``getrandbits`` alone. Any other generator (a subclass may draw otherwise) is asked its own ``choice``."""
    if type(rng) is not _RANDOM:
        return rng.choice(options)
    n = len(options)
    if not n:
        raise IndexError("Cannot choose from an empty sequence")
    k = n.bit_length()
    r: int = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return options[r]


_TWO_WORDS: Final = struct.Struct(">QQ").unpack  # a 16-byte digest as two big-endian 64-bit integers
_SCALE: Final = 2.0**-64  # exact: the same numbers as dividing by 2 ** 64


def _decision_hash(rng: random.Random) -> hashlib.blake2b:
    """The hash every draw of one decision starts from: its random number and a colon. Each draw
    continues a copy of it (cheaper than hashing the whole key again)."""
    return hashlib.blake2b(f"{rng.getrandbits(64)}:".encode(), digest_size=16)


def _uniforms(base: hashlib.blake2b, key: str) -> tuple[float, float]:
    """Two independent uniform draws in [0, 1) for one (decision, key): the 16-byte blake2b digest of
    the decision's random number, a colon and ``key``, read as two big-endian 64-bit integers."""
    h = base.copy()
    h.update(key.encode())
    words: tuple[int, int] = _TWO_WORDS(h.digest())  # typed: compiled, no generic multiplications
    return float(words[0]) * _SCALE, float(words[1]) * _SCALE
