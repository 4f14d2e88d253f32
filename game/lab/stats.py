"""Statistics over a study's games: the spread of each arm, and paired differences between arms.

Intervals are 95% and come from scipy: Wilson's for shares (sound at 0% and 100%, where the normal one
collapses), Student's t for means and for paired differences (right on the small samples a sweep
point often has, and the normal interval at large n).
"""

from __future__ import annotations

import io
import math
import statistics
from collections import Counter
from dataclasses import dataclass

import numpy
from scipy import stats as scipy_stats

from .batch import GameResult

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Share:
    count: int
    n: int

    @property
    def value(self) -> float:
        return self.count / self.n if self.n else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """Wilson score interval."""
        if not self.n:
            return 0.0, 0.0
        ci = scipy_stats.binomtest(self.count, self.n).proportion_ci(CONFIDENCE, method="wilson")
        return float(ci.low), float(ci.high)

    def __str__(self) -> str:
        low, high = self.interval
        return f"{self.value:6.1%} [{low:.0%}-{high:.0%}]"


def t_half_width(values: list[float]) -> float:
    """Half the width of the t interval of the mean (0 for fewer than two values or no spread)."""
    n = len(values)
    if n < 2:
        return 0.0
    sd = statistics.stdev(values)
    return float(scipy_stats.t.ppf((1 + CONFIDENCE) / 2, n - 1) * sd / math.sqrt(n)) if sd else 0.0


@dataclass(frozen=True)
class Spread:
    mean: float
    half_width: float  # of the 95% interval of the mean
    p10: float
    median: float
    p90: float

    @classmethod
    def of(cls, values: list[float]) -> "Spread":
        p10, median, p90 = (float(q) for q in numpy.percentile(values, [10, 50, 90]))
        return cls(mean=statistics.fmean(values), half_width=t_half_width(values), p10=p10, median=median, p90=p90)

    def __str__(self) -> str:
        return (
            f"mean {self.mean:6.1f} +-{self.half_width:4.1f}   p10 {self.p10:6.1f}  median {self.median:6.1f}"
            f"  p90 {self.p90:6.1f}"
        )


@dataclass
class ArmSummary:
    label: str
    games: int
    outcomes: dict[str, Share]
    scores: dict[str, Spread]
    meters: dict[str, Spread]
    warheads: Spread
    with_deal: Share
    with_broken_deal: Share
    with_detection: Share
    with_dprk_test: Share
    first_test_turn: float | None  # median, over games with a test
    with_substantive_deal: Share  # a freeze or dismantlement traded for relief or peace (issue 11)
    with_declaration: Share  # the peace stage rose during play
    with_verified_step: Share  # a production site shut in play and verified by inspectors (issue 11)


def summarize(results: list[GameResult]) -> list[ArmSummary]:
    """One summary per arm, in the order the arms first appear."""
    arms: dict[str, list[GameResult]] = {}
    for r in results:
        arms.setdefault(r.arm, []).append(r)
    return [_summarize_arm(label, games) for label, games in arms.items()]


def _summarize_arm(label: str, games: list[GameResult]) -> ArmSummary:
    n = len(games)
    outcomes = Counter(g.outcome for g in games)
    first_tests = [g.first_test_turn for g in games if g.first_test_turn is not None]
    return ArmSummary(
        label=label,
        games=n,
        outcomes={k: Share(v, n) for k, v in outcomes.most_common()},
        scores={actor: Spread.of([g.scores[actor] for g in games]) for actor in games[0].scores},
        meters={m: Spread.of([g.final_meters[m] for g in games]) for m in games[0].final_meters},
        warheads=Spread.of([float(g.warheads) for g in games]),
        with_deal=Share(sum(1 for g in games if g.deals), n),
        with_broken_deal=Share(sum(1 for g in games if g.deals.get("broken")), n),
        with_detection=Share(sum(1 for g in games if g.detections), n),
        with_dprk_test=Share(sum(1 for g in games if g.dprk_tests), n),
        first_test_turn=statistics.median(first_tests) if first_tests else None,
        with_substantive_deal=Share(sum(1 for g in games if g.substantive_deals), n),
        with_declaration=Share(sum(1 for g in games if g.declared_peace), n),
        with_verified_step=Share(sum(1 for g in games if g.verified_steps), n),
    )


