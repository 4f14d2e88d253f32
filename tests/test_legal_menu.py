"""The legal menu's fast loop (legality.legal_actions: each action's static parts compiled once, its
requirements fused into one test) holds to the general path a player's explanation uses: an action is
legal exactly when it is the actor's, within its capital, and ``unavailable_because`` finds no reason."""

import random

from game.ai.runner import make_controllers, step
from game.engine import Match
from game.model.ids import Phase
from game.rules.legality import legal_actions, unavailable_because


def general_menu(state, scenario, actor):
    """The legal actions as the rules put them in words, one action at a time, in the menu's order."""
    capital = state.capital.get(actor, 0)
    return [
        (actor, spec.id)
        for spec in scenario.actions_by_actor[actor]
        if spec.cost <= capital and unavailable_because(state, actor, spec) is None
    ]


def test_the_legal_menu_is_the_general_path_in_every_orders_phase(hanoi):
    checked = 0
    for seed in range(3):
        match = Match(hanoi, seed)
        brains = make_controllers(match, {a: "random" for a in hanoi.actors})
        while not match.over:
            if match.phase is Phase.ORDERS:
                for actor in match.state.actors:
                    fast = [(o.actor, o.action) for o in legal_actions(match.state, hanoi, actor)]
                    assert fast == general_menu(match.state, hanoi, actor), (seed, match.state.turn, actor)
                    checked += 1
            step(match, brains)
    assert checked > 100


def test_the_legal_menu_holds_under_capital_and_history_it_never_met(hanoi):
    """Random capitals and last-taken turns, including once-only actions taken and cooldowns just ended."""
    rng = random.Random(7)
    match = Match(hanoi, 1)
    base = match.state.replace(phase=Phase.ORDERS)
    keys = [f"{a.value}:{spec.id}" for a in hanoi.actors for spec in hanoi.actions_by_actor[a]]
    for _ in range(200):
        turn = rng.randint(1, hanoi.turns)
        taken = {k: rng.randint(0, turn - 1) for k in rng.sample(keys, rng.randint(0, len(keys)))}
        capital = {a: rng.randint(0, 8) for a in hanoi.actors}
        state = base.replace(turn=turn, last_taken=taken, capital=capital)
        for actor in hanoi.actors:
            fast = [(o.actor, o.action) for o in legal_actions(state, hanoi, actor)]
            assert fast == general_menu(state, hanoi, actor)
