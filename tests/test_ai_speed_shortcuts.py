"""The heuristic's speed shortcuts skip work that provably adds nothing; these tests hold them to it, so a
change of the rules they lean on (what a meter sets moving, what the C9 rule reads of a deal) fails here
rather than silently changing what the AI pays for."""

from __future__ import annotations

from itertools import combinations

import pytest

from game.ai.personality import build_personality
from game.ai.runner import make_controllers, step
from game.ai.valuation import Context, Valuer
from game.engine import Match
from game.model.ids import METER_BOUNDS, Actor
from game.rules.alliances import decoupling, escalation_chance, linked_changes, linked_targets
from game.scenario import find_scenario, load_scenario
from game.views import rules_view

CHANGES = (-20.0, -3.0, 0.5, 3.0, 20.0)


def test_a_meter_outside_the_valuers_linking_set_moves_nothing(hanoi):
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    meters = Match(hanoi, 3).observe(Actor.US).meters
    for name in METER_BOUNDS:
        if name in valuer.linking or name not in meters:
            continue
        for change in CHANGES:
            assert linked_changes(name, change, meters, rules.parameters, rules.world, 3) == {}, name


def _pricings(scenario):
    """(valuer, who, its context at the start, personality, its valuation table) for every country, with no
    personality and with its default one: each way the valuation is asked to price."""
    rules = rules_view(scenario)
    valuer = Valuer.shared(rules)
    match = Match(scenario, 3)
    for who in rules.actors:
        ctx = Context(match.observe(who), rules, who, 3)
        for personality in (None, build_personality(who, rules, None)):
            yield valuer, who, ctx, personality, valuer.table(who, personality)


def test_links_skipped_for_a_country_lead_to_meters_worth_nothing_to_it(hanoi):
    """Where a meter's facts say its links are not worth following for a country, every meter they lead
    to prices at zero for it, whatever the change: following them would add nothing."""
    skipped = 0
    for valuer, who, ctx, _, table in _pricings(hanoi):
        for name in valuer.linking:
            if valuer._meter_facts(who, table, name)[2]:
                continue
            skipped += 1
            for target in linked_targets(name, valuer.rules.world):
                for change in CHANGES:
                    assert valuer._single(ctx, who, table, "m:" + target, change, None) == 0.0, (who, target)
    assert skipped  # the shortcut is taken somewhere in the Hanoi scenario


def test_the_decoupling_rule_reads_only_the_allies_stakes_of_a_deal(hanoi):
    """The heuristic prices C9 once per set of the allies' stakes a package holds."""
    rules = rules_view(hanoi)
    stakes = {a for held in rules.world.ally_stakes.values() for a in held}
    assert stakes
    actions = [a.id for a in rules.actions]
    for partner in (a for a in rules.actors if a is not Actor.DPRK):
        for size in (1, 2):
            for held in combinations(actions, size):
                full = decoupling(rules.world, rules.parameters, (partner, Actor.DPRK), held)
                kept = tuple(a for a in held if a in stakes)
                assert decoupling(rules.world, rules.parameters, (partner, Actor.DPRK), kept) == full


def test_an_incident_is_priced_with_each_moments_escalation_chance(hanoi):
    """An incident's tension depends on the moment's escalation chance (rules.alliances): the same seat
    pricing the same action at two moments whose chances differ gets the two prices the rules' deltas give,
    not the first moment's price again."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    assert valuer.effects(Actor.DPRK, "artillery_drill").incidents
    obs = Match(hanoi, 3).observe(Actor.ROK)
    forward = obs.model_copy(
        update={"meters": {**obs.meters, "dprk_conventional": obs.meters["dprk_conventional"] + 30}}
    )
    values, tensions = [], []
    for moment in (obs, forward):
        ctx = Context(moment, rules, Actor.ROK, 3)
        chance = escalation_chance(ctx.m, rules.parameters, ctx.flags)
        d = valuer.deltas(ctx, Actor.DPRK, "artillery_drill")
        assert d["m:tension"] == pytest.approx(
            sum(t + chance * e for t, e in valuer.effects(Actor.DPRK, "artillery_drill").incidents)
        )
        fresh = Valuer(rules).value(Context(moment, rules, Actor.ROK, 3), Actor.ROK, dict(d))
        values.append(valuer.action_value(ctx, Actor.ROK, Actor.DPRK, "artillery_drill"))
        tensions.append(d["m:tension"])
        assert values[-1] == pytest.approx(fresh)
    assert tensions[0] != tensions[1] and values[0] != values[1]


def _orders(scenario, seed: int, turns: int) -> list:
    match = Match(scenario, seed)
    controllers = make_controllers(match, {actor: "heuristic" for actor in scenario.actors})
    while match.turns_resolved < turns and step(match, controllers):
        pass
    return [entry.model_dump() for entry in match.log]


def test_a_game_plays_the_same_after_another_game_in_the_same_process():
    """What the AI remembers across matches (the Valuer shared through the scenario) must not steer play:
    a game played after another one orders exactly as it does played first."""
    first = _orders(load_scenario(find_scenario("hanoi-2019")), 11, 3)
    scenario = load_scenario(find_scenario("hanoi-2019"))
    _orders(scenario, 12, 3)
    assert _orders(scenario, 11, 3) == first


def test_a_meter_plain_for_a_country_prices_as_the_full_treatment_does(hanoi):
    """Where a meter's facts say it is plain for a country (_single only credits its points per unit), the
    shortcut, and the compiled price of a meter special for another country, give exactly what every
    branch of _single gives, change by change."""
    plain = 0
    for valuer, who, ctx, personality, table in _pricings(hanoi):
        for name in METER_BOUNDS:
            facts = valuer._meter_facts(who, table, name)
            if not facts[7]:
                continue
            plain += 1
            # the full treatment: not plain, and the change through C5's ratchet (whether or not it can bind)
            full = {**table, "facts": {**table["facts"], name: facts[:7] + (False, True)}}
            pricer = valuer._pricer(who, personality, "m:" + name) if valuer._special(table, name) else None
            for change in CHANGES:
                expected = valuer._single(ctx, who, full, "m:" + name, change, None)
                assert valuer._single(ctx, who, table, "m:" + name, change, None) == expected, (who, name)
                assert pricer is None or pricer.of(ctx, change) == expected, (who, name, change)
    assert plain  # the shortcut is taken somewhere in the Hanoi scenario
