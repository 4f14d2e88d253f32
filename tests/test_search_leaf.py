"""The search's leaf: the trust the rest of the game will use counts, capital saved does not."""

from __future__ import annotations

import random

from game.ai.determinize import sample_state
from game.ai.heuristic import TRUST_WORTH
from game.ai.search import SearchController
from game.engine import Match
from game.model.ids import Actor
from game.views import rules_view


def test_standing_counts_trust_and_not_saved_capital(mini):
    rules = rules_view(mini)
    search = SearchController(Actor.US, rules, iterations=1)
    world = sample_state(Match(mini, 3).observe(Actor.US), rules, Actor.US, random.Random(0))
    richer = world.replace(capital={**world.capital, Actor.US: world.capital[Actor.US] + 3})
    assert search._standing(richer) == search._standing(world)
    trust = sum(world.trust_between(Actor.US, a) for a in world.actors if a is not Actor.US)
    assert search._standing(world) == TRUST_WORTH * trust
