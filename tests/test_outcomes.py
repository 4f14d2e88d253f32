"""Issue 11, outcomes that name the argument and variants without confounds: the turn limit's end state is
classified by the scenario's ``outcomes`` rules (data the loader checks), shown with its reason, counted
by the lab; a variant's opening move is played through the rules, costs paid."""

from __future__ import annotations

import pytest

from game.engine import Match
from game.lab.batch import Arm, playable, run_study
from game.lab.sensitivity import parse_metric
from game.lab.stats import summarize
from game.model.ids import Actor, Outcome
from game.rules.legality import unavailable_because
from game.scenario import ScenarioError, parse_scenario
from tests.conftest import MINI
from tests.helpers import play_orders

US, DPRK = Actor.US, Actor.DPRK


def _play_out(match: Match) -> None:
    while match.state.outcome is None:
        play_orders(match, {})


def _with_outcomes(block: str) -> str:
    return MINI.read_text() + "\noutcomes:\n" + block


def test_the_turn_limit_is_classified_by_the_first_rule_that_holds(mini):
    text = _with_outcomes(
        "  - {outcome: crisis, why: Crisis, when: [{measure: tension, at_least: 99}]}\n"
        "  - {outcome: muddling_through, why: Nothing decisive, when: [{measure: warheads, at_least: 1},"
        " {measure: denuclearization, below: 0.5}]}\n"
        "  - {outcome: verified_freeze, why: Never reached}\n"
    )
    m = Match(parse_scenario(text, "mini.yaml"), 1)
    _play_out(m)
    assert m.state.outcome is Outcome.MUDDLING_THROUGH
    assert m.state.outcome_reason.startswith("Nothing decisive: warheads")
    assert "(below 0.5)" in m.state.outcome_reason


def test_without_rules_the_turn_limit_is_just_that(mini):
    m = Match(mini, 1)
    _play_out(m)
    assert m.state.outcome is Outcome.TURN_LIMIT


@pytest.mark.parametrize(
    "rule, problem",
    [
        ("{outcome: crisis, why: x, when: [{measure: tension_level, at_least: 1}]}", "unknown measure 'tension_level'"),
        ("{outcome: crisis, why: x, when: [{measure: tension, below: '$nope'}]}", "unknown parameter '$nope'"),
        ("{outcome: crisis, why: x, when: [{measure: tension}]}", "needs at_least or below"),
        ("{outcome: calm, why: x}", "outcome"),
    ],
)
def test_the_loader_checks_outcome_rules(rule, problem):
    with pytest.raises(ScenarioError) as err:
        parse_scenario(_with_outcomes(f"  - {rule}\n"), "bad.yaml")
    line = str(err.value).splitlines()[0]
    assert line.startswith("bad.yaml:") and "outcomes" in line and problem in line


def test_the_loader_checks_opening_moves():
    text = MINI.read_text().replace(
        "peace_first: {name: Peace first, description: test variant, parameters: {peace_enforcement_erosion: 4}}",
        "peace_first: {name: Peace first, description: test variant, opening: [{actor: US, action: freeze_yongbyon}]}",
    )
    with pytest.raises(ScenarioError, match="variants.peace_first.opening.0.actor: US may not take 'freeze_yongbyon'"):
        parse_scenario(text, "bad.yaml")


def test_peace_first_starts_from_the_declaration_as_the_action_charges_it(hanoi):
    """Every effect of the action, its capital cost, and once-only: nothing else differs from the baseline."""
    base, peace = Match(hanoi, 1), Match(hanoi, 1, "peace_first")
    spec = hanoi.action_index["end_of_war_declaration"]
    assert peace.state.capital[US] == base.state.capital[US] - spec.cost
    p = hanoi.param
    moved = {
        k: peace.state.meters[k] - base.state.meters[k]
        for k in base.state.meters
        if peace.state.meters[k] != base.state.meters[k]
    }
    assert moved == {
        "peace_stage": 1,
        "tension": -p("peace_declaration_tension_relief"),
        "enforcement.ROK": -p("peace_declaration_enforcement_drop"),
        "enforcement.PRC": -p("peace_declaration_enforcement_drop"),
        "cohesion.US-JPN": -p("peace_declaration_japan_cost"),
        "npt_norm": -p("peace_declaration_norm_cost"),
        "support.ROK": 5,
        "support.US": -p("peace_declaration_support_cost"),
    }
    assert peace.state.parameters == base.state.parameters  # no assumption rides along with the move
    assert any("Korean War formally over" in n.text for n in peace.state.news)
    play_orders(peace, {})
    assert unavailable_because(peace.state, US, spec) == "can be taken only once"


def test_denuclearization_first_is_its_mirror(hanoi):
    m = Match(hanoi, 1, "denuclearization_first")
    assert m.state.site("yongbyon_enrichment").status == "frozen"
    assert m.state.verified.inspection_access == hanoi.param("inspection_step")
    assert m.state.meters["peace_stage"] == 0


def test_the_two_roads_differ_from_the_baseline_by_their_move_alone(hanoi):
    """No override rides along (so no scripted event can key on one): each road is its opening move."""
    for key in ("peace_first", "denuclearization_first"):
        v = hanoi.variants[key]
        assert not v.meters and not v.parameters and v.opening


def test_the_lab_counts_end_states_deals_and_declarations(hanoi):
    results = run_study("hanoi-2019", [Arm("baseline", {}), Arm("peace", {}, "peace_first")], range(2))
    summaries = summarize(results)
    assert {o for s in summaries for o in s.outcomes} <= {o.value for o in Outcome}
    assert all(r.outcome != "turn_limit" for r in results)  # the bundled scenario names every end
    peace = [r for r in results if r.arm == "peace"]
    assert all(r.final_meters["peace_stage"] >= 1 for r in peace)
    assert parse_metric("muddling_through", hanoi).is_share and parse_metric("verified_freeze", hanoi).is_share
    played, variant = playable(hanoi, Arm("off", {}, "peace_first", {"de_facto_pressure_max": 0.0}))
    assert played.variants[variant].opening == hanoi.variants["peace_first"].opening  # a sweep keeps the move
