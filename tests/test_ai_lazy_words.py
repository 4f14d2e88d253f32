"""The heuristic prices every legal order with figures alone and words only the orders its rationale names
(``_reasons``); these tests hold the figures priced without words to those priced with them, on the
positions of real games, so that wording an order can never change what it is worth."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController
from game.ai.runner import decision_inputs, make_controllers, step
from game.engine import Match
from game.model.ids import Phase


def _positions(scenario, seed: int, turns: int):
    """(controller, observation, legal orders) at each orders phase of a game of heuristic seats."""
    match = Match(scenario, seed)
    controllers = make_controllers(match, {actor: "heuristic" for actor in scenario.actors})
    while match.turns_resolved < turns:
        if match.phase is Phase.ORDERS:
            for actor in match.pending():
                obs, legal, _ = decision_inputs(match, actor)
                yield controllers[actor], obs, legal
        if not step(match, controllers):
            break


def test_an_orders_extras_are_worth_the_same_worded_or_not(hanoi):
    """``_extras`` adds up the same pledges and risks whether it words them or not: ``decide`` prices with
    the figures alone and ``_reasons`` words the chosen orders afterwards."""
    worded = 0
    for brain, obs, legal in _positions(hanoi, 5, 6):
        assert isinstance(brain, HeuristicController)
        ctx = brain.context(obs)
        pledges = brain._pledges(obs)
        for order in legal:
            spec = brain.specs[order.action]
            words: list = []
            assert brain._extras(ctx, obs, spec, pledges, None) == brain._extras(ctx, obs, spec, pledges, words)
            worded += bool(words)
    assert worded  # some orders carry pledges or risks in these games


def test_package_values_do_not_depend_on_what_was_priced_before(hanoi):
    """A package's worth, read from the clause values cached under its facts, is what a fresh pricing of
    the same package in the same moment gives."""
    priced = 0
    for brain, obs, _ in _positions(hanoi, 7, 5):
        ctx = brain.context(obs)
        grudges = brain.grudges(obs)
        for other in brain._partners(obs, grudges):
            offers, requests = brain._menu(ctx, obs, other)
            for _, mine in offers:
                for _, theirs in requests:
                    clauses = (mine, theirs)
                    cached = brain.package_value(ctx, brain.actor, clauses, other, grudges)
                    fresh = HeuristicController(brain.actor, brain.rules, brain.personality.name)
                    assert fresh.package_value(fresh.context(obs), brain.actor, clauses, other, grudges) == cached
                    priced += 1
    assert priced
