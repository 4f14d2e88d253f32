"""What resolution reads of the scenario, worked out once instead of at every order and every turn.

An order's cause, its label, its audience, its news line and, for a deception, the public face it shows
(the action it counts as, with the effects the world sees of it) depend only on the scenario's action
and the actor taking it. ``action_program`` builds them once and keeps them on the action
(``ActionSpec.memo``): the scenario owns them, and every match on it, including the search's sampled
worlds (whose scenario copies share the same actions), reads the same record. ``events_on_turn`` is
the table of events that may fire on a turn (its calendar events and every random event, in scenario
order) with their conditions compiled, kept on the scenario (``Scenario.memo``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..model.ids import Actor
from ..model.log import Audience
from ..model.scenario import ActionSpec, Effect, EventSpec, Scenario
from .conditions import ConditionView, test_all
from .effects import audience_of, fill
from .legality import taken_key
from .work import actor_name


class Face(NamedTuple):
    """What a deception shows the world: the action it counts as, taken publicly."""

    taken_key: str  # the last_taken key of the action it counts as
    cause: str
    label: str
    news: str
    reactions: tuple[Effect, ...]  # the face's meter, flag and trust effects: the world's reactions


class ActionProgram(NamedTuple):
    cause: str  # "US:sanctions_tighten"
    label: str  # "United States: Tighten sanctions"
    audience: Audience
    news: str  # the news line with the actor's name filled in
    face: Face | None  # for a deception (``counts_as``)


def action_program(scenario: Scenario, spec: ActionSpec, actor: Actor) -> ActionProgram:
    """``spec`` taken by ``actor``, as resolution applies it (built once, kept on the action)."""
    return spec.memo.get(("program", actor), lambda: _compile(scenario, spec, actor))


def _compile(scenario: Scenario, spec: ActionSpec, actor: Actor) -> ActionProgram:
    face = None
    if spec.counts_as is not None:
        shown = scenario.action_index[spec.counts_as]
        face = Face(
            taken_key(actor, shown.id),
            f"{actor.value}:{shown.id}",
            f"{actor_name(actor)}: {shown.name}",
            fill(shown.news or f"{{actor}}: {shown.name}.", actor),
            tuple(e for e in shown.effects if e.kind in ("meter", "flag", "trust")),
        )
    return ActionProgram(
        f"{actor.value}:{spec.id}",
        f"{actor_name(actor)}: {spec.name}",
        audience_of(spec.visibility, actor),
        fill(spec.news or f"{{actor}}: {spec.name}.", actor),
        face,
    )


EventTable = tuple[tuple[EventSpec, tuple[Callable[[ConditionView], bool], ...]], ...]


def events_on_turn(scenario: Scenario, turn: int) -> EventTable:
    """The events that may fire on ``turn``, in scenario order, each with its compiled conditions."""
    return scenario.memo.get(
        ("events on turn", turn),
        lambda: tuple(
            (event, tuple(test_all(event.when)))
            for event in scenario.events
            if event.kind == "random" or event.turn == turn
        ),
    )
