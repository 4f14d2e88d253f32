"""A study as one self-contained HTML page: its set-up, tables, and charts drawn with matplotlib (Agg)
and inlined as SVG, so the page opens anywhere with nothing beside it.

Sections: set-up; outcome shares per arm or sweep point with Wilson intervals; paired score
differences against the first arm; score distributions; meters over time (median and 10th-90th
percentile band); and, for a sensitivity study, the ranking and its tornado chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from ..report.page import OKABE_ITO, charts, document, escape as _e, svg as _svg, table as _table
from .batch import GameResult
from .sensitivity import Effect
from .stats import PairedDifference, paired_score_differences, summarize

MAX_LINES = 8  # arms drawn in the meters-over-time chart (the first ones: a sensitivity's defaults first)
TIME_METERS = ("tension", "sanctions_pressure", "peace_stage", "dprk_economy", "inter_korean", "cohesion.US-ROK")


@dataclass
class Setup:
    """What the study was, as the page's first section states it."""

    title: str
    rows: list[tuple[str, str]]  # (what, value), e.g. ("scenario", "hanoi-2019 (sha256 ab12...)")
    arms: list[tuple[str, str]] = field(default_factory=list)  # (label, what it plays: seats, variant, or "")
    interrupted: bool = False


def render(setup: Setup, results: list[GameResult], effects: dict[str, list[Effect]] | None = None) -> str:
    """The page. Deterministic: the same study gives the same bytes."""
    with charts("armistice-lab"):
        parts = [f"<h1>{_e(setup.title)}</h1>", _setup(setup, results)]
        if results:
            parts += [_outcomes(results), _differences(results), _scores(results), _meters(results)]
        if effects:
            parts.append(_sensitivity(effects))
    return document(setup.title, "\n".join(parts))


def _difference(d: PairedDifference | None, scale: float = 1.0) -> str:
    if d is None:
        return "not played"
    return f"{d.mean * scale:+.1f} ±{d.half_width * scale:.1f}{' *' if d.clear else ''}"


def _setup(setup: Setup, results: list[GameResult]) -> str:
    note = (
        '<p class="note"><b>Interrupted</b>: the tables and charts hold the games played before the '
        "study was stopped.</p>"
        if setup.interrupted
        else ""
    )
    games = {label: sum(1 for r in results if r.arm == label) for label, _ in setup.arms}
    if any(what for _, what in setup.arms):
        arms = _table(["arm", "plays", "games"], [[label, what, str(games[label])] for label, what in setup.arms])
    else:
        arms = _table(["arm / point", "games"], [[label, str(games[label])] for label, _ in setup.arms])
    return (
        f"<h2>Set-up</h2>{note}"
        + _table(["", ""], [list(r) for r in setup.rows], "kv")
        + '<h3>Arms and sweep points</h3><p class="note">Every arm plays the same seeds, so differences '
        "between arms are paired.</p>" + arms
    )


def _outcomes(results: list[GameResult]) -> str:
    summaries = summarize(results)
    outcomes = sorted(
        {o for s in summaries for o in s.outcomes},
        key=lambda o: -sum(s.outcomes[o].count for s in summaries if o in s.outcomes),
    )
    rows = [
        [s.label, str(s.games)] + [str(s.outcomes[o]).strip() if o in s.outcomes else "0" for o in outcomes]
        for s in summaries
    ]
    fig, axes = plt.subplots(
        1, len(outcomes), figsize=(2.6 * len(outcomes) + 2.2, 0.32 * len(summaries) + 1.2), sharey=True, squeeze=False
    )
    labels = [s.label for s in summaries]
    for ax, outcome in zip(axes[0], outcomes):
        values, lows, highs = [], [], []
        for s in summaries:
            share = s.outcomes.get(outcome)
            value, (low, high) = (share.value, share.interval) if share else (0.0, (0.0, 0.0))
            values.append(100 * value)
            lows.append(100 * (value - low))
            highs.append(100 * (high - value))
        ax.barh(range(len(labels)), values, xerr=[lows, highs], color=OKABE_ITO[0], ecolor="#333", capsize=2)
        ax.set_title(outcome.replace("_", " "))
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of games")
    axes[0][0].set_yticks(range(len(labels)), labels)
    axes[0][0].invert_yaxis()
    return (
        '<h2>Outcome shares</h2><p class="note">Share of games ending in each state, with 95% Wilson '
        "intervals.</p>" + _svg(fig) + _table(["arm / point", "games"] + outcomes, rows)
    )


def _differences(results: list[GameResult]) -> str:
    summaries = summarize(results)
    if len(summaries) < 2:
        return ""
    base = summaries[0].label
    actors = list(results[0].scores)
    rows = []
    for s in summaries[1:]:
        diffs = paired_score_differences(results, base, s.label)
        rows.append([s.label] + [f"{_difference(diffs[a])} (p={diffs[a].p_value:.2g})" for a in actors])
    return (
        f"<h2>Score differences against '{_e(base)}'</h2><p class=\"note\">Mean of the paired differences "
        "(same seeds) with its 95% t interval and the paired t-test's p; * where the interval excludes "
        "0.</p>" + _table(["arm / point"] + actors, rows)
    )


