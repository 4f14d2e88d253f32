"""The orders legality and the random seat build are copies of a validated template with their fields
replaced (pydantic's validation skipped): each must be the very model validation would give, with the
same values, the fields in the model's order (a dump follows the dict's order), the same fields set
and the same JSON."""

import random

import pytest

from game.ai.random_ai import RandomController
from game.engine import Match
from game.model.deals import Clause
from game.model.ids import Actor, Phase
from game.model.orders import ActionOrder, IllegalOrder, ProposeOrder, RespondOrder
from game.rules.legality import action_order, check_orders, legal_actions, respond_order
from game.views import rules_view


def same_model(built, validated):
    assert built == validated
    assert type(built) is type(validated)
    assert list(built.__dict__) == list(validated.__dict__)
    assert built.model_fields_set == validated.model_fields_set
    assert built.model_dump_json() == validated.model_dump_json()


def test_legal_orders_are_the_validated_orders():
    same_model(action_order(Actor.ROK, "family_reunions"), ActionOrder(actor=Actor.ROK, action="family_reunions"))
    for answer in ("accept", "reject"):
        same_model(
            respond_order(Actor.JPN, "T3-US-1", answer),
            RespondOrder(actor=Actor.JPN, proposal_id="T3-US-1", answer=answer),
        )


def test_the_random_seats_proposals_are_the_validated_proposals(hanoi):
    rules = rules_view(hanoi)
    obs = Match(hanoi, 0).observe(Actor.US)
    rng = random.Random(3)
    seen = 0
    for actor in hanoi.actors:
        brain = RandomController(actor, rules)
        for _ in range(40):
            for proposal in brain.propose(obs, rng).orders:
                clauses = tuple(
                    Clause(actor=c.actor, action=c.action, sequencing=c.sequencing) for c in proposal.clauses
                )
                for clause, validated in zip(proposal.clauses, clauses):
                    same_model(clause, validated)
                same_model(proposal, ProposeOrder(actor=actor, recipient=proposal.recipient, clauses=clauses))
                seen += 1
    assert seen > 20


def test_check_orders_refuses_as_the_rules_say(hanoi):
    """check_orders reads a per-actor table of every action: another seat's action, an unknown one and a
    blocked one are refused with the general path's words, the legal menu accepted whole (within capital)."""
    match = Match(hanoi, 2)
    state = match.state.replace(phase=Phase.ORDERS, capital={a: 50 for a in hanoi.actors})
    for actor in hanoi.actors:
        legal = legal_actions(state, hanoi, actor)
        check_orders(state, hanoi, actor, legal[:3])
        other = next(a for a in hanoi.actors if a is not actor)
        theirs = next(s for s in hanoi.actions_by_actor[other] if actor not in s.actors)
        with pytest.raises(IllegalOrder, match=f"{actor.value} cannot take '{theirs.id}'"):
            check_orders(state, hanoi, actor, [action_order(actor, theirs.id)])
        with pytest.raises(IllegalOrder, match=f"{actor.value} cannot give orders for {other.value}"):
            check_orders(state, hanoi, actor, [action_order(other, theirs.id)])
        with pytest.raises(IllegalOrder, match="no action 'nuke_everything'"):
            check_orders(state, hanoi, actor, [action_order(actor, "nuke_everything")])
    spec = next(s for s in hanoi.actions_by_actor[Actor.US] if s.cooldown)
    blocked = state.replace(last_taken={f"US:{spec.id}": state.turn})
    with pytest.raises(IllegalOrder, match=f"'{spec.id}' is cooling down until turn"):
        check_orders(blocked, hanoi, Actor.US, [action_order(Actor.US, spec.id)])
