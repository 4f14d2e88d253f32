"""Match: the one thing that advances a game. Seeded, logged, hashed each turn.

Every change of state goes through a Match method, which records the order in the log, so a game
is fully described by (scenario, variant, seed, log) and can be replayed and verified turn by turn.
"""
from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict

from ..model.ids import Actor, Phase
from ..model.log import Rationale
from ..model.observation import Observation
from ..model.orders import ActionOrder, ProposeOrder, RespondOrder
from ..model.scenario import Scenario
from ..model.state import GameState
from ..rules import legality, turn
from ..rules.dice import Dice
from ..rules.scoring import scores
from ..scenario.setup import initial_state
from ..views import observe


def state_hash(state: GameState) -> str:
    """sha256 of the canonical JSON of the whole state. The logs (news, history, the turn's changes)
    enter through ``log_digest``, which commits to them. No timestamps or ids from outside the game."""
    return hashlib.sha256(state.model_dump_json(exclude=_LOGS).encode()).hexdigest()


_LOGS = {"news", "history", "changes"}


class LogEntry(BaseModel):
    """One submission: the phase, who, and what. The log replays the game exactly."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    turn: int
    phase: Phase
    actor: Actor
    proposals: tuple[ProposeOrder, ...] = ()
    responses: tuple[RespondOrder, ...] = ()
    orders: tuple[ActionOrder, ...] = ()
    rationale: str = ""


class TurnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)
    turn: int
    hash: str  # state hash at the start of the next turn (after resolution)
    date: str


class Match:
    def __init__(self, scenario: Scenario, seed: int, variant: str | None = None, state: GameState | None = None):
        self.scenario = scenario
        self.seed = seed
        self.variant = variant
        self.state = state if state is not None else initial_state(scenario, variant)
        self.dice = Dice(seed)  # keyed rolls: the state and the seed are all a game needs to go on
        self.log: list[LogEntry] = []
        self.turns: list[TurnRecord] = []
        self.rationales: list[Rationale] = []
        self.start_hash = state_hash(self.state)

    # ----------------------------------------------------------------- reading
    @property
    def phase(self) -> Phase:
        return self.state.phase

    @property
    def over(self) -> bool:
        return self.state.phase is Phase.ENDED

    def observe(self, actor: Actor | None) -> Observation:
        return observe(self.state, self.scenario, actor)

    def legal_orders(self, actor: Actor) -> list:
        return legality.legal_orders(self.state, self.scenario, actor)

    def pending(self) -> list[Actor]:
        """Actors who must still act in the current phase, in actor order."""
        st = self.state
        if st.phase is Phase.ENDED:
            return []
        if st.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            return [a for a in st.actors if a not in st.submitted and legality.awaiting(st, a)]
        return [a for a in st.actors if a not in st.submitted]

    def scores(self) -> dict[Actor, float]:
        return scores(self.state, self.scenario)

    def hash(self) -> str:
        return state_hash(self.state)

    # ----------------------------------------------------------------- acting
    def propose(self, actor: Actor, proposals: list[ProposeOrder], rationale: str = "") -> None:
        self._expect(Phase.PROPOSE)
        entry = LogEntry(turn=self.state.turn, phase=Phase.PROPOSE, actor=actor, proposals=tuple(proposals),
                         rationale=rationale)
        self.state = turn.submit_proposals(self.state, self.scenario, actor, proposals)
        self._record(entry)
        if not self.pending():
            self.state = turn.close_proposals(self.state)
            self._skip_empty_response_phases()

    def respond(self, actor: Actor, responses: list[RespondOrder], rationale: str = "") -> None:
        if self.state.phase not in (Phase.RESPOND, Phase.COUNTER_RESPOND):
            raise ValueError(f"answers are given in a response phase, not {self.state.phase.value}")
        entry = LogEntry(turn=self.state.turn, phase=Phase.RESPOND, actor=actor, responses=tuple(responses),
                         rationale=rationale)
        self.state = turn.submit_responses(self.state, self.scenario, actor, responses)
        self._record(entry)
        self._skip_empty_response_phases()

    def order(self, actor: Actor, orders: list[ActionOrder], rationale: str = "") -> None:
        self._expect(Phase.ORDERS)
        entry = LogEntry(turn=self.state.turn, phase=Phase.ORDERS, actor=actor, orders=tuple(orders),
                         rationale=rationale)
        self.state = turn.submit_orders(self.state, self.scenario, actor, orders)
        self._record(entry)
        if not self.pending():
            resolved_turn = self.state.turn
            self.state = turn.resolve(self.state, self.scenario, self.dice)
            self.turns.append(TurnRecord(turn=resolved_turn, hash=self.hash(),
                                         date=self.scenario.date_label(resolved_turn)))

    def _skip_empty_response_phases(self) -> None:
        while self.state.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND) and not self.pending():
            self.state = turn.close_responses(self.state)

    def _expect(self, phase: Phase) -> None:
        if self.state.phase is not phase:
            raise ValueError(f"expected the {phase.value} phase, the game is in {self.state.phase.value}")

    def _record(self, entry: LogEntry) -> None:
        self.log.append(entry)
        if entry.rationale:
            self.rationales.append(Rationale(actor=entry.actor, turn=entry.turn, text=entry.rationale))

    # ----------------------------------------------------------------- replay
    def apply(self, entry: LogEntry) -> None:
        """Re-apply one logged submission (replays, branch, resume)."""
        if entry.phase is Phase.PROPOSE:
            self.propose(entry.actor, list(entry.proposals), entry.rationale)
        elif entry.phase is Phase.RESPOND:
            self.respond(entry.actor, list(entry.responses), entry.rationale)
        else:
            self.order(entry.actor, list(entry.orders), entry.rationale)
