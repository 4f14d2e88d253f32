"""Scenario events: calendar events on their turn, conditional random events by chance."""

from __future__ import annotations

from collections.abc import Set

from ..model.scenario import Scenario
from .compiled import EventProgram, events_on_turn
from .effects import roll_outcomes
from .kinds import run_effects
from .numbers import read
from .work import Work


def may_fire(scenario: Scenario, turn: int, fired: Set[str]) -> list[EventProgram]:
    """The events that may fire on ``turn`` (this turn's calendar, and the random ones, but those whose turn
    conditions rule it out), each compiled, leaving out a once-only event that has fired (``fired``). The
    white cell's console lists their chance rolls from this; ``run_events`` reads the same table."""
    return [p for p in events_on_turn(scenario, turn) if not (p.once and p.event_id in fired)]


def run_events(work: Work) -> None:
    """Calendar events first, then random events, each in scenario order (part of the fixed order): those
    ``may_fire`` gives whose conditions hold (an event's meter bounds compared here, in a loop, then its
    other tests) and, for a random one, whose roll comes up."""
    meters = work.meters
    for program in may_fire(work.scenario, work.turn, work.fired_events):
        for meter, low, high in program.bounds:  # loops, not all(...): no generator made for each event
            if not low <= meters[meter] <= high:
                break
        else:
            for test in program.tests:
                if not test(work):
                    break
            else:
                if not program.is_random or work.dice.roll_at(f"{work.turn}:event:{program.event_id}") < read(
                    program.p, work.params
                ):
                    _fire(work, program)


def _fire(work: Work, program: EventProgram) -> None:
    """An event whose conditions hold (and, if random, whose roll came up): its news, effects, chance."""
    work.fired_events.add(program.event_id)  # the slot, not the event's field
    cause, audience, name = program.cause, program.audience, program.event.name
    work.report(program.news, audience, cause)
    run_effects(work, program.effects, cause, name, audience)
    if program.chance:  # most events have none
        roll_outcomes(work, program.chance, cause, name, audience)
