"""Headless batch runs: many seeded AI-vs-AI games per arm, one plain result per game.

An *arm* is one configuration of the game (the seats' controllers and the scenario variant). Arms
compared in one study play the same seeds, so their differences are paired: the same dice, the same
random events where play allows, only the configuration changed.
"""
from __future__ import annotations

import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..ai.personality import personalities_for
from ..ai.registry import build_controller
from ..ai.runner import make_controllers, run
from ..engine import Match
from ..model.ids import Actor
from ..model.scenario import Scenario
from ..persist import open_scenario
from ..views import rules_view

TEST_OPS = {"short_range_test": "short-range", "icbm_test": "ICBM", "nuclear_test": "nuclear"}  # program op -> kind
ANY_PERSONALITY = "*"


@dataclass(frozen=True)
class Arm:
    """One configuration: a controller spec per seat (``heuristic:*`` draws the seat's personality at
    random for each game, seeded by the game's seed) and an optional scenario variant."""

    label: str
    seats: dict[Actor, str]
    variant: str | None = None


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

    def as_dict(self) -> dict:
        return asdict(self)


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


def play_game(scenario: Scenario, arm: Arm, seed: int) -> GameResult:
    seats = seats_for_game(scenario, arm, seed)
    match = Match(scenario, seed, arm.variant)
    run(match, make_controllers(match, seats))
    state = match.state
    test_actions = {a.id for a in scenario.actions
                    if any(e.kind == "program" and e.op in TEST_OPS for e in a.effects)}
    test_turns = [entry.turn for entry in match.log if entry.actor is Actor.DPRK
                  for order in entry.orders if order.action in test_actions]
    deals: dict[str, int] = {}
    for deal in state.deals:
        deals[deal.status] = deals.get(deal.status, 0) + 1
    return GameResult(
        arm=arm.label, seed=seed, seats={a.value: s for a, s in seats.items()},
        outcome=state.outcome.value if state.outcome else "unfinished", outcome_reason=state.outcome_reason,
        turns=len(match.turns), scores={a.value: round(v, 3) for a, v in match.scores().items()},
        final_meters={k: round(v, 3) for k, v in state.meters.items()}, warheads=state.program.warheads,
        deals=deals, detections=sum(1 for n in state.news if n.source.startswith("detection:")),
        dprk_tests=len(test_turns), first_test_turn=min(test_turns) if test_turns else None,
        state_hash=match.hash(),
    )


def run_study(scenario_path: str | Path, arms: list[Arm], seeds: Iterable[int], jobs: int = 1,
              progress: Callable[[int, int], None] | None = None) -> list[GameResult]:
    """Play every arm on every seed. ``jobs`` > 1 spreads games over processes (each parses the
    scenario once); results come back in (arm, seed) order whatever the number of jobs, and are the
    same, since every game depends only on its scenario, arm and seed."""
    scenario, _ref = open_scenario(scenario_path)
    for arm in arms:  # refuse a bad arm before any game is played (ValueError says what is wrong)
        rules = rules_view(scenario, arm.variant)
        for actor, spec in arm.seats.items():
            build_controller(spec.replace(ANY_PERSONALITY, ""), actor, rules)
    games = [(arm, seed) for arm in arms for seed in seeds]
    results: list[GameResult] = []
    if jobs <= 1:
        for arm, seed in games:
            results.append(play_game(scenario, arm, seed))
            if progress:
                progress(len(results), len(games))
        return results
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(str(scenario_path),)) as pool:
        for result in pool.map(_play_in_worker, games, chunksize=max(1, len(games) // (jobs * 8))):
            results.append(result)
            if progress:
                progress(len(results), len(games))
    return results


def default_jobs() -> int:
    return max(1, min(8, os.cpu_count() or 1))


_worker_scenario: Scenario | None = None


def _init_worker(scenario_path: str) -> None:
    global _worker_scenario
    _worker_scenario, _ = open_scenario(scenario_path)


def _play_in_worker(game: tuple[Arm, int]) -> GameResult:
    arm, seed = game
    return play_game(_worker_scenario, arm, seed)
