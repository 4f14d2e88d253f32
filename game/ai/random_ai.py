"""The baseline: random legal orders within the budget, random small deals, coin-flip answers."""
from __future__ import annotations

import random

from ..model.deals import Clause
from ..model.ids import Actor
from ..model.observation import Observation, RulesView
from ..model.orders import ActionOrder, ProposeOrder, RespondOrder
from .base import Decision


class RandomController:
    name = "random"

    def __init__(self, actor: Actor, rules: RulesView):
        self.actor = actor
        self.rules = rules
        self._mine = [a.id for a in rules.actions if actor in a.actors and a.counts_as is None]
        self._costs = {a.id: a.cost for a in rules.actions}

    def propose(self, obs: Observation, rng: random.Random) -> Decision:
        others = [a for a in obs.actors if a is not self.actor]
        if not others or rng.random() < 0.6:
            return Decision([], "no proposal this turn")
        other = rng.choice(others)
        theirs = [a.id for a in self.rules.actions if other in a.actors and a.counts_as is None]
        if not theirs or not self._mine:
            return Decision([], "nothing to offer")
        clauses = (
            Clause(actor=self.actor, action=rng.choice(self._mine), sequencing=rng.choice(["upfront", "after_verification"])),
            Clause(actor=other, action=rng.choice(theirs)),
        )
        return Decision([ProposeOrder(actor=self.actor, recipient=other, clauses=clauses)], "random proposal")

    def respond(self, obs: Observation, legal: list[RespondOrder], rng: random.Random) -> Decision:
        by_proposal: dict[str, list[RespondOrder]] = {}
        for order in legal:
            by_proposal.setdefault(order.proposal_id, []).append(order)
        return Decision([rng.choice(options) for options in by_proposal.values()], "random answers")

    def decide(self, obs: Observation, legal_orders: list[ActionOrder], rng: random.Random) -> Decision:
        budget = obs.capital.get(self.actor, 0)
        costs = self._costs
        pool = list(legal_orders)
        rng.shuffle(pool)
        chosen = []
        for order in pool:
            if costs[order.action] <= budget and rng.random() < 0.5:
                chosen.append(order)
                budget -= costs[order.action]
        return Decision(chosen, f"random: {', '.join(o.action for o in chosen) or 'nothing'}")
