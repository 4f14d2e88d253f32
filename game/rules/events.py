"""Scenario events: calendar events on their turn, conditional random events by chance."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set

from ..model.scenario import EventSpec, Scenario
from .compiled import events_on_turn
from .effects import apply_effects, audience_of, roll_chance
from .work import Work


def may_fire(
    scenario: Scenario, turn: int, fired: Set[str]
) -> Iterator[tuple[EventSpec, tuple[Callable[..., bool], ...]]]:
    """The events that may fire on ``turn`` (this turn's calendar, and the random ones), each with its
    compiled conditions, leaving out a once-only event that has fired (``fired``). The white cell's
    console lists their chance rolls from this."""
    return ((event, tests) for event, tests in events_on_turn(scenario, turn) if not (event.once and event.id in fired))


def run_events(work: Work) -> None:
    """Calendar events first, then random events, each in scenario order (part of the fixed order)."""
    for event, tests in may_fire(work.scenario, work.turn, work.fired_events):
        if not all(t(work) for t in tests):
            continue
        if event.kind == "random" and work.dice.roll(work.turn, "event", event.id) >= work.number(event.p):
            continue
        work.fired_events.add(event.id)
        audience = audience_of(event.visibility, None)
        cause = f"event:{event.id}"
        work.report(event.news or event.name, audience, cause)
        apply_effects(work, event.effects, None, cause, event.name, audience)
        roll_chance(work, event.chance, None, cause, event.name, audience)
