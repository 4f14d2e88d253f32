"""The heuristic's speed shortcuts skip work that provably adds nothing; these tests hold them to it, so a
change of the rules they lean on (what a meter sets moving, what the C9 rule reads of a deal) fails here
rather than silently changing what the AI pays for."""

from __future__ import annotations

from itertools import combinations

from game.ai.personality import build_personality
from game.ai.valuation import Context, Valuer
from game.engine import Match
from game.model.ids import METER_BOUNDS, Actor
from game.rules.alliances import decoupling, linked_changes, linked_targets
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


def test_links_skipped_for_a_country_lead_to_meters_worth_nothing_to_it(hanoi):
    """Where a meter's facts say its links are not worth following for a country, every meter they lead
    to prices at zero for it, whatever the change: following them would add nothing."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    match = Match(hanoi, 3)
    skipped = 0
    for who in rules.actors:
        ctx = Context(match.observe(who), rules, who, 3)
        for personality in (None, build_personality(who, rules, None)):
            table = valuer.table(who, personality)
            for name in valuer.linking:
                if valuer._meter_facts(who, table, name)[2]:
                    continue
                skipped += 1
                for target in linked_targets(name, rules.world):
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
