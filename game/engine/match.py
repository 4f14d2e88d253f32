"""Match: the one thing that advances a game. Seeded, logged, hashed each turn.

Every change of state goes through a Match method, which records the order in the log, so a game
is fully described by (scenario, variant, seed, log) and can be replayed and verified turn by turn.
"""

from __future__ import annotations

import hashlib
from typing import Final, Literal, cast

from ..model.control import ControlAct, ControlEntry, ControlSetup, ControlSubmission, NoteEntry, SeatNote
from ..model.ids import ENDED, Actor, Phase
from ..model.log import Rationale
from ..model.observation import Observation
from ..model.orders import ActionOrder, ProposeOrder, RespondOrder, Submission
from ..model.scenario import Scenario
from ..model.state import GameState
from ..rules import control as white_cell
from ..rules import legality, turn
from ..rules.dice import Dice
from ..rules.scoring import scores
from ..views import Observer, observe
from .entries import AnyEntry, LogEntry, TurnRecord, entry_rationales


def state_hash(state: GameState) -> str:
    """sha256 of the canonical JSON of the whole state. The logs (news, history, the turn's changes)
    enter through ``log_digest``, which commits to them. No timestamps or ids from outside the game."""
    return hashlib.sha256(
        state.model_dump_json(exclude=_LOGS if state.control is not None else _LOGS_NO_CONTROL).encode()
    ).hexdigest()


_LOGS: Final = {"news", "history", "changes"}
_LOGS_NO_CONTROL: Final = _LOGS | {"control"}  # a game without a white cell hashes as it did before there was one


