"""Which figures of a scenario carry a source, which a judgement, and which neither.

A *figure* is a causal parameter's value (``parameters.<name>``) or a number of the start block
(``start.<key>``, the keys of ``model.scenario.start_figures``: meters, capital, trust, the program's
stocks, readiness and site rates, the estimates). Its provenance is the parameter's own ``source`` /
``judgement`` / ``range``, or the start block's ``provenance`` entry under its key. A figure is
*sourced* when it carries a source and no judgement; a *judgement* when it carries a judgement (with
or without a source behind it), and then it needs a finite plausible range; otherwise it is *unsourced*.

Not figures: a variant's overrides (the premise of a counterfactual, argued in the variant's
description), the rules of play (turns, calendar, capital income, action costs, objective weights,
AI personalities), and numbers written literally inside actions' and events' effects and chances
(causal claims not yet made parameters). ``armistice validate`` prints this report after a scenario
loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ..boundary import InputError, load_yaml
from ..model.claims import CLAIMS, claim_switches
from ..model.scenario import Scenario, start_figures
from .loader import ScenarioError, _line, read_scenario_text

Status = Literal["sourced", "judgement", "judgement without a range", "unsourced"]


@dataclass(frozen=True)
class FigureSourcing:
    key: str  # "parameters.tension_decay", "start.meters.tension"
    loc: tuple  # where the figure is written, from the scenario's root
    value: float
    source: str | None
    judgement: str | None
    range: tuple[float, float] | None

    @property
    def status(self) -> Status:
        if (self.judgement or "").strip():
            return "judgement" if self.range is not None else "judgement without a range"
        return "sourced" if (self.source or "").strip() else "unsourced"


def scenario_figures(scenario: Scenario) -> list[FigureSourcing]:
    """Every figure of the scenario with its provenance: parameters in file order, then the start."""
    out = [
        FigureSourcing(f"parameters.{name}", ("parameters", name), spec.value, spec.source, spec.judgement, spec.range)
        for name, spec in scenario.parameters.items()
    ]
    provenance = scenario.start.provenance
    for key, figure in start_figures(dict(scenario.start)).items():
        entry = provenance.get(key)
        source, judgement, span = (None, None, None) if entry is None else (entry.source, entry.judgement, entry.range)
        out.append(FigureSourcing(f"start.{key}", figure.loc, figure.value, source, judgement, span))
    return out


def variant_overrides(scenario: Scenario) -> int:
    return sum(len(v.parameters) + len(v.meters) for v in scenario.variants.values())


def sourcing_report(path: str | Path, scenario: Scenario) -> list[str]:
    """The report ``armistice validate`` prints: one summary line, then ``file:line: figure: problem``
    for each figure without a source or judgement, or with a judgement but no finite plausible range."""
    figures = scenario_figures(scenario)
    counts = dict.fromkeys(get_args(Status), 0)
    for figure in figures:
        counts[figure.status] += 1
    backed = sum(1 for f in figures if f.status == "judgement" and (f.source or "").strip())
    params = len(scenario.parameters)
    lines = [
        f"{path}: figures: {len(figures)} ({params} parameters, {len(figures) - params} start figures): "
        f"{counts['sourced']} sourced, {counts['judgement']} judgements with a range ({backed} also citing a "
        f"source), {counts['judgement without a range']} judgements without a range, {counts['unsourced']} "
        f"with neither; {variant_overrides(scenario)} variant overrides are counterfactual premises, not figures"
    ]
    switches = claim_switches(scenario.parameters)
    absent = [claim for claim in CLAIMS if claim not in switches]
    lines.append(
        f"{path}: claims: {len(switches)} of {len(CLAIMS)} have a strength parameter"
        + (f"; none for {', '.join(absent)}" if absent else "")
    )
    missing = [f for f in figures if f.status in ("unsourced", "judgement without a range")]
    if missing:
        root = _node_tree_or_none(path)
        for f in missing:
            problem = (
                "no source or judgement" if f.status == "unsourced" else "a judgement needs a finite plausible range"
            )
            where = _line(root, f.loc) if root is not None else "?"
            lines.append(f"{path}:{where}: {f.key}: {problem}")
    return lines


def _node_tree_or_none(path: str | Path):
    """The file's YAML node tree, for line numbers (the scenario has already loaded from it)."""
    try:
        return load_yaml(read_scenario_text(path))[1]
    except (InputError, ScenarioError):
        return None
