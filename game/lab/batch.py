"""Headless batch runs: many seeded AI-vs-AI games per arm, one plain result per game.

An *arm* is one configuration of the game: the seats' controllers, the scenario variant, and any
overrides of the scenario's ``$parameters`` and start meters (a sweep point). Arms compared in one
study play the same seeds, so their differences are paired: the same dice, the same random events
where play allows, only the configuration changed.

The games travel as small task descriptions (``Task``: the scenario named by its content hash, one
arm, a chunk of seeds); a worker gets the scenario's text once and parses it once. The same tasks run
in this process, in local processes (``Processes``) or on a Dask cluster (``game.lab.cluster``), and
every game depends only on (scenario, arm, seed), so all of them give the same results.
"""

from __future__ import annotations

import math
import os
import random
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Generator, Iterable, Iterator, Protocol, Sequence

from pydantic import ValidationError

from ..ai.personality import personalities_for
from ..ai.registry import build_controller
from ..ai.runner import make_controllers, run
from ..engine import Match
from ..engine.entries import LogEntry
from ..model.memo import Recent
from ..model.ids import Actor
from ..model.scenario import Scenario, VariantSpec
from ..model.state import GameState
from ..process import tune_collector
from ..rules.kinds import PROGRAM_OPS, expected_effects
from ..rules.turn import start_state
from ..scenario import find_scenario, parse_scenario
from ..scenario.loader import content_hash, cross_check, read_scenario_text
from ..views import rules_view

# the program's weapons tests, as the rules' registry of program operations names them
TEST_OPS = frozenset(op for op in PROGRAM_OPS if op.endswith("_test"))
ANY_PERSONALITY = "*"
SWEEP_VARIANT = "sweep-point"  # the variant an arm's overrides become (problems found in it name it)


@dataclass(frozen=True)
class Arm:
    """One configuration: a controller spec per seat (``heuristic:*`` draws the seat's personality at
    random for each game, seeded by the game's seed), an optional scenario variant, and overrides of
    ``$parameters`` and start meters on top of the variant's."""

    label: str
    seats: dict[Actor, str]
    variant: str | None = None
    parameters: dict[str, float] = field(default_factory=dict)
    meters: dict[str, float] = field(default_factory=dict)

    @property
    def overrides(self) -> dict[str, float]:
        """The arm's overrides as the lab's rows name them: ``NAME`` for a parameter, ``start.METER``."""
        return {**self.parameters, **{f"start.{m}": v for m, v in self.meters.items()}}


@dataclass
class GameResult:
    """What one game came to. Plain values only, so results export to CSV and JSON as they are."""

    arm: str
    seed: int
    seats: dict[str, str]  # the specs as played (personalities drawn)
    outcome: str
    outcome_reason: str
    turns: int
    scores: dict[str, float]
    final_meters: dict[str, float]
    warheads: int  # the true arsenal at the end: the lab is the facilitator's view
    deals: dict[str, int] = field(default_factory=dict)  # count by final status
    detections: int = 0  # hidden activity exposed (by anyone, China's private findings included)
    dprk_tests: int = 0  # missile and nuclear tests ordered by the DPRK
    first_test_turn: int | None = None
    state_hash: str = ""
    overrides: dict[str, float] = field(default_factory=dict)  # the arm's sweep values (Arm.overrides)
    history: list[dict[str, float]] = field(default_factory=list)  # the meters at the end of each turn
    substantive_deals: int = 0  # deals trading a freeze or dismantlement for relief or peace (issue 11)
    declared_peace: bool = False  # the peace stage rose during play (an opening move is not play)
    verified_steps: int = 0  # production sites shut in play that inspectors verified (issue 11)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ScenarioText:
    """A scenario as the lab ships it to workers: its text, named by its content hash."""

    name: str
    text: str

    @classmethod
    def read(cls, name: str | Path) -> "ScenarioText":
        """A bundled scenario's id or stem, or a path; ScenarioError (one line) when it cannot be read."""
        path = find_scenario(str(name))
        return cls(str(path), read_scenario_text(path))

    @cached_property
    def digest(self) -> str:
        return content_hash(self.text)

    def load(self) -> Scenario:
        return scenario_from_text(self.text, self.digest, self.name)


