"""Evaluate scenario conditions. ``failed_condition`` returns a reason a player can read."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Set
from typing import Protocol

from ..model.ids import METER_LABELS, Actor, flag_label
from ..model.scenario import Condition
from ..model.state import GameState


class ConditionView(Protocol):
    """What a condition reads. A GameState and a rules Work offer it, and so does an Observation (the
    world as one seat sees it), so the AI asks the rules' own evaluator, with what the seat knows."""

    # read-only properties: a GameState's fields and a Work's properties both satisfy them
    @property
    def meters(self) -> Mapping[str, float]: ...

    @property
    def flags(self) -> Set[str]: ...

    @property
    def turn(self) -> int: ...

    @property
    def actors(self) -> tuple[Actor, ...]: ...

    def site_status(self, site_id: str) -> str: ...

    def stock(self, name: str) -> float: ...

    def any_detected(self) -> bool: ...


def meter_name(name: str, actor: Actor | None) -> str:
    """Resolve ``self`` in a per-actor meter name: ``enforcement.self`` -> ``enforcement.US``."""
    if actor is not None and name.endswith(".self"):
        return f"{name[:-5]}.{actor.value}"
    return name


def holds(cond: Condition, view: ConditionView, actor: Actor | None) -> bool:
    """Whether ``cond`` holds in ``view`` (see ``ConditionView``). The one place conditions are
    evaluated (``failed_condition`` only puts a failure into words): each condition is compiled once
    per actor into a test with its names and bounds resolved, kept on the condition."""
    return test(cond, actor)(view)


def test(cond: Condition, actor: Actor | None) -> Callable[[ConditionView], bool]:
    """``cond``'s compiled test for ``actor``: a function of the view (``holds`` without the look-up)."""
    return cond.memo.get(actor, lambda: _compile(cond, actor))


Bounds = tuple[str, float, float]  # a meter condition as data: (meter, low, high)


def on_turn(
    conds: list[Condition], turn: int
) -> tuple[tuple[Bounds, ...], tuple[Callable[[ConditionView], bool], ...]] | None:
    """An event's ``conds`` (no actor) as they stand on ``turn``, for a table built once per turn: None when
    a turn condition rules the turn out; else the meter conditions as bounds (``condition_bounds``: the loop that
    reads them compares inline, without a call per condition) and the compiled tests of the others. The
    turn conditions, which then hold, are left out: a view's turn is the turn the table is for."""
    bounds: list[Bounds] = []
    tests: list[Callable[[ConditionView], bool]] = []
    for cond in conds:
        if cond.meter is not None:
            bounds.append(condition_bounds(cond, None))
        elif cond.flag is None and (cond.turn_min is not None or cond.turn_max is not None):
            first, last = _window(cond)
            if not first <= turn <= last:
                return None
        else:
            tests.append(test(cond, None))
    return tuple(bounds), tuple(tests)


def condition_bounds(cond: Condition, actor: Actor | None) -> Bounds:
    """A meter condition's meter and bounds (an open side infinite): it holds where low <= meter <= high."""
    assert cond.meter is not None
    return (
        meter_name(cond.meter, actor),
        -math.inf if cond.min is None else cond.min,
        math.inf if cond.max is None else cond.max,
    )


def _window(cond: Condition) -> tuple[float, float]:
    """A turn condition's first and last turns (an open side infinite)."""
    return (
        -math.inf if cond.turn_min is None else cond.turn_min,
        math.inf if cond.turn_max is None else cond.turn_max,
    )


def _compile(cond: Condition, actor: Actor | None) -> Callable[[ConditionView], bool]:
    low = -math.inf if cond.min is None else cond.min
    high = math.inf if cond.max is None else cond.max
    if cond.meter is not None:
        name, least, most = condition_bounds(cond, actor)
        return lambda view: least <= view.meters[name] <= most
    if cond.flag is not None:
        flag, present = cond.flag, cond.present
        return lambda view: (flag in view.flags) == present
    if cond.turn_min is not None or cond.turn_max is not None:
        first, last = _window(cond)
        return lambda view: first <= view.turn <= last
    if cond.site is not None:
        site, statuses = cond.site, frozenset(cond.status or ())
        return lambda view: view.site_status(site) in statuses
    if cond.stock is not None:
        stock = cond.stock
        return lambda view: low <= view.stock(stock) <= high
    if cond.detected is not None:
        detected = cond.detected
        return lambda view: view.any_detected() == detected
    if cond.actor_in_play is not None:
        who = cond.actor_in_play
        return lambda view: who in view.actors
    return lambda view: True  # unreachable: the schema demands one subject


def failed_condition(cond: Condition, view: GameState, actor: Actor | None) -> str | None:
    """None when ``cond`` holds in the state ``view``, else the reason, in words a player can read."""
    if holds(cond, view, actor):
        return None
    if cond.meter is not None:
        name = meter_name(cond.meter, actor)
        value = view.meters[name]
        label = METER_LABELS.get(name, name)
        if cond.min is not None and value < cond.min:
            return f"needs {label} at least {cond.min:g} (now {value:.0f})"
        return f"needs {label} at most {cond.max:g} (now {value:.0f})"
    if cond.flag is not None:
        flag = flag_label(cond.flag)
        return f"needs {flag} in place" if cond.present else f"not while {flag} is in place"
    if cond.turn_min is not None and view.turn < cond.turn_min:
        return f"not before turn {cond.turn_min}"
    if cond.turn_max is not None and view.turn > cond.turn_max:
        return f"not after turn {cond.turn_max}"
    if cond.site is not None:
        site = view.site(cond.site)
        # A site condition may omit its statuses (it then never holds); describing one fails, as before
        assert cond.status is not None, f"a condition on site {cond.site!r} names no status"
        return f"needs {site.name} {' or '.join(cond.status)}"
    if cond.stock is not None:
        label = cond.stock.replace("_", " ")
        if cond.min is not None and view.stock(cond.stock) < cond.min:
            return f"needs {label} at least {cond.min:g}"
        return f"needs {label} at most {cond.max:g}"
    if cond.detected is not None:
        return "needs hidden activity exposed" if cond.detected else "only while nothing hidden is exposed"
    assert cond.actor_in_play is not None  # the one subject left (Condition._one_subject)
    return f"needs {cond.actor_in_play.value} in play"
