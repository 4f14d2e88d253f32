"""Work the heuristic skips or shares must not move a figure: it prices every legal order without words and
words only the orders its rationale names (``_reasons``), keeps clause values under their package's facts,
keeps what only public meters decide with the moment's public prices, shared by every seat, hands
``plausible`` the conditions ``can`` keeps, and prices an action with program effects from a plan of its
static changes. These tests hold each shortcut to the pricing done in full, on the positions of real
games."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController
from game.ai.personality import build_personality
from game.ai.reading import plausible
from game.ai.valuation import Context, Valuer
from game.engine import Match
from game.model.ids import METER_BOUNDS, Phase
from game.views import rules_view
from tests.helpers import heuristic_positions


def _positions(scenario, seed: int, turns: int):
    """(controller, observation, legal orders) at each orders phase of a game of heuristic seats."""
    return heuristic_positions(scenario, seed, turns, Phase.ORDERS)


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
                    clauses = (mine.clause, theirs.clause)
                    cached = brain.package_value(ctx, brain.actor, clauses, other, grudges)
                    fresh = HeuristicController(brain.actor, brain.rules, brain.personality.name)
                    assert fresh.package_value(fresh.context(obs), brain.actor, clauses, other, grudges) == cached
                    priced += 1
    assert priced


def test_what_a_moment_shares_between_seats_prices_as_a_fresh_moment_does(hanoi):
    """The tension, links and pressure slopes kept with a moment's public prices (shared by every seat) give
    each country exactly what it gets pricing the same changes with nothing shared yet."""
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    match = Match(hanoi, 4)
    shared: dict = {}
    for who in rules.actors:
        ctx = Context(match.observe(who), rules, who, 3)
        ctx.public = shared  # every seat's pricing adds to the one moment
        for personality in (None, build_personality(who, rules, None)):
            table = valuer.table(who, personality)
            for name in METER_BOUNDS:
                for change in (-12.0, -1.5, 2.0, 9.0):
                    fresh = ctx.copy()
                    fresh.public, fresh.cache = {}, {}
                    expected = valuer._single(fresh, who, table, "m:" + name, change, None)
                    assert valuer._single(ctx, who, table, "m:" + name, change, None) == expected, (who, name)
    assert "tension now" in shared and any(k[0] == "links" for k in shared if isinstance(k, tuple))


def test_can_judges_as_plausible_does_with_no_conditions_at_hand(hanoi):
    judged = 0
    for brain, obs, _ in _positions(hanoi, 8, 4):
        assert isinstance(brain, HeuristicController)
        ctx = brain.context(obs)
        done = brain.facts(ctx, obs)[0]
        for actor, specs in brain.pledgeable.items():
            for spec in specs:
                assert brain.can(ctx, obs, actor, spec.id) == plausible(obs, actor, spec, done)
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


def test_a_seat_ranks_the_others_actions_as_its_personality_would(hanoi):
    """``_ranked`` and ``_partners`` read the other side's actions under the personality as the seat's prices
    see it (``priced_as``, None where it leaves the objectives as they are): the same touches and priors, to
    the bit, as under the personality itself."""
    match = Match(hanoi, 1)
    rules = rules_view(hanoi)
    valuer = Valuer.shared(rules)
    compared = 0
    for actor in hanoi.actors:
        for name in (None, "dealmaker", "pragmatist"):
            try:
                brain = HeuristicController(actor, rules, name)
            except ValueError:
                continue  # not one of this actor's personalities
            me, personality, priced_as = brain.actor, brain.personality, brain._priced_as
            for other in match.state.actors:
                for spec in brain.pledgeable.get(other, ()):
                    assert valuer.touches(me, other, spec.id, priced_as) == valuer.touches(
                        me, other, spec.id, personality
                    )
                    assert valuer.prior(me, other, spec.id, priced_as) == valuer.prior(me, other, spec.id, personality)
                    compared += 1
    assert compared
