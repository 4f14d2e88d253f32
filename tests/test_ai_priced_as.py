"""A seat whose personality leaves the scenario's objectives as they are prices its options with no
personality (``Valuer.priced_as``), so it shares the prices of the seats that read it. That shortcut must
give every figure the personality itself gives, and must be taken only for such personalities."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController
from game.ai.personality import build_personality, personalities_for
from game.ai.valuation import Context, Valuer
from game.engine import Match
from game.views import rules_view


def test_only_personalities_that_add_nothing_to_the_objectives_are_priced_as_none(hanoi):
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    plain = 0
    for actor in rules.actors:
        for name in personalities_for(actor, rules):
            personality = build_personality(actor, rules, name)
            priced = valuer.priced_as(actor, personality)
            if priced is None:
                plain += 1
                assert not personality.meter_weights
            else:
                assert priced is personality
    assert plain  # the scenario's defaults for the US and the DPRK add nothing to their objectives


def test_a_personality_priced_as_none_values_every_action_as_itself(hanoi):
    """Each action of each country, priced for a seat with its personality and with none, in fresh moments
    of a real game: the same figure, to the bit."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    match = Match(hanoi, 3)
    compared = 0
    for who in rules.actors:
        brain = HeuristicController(who, rules)
        if brain._priced_as is not None:
            continue
        obs = match.observe(who)
        for actor in rules.actors:
            for spec in brain.pledgeable.get(actor, ()):
                with_it = Context(obs, rules, who, brain.level.horizon)
                with_it.public = {}
                without = Context(obs, rules, who, brain.level.horizon)
                without.public = {}
                assert valuer.action_value(with_it, who, actor, spec.id, brain.personality) == valuer.action_value(
                    without, who, actor, spec.id
                )
                compared += 1
    assert compared