_parsed: dict[str, Scenario] = {}  # content hash -> scenario, per process (a worker parses each once)


def scenario_from_text(text: str, digest: str, name: str = "<scenario>") -> Scenario:
    if digest not in _parsed:
        if content_hash(text) != digest:
            raise ValueError(f"{name}: the scenario's text does not match its hash {digest[:12]}")
        if len(_parsed) >= 4:
            _parsed.pop(next(iter(_parsed)))
        _parsed[digest] = parse_scenario(text, name)
    return _parsed[digest]


def playable(scenario: Scenario, arm: Arm) -> tuple[Scenario, str | None]:
    """The scenario and variant an arm's games are played on.

    Overrides become one more variant (the arm's own variant's overrides beneath them), validated by
    the scenario's own schema and cross-reference checks, so a swept value reaches the rules, and the
    AIs' view of the rules, exactly as a variant's does. Raises ValueError naming the problem.

    The derived scenario is built once per arm and kept by ``scenario`` (its few most recent arms): every
    game of the arm plays on it, so its compiled actions, legal menus and the AI's tables are built once,
    not once per game (in one process a task is one game, and re-deriving cost 16% of its instructions)."""
    rules_view(scenario, arm.variant)  # an unknown variant is refused here
    if not arm.parameters and not arm.meters:
        return scenario, arm.variant
    key = (arm.label, arm.variant, tuple(sorted(arm.parameters.items())), tuple(sorted(arm.meters.items())))
    arms: Recent = scenario.memo.get("lab: the arms' scenarios", lambda: Recent(_ARMS_KEPT))
    return arms.get(key, lambda: (_derive(scenario, arm), SWEEP_VARIANT))


_ARMS_KEPT = 8  # a study's tasks come arm by arm (make_tasks), so a few are enough