def _scores(results: list[GameResult]) -> str:
    summaries = summarize(results)
    actors = list(results[0].scores)
    labels = [s.label for s in summaries]
    fig, axes = plt.subplots(
        1, len(actors), figsize=(2.4 * len(actors) + 2.2, 0.32 * len(labels) + 1.2), sharey=True, squeeze=False
    )
    for ax, actor in zip(axes[0], actors):
        data = [[r.scores[actor] for r in results if r.arm == label] for label in labels]
        ax.boxplot(data, orientation="horizontal", widths=0.6, flierprops={"markersize": 2})
        ax.set_title(actor)
        ax.set_xlabel("score")
    axes[0][0].set_yticks(range(1, len(labels) + 1), labels)
    axes[0][0].invert_yaxis()
    rows = [[s.label] + [f"{s.scores[a].mean:.1f} ±{s.scores[a].half_width:.1f}" for a in actors] for s in summaries]
    return (
        '<h2>Score distributions</h2><p class="note">Each country\'s final score: box from the 25th to the '
        "75th percentile, median line, whiskers to 1.5 IQR. Table: mean with its 95% t interval.</p>"
        + _svg(fig)
        + _table(["arm / point"] + actors, rows)
    )


def _meters(results: list[GameResult]) -> str:
    import numpy

    labels = list(dict.fromkeys(r.arm for r in results))
    shown = labels[:MAX_LINES]
    meters = [m for m in TIME_METERS if m in results[0].final_meters]
    fig, axes = plt.subplots(2, (len(meters) + 1) // 2, figsize=(11, 6), squeeze=False)
    for ax, meter in zip(axes.flat, meters):
        for colour, label in zip(OKABE_ITO, shown):
            runs = [[row[meter] for row in r.history] for r in results if r.arm == label and r.history]
            turns = max(map(len, runs), default=0)
            if not turns:
                continue
            # a game that ended early keeps its last value for the turns it did not play
            grid = numpy.array([run + [run[-1]] * (turns - len(run)) for run in runs])
            low, mid, high = numpy.percentile(grid, [10, 50, 90], axis=0)
            x = range(1, turns + 1)
            ax.fill_between(x, low, high, color=colour, alpha=0.12, linewidth=0)
            ax.plot(x, mid, color=colour, label=label, linewidth=1.4)
        ax.set_title(meter)
        ax.set_xlabel("turn")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in list(axes.flat)[len(meters) :]:
        ax.set_visible(False)
    handles, names = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=8, frameon=False)
    fig.tight_layout()
    note = f" The first {MAX_LINES} of {len(labels)} arms are drawn." if len(labels) > MAX_LINES else ""
    return (
        '<h2>Meters over time</h2><p class="note">Median at the end of each turn, band from the 10th to '
        f"the 90th percentile of the games.{note}</p>" + _svg(fig)
    )


def _sensitivity(effects: dict[str, list[Effect]]) -> str:
    parts = [
        '<h2>Sensitivity</h2><p class="note">Each parameter moved alone to the low and the high end of '
        "its plausible range, the others at their defaults; bars are the metric there minus at the "
        "defaults (paired by seed), with 95% t intervals. Largest effect first.</p>"
    ]
    for spec, found in effects.items():
        scale = 100.0 if found and found[0].metric.is_share else 1.0
        names = [e.parameter for e in found]
        fig, ax = plt.subplots(figsize=(8, 0.34 * len(found) + 1.3))
        for offset, attr, colour, name in (
            (-0.2, "at_low", OKABE_ITO[0], "at the low end"),
            (0.2, "at_high", OKABE_ITO[1], "at the high end"),
        ):
            diffs = [getattr(e, attr) for e in found]  # an end not played has no bar
            ax.barh(
                [i + offset for i in range(len(found))],
                [d.mean * scale if d else 0.0 for d in diffs],
                height=0.4,
                xerr=[d.half_width * scale if d else 0.0 for d in diffs],
                color=colour,
                ecolor="#333",
                capsize=2,
                label=name,
            )
        ax.axvline(0, color="#333", linewidth=0.8)
        ax.set_yticks(range(len(found)), names)
        ax.invert_yaxis()
        unit = found[0].metric.unit if found else ""
        ax.set_xlabel(f"change in {spec}" + (f" ({unit})" if unit else ""))
        ax.legend(fontsize=7, loc="lower right")
        rows = [
            [
                str(rank),
                e.parameter,
                f"{e.low:g} .. {e.high:g}",
                _difference(e.at_low, scale),
                _difference(e.at_high, scale),
            ]
            for rank, e in enumerate(found, 1)
        ]
        parts.append(
            f"<h3>{_e(spec)}</h3>"
            + _svg(fig)
            + _table(["rank", "parameter", "range", "at the low end", "at the high end"], rows)
        )
    return "\n".join(parts)
