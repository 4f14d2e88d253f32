"""The random seat's orders draw reads its words as bytes (a coin from one byte, only the chosen words
cut out): it holds to the draw as its docstring puts it, every word an unsigned 64-bit integer."""

import hashlib
import random
import struct

from game.ai.random_ai import RandomController
from game.engine import Match
from game.model.ids import Phase
from game.rules.legality import legal_actions
from game.views import rules_view


def decided_by_integers(controller, rules, obs, legal, rng):
    """The orders the draw's definition gives: SHAKE-128 words as integers, the coin each word's low
    bit, the chosen in the order of their words (then action ids), taken while the capital lasts."""
    words = struct.unpack(
        f">{len(rules.actions)}Q",
        hashlib.shake_128(rng.getrandbits(64).to_bytes(8, "big")).digest(8 * len(rules.actions)),
    )
    slot = {a.id: k for k, a in enumerate(rules.actions)}
    cost = {a.id: a.cost for a in rules.actions}
    budget = obs.capital.get(controller.actor, 0)
    chosen = []
    for _, action, order in sorted((words[slot[o.action]], o.action, o) for o in legal if words[slot[o.action]] & 1):
        if cost[action] <= budget:
            chosen.append(order)
            budget -= cost[action]
    return chosen


def test_the_byte_draw_is_the_integer_draw(hanoi):
    rules = rules_view(hanoi)
    rng = random.Random(5)
    compared = 0
    for seed in range(4):
        match = Match(hanoi, seed)
        state = match.state.replace(phase=Phase.ORDERS)
        for turn in range(1, 6):
            state = state.replace(turn=turn, capital={a: rng.randint(0, 9) for a in hanoi.actors})
            for actor in hanoi.actors:
                controller = RandomController(actor, rules)
                obs = match.observe(actor).replace(phase=Phase.ORDERS, capital={actor: state.capital[actor]})
                legal = legal_actions(state, hanoi, actor)
                for draw in range(5):
                    given = random.Random(f"{seed}:{turn}:{draw}")
                    again = random.Random(f"{seed}:{turn}:{draw}")
                    fast = controller.decide(obs, legal, given).orders
                    assert fast == decided_by_integers(controller, rules, obs, legal, again)
                    compared += bool(fast)
    assert compared > 100


def test_the_seats_choice_is_the_generators_choice():
    """The random seat's proposals draw with ``_choice``, which must pick what ``Random.choice`` picks and
    leave the generator where it leaves it, for every length (powers of two and the rejections between)."""
    from game.ai.random_ai import _choice

    for seed in range(40):
        for n in range(1, 34):
            options = [f"option {k}" for k in range(n)]
            ours, theirs = random.Random(seed), random.Random(seed)
            assert [_choice(ours, options) for _ in range(6)] == [theirs.choice(options) for _ in range(6)]
            assert ours.getstate() == theirs.getstate()


def test_a_generator_of_its_own_is_asked_its_own_choice():
    """A subclass may draw otherwise: ``_choice`` leaves it to the generator's ``choice``."""
    from game.ai.random_ai import _choice

    class Last(random.Random):
        def choice(self, seq):
            return seq[-1]

    assert _choice(Last(1), ["a", "b", "c"]) == "c"


def test_legal_orders_out_of_the_rules_order_draw_the_same(hanoi):
    """The draws are read only as far as the last legal order's word when the menu is in the scenario's
    order; a menu in another order (its last word not the furthest) must still draw every word it needs."""
    rules = rules_view(hanoi)
    match = Match(hanoi, 2)
    state = match.state.replace(phase=Phase.ORDERS, capital={a: 9 for a in hanoi.actors})
    compared = 0
    for actor in hanoi.actors:
        controller = RandomController(actor, rules)
        obs = match.observe(actor).replace(phase=Phase.ORDERS, capital={actor: 9})
        legal = legal_actions(state, hanoi, actor)
        for shuffle in range(6):
            reordered = random.Random(shuffle).sample(legal, len(legal))
            for draw in range(4):
                fast = controller.decide(obs, reordered, random.Random(f"{shuffle}:{draw}")).orders
                again = random.Random(f"{shuffle}:{draw}")
                assert fast == decided_by_integers(controller, rules, obs, reordered, again)
                compared += bool(fast)
    assert compared > 50