def _derive(scenario: Scenario, arm: Arm) -> Scenario:
    """``scenario`` with the arm's overrides as the variant ``SWEEP_VARIANT``, checked."""
    base = scenario.variants[arm.variant] if arm.variant else None
    try:
        spec = VariantSpec.model_validate(
            {
                "name": arm.label,
                "description": "a point of a lab sweep",
                "parameters": {**(base.parameters if base else {}), **arm.parameters},
                "meters": {**(base.meters if base else {}), **arm.meters},
                "opening": [move.model_dump() for move in base.opening] if base else [],
            }
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ValueError(f"{arm.label}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    derived = scenario.model_copy(update={"variants": {**scenario.variants, SWEEP_VARIANT: spec}})
    # model_copy copies the cached memo too: without its own, every arm would share the first arm's
    # rules view of SWEEP_VARIANT, and its AIs would weigh the first arm's parameters
    derived.__dict__.pop("memo", None)
    problems = cross_check(derived)
    if problems:
        loc, msg = problems[0]
        raise ValueError(f"{arm.label}: {'.'.join(map(str, loc))}: {msg}")
    return derived


def seats_for_game(scenario: Scenario, arm: Arm, seed: int) -> dict[Actor, str]:
    """The arm's seats for this game, with any ``*`` personality drawn from the scenario's list."""
    rules = rules_view(scenario, arm.variant)
    draw = random.Random(f"armistice-lab:personalities:{seed}")
    seats = {}
    for actor in scenario.actors:
        spec = arm.seats.get(actor, "heuristic")
        if ANY_PERSONALITY in spec:
            spec = spec.replace(ANY_PERSONALITY, draw.choice(sorted(personalities_for(actor, rules))))
        seats[actor] = spec
    return seats


def play_games(scenario: Scenario, arm: Arm, seeds: Iterable[int]) -> Iterator[GameResult]:
    """The arm's games on these seeds, one result as each ends."""
    played, variant = playable(scenario, arm)
    test_actions = {a.id for a in scenario.actions if any(e.kind == "program" and e.op in TEST_OPS for e in a.effects)}
    for seed in seeds:
        seats = seats_for_game(scenario, arm, seed)
        match = Match(played, seed, variant)
        run(match, make_controllers(match, seats))
        yield _result(match, arm, seats, test_actions)


def _result(match: Match, arm: Arm, seats: dict[Actor, str], test_actions: set[str]) -> GameResult:
    state = match.state
    test_turns = [
        entry.turn
        for entry in match.log
        if isinstance(entry, LogEntry) and entry.actor is Actor.DPRK
        for order in entry.orders
        if order.action in test_actions
    ]
    start = start_state(match.scenario, match.variant, match.dice)
    deals: dict[str, int] = {}
    for deal in state.deals:
        deals[deal.status] = deals.get(deal.status, 0) + 1
    return GameResult(
        arm=arm.label,
        seed=match.seed,
        seats={a.value: s for a, s in seats.items()},
        outcome=state.outcome.value if state.outcome else "unfinished",
        outcome_reason=state.outcome_reason,
        turns=match.turns_resolved,
        scores={a.value: round(v, 3) for a, v in match.scores().items()},
        final_meters={k: round(v, 3) for k, v in state.meters.items()},
        warheads=state.program.warheads,
        deals=deals,
        detections=sum(1 for n in state.news if n.source.startswith("detection:")),
        dprk_tests=len(test_turns),
        first_test_turn=min(test_turns) if test_turns else None,
        state_hash=match.hash(),
        overrides=arm.overrides,
        history=[{k: round(v, 3) for k, v in row.items()} for row in state.history],
        substantive_deals=substantive_deals(match),
        declared_peace=_declared_peace(match, start),
        verified_steps=verified_steps(match, start),
    )


SHUTTING_OPS = frozenset({"freeze", "dismantle", "surrender_warheads"})


def substantive_deals(match: Match) -> int:
    """Deals in which the DPRK pledged a freeze, a dismantlement or a hand-over of warheads (a program
    operation of the pledged action, as the rules expect it) and a partner pledged relief (lower UN regime
    or enforcement) or peace (a higher peace stage): the trade governments never made in 2019-21."""
    params = match.state.parameters
    sides: dict[str, set[str]] = {}
    for c in match.state.commitments:
        if c.clause.mode != "do":
            continue
        fx = expected_effects(match.scenario.action_index[c.clause.action], c.clause.actor, params)
        if c.clause.actor is Actor.DPRK and any(op in SHUTTING_OPS for op, _, _ in fx.ops):
            sides.setdefault(c.deal_id, set()).add("step")
        elif c.clause.actor is not Actor.DPRK and (
            fx.meters.get("peace_stage", 0) > 0
            or fx.meters.get("sanctions_regime", 0) < 0
            or any(v < 0 for k, v in fx.meters.items() if k.startswith("enforcement."))
        ):
            sides.setdefault(c.deal_id, set()).add("reward")
    return sum(1 for got in sides.values() if got == {"step", "reward"})


def _declared_peace(match: Match, start: GameState) -> bool:
    return any(row["peace_stage"] > start.meters["peace_stage"] for row in match.state.history)


def verified_steps(match: Match, start: GameState) -> int:
    """Sites producing fissile material at the start (an opening move counts as the start) that end
    the game frozen or dismantled with inspectors having verified it: the verified steps the argument
    asks for. A site idle from the start (the Yongbyon reactor) is no step; a verified site secretly
    restarted since is not one any more."""
    state = match.state
    producing = {s.id for s in start.all_sites() if (s.pu_rate or s.heu_rate) and s.status == "active"}
    shut = ("frozen", "dismantled")
    return sum(
        1
        for s in state.all_sites()
        if s.id in producing and s.status in shut and state.verified.sites.get(s.id) in shut
    )


# --------------------------------------------------------------------------- tasks and where they run
@dataclass(frozen=True)
class Task:
    """Some games, as a worker receives them: the scenario by content hash (its text travels
    separately, once per worker), one arm, a chunk of seeds."""

    digest: str
    arm: Arm
    seeds: tuple[int, ...]


def play_task(task: Task, text: str) -> list[GameResult]:
    """Run in a worker: the task's games, in seed order."""
    return list(play_games(scenario_from_text(text, task.digest), task.arm, task.seeds))


Finished = Generator[tuple[int, list[GameResult]], None, None]  # (task index, its results); close() cancels


class Backend(Protocol):
    workers: int

    def run(self, source: ScenarioText, tasks: Sequence[Task]) -> Finished:
        """(task index, its results) as tasks finish, in any order. Closing the iterator early
        cancels the tasks not yet started."""


class InProcess:
    """Every game in this process, one at a time."""

    workers = 1

    def run(self, source: ScenarioText, tasks: Sequence[Task]) -> Finished:
        for index, task in enumerate(tasks):
            yield index, play_task(task, source.text)


class Processes:
    """Local worker processes; each parses the scenario once. Workers ignore Ctrl+C: the main process
    handles it, so an interrupted study stops cleanly instead of printing a traceback per worker."""

    def __init__(self, workers: int):
        self.workers = workers

    def run(self, source: ScenarioText, tasks: Sequence[Task]) -> Finished:
        pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker, initargs=(source.text,))
        try:
            pending = {pool.submit(_play_in_worker, task): index for index, task in enumerate(tasks)}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield pending.pop(future), future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


_worker_text = ""


def _init_worker(text: str) -> None:
    global _worker_text
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tune_collector()  # a worker is a process of the game's own, started here (a fork inherits it; a spawn not)
    _worker_text = text


def _play_in_worker(task: Task) -> list[GameResult]:
    return play_task(task, _worker_text)


def default_jobs() -> int:
    return max(1, min(8, os.cpu_count() or 1))


class StudyInterrupted(Exception):
    """Ctrl+C during a study: ``results`` holds the games played to the end, in (arm, seed) order."""

    def __init__(self, results: list[GameResult]):
        super().__init__(f"interrupted after {len(results)} games")
        self.results = results


def make_tasks(digest: str, arms: Sequence[Arm], seeds: Sequence[int], workers: int) -> list[Task]:
    """Each arm's seeds cut in chunks: one game per task in a single process (so progress and an
    interruption are per game), else about eight tasks per worker, at most 25 games each."""
    total = len(arms) * len(seeds)
    size = 1 if workers <= 1 else max(1, min(25, math.ceil(total / (workers * 8))))
    return [Task(digest, arm, tuple(seeds[i : i + size])) for arm in arms for i in range(0, len(seeds), size)]


def run_study(
    scenario: str | Path | ScenarioText,
    arms: list[Arm],
    seeds: Iterable[int],
    jobs: int = 1,
    on_game: Callable[[GameResult], None] | None = None,
    backend: Backend | None = None,
) -> list[GameResult]:
    """Play every arm on every seed and return the results in (arm, seed) order, the same wherever the
    games ran (``backend``; by default this process, or ``jobs`` local processes).

    A bad arm is refused (ValueError) before any game is played. ``on_game`` is called in this process
    for each finished game; a KeyboardInterrupt, from it or from Ctrl+C, stops the study and raises
    StudyInterrupted with the games played so far."""
    source = scenario if isinstance(scenario, ScenarioText) else ScenarioText.read(scenario)
    parsed = source.load()
    for arm in arms:
        check_arm(parsed, arm)
    backend = backend or (Processes(jobs) if jobs > 1 else InProcess())
    seeds = list(seeds)
    tasks = make_tasks(source.digest, arms, seeds, backend.workers)
    done: dict[int, list[GameResult]] = {}
    stream = backend.run(source, tasks)
    try:
        for index, results in stream:
            done[index] = results
            for result in results:
                if on_game:
                    on_game(result)
    except KeyboardInterrupt:
        stream.close()
        raise StudyInterrupted([r for i in sorted(done) for r in done[i]]) from None
    return [r for i in sorted(done) for r in done[i]]


def check_arm(scenario: Scenario, arm: Arm) -> None:
    """ValueError saying what is wrong with an arm (variant, overrides, seat specs), before it plays."""
    rules = rules_view(*playable(scenario, arm))
    for actor, spec in arm.seats.items():
        build_controller(spec.replace(ANY_PERSONALITY, ""), actor, rules)
