"""Which assumptions decide the outcome: each swept parameter's effect on the chosen metrics.

A sensitivity study (``sweep.one_at_a_time``) plays the defaults and each parameter at the two ends of
its plausible range on the same seeds; a parameter's effect at an end is the metric there minus at
the defaults, paired by seed, with its 95% t interval. Parameters are ranked by their larger effect
(the width of their bar in a tornado chart).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.ids import Outcome
from ..model.scenario import Scenario
from .batch import GameResult
from .stats import PairedDifference, paired_values
from .sweep import Axis, label

OUTCOMES = tuple(o.value for o in Outcome)
DEFAULT_METRICS = ("de_facto_nuclear_state", "score.US")


@dataclass(frozen=True)
class Metric:
    """What a game is judged by: ending in an outcome (a share), a country's score, a meter at the end,
    or the true warheads at the end."""

    spec: str

    def of(self, result: GameResult) -> float:
        kind, _, name = self.spec.partition(".")
        if kind == "score":
            return result.scores[name]
        if kind == "meter":
            return result.final_meters[name]
        if self.spec == "warheads":
            return float(result.warheads)
        return 1.0 if result.outcome == self.spec else 0.0

    @property
    def is_share(self) -> bool:
        return self.spec in OUTCOMES

    @property
    def unit(self) -> str:
        return "percentage points" if self.is_share else "points" if self.spec.startswith("score.") else ""


def parse_metric(spec: str, scenario: Scenario) -> Metric:
    """ValueError naming what may be given when ``spec`` is none of them."""
    kind, _, name = spec.partition(".")
    known = (
        spec in OUTCOMES
        or spec == "warheads"
        or (kind == "score" and name in {a.value for a in scenario.actors})
        or (kind == "meter" and name in scenario.start.meters)
    )
    if not known:
        raise ValueError(
            f"--outcome {spec}: expected an end state ({', '.join(OUTCOMES)}), score.ACTOR, "
            f"meter.NAME (a meter the scenario starts) or warheads"
        )
    return Metric(spec)


@dataclass(frozen=True)
class Effect:
    parameter: str
    metric: Metric
    low: float
    high: float
    at_low: PairedDifference | None  # the metric with the parameter at its low end, minus at the defaults
    at_high: PairedDifference | None  # (None: that end was not played)

    @property
    def size(self) -> float:
        return max((abs(d.mean) for d in (self.at_low, self.at_high) if d is not None), default=0.0)


def effects(results: list[GameResult], axes: list[Axis], defaults: dict[str, float], metric: Metric) -> list[Effect]:
    """Each axis's effect on ``metric``, largest first (ties in the axes' order)."""
    base = label(defaults, defaults)
    played = {r.arm for r in results}

    def at(name: str, value: float) -> PairedDifference | None:
        arm = label({**defaults, name: value}, defaults)
        if arm == base:  # the end is the default value: no games of its own
            return PairedDifference.of([0.0] * sum(1 for r in results if r.arm == base))
        return paired_values(results, base, arm, metric.of) if arm in played else None

    out = []
    for axis in axes:
        low, high = axis.ends
        out.append(Effect(axis.name, metric, low, high, at(axis.name, low), at(axis.name, high)))
    return sorted(out, key=lambda e: -e.size)


def ranking(effects_by_metric: dict[str, list[Effect]]) -> str:
    """The ranking as text, one block per metric."""
    lines = []
    for spec, found in effects_by_metric.items():
        lines.append(
            f"== sensitivity of {spec} (at the low end / at the high end, minus at the defaults; "
            f"paired, 95% t intervals; * excludes 0)"
        )
        scale = 100.0 if found and found[0].metric.is_share else 1.0
        for rank, e in enumerate(found, 1):
            lines.append(
                f"  {rank:2}. {e.parameter:32} {e.low:g}..{e.high:g}:  "
                f"{_scaled(e.at_low, scale)}  /  {_scaled(e.at_high, scale)}"
            )
    return "\n".join(lines) + "\n"


def _scaled(d: PairedDifference | None, scale: float) -> str:
    if d is None:
        return "not played"
    return f"{d.mean * scale:+.1f} +-{d.half_width * scale:.1f}{' *' if d.clear else ''}"
