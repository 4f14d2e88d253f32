"""The public part of a scenario, for AI controllers (its starting truth is a secret)."""
from __future__ import annotations

from ..model.observation import RulesView
from ..model.scenario import Scenario


def rules_view(scenario: Scenario) -> RulesView:
    ranges = [e.warheads for e in scenario.start.estimates.values()]
    return RulesView(
        id=scenario.id, title=scenario.title, turns=scenario.turns, actors=tuple(scenario.actors),
        actions=tuple(scenario.actions), events=tuple(scenario.events), objectives=dict(scenario.objectives),
        parameters={k: p.value for k, p in scenario.parameters.items()},
        capital_income=dict(scenario.capital_income), max_proposals=scenario.max_proposals,
        personalities=dict(scenario.personalities),
        start_warheads_public=(min(r.low for r in ranges), max(r.high for r in ranges)) if ranges else (0.0, 0.0),
    )
