"""Work the heuristic skips must not move a figure: ``decide`` asks ``_extras`` only of an action pledged
(or what it passes for) or special, ``can`` hands ``plausible`` the conditions it keeps, and an action with
program effects is priced from a plan of its static changes. Each shortcut is held to the full
calculation on the positions of real games."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController
from game.ai.reading import plausible
from game.ai.runner import decision_inputs, make_controllers, step
from game.ai.valuation import Context, Valuer
from game.engine import Match
from game.model.ids import Phase
from game.views import rules_view


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


def test_an_action_decide_skips_has_no_extras(hanoi):
    skipped = 0
    for brain, obs, legal in _positions(hanoi, 6, 6):
        assert isinstance(brain, HeuristicController)
        ctx = brain.context(obs)
        pledges = brain._pledges(obs)
        for order in legal:
            spec = brain.specs[order.action]
            if spec.id in pledges or spec.counts_as in pledges or spec.id in brain._special:
                continue
            words: list = []
            assert brain._extras(ctx, obs, spec, pledges, words) == 0.0
            assert not words
            skipped += 1
    assert skipped


def test_can_judges_as_plausible_does_with_no_conditions_at_hand(hanoi):
    judged = 0
    for brain, obs, _ in _positions(hanoi, 8, 4):
        assert isinstance(brain, HeuristicController)
        ctx = brain.context(obs)
        done = brain.facts(ctx, obs)[0]
        for actor, specs in brain.pledgeable.items():
            for spec in specs:
                assert brain.can(ctx, obs, actor, spec) == plausible(obs, actor, spec, done)
                judged += 1
    assert judged


def test_an_action_with_program_effects_is_priced_as_its_changes_are(hanoi):
    """``action_value`` prices an action with program effects (and no incident or precedent) from a plan of
    its static changes followed by what the program moves: ``value`` of all its changes, to the bit."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    priced = 0
    for brain, obs, _ in _positions(hanoi, 9, 5):
        for actor, specs in brain.pledgeable.items():
            for spec in specs:
                fx = valuer.effects(actor, spec.id)
                if not fx.ops or fx.incidents or fx.precedents:
                    continue
                for personality in (None, brain.personality):
                    planned = Context(obs, rules, brain.actor, brain.level.horizon)
                    planned.public = {}
                    whole = Context(obs, rules, brain.actor, brain.level.horizon)
                    whole.public = {}
                    expected = valuer.value(whole, brain.actor, valuer.deltas(whole, actor, spec.id), personality)
                    assert valuer.action_value(planned, brain.actor, actor, spec.id, personality) == expected
                    priced += 1
    assert priced
