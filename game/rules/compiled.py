"""What resolution reads of the scenario, worked out once instead of at every order and every turn.

An order's cause, its label, its audience, its news line and, for a deception, the public face it shows
(the action it counts as, with the effects the world sees of it) depend only on the scenario's action
and the actor taking it. ``action_program`` builds them once and keeps them on the action
(``ActionSpec.memo``): the scenario owns them, and every match on it, including the search's sampled
worlds (whose scenario copies share the same actions), reads the same record. ``events_on_turn`` is
the table of events that may fire on a turn (its calendar events and every random event, in scenario
order) with their conditions, effects and chance outcomes compiled, kept on the scenario
(``Scenario.memo``). Effects are compiled by their kinds (``rules.kinds``: names resolved, numbers read
as literals or parameter look-ups): the parameters are the game's, read when an effect applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..model.ids import Actor
from ..model.log import Audience
from ..model.orders import ActionOrder
from ..model.scenario import ActionSpec, EventSpec, Scenario
from .conditions import Bounds, ConditionView, on_turn
from .effects import Outcome, audience_of, compile_chance, compile_effects, fill
from .kinds import Step
from .legality import taken_key
from .numbers import Reader, number_reader
from .work import actor_name


# The compiled records are slotted dataclasses, not named tuples: resolution reads their fields a few hundred
# times a turn, and the interpreter specialises a slot's read (a named tuple's field it does not). They are
# not frozen (a frozen dataclass sets each field through object.__setattr__: a game compiles hundreds of
# them), but nothing changes one once compiled: the scenario's memos share them between matches and threads.
@dataclass(slots=True)
class Face:
    """What a deception shows the world: the action it counts as, taken publicly."""

    taken_key: str  # the last_taken key of the action it counts as
    cause: str
    label: str
    news: str
    reactions: tuple[Step, ...]  # the face's meter, flag and trust effects: the world's reactions


@dataclass(slots=True)
class ActionProgram:
    cost: int  # political capital
    taken_key: str  # its last_taken key
    counts_as: str  # the action a commitment's clause sees taken (a deception's face, else itself)
    concealed: bool  # whether it is taken unseen (a deception or a secret action): a breach stays hidden
    cause: str  # "US:sanctions_tighten"
    label: str  # "United States: Tighten sanctions"
    audience: Audience
    news: str  # the news line with the actor's name filled in
    face: Face | None  # for a deception (``counts_as``)
    effects: tuple[Step, ...]  # the action's effects compiled for the actor (rules.kinds)
    chance: tuple[Outcome, ...]  # its chance outcomes, compiled likewise


def action_program(scenario: Scenario, spec: ActionSpec, actor: Actor) -> ActionProgram:
    """``spec`` taken by ``actor``, as resolution applies it (built once, kept on the action)."""
    return spec.memo.get(("program", actor), lambda: _compile(scenario, spec, actor))


def order_programs(
    scenario: Scenario, orders: Mapping[Actor, Sequence[ActionOrder]], actors: Sequence[Actor]
) -> list[tuple[Actor, ActionProgram]]:
    """Each actor's orders, in actor order and each actor's own order, as (actor, ``action_program``).
    A turn resolves a dozen orders: the scenario keeps a table of the programs by (action, actor), so
    each is one dict look-up."""
    table: dict[tuple[str, Actor], ActionProgram] = scenario.memo.get("order programs", dict)
    out = []
    for actor in actors:
        for order in orders.get(actor, ()):
            key = (order.action, actor)
            program = table.get(key)
            if program is None:
                program = table.setdefault(key, action_program(scenario, scenario.action_index[order.action], actor))
            out.append((actor, program))
    return out


def _compile(scenario: Scenario, spec: ActionSpec, actor: Actor) -> ActionProgram:
    face = None
    if spec.counts_as is not None:
        shown = scenario.action_index[spec.counts_as]
        face = Face(
            taken_key(actor, shown.id),
            f"{actor.value}:{shown.id}",
            f"{actor_name(actor)}: {shown.name}",
            fill(shown.news or f"{{actor}}: {shown.name}.", actor),
            compile_effects([e for e in shown.effects if e.kind in ("meter", "flag", "trust")], actor),
        )
    return ActionProgram(
        spec.cost,
        taken_key(actor, spec.id),
        spec.counts_as or spec.id,
        spec.counts_as is not None or spec.visibility == "secret",
        f"{actor.value}:{spec.id}",
        f"{actor_name(actor)}: {spec.name}",
        audience_of(spec.visibility, actor),
        fill(spec.news or f"{{actor}}: {spec.name}.", actor),
        face,
        compile_effects(spec.effects, actor),
        compile_chance(spec.chance, actor),
    )


@dataclass(slots=True)
class EventProgram:
    """An event as resolution runs it on one turn: its conditions (``conditions.on_turn``: its meter bounds
    and the tests of the rest, its turn conditions already met), cause, audience, news, effects and chance
    outcomes compiled (an event has no actor)."""

    event: EventSpec
    bounds: tuple[Bounds, ...]
    tests: tuple[Callable[[ConditionView], bool], ...]
    cause: str  # "event:<id>"
    audience: Audience
    news: str
    effects: tuple[Step, ...]
    chance: tuple[Outcome, ...]
    event_id: str  # the event's own fields that every turn reads, as slots (a model's field read is slower)
    once: bool
    is_random: bool
    p: Reader  # a random event's chance


def events_on_turn(scenario: Scenario, turn: int) -> tuple[EventProgram, ...]:
    """The events that may fire on ``turn``, in scenario order, each compiled: its calendar events and the
    random ones, but those whose turn conditions rule the turn out."""
    return scenario.memo.get(("events on turn", turn), lambda: tuple(_events_on_turn(scenario, turn)))


def _events_on_turn(scenario: Scenario, turn: int) -> Iterator[EventProgram]:
    for event in scenario.events:
        if event.kind != "random" and event.turn != turn:
            continue
        conditions = on_turn(event.when, turn)
        if conditions is None:
            continue
        yield EventProgram(
            event,
            *conditions,
            f"event:{event.id}",
            audience_of(event.visibility, None),
            event.news or event.name,
            compile_effects(event.effects, None),
            compile_chance(event.chance, None),
            event.id,
            event.once,
            event.kind == "random",
            number_reader(event.p),
        )
