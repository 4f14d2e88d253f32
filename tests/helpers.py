"""Small drivers for tests: play phases with given orders and nothing else."""

from __future__ import annotations

from game.ai.runner import decision_inputs, make_controllers, step
from game.engine import Match
from game.model.ids import Actor, Phase
from game.model.orders import ActionOrder


def skip_diplomacy(match: Match) -> None:
    """Everyone proposes nothing, so the turn goes straight to orders."""
    while match.phase is Phase.PROPOSE:
        match.propose(match.pending()[0], [])


def play_orders(match: Match, orders: dict[Actor, list[str]]) -> None:
    """Skip diplomacy and give each actor the named actions (others order nothing)."""
    skip_diplomacy(match)
    for actor in list(match.pending()):
        match.order(actor, [ActionOrder(actor=actor, action=a) for a in orders.get(actor, [])])


def tree_paths(node, prefix: tuple = ()):
    """Every (path, value) in a JSON-like document tree, the root first (for mutation tests)."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from tree_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from tree_paths(value, (*prefix, i))


def heuristic_positions(scenario, seed: int, turns: int, phase: Phase):
    """(controller, observation, legal answers or orders) of every seat at each ``phase`` of a game of
    heuristic seats, for the first ``turns`` turns."""
    match = Match(scenario, seed)
    controllers = make_controllers(match, {actor: "heuristic" for actor in scenario.actors})
    while match.turns_resolved < turns:
        if match.phase is phase:
            for actor in match.pending():
                obs, legal, _ = decision_inputs(match, actor)
                yield controllers[actor], obs, legal
        if not step(match, controllers):
            break


def effect_lists(scenario):
    """(id, actor, effects) for every list of effects the scenario holds: each action's for each of its
    actors, its chance outcomes', and each event's (actor None)."""
    for spec in scenario.actions:
        for actor in spec.actors:
            yield spec.id, actor, spec.effects
            for outcome in spec.chance:
                yield spec.id, actor, outcome.effects
    for event in scenario.events:
        yield event.id, None, event.effects
