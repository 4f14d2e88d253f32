"""The public part of a scenario, for AI controllers (its starting truth is a secret)."""

from __future__ import annotations

from ..model.observation import RulesView
from ..model.scenario import Scenario


def rules_view(scenario: Scenario, variant: str | None = None) -> RulesView:
    """The rules as played: with ``variant``, its parameter overrides (its changed starting meters are
    public in every observation). One RulesView per loaded scenario and variant (``scenario.memo``), so
    every match on it shares what the AI derives from the rules."""
    if variant is not None and variant not in scenario.variants:
        raise ValueError(f"scenario {scenario.id} has no variant '{variant}'")
    return scenario.memo.get(("rules_view", variant), lambda: _build(scenario, variant))


def _build(scenario: Scenario, variant: str | None) -> RulesView:
    parameters = {k: p.value for k, p in scenario.parameters.items()}
    if variant is not None:
        parameters.update(scenario.variants[variant].parameters)
    ranges = [e.warheads for e in scenario.start.estimates.values()]
    return RulesView(
        id=scenario.id,
        title=scenario.title,
        turns=scenario.turns,
        actors=tuple(scenario.actors),
        actions=tuple(scenario.actions),
        events=tuple(scenario.events),
        objectives=dict(scenario.objectives),
        variant=variant,
        parameters=parameters,
        capital_income=dict(scenario.capital_income),
        capital_cap=scenario.capital_cap,
        max_proposals=scenario.max_proposals,
        personalities=dict(scenario.personalities),
        world=scenario.world,
        start_meters=dict(scenario.start.meters),
        start_warheads_public=(min(r.low for r in ranges), max(r.high for r in ranges)) if ranges else (0.0, 0.0),
    )