class Match:
    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        variant: str | None = None,
        state: GameState | None = None,
        control: ControlSetup | None = None,
    ):
        """A new game (``control``: set up as a facilitated game, with a white cell), or one going on from
        ``state`` (which then holds its control part, if any)."""
        self.scenario = scenario
        self.seed = seed
        self.variant = variant
        self.dice = Dice(seed)  # keyed rolls: the state and the seed are all a game needs to go on
        if state is None:
            state = turn.start_state(scenario, variant, self.dice)
            if control is not None:
                state = white_cell.start(state, scenario, self.dice, control)
        self.state = state
        # the order log; a seat's submission waits as (turn, submission) until the log is read (``log``)
        self._log: list[AnyEntry | tuple[int, Submission]] = []
        self._entered = 0  # how many of them, from the start, are entries already
        self._turns: list[TurnRecord] = []
        self._unhashed: list[tuple[int, GameState]] = []  # resolved turns whose hash nobody has read yet
        self._start: GameState | str = self.state  # the starting state, or its hash once read (or restored)
        self._observer = Observer()  # this game's memory of the observations it built

    def fresh(self) -> Match:
        """The same game at its start (scenario, seed, variant, white-cell setup): what a replay of this
        game's log starts from."""
        control = self.state.control
        return Match(self.scenario, self.seed, self.variant, control=control.setup if control is not None else None)

    # ----------------------------------------------------------------- reading
    @property
    def log(self) -> list[AnyEntry]:
        """The order log, one entry per submission, white-cell act and memo. A seat's ``LogEntry`` is
        built when the log is first read after it (saves, replays, reports, the lab), not at every
        submission: a game nobody reads the log of never builds them (a dozen a turn). Building one twice
        (two threads reading at once) gives equal entries."""
        log = self._log
        for k in range(self._entered, len(log)):
            entry = log[k]
            if entry.__class__ is tuple:
                log[k] = LogEntry.of(*cast("tuple[int, Submission]", entry))
        self._entered = len(log)
        return cast("list[AnyEntry]", log)

    @log.setter
    def log(self, entries: list[AnyEntry]) -> None:
        self._log, self._entered = list(entries), len(entries)

    @property
    def phase(self) -> Phase:
        return self.state.phase

    @property
    def over(self) -> bool:
        return self.state.phase is ENDED

    def observe(self, actor: Actor | None) -> Observation:
        return observe(self.state, self.scenario, actor, self._observer)

    def legal_orders(self, actor: Actor) -> list[ActionOrder] | list[RespondOrder]:
        return legality.legal_orders(self.state, self.scenario, actor)

    def pending(self) -> list[Actor]:
        """Actors who must still act in the current phase, in actor order."""
        return turn.pending(self.state)

    def scores(self) -> dict[Actor, float]:
        return scores(self.state, self.scenario)

    def hash(self) -> str:
        return state_hash(self.state)

    # The state hashes are computed when they are read (saves, replays, the lab), not at every turn.
    @property
    def turns(self) -> list[TurnRecord]:
        """One record per resolved turn: its number, date and the state hash after it."""
        for resolved, state in self._unhashed:
            self._turns.append(
                TurnRecord(turn=resolved, hash=state_hash(state), date=self.scenario.date_label(resolved))
            )
        self._unhashed.clear()
        return self._turns

    @turns.setter
    def turns(self, records: list[TurnRecord]) -> None:
        self._turns, self._unhashed = list(records), []

    @property
    def turns_resolved(self) -> int:
        """How many turns have been resolved (without computing their hashes)."""
        return len(self._turns) + len(self._unhashed)

    @property
    def start_hash(self) -> str:
        if not isinstance(self._start, str):
            self._start = state_hash(self._start)
        return self._start

    @start_hash.setter
    def start_hash(self, value: str) -> None:
        self._start = value

    # ----------------------------------------------------------------- acting
    def submit(self, submission: Submission | ControlSubmission | SeatNote) -> None:
        """Hand one seat's submission (or a white-cell act, or a seat's memo or question) to the rules'
        phase machine (``rules.turn.submit``), log it, and record the state hash of each turn it completes."""
        state = self.state
        before = state.turn
        entry: AnyEntry | tuple[int, Submission]
        if isinstance(submission, Submission):
            entry = (before, submission)  # its LogEntry is built when the log is read
        elif isinstance(submission, ControlSubmission):
            entry = ControlEntry(turn=before, phase=state.phase, act=submission.act, reason=submission.reason)
        else:
            entry = NoteEntry(
                turn=before, phase=state.phase, actor=submission.actor, note=submission.note, text=submission.text
            )
        self.state = state = turn.submit(state, self.scenario, self.dice, submission)
        self._log.append(entry)
        if state.turn != before or state.phase is ENDED:
            self._unhashed.append((before, state))

    def control(self, act: ControlAct, reason: str = "") -> None:
        """The white cell acts (``rules/control.py`` says what each act does)."""
        self.submit(ControlSubmission(act=act, reason=reason))

    def note(self, actor: Actor, note: Literal["memo", "rfi"], text: str) -> None:
        """A seat's memo for this turn, or its request for information to the white cell."""
        self.submit(SeatNote(actor=actor, note=note, text=text))

    @property
    def facilitated(self) -> bool:
        return self.state.control is not None

    def awaiting_control(self) -> bool:
        """Every seat has given its orders; the turn resolves when the white cell accepts them."""
        return white_cell.awaiting_control(self.state)

    def propose(self, actor: Actor, proposals: list[ProposeOrder], rationale: str = "") -> None:
        self.submit(Submission(actor=actor, phase=Phase.PROPOSE, orders=tuple(proposals), rationale=rationale))

    def respond(self, actor: Actor, responses: list[RespondOrder], rationale: str = "") -> None:
        self.submit(Submission(actor=actor, phase=Phase.RESPOND, orders=tuple(responses), rationale=rationale))

    def order(self, actor: Actor, orders: list[ActionOrder], rationale: str = "") -> None:
        self.submit(Submission(actor=actor, phase=Phase.ORDERS, orders=tuple(orders), rationale=rationale))

    @property
    def rationales(self) -> list[Rationale]:
        """The AI's stated reasons, in the order given: read from the log when asked (a debrief, a save's
        report), not built at every submission."""
        return [Rationale.trusted(actor=a, turn=e.turn, text=text) for e in self.log for a, text in entry_rationales(e)]

    # ----------------------------------------------------------------- replay
    def apply(self, entry: AnyEntry) -> None:
        """Re-apply one logged entry (replays, branch, resume)."""
        self.submit(entry.submission())
