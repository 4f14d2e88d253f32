"""Designed experiments over the model's assumptions: which values of ``$parameters`` and start meters
each sweep point plays.

An *axis* is one swept quantity: a parameter by its name, a start meter as ``start.METER``, with either
a list of values (``NAME=0,2,4``) or a span (``NAME=LOW:HIGH``; with ``--range-from-scenario`` a bare
``NAME`` takes the parameter's documented plausible range). A *design* turns axes into points:
``grid`` crosses every axis's values (a span is cut into ``points`` evenly spaced values), ``lhs`` draws
``points`` points from a Latin hypercube over the spans (scipy's, seeded), ``one_at_a_time`` moves each
axis to the two ends of its span with the others at their defaults (a sensitivity study's design).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from ..model.ids import meter_bounds
from ..model.scenario import Scenario
from .batch import Arm

START = "start."


@dataclass(frozen=True)
class Axis:
    name: str  # a parameter's name, or start.METER
    values: tuple[float, ...] = ()
    span: tuple[float, float] | None = None

    @property
    def meter(self) -> str | None:
        return self.name[len(START) :] if self.name.startswith(START) else None

    @property
    def ends(self) -> tuple[float, float]:
        """The low and high end: of the span, or of the values."""
        return self.span or (min(self.values), max(self.values))


def parse_axis(text: str) -> Axis:
    """``NAME``, ``NAME=V1,V2,...`` or ``NAME=LOW:HIGH``; ValueError says what is wrong."""
    name, sep, spec = text.partition("=")
    name = name.strip()
    if not name:
        raise ValueError(f"--param {text}: expected NAME=V1,V2,... or NAME=LOW:HIGH")
    if not sep:
        return Axis(name)
    if ":" in spec:
        low, _, high = spec.partition(":")
        span = (_number(low, text), _number(high, text))
        if span[0] >= span[1]:
            raise ValueError(f"--param {text}: the range's low end must be below its high end")
        return Axis(name, span=span)
    values = tuple(_number(v, text) for v in spec.split(","))
    if len(set(values)) != len(values):
        raise ValueError(f"--param {text}: a value is given twice")
    return Axis(name, values=values)


def _number(text: str, whole: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--param {whole}: '{text.strip()}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"--param {whole}: '{text.strip()}' is not a finite number")
    return value


def resolve(axis: Axis, scenario: Scenario, range_from_scenario: bool) -> Axis:
    """The axis checked against the scenario (a known parameter or meter, values within a meter's
    bounds), a bare name given its documented range. ValueError says what is wrong."""
    meter = axis.meter
    if meter is not None:
        if meter not in scenario.start.meters:
            raise ValueError(f"--param {axis.name}: scenario {scenario.id} starts no meter '{meter}'")
        ends = axis.values or axis.span or ()
        if not ends:
            raise ValueError(f"--param {axis.name}: a start meter has no documented range; give its values")
        low, high = meter_bounds(meter)
        if any(not low <= v <= high for v in ends):
            raise ValueError(f"--param {axis.name}: a start meter must lie within {low:g}..{high:g}")
        return axis
    spec = scenario.parameters.get(axis.name)
    if spec is None:
        raise ValueError(
            f"--param {axis.name}: scenario {scenario.id} has no parameter '{axis.name}' "
            f"(a start meter is written start.METER)"
        )
    if axis.values or axis.span:
        return axis
    if not range_from_scenario:
        raise ValueError(
            f"--param {axis.name}: give values (NAME=V1,V2), a range (NAME=LOW:HIGH), or --range-from-scenario"
        )
    if spec.range is None:
        raise ValueError(f"--param {axis.name}: scenario {scenario.id} documents no plausible range for it")
    return Axis(axis.name, span=spec.range)


def documented_axes(scenario: Scenario) -> list[Axis]:
    """Every parameter of the scenario with a documented plausible range, over that range."""
    return [
        Axis(name, span=p.range)
        for name, p in scenario.parameters.items()
        if p.range is not None and p.range[0] < p.range[1]
    ]


def grid(axes: list[Axis], points: int) -> list[dict[str, float]]:
    """Every combination of the axes' values, the first axis varying slowest."""

    def values(axis: Axis) -> tuple[float, ...]:
        if axis.values:
            return axis.values
        low, high = axis.ends  # no values: the span's
        return tuple(_tidy(low + (high - low) * i / (points - 1)) for i in range(points))

    return [dict(zip((a.name for a in axes), combo)) for combo in itertools.product(*map(values, axes))]


def latin_hypercube(axes: list[Axis], points: int, seed: int) -> list[dict[str, float]]:
    """``points`` points spread over the axes' spans, one in each of ``points`` strata of every axis."""
    from scipy.stats import qmc

    if any(a.span is None for a in axes):
        named = next(a.name for a in axes if a.span is None)
        raise ValueError(f"--design lhs needs a range for every axis: give {named}=LOW:HIGH")
    sample = qmc.LatinHypercube(d=len(axes), seed=seed).random(points)
    spans = [a.ends for a in axes]  # every axis has its span (checked above)
    return [
        {a.name: _tidy(low + (high - low) * float(u)) for a, (low, high), u in zip(axes, spans, row)} for row in sample
    ]


def one_at_a_time(axes: list[Axis], defaults: dict[str, float]) -> list[dict[str, float]]:
    """The defaults, then each axis at the low and at the high end of its span (or its first and last
    values), the others at their defaults; an end that is the default is the defaults' point. Every
    point names every axis, so rows stay tidy."""
    out = [dict(defaults)]
    for axis in axes:
        for end in axis.ends:
            if end != defaults[axis.name]:
                out.append({**defaults, axis.name: end})
    return out


def defaults(scenario: Scenario, variant: str | None, axes: list[Axis]) -> dict[str, float]:
    """Each axis's value as the scenario (with the variant) has it."""
    chosen = scenario.variants[variant] if variant else None
    out = {}
    for axis in axes:
        if axis.meter is not None:
            out[axis.name] = (chosen.meters if chosen else {}).get(axis.meter, scenario.start.meters[axis.meter])
        else:
            out[axis.name] = (chosen.parameters if chosen else {}).get(axis.name, scenario.param(axis.name))
    return out


def _tidy(value: float) -> float:
    """Six significant digits: a point's label and its rows show the value the games were played with."""
    return float(f"{value:.6g}")


def label(point: dict[str, float], base: dict[str, float] | None = None) -> str:
    """``name=value, ...`` for the values that differ from ``base``; "defaults" when none does."""
    changed = {k: v for k, v in point.items() if base is None or base.get(k) != v}
    return ", ".join(f"{name}={value:g}" for name, value in changed.items()) or "defaults"


def arms_for(
    points: list[dict[str, float]], seats, variant: str | None, base: dict[str, float] | None = None
) -> list[Arm]:
    """One arm per point: the same seats and variant, the point's values as overrides (labelled by
    what differs from ``base``)."""
    return [
        Arm(
            label(point, base),
            dict(seats),
            variant,
            parameters={k: v for k, v in point.items() if not k.startswith(START)},
            meters={k[len(START) :]: v for k, v in point.items() if k.startswith(START)},
        )
        for point in points
    ]
