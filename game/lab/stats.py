"""Statistics over a study's games: the spread of each arm, and paired differences between arms.

Intervals are 95%: Wilson's for shares (sound at 0% and 100%, where the normal one collapses), and
mean +- 1.96 standard errors for means and for paired differences.
"""
from __future__ import annotations

import csv
import io
import math
import statistics
from collections import Counter
from dataclasses import dataclass

from .batch import GameResult

Z = 1.96


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
        p, n = self.value, self.n
        centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
        half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    def __str__(self) -> str:
        low, high = self.interval
        return f"{self.value:6.1%} [{low:.0%}-{high:.0%}]"


@dataclass(frozen=True)
class Spread:
    mean: float
    half_width: float  # of the 95% interval of the mean
    p10: float
    median: float
    p90: float

    @classmethod
    def of(cls, values: list[float]) -> "Spread":
        ordered = sorted(values)
        n = len(ordered)
        sd = statistics.stdev(ordered) if n > 1 else 0.0
        return cls(mean=statistics.fmean(ordered), half_width=Z * sd / math.sqrt(n) if n else 0.0,
                   p10=_quantile(ordered, 0.1), median=statistics.median(ordered), p90=_quantile(ordered, 0.9))

    def __str__(self) -> str:
        return (f"mean {self.mean:6.1f} +-{self.half_width:4.1f}   p10 {self.p10:6.1f}  median {self.median:6.1f}"
                f"  p90 {self.p90:6.1f}")


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks."""
    if not ordered:
        return 0.0
    pos = q * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


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
        label=label, games=n,
        outcomes={k: Share(v, n) for k, v in outcomes.most_common()},
        scores={actor: Spread.of([g.scores[actor] for g in games]) for actor in games[0].scores},
        meters={m: Spread.of([g.final_meters[m] for g in games]) for m in games[0].final_meters},
        warheads=Spread.of([float(g.warheads) for g in games]),
        with_deal=Share(sum(1 for g in games if g.deals), n),
        with_broken_deal=Share(sum(1 for g in games if g.deals.get("broken")), n),
        with_detection=Share(sum(1 for g in games if g.detections), n),
        with_dprk_test=Share(sum(1 for g in games if g.dprk_tests), n),
        first_test_turn=statistics.median(first_tests) if first_tests else None,
    )


@dataclass(frozen=True)
class PairedDifference:
    """Arm minus baseline over the seeds both played: mean difference and its 95% half-width."""

    mean: float
    half_width: float
    pairs: int

    def __str__(self) -> str:
        clear = " *" if abs(self.mean) > self.half_width else ""
        return f"{self.mean:+.1f} +-{self.half_width:.1f}{clear}"


def paired_score_differences(results: list[GameResult], baseline: str, arm: str) -> dict[str, PairedDifference]:
    """Per actor: the arm's score minus the baseline's in the same seed."""
    base = {r.seed: r for r in results if r.arm == baseline}
    other = {r.seed: r for r in results if r.arm == arm}
    seeds = sorted(base.keys() & other.keys())
    out = {}
    for actor in (base[seeds[0]].scores if seeds else {}):
        diffs = [other[s].scores[actor] - base[s].scores[actor] for s in seeds]
        sd = statistics.stdev(diffs) if len(diffs) > 1 else 0.0
        out[actor] = PairedDifference(statistics.fmean(diffs), Z * sd / math.sqrt(len(diffs)), len(diffs))
    return out


REPORT_METERS = ("tension", "sanctions_pressure", "sanctions_regime", "peace_stage", "dprk_economy",
                 "inter_korean", "cohesion.US-ROK", "cohesion.US-JPN", "cohesion.PRC-DPRK")


def report(results: list[GameResult]) -> str:
    """The study as text: each arm's spread, then each arm against the first (paired by seed)."""
    out = io.StringIO()
    summaries = summarize(results)
    for s in summaries:
        print(f"== {s.label}: {s.games} games", file=out)
        print("  end states:   " + ", ".join(f"{k} {v}" for k, v in s.outcomes.items()), file=out)
        print(f"  a deal struck {s.with_deal}   a deal broken {s.with_broken_deal}   "
              f"hidden activity exposed {s.with_detection}", file=out)
        first = f" (median first on turn {s.first_test_turn:g})" if s.first_test_turn is not None else ""
        print(f"  DPRK tests    {s.with_dprk_test}{first}", file=out)
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
        print(f"== paired score differences against '{baseline}' (same seeds; * = 95% interval excludes 0)",
              file=out)
        for s in summaries[1:]:
            diffs = paired_score_differences(results, baseline, s.label)
            print(f"  {s.label}: " + "   ".join(f"{actor} {d}" for actor, d in diffs.items()), file=out)
    return out.getvalue()


def to_csv(results: list[GameResult]) -> str:
    """One row per game: arm, seed, seats, outcome, scores, final meters and the rest, flattened."""
    rows = []
    for r in results:
        row = {"arm": r.arm, "seed": r.seed, "outcome": r.outcome, "turns": r.turns, "warheads": r.warheads,
               "detections": r.detections, "dprk_tests": r.dprk_tests,
               "first_test_turn": "" if r.first_test_turn is None else r.first_test_turn,
               "deals": sum(r.deals.values()), **{f"deals.{k}": v for k, v in r.deals.items()},
               **{f"seat.{k}": v for k, v in r.seats.items()}, **{f"score.{k}": v for k, v in r.scores.items()},
               **{f"meter.{k}": v for k, v in r.final_meters.items()}, "state_hash": r.state_hash}
        rows.append(row)
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, restval=0, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