@dataclass(frozen=True)
class PairedDifference:
    """Arm minus baseline over the seeds both played: mean difference, its 95% t half-width, and the
    paired t-test's p-value (1 when the two never differ)."""

    mean: float
    half_width: float
    pairs: int
    p_value: float = 1.0

    @classmethod
    def of(cls, diffs: list[float]) -> "PairedDifference":
        if len(set(diffs)) > 1:
            p = float(scipy_stats.ttest_1samp(diffs, 0.0).pvalue)  # the paired t-test on the differences
        else:  # every pair differs by the same amount (certain from two pairs on), or none differs
            p = 0.0 if any(diffs) and len(diffs) > 1 else 1.0
        return cls(statistics.fmean(diffs) if diffs else 0.0, t_half_width(diffs), len(diffs), p)

    @property
    def clear(self) -> bool:
        """The 95% interval excludes zero (one pair has no interval)."""
        return self.pairs > 1 and abs(self.mean) > self.half_width

    def __str__(self) -> str:
        return f"{self.mean:+.1f} +-{self.half_width:.1f}{' *' if self.clear else ''}"


def paired_values(results: list[GameResult], baseline: str, arm: str, value) -> PairedDifference:
    """``value(result)`` in the arm minus in the baseline, over the seeds both played."""
    base = {r.seed: r for r in results if r.arm == baseline}
    other = {r.seed: r for r in results if r.arm == arm}
    return PairedDifference.of([value(other[s]) - value(base[s]) for s in sorted(base.keys() & other.keys())])


def paired_score_differences(results: list[GameResult], baseline: str, arm: str) -> dict[str, PairedDifference]:
    """Per actor: the arm's score minus the baseline's in the same seed."""
    first = next((r for r in results if r.arm == baseline), None)
    return {
        actor: paired_values(results, baseline, arm, lambda r, a=actor: r.scores[a])
        for actor in (first.scores if first else {})
    }


REPORT_METERS = (
    "tension",
    "sanctions_pressure",
    "sanctions_regime",
    "peace_stage",
    "dprk_economy",
    "inter_korean",
    "cohesion.US-ROK",
    "cohesion.US-JPN",
    "cohesion.PRC-DPRK",
)


def report(results: list[GameResult]) -> str:
    """The study as text: each arm's spread, then each arm against the first (paired by seed)."""
    out = io.StringIO()
    summaries = summarize(results)
    for s in summaries:
        print(f"== {s.label}: {s.games} games", file=out)
        print("  end states:   " + ", ".join(f"{k} {v}" for k, v in s.outcomes.items()), file=out)
        print(
            f"  a deal struck {s.with_deal}   a deal broken {s.with_broken_deal}   "
            f"hidden activity exposed {s.with_detection}",
            file=out,
        )
        first = f" (median first on turn {s.first_test_turn:g})" if s.first_test_turn is not None else ""
        print(f"  DPRK tests    {s.with_dprk_test}{first}", file=out)
        print(
            f"  a substantive deal {s.with_substantive_deal}   peace declared in play {s.with_declaration}   "
            f"a verified step {s.with_verified_step}",
            file=out,
        )
        print("  scores:", file=out)
        for actor, spread in s.scores.items():
            print(f"    {actor:5} {spread}", file=out)
        print("  at the end:", file=out)
        print(f"    {'warheads':18} {s.warheads}", file=out)
        for meter in REPORT_METERS:
            if meter in s.meters:
                print(f"    {meter:18} {s.meters[meter]}", file=out)
    if len(summaries) > 1:
        baseline = summaries[0].label
        print(f"== paired score differences against '{baseline}' (same seeds; * = 95% interval excludes 0)", file=out)
        for s in summaries[1:]:
            diffs = paired_score_differences(results, baseline, s.label)
            print(f"  {s.label}: " + "   ".join(f"{actor} {d}" for actor, d in diffs.items()), file=out)
    return out.getvalue()
