"""Seats at one moment share its public prices (``Context.public``): the next seat's context takes them from the
last context built (``Valuer.last_moment``) exactly when its fingerprint would find them."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController
from game.ai.valuation import Context, Valuer
from game.model.ids import Phase
from tests.helpers import heuristic_positions


def _fingerprinted(valuer: Valuer, ctx: Context) -> dict:
    moment = (ctx.turn, ctx.horizon, tuple(ctx.m.items()), tuple(ctx.trust.items()))
    return valuer.public_prices.get(moment, dict)


def test_a_context_holds_the_public_prices_its_moment_fingerprints(hanoi):
    seen = 0
    for brain, obs, _ in heuristic_positions(hanoi, 3, 5, Phase.ORDERS):
        assert isinstance(brain, HeuristicController)
        valuer = Valuer.shared(brain.rules)
        ctx = Context(obs, brain.rules, brain.actor, brain.level.horizon)
        assert ctx.public is _fingerprinted(valuer, ctx)
        # another horizon is another moment, though the meters and trust are the very same objects
        other = Context(obs, brain.rules, brain.actor, ctx.horizon + 1)
        assert other.horizon == ctx.horizon or other.public is not ctx.public
        assert other.public is _fingerprinted(valuer, other)
        seen += 1
    assert seen
