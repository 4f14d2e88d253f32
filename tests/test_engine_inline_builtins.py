"""``Work.add_capital`` rounds only a delta that is not an int already (a built-in call saved on the
costs and incomes, ints): it stays the old rounded sum clamped to 0..cap, an int."""

from __future__ import annotations

from game.engine import Match
from game.model.ids import Actor
from game.rules.dice import Dice
from game.rules.work import Work
from game.scenario import find_scenario, load_scenario


def _old_add_capital(capital: dict[Actor, int], cap: int, actor: Actor, delta: float) -> int:
    value = capital.get(actor, 0) + round(delta)
    return int(min(max(value, 0), cap))


def test_add_capital_is_the_rounded_clamped_sum() -> None:
    deltas: list[float] = [0, 1, -1, 3, -3, 12, -12, 40, -40, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49, 7.7, -7.7]
    scenario = load_scenario(find_scenario("hanoi-2019"))
    state = Match(scenario, 0).state
    cap = scenario.capital_cap
    for start in (None, 0, 1, 5, cap):
        for delta in deltas:
            capital = {} if start is None else {Actor.US: start}
            work = Work(state, scenario, Dice(0))
            work.capital = dict(capital)
            work.add_capital(Actor.US, delta)
            got = work.capital[Actor.US]
            expected = _old_add_capital(capital, cap, Actor.US, delta)
            assert type(got) is int and got == expected, (start, delta)
