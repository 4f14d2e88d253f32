"""The resolution's rules that read tables built once a world, or scan instead of indexing, give what their
plain definitions give: the alliances an unconsulted deal costs, the decoupling of a deal, and which
action taken this turn a commitment's compliance sees."""

import pytest

from game.model.ids import ALL_ACTORS, Actor
from game.rules import deals
from game.rules.alliances import alliance_sides, decoupling
from game.scenario import find_scenario, load_scenario
from tests.conftest import MINI

DPRK = Actor.DPRK
WORLDS = [load_scenario(find_scenario("hanoi-2019")), load_scenario(MINI)]


def _params(scenario):
    return {name: spec.value for name, spec in scenario.parameters.items()}


@pytest.mark.parametrize("scenario", WORLDS, ids=lambda s: s.id)
def test_alliance_sides_are_the_pairs_split(scenario):
    world = scenario.world
    assert [pair for pair, _ in alliance_sides(world)] == list(world.alliances)
    for pair, sides in alliance_sides(world):
        assert {a.value for a in sides} == set(pair.split("-"))


@pytest.mark.parametrize("scenario", WORLDS, ids=lambda s: s.id)
def test_unconsulted_costs_are_the_partners_alliances(scenario):
    world, params = scenario.world, _params(scenario)
    for partner in ALL_ACTORS:
        if partner is DPRK:
            continue
        expected = [
            (f"cohesion.{pair}", -params["unconsulted_deal_cohesion"])
            for pair in world.alliances
            if partner.value in pair.split("-")
        ]
        assert deals.unconsulted_costs(params, world, frozenset(), (DPRK, partner)) == expected
        assert deals.unconsulted_costs(params, world, frozenset({deals.CONSULTED}), (DPRK, partner)) == []


@pytest.mark.parametrize("scenario", WORLDS, ids=lambda s: s.id)
def test_decoupling_as_sets_define_it(scenario):
    world, params = scenario.world, _params(scenario)
    stakes_actions = sorted({action for stakes in world.ally_stakes.values() for action in stakes})
    for partner in ALL_ACTORS:
        for actions in ([], stakes_actions[:1], stakes_actions):
            expected: dict[str, float] = {}
            in_deal = {DPRK, partner}
            if partner is not DPRK:
                for ally, stakes in world.ally_stakes.items():
                    if ally in in_deal or set(stakes) & set(actions):
                        continue
                    for pair in world.alliances:
                        sides = {Actor(a) for a in pair.split("-")}
                        if ally in sides and (sides - {ally}) <= in_deal:
                            expected[f"cohesion.{pair}"] = -params["decoupling_deal_cost"]
            assert decoupling(world, params, (DPRK, partner), actions) == expected


def test_a_commitment_sees_the_first_action_taken_that_counts_as_its_own():
    taken = [(Actor.US, "a", False), (DPRK, "b", True), (DPRK, "a", False), (DPRK, "b", False)]
    assert deals._deceptive(taken, DPRK, "b") is True
    assert deals._deceptive(taken, DPRK, "a") is False
    assert deals._deceptive(taken, Actor.US, "b") is None
    assert deals._deceptive([], DPRK, "b") is None
