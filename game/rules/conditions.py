"""Evaluate scenario conditions. ``failed_condition`` returns a reason a player can read."""
from __future__ import annotations

from ..model.ids import METER_LABELS, Actor
from ..model.scenario import Condition


def meter_name(name: str, actor: Actor | None) -> str:
    """Resolve ``self`` in a per-actor meter name: ``enforcement.self`` -> ``enforcement.US``."""
    if actor is not None and name.endswith(".self"):
        return f"{name[:-5]}.{actor.value}"
    return name


def failed_condition(cond: Condition, view, actor: Actor | None) -> str | None:
    """None when ``cond`` holds in ``view``, else the reason. ``view`` is a GameState or a rules
    Work: both offer meters, flags, turn, actors, site(id), all_sites(), stock(name) and any_detected()."""
    if cond.meter is not None:
        name = meter_name(cond.meter, actor)
        value = view.meters[name]
        label = METER_LABELS.get(name, name)
        if cond.min is not None and value < cond.min:
            return f"needs {label} at least {cond.min:g} (now {value:.0f})"
        if cond.max is not None and value > cond.max:
            return f"needs {label} at most {cond.max:g} (now {value:.0f})"
        return None
    if cond.flag is not None:
        if (cond.flag in view.flags) != cond.present:
            return f"needs {cond.flag.replace('_', ' ')} {'in place' if cond.present else 'not in place'}"
        return None
    if cond.turn_min is not None or cond.turn_max is not None:
        if cond.turn_min is not None and view.turn < cond.turn_min:
            return f"not before turn {cond.turn_min}"
        if cond.turn_max is not None and view.turn > cond.turn_max:
            return f"not after turn {cond.turn_max}"
        return None
    if cond.site is not None:
        site = view.site(cond.site)
        if site.status not in cond.status:
            return f"needs {site.name} {' or '.join(cond.status)}"
        return None
    if cond.stock is not None:
        value = view.stock(cond.stock)
        if cond.min is not None and value < cond.min:
            return f"needs {cond.stock.replace('_', ' ')} at least {cond.min:g}"
        if cond.max is not None and value > cond.max:
            return f"needs {cond.stock.replace('_', ' ')} at most {cond.max:g}"
        return None
    if cond.detected is not None:
        if view.any_detected() != cond.detected:
            return "needs hidden activity exposed" if cond.detected else "only while nothing hidden is exposed"
        return None
    if cond.actor_in_play is not None:
        if cond.actor_in_play not in view.actors:
            return f"needs {cond.actor_in_play.value} in play"
        return None
    return None  # unreachable: the schema demands one subject
