"""A turn's orders as resolution reads them (rules.compiled.order_programs): each order's program from the
scenario's table is the action's own ``action_program``, in actor order and each actor's own order."""

import pytest

from game.model.orders import ActionOrder
from game.rules.compiled import action_program, order_programs
from game.scenario import find_scenario, load_scenario


@pytest.mark.parametrize("name", ["hanoi-2019", "tutorial"])
def test_order_programs_are_the_action_programs(name: str) -> None:
    scenario = load_scenario(find_scenario(name))
    orders = {
        actor: tuple(ActionOrder(actor=actor, action=spec.id) for spec in scenario.actions if actor in spec.actors)
        for actor in reversed(scenario.actors)  # the orders' mapping order is not the actor order
    }
    for _ in range(2):  # the table filled, then read
        got = order_programs(scenario, orders, scenario.actors)
        expected = [
            (actor, action_program(scenario, scenario.action_index[order.action], actor))
            for actor in scenario.actors
            for order in orders.get(actor, ())
        ]
        assert len(got) == len(expected) > 0
        assert all(g[0] is e[0] and g[1] is e[1] for g, e in zip(got, expected))
