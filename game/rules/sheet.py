"""What the drifts of a turn work on (``assessment.drift``, ``alliances.alliance_drift``): a rules ``Work``
resolving a turn, or an ``assessment.Projection`` carrying the meters forward for the scoring's horizon.

A base class rather than a Protocol: compiled, a call through a Protocol is a generic Python call (its
arguments boxed into a call and parsed again, about 2,000 instructions), and one through a native base class
is a vtable call; a turn's drifts make about twenty."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model.ids import Actor
from ..model.scenario import WorldSpec


class MeterSheet:
    """The meters a drift moves, the parameters and world it reads, and how it moves them."""

    meters: dict[str, float]
    params: Mapping[str, float]
    actors: tuple[Actor, ...]
    world: WorldSpec

    def add(self, meter: str, delta: float, cause: str, label: str) -> float:
        """Add ``delta`` to ``meter`` within its bounds; return the change actually made."""
        raise NotImplementedError

    def set_derived(self, meter: str, value: float, explain: Callable[[], list[tuple[str, str, float]]]) -> None:
        """Set a derived meter; ``explain()`` gives the (cause, label, delta) terms of its change."""
        raise NotImplementedError
