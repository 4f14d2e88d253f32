"""Scenario events: calendar events on their turn, conditional random events by chance."""
from __future__ import annotations

from .compiled import events_on_turn
from .effects import apply_effects, audience_of, roll_chance
from .work import Work


def run_events(work: Work) -> None:
    """Calendar events first, then random events, each in scenario order (part of the fixed order)."""
    for event, tests in events_on_turn(work.scenario, work.turn):  # this turn's calendar, and the random
        if event.once and event.id in work.fired_events:
            continue
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
