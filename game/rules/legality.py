"""Legality: which orders an actor may give now, and precise errors for those it may not."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from ..model.construct import replaced
from ..model.deals import Clause, Proposal
from ..model.ids import ANSWER_PHASES, COUNTER_RESPOND, ORDERS, PROPOSE, RESPOND, Actor
from ..model.orders import ActionOrder, IllegalOrder, ProposeOrder, RespondOrder
from ..model.scenario import ActionSpec, Condition, Scenario
from ..model.state import GameState
from .conditions import ConditionView, condition_bounds, failed_condition, test

MAX_CLAUSES: Final = 6


def action_blocker(state: GameState, scenario: Scenario, actor: Actor, spec: ActionSpec) -> str | None:
    """Why ``actor`` may not take ``spec`` now (ignoring the budget), or None: an error naming the action."""
    if actor not in spec.actors:
        return f"{actor.value} cannot take '{spec.id}' (only {', '.join(a.value for a in spec.actors)})"
    reason = unavailable_because(state, actor, spec)
    return None if reason is None else f"'{spec.id}' {reason}"


def unavailable_because(state: GameState, actor: Actor, spec: ActionSpec, last_turn: int | None = None) -> str | None:
    """Why an action of ``actor``'s cannot be taken this turn (once, cooldown, conditions), in words for
    a player looking at the action; None when it can. ``last_turn``: the game's last turn, so that a
    cooldown past it reads as the rest of the game."""
    reason = _timing_blocker(state, actor, spec, last_turn)
    if reason is not None:
        return reason
    for cond in spec.requires:
        reason = failed_condition(cond, state, actor)
        if reason is not None:
            return reason
    return None


def _timing_blocker(state: GameState, actor: Actor, spec: ActionSpec, last_turn: int | None = None) -> str | None:
    last = state.last_taken.get(taken_key(actor, spec.id))
    if last is not None:
        if spec.once:
            return "can be taken only once"
        if spec.cooldown and state.turn - last <= spec.cooldown:
            again = last + spec.cooldown + 1
            if last_turn is not None and again > last_turn:
                return "is cooling down for the rest of the game"
            return f"is cooling down until turn {again}"
    return None


def legal_actions(state: GameState, scenario: Scenario, actor: Actor) -> list[ActionOrder]:
    """Every single action ``actor`` may order this turn, each within its capital."""
    if state.phase is not ORDERS or actor not in state.actors:
        return []
    capital = state.capital.get(actor, 0)
    if capital < 0:
        return []
    by_capital = _affordable(scenario, actor)
    last_taken, turn, meters, flags = state.last_taken, state.turn, state.meters, state.flags
    sites: dict[str, str] = {}  # the sites' statuses, read when a requirement first asks
    dearest = len(by_capital) - 1
    legal = []
    # an entry is open (may be taken now, its budget aside: ``unavailable_because`` without the words) when
    # taking it never blocks it, or it was not taken within the turns it blocks (as _timing_blocker), and
    # its requirements hold; check_orders asks the same of each given order
    for order, key, blocked_for, requires in by_capital[capital if capital < dearest else dearest]:
        if key is not None:
            last = last_taken.get(key)
            if last is not None and turn - last <= blocked_for:
                continue
        if not requires or _hold(requires, state, meters, flags, sites):
            legal.append(order)
    return legal


Test = Callable[[ConditionView], bool]

# what a Requirement is: how _hold asks it
_METER: Final = 0
_FLAG: Final = 1
_SITE: Final = 2
_OTHER: Final = 3


class Requirement:
    """One requirement of an action for one actor, compiled for ``_hold`` to ask it as its compiled test
    (``conditions.test``) answers, but inline, without a call (which is generic: a closure): a meter
    condition as its meter and bounds (``conditions.condition_bounds``), a flag condition as its flag and
    whether it must be in place, a site condition as its site and the statuses it asks for; any other as
    its compiled test. A native class: compiled, its fields are read straight from the object."""

    __slots__ = ("kind", "name", "low", "high", "present", "statuses", "other")

    def __init__(
        self,
        kind: int,
        name: str = "",
        low: float = 0.0,
        high: float = 0.0,
        present: bool = True,
        statuses: frozenset[str] = frozenset(),
        other: Test | None = None,
    ) -> None:
        self.kind = kind
        self.name = name  # the meter, the flag or the site
        self.low = low
        self.high = high
        self.present = present
        self.statuses = statuses
        self.other = other


class MenuEntry(NamedTuple):
    """One action of an actor's, with what legality reads of it (static for a loaded scenario)."""

    order: ActionOrder
    cost: int
    key: str | None  # its GameState.last_taken key; None when taking it never blocks it (no once, no cooldown)
    blocked_for: float  # how many turns after it is taken it stays blocked: its cooldown; forever if once
    requires: tuple[Requirement, ...]  # its requirements compiled, in their order; () when it has none


Opening = tuple[ActionOrder, str | None, float, tuple[Requirement, ...]]  # a MenuEntry but its cost (the loop's)


def _menu(scenario: Scenario, actor: Actor) -> tuple[MenuEntry, ...]:
    """``actor``'s actions with what legality reads of each, built once per loaded scenario."""
    return scenario.memo.get(
        ("legal menu", actor),
        lambda: tuple(
            MenuEntry(
                action_order(actor, spec.id),
                spec.cost,
                taken_key(actor, spec.id) if spec.once or spec.cooldown else None,
                math.inf if spec.once else spec.cooldown,
                tuple(_requirement(cond, actor) for cond in spec.requires),
            )
            for spec in scenario.actions_by_actor[actor]
        ),
    )


def _requirement(cond: Condition, actor: Actor) -> Requirement:
    """``cond`` for ``actor`` as _hold asks it: what its compiled test (``conditions._compile``) compares,
    told apart in the same order (a condition has one subject), or, for any other subject, that test."""
    if cond.meter is not None:
        name, low, high = condition_bounds(cond, actor)
        return Requirement(_METER, name, low, high)
    if cond.flag is not None:
        return Requirement(_FLAG, cond.flag, present=cond.present)
    if cond.site is not None and cond.turn_min is None and cond.turn_max is None:
        return Requirement(_SITE, cond.site, statuses=frozenset(cond.status or ()))
    return Requirement(_OTHER, other=test(cond, actor))


def _hold(
    requires: tuple[Requirement, ...],
    state: GameState,
    meters: dict[str, float],
    flags: frozenset[str],
    sites: dict[str, str],
) -> bool:
    """Whether every one of ``requires`` holds in ``state`` (``meters``, ``flags``: its meters and flags;
    ``sites``: its sites' statuses by id, or empty until a site requirement first asks, which fills it in
    for the caller's next), asked in their order (the first that fails ends it), exactly as their compiled
    tests would answer (a state's ``site_status``: the status of its program's first site with that id)."""
    for req in requires:
        kind = req.kind
        if kind == _METER:
            if not req.low <= meters[req.name] <= req.high:
                return False
        elif kind == _FLAG:
            if (req.name in flags) != req.present:
                return False
        elif kind == _SITE:
            if not sites:
                for site in state.program.sites:
                    sites.setdefault(site.id, site.status)
            if sites[req.name] not in req.statuses:
                return False
        else:
            other = req.other
            assert other is not None
            if not other(state):
                return False
    return True


def _affordable(scenario: Scenario, actor: Actor) -> tuple[tuple[Opening, ...], ...]:
    """``actor``'s menu for each capital from 0 to its dearest action's cost: the entries it can pay for,
    in menu order, each as what the legal loop reads of it (order, key, blocked_for, requires); built
    once per loaded scenario, so the loop never meets an action beyond the budget."""

    def build() -> tuple[tuple[Opening, ...], ...]:
        menu = _menu(scenario, actor)
        dearest = max((e.cost for e in menu), default=0)
        return tuple(
            tuple((e.order, e.key, e.blocked_for, e.requires) for e in menu if e.cost <= capital)
            for capital in range(dearest + 1)
        )

    return scenario.memo.get(("legal menu by capital", actor), build)


# What check_orders reads of one action of the scenario for one actor, as a plain tuple (compiled, its
# items are read without the attribute reads a spec and a MenuEntry cost): (max_per_turn, cost, whether
# it is the actor's, and the MenuEntry's key, blocked_for and requires; None, 0 and () for another's)
OrderCheck = tuple[int, int, bool, str | None, float, tuple[Requirement, ...]]


def _order_checks(scenario: Scenario, actor: Actor) -> dict[str, OrderCheck]:
    """Every action of the scenario by id, as check_orders reads it for ``actor``, built once per loaded
    scenario."""

    def build() -> dict[str, OrderCheck]:
        menu = {e.order.action: e for e in _menu(scenario, actor)}
        checks: dict[str, OrderCheck] = {}
        for spec in scenario.actions:
            entry = menu.get(spec.id)
            if entry is None:
                checks[spec.id] = (spec.max_per_turn, spec.cost, False, None, 0.0, ())
            else:
                checks[spec.id] = (spec.max_per_turn, spec.cost, True, entry.key, entry.blocked_for, entry.requires)
        return checks

    return scenario.memo.get(("order checks", actor), build)


# Each order legality builds is a copy of one of these with its fields replaced, without pydantic's
# validation (the values are valid already; validated, a RespondOrder cost about 10,000 instructions, a
# third of an answer phase's legal orders): a copy has the model's defaults, its fields in their order
# and the fields set that validation gives.
_ACTION: Final = ActionOrder(actor=Actor.US, action="")
_RESPOND: Final = RespondOrder(actor=Actor.US, proposal_id="", answer="accept")


@lru_cache(maxsize=4096)
def action_order(actor: Actor, action_id: str) -> ActionOrder:
    """Orders are immutable values: build each (actor, action) once."""
    return replaced(_ACTION, {"actor": actor, "action": action_id})


@lru_cache(maxsize=4096)
def respond_order(actor: Actor, proposal_id: str, answer: Literal["accept", "reject"]) -> RespondOrder:
    """A plain answer to a proposal (proposal ids repeat from game to game: "T3-US-1")."""
    return replaced(_RESPOND, {"actor": actor, "proposal_id": proposal_id, "answer": answer})


@lru_cache(maxsize=4096)
def taken_key(actor: Actor, action_id: str) -> str:
    """The key of GameState.last_taken for an actor's action."""
    return f"{actor.value}:{action_id}"


def legal_orders(state: GameState, scenario: Scenario, actor: Actor) -> list[ActionOrder] | list[RespondOrder]:
    """The orders ``actor`` may give in the current phase: actions in the orders phase, answers to
    pending proposals in the response phases. Proposals are open-ended: see ``check_proposal``."""
    if state.phase is ORDERS:
        return legal_actions(state, scenario, actor)
    if state.phase in ANSWER_PHASES:
        orders = []
        for pid in awaiting(state, actor):
            orders.append(respond_order(actor, pid, "accept"))
            orders.append(respond_order(actor, pid, "reject"))
        return orders
    return []


def awaiting(state: GameState, actor: Actor) -> list[str]:
    """Ids of proposals ``actor`` must answer in the current phase: none outside the two answering
    phases (an offer made in the propose phase is sealed until that phase closes)."""
    return [p.id for p in _unanswered(state) if p.recipient == actor]


def answering(state: GameState) -> set[Actor]:
    """The actors with proposals to answer in the current phase (those ``awaiting`` lists any for)."""
    return {p.recipient for p in _unanswered(state)}


def _unanswered(state: GameState) -> list[Proposal]:
    """The proposals still to be answered in the current phase: this turn's offers in the respond phase,
    the counter-offers in the counter-respond phase; none outside them."""
    phase = state.phase  # read once: a model's field is a generic attribute read
    if phase is not RESPOND and phase is not COUNTER_RESPOND:  # not in ANSWER_PHASES
        return []
    want_counters = phase is COUNTER_RESPOND
    responses = state.responses
    return [p for p in state.proposals if p.id not in responses and (p.counter_of is not None) == want_counters]


def orders_cost(scenario: Scenario, action_ids: Iterable[str]) -> int:
    """The political capital a set of actions costs (an action listed twice, twice) (the budget ``check_orders`` holds a seat to; the UI
    and the deal composer show it before anything is sent). Unknown ids cost nothing here: they are
    refused by ``check_orders`` itself."""
    index = scenario.action_index
    return sum(index[a].cost for a in action_ids if a in index)


def room_for(spec: ActionSpec, chosen: Sequence[str]) -> bool:
    """Whether ``spec`` may join the orders ``chosen`` (action ids, repeats listed again) once more: an
    action is ordered at most ``max_per_turn`` times a turn (issue 11, w3a: a round of launches), each
    time paying its cost (``orders_cost``). The rules, the AI and the UI's order list all ask this."""
    return chosen.count(spec.id) < spec.max_per_turn


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def check_orders(state: GameState, scenario: Scenario, actor: Actor, orders: list[ActionOrder]) -> None:
    """Raise IllegalOrder naming the broken rule, or return when the set of orders is legal."""
    if state.phase is not ORDERS:
        raise IllegalOrder(orders, f"orders are given in the orders phase, not {state.phase.value}")
    checks = _order_checks(scenario, actor)
    last_taken, turn = state.last_taken, state.turn
    sites: dict[str, str] = {}  # as in legal_actions
    seen: list[str] = []
    spent = 0
    for order in orders:
        if order.actor is not actor:
            raise IllegalOrder(order, f"{actor.value} cannot give orders for {order.actor.value}")
        action = order.action
        check = checks.get(action)
        if check is None:
            raise IllegalOrder(order, f"no action '{action}' in scenario {scenario.id}")
        most, cost, mine, key, blocked_for, requires = check
        if seen.count(action) >= most:  # room_for inlined
            raise IllegalOrder(
                order, f"'{action}' ordered {_times(most + 1)} in one turn; it may be ordered {_times(most)}"
            )
        seen.append(action)
        spent += cost  # orders_cost, summed as it goes: each repeat pays
        # not the actor's, or not open now (as in legal_actions): say why
        if (
            not mine
            or key is not None
            and (last := last_taken.get(key)) is not None
            and turn - last <= blocked_for
            or requires
            and not _hold(requires, state, state.meters, state.flags, sites)  # read for an order that has any
        ):
            reason = action_blocker(state, scenario, actor, scenario.action_index[action])
            assert reason is not None, f"legality's menu and action_blocker disagree on {action}"
            raise IllegalOrder(order, reason)
    capital = state.capital.get(actor, 0)
    if spent > capital:
        raise IllegalOrder(orders, f"orders cost {spent} political capital; {actor.value} has {capital}")


def check_clause(scenario: Scenario, clause: Clause, parties: tuple[Actor, Actor]) -> str | None:
    actor, action = clause.actor, clause.action
    if actor not in parties:
        return f"a clause binds {actor.value}, who is not a party"
    spec = scenario.action_index.get(action)
    if spec is None:
        return f"no action '{action}'"
    if actor not in spec.actors:
        return f"{actor.value} cannot take '{action}'"
    if spec.counts_as is not None:
        return f"'{clause.action}' is a deception and cannot be pledged"
    return None


def check_proposal(state: GameState, scenario: Scenario, order: ProposeOrder, sent_before: int) -> None:
    if state.phase is not PROPOSE:
        raise IllegalOrder(order, f"proposals are sent in the propose phase, not {state.phase.value}")
    # each field read once (compiled, a model's field is a generic attribute read)
    actor, recipient, clauses = order.actor, order.recipient, order.clauses
    if recipient == actor or recipient not in state.actors:
        raise IllegalOrder(order, "a proposal goes to another actor in play")
    if sent_before >= scenario.max_proposals:
        raise IllegalOrder(order, f"at most {scenario.max_proposals} proposals a turn")
    if not 1 <= len(clauses) <= MAX_CLAUSES:
        raise IllegalOrder(order, f"a proposal has 1 to {MAX_CLAUSES} clauses")
    parties = (actor, recipient)
    for clause in clauses:
        reason = check_clause(scenario, clause, parties)
        if reason:
            raise IllegalOrder(order, reason)


def check_response(state: GameState, scenario: Scenario, order: RespondOrder, due: Sequence[str] | None = None) -> None:
    """Raise IllegalOrder naming the broken rule, or return when the answer is legal. ``due``: what
    ``awaiting(state, order.actor)`` gives, when the caller has it already (one seat's answers)."""
    if order.proposal_id not in (awaiting(state, order.actor) if due is None else due):
        raise IllegalOrder(order, f"{order.actor.value} has no proposal '{order.proposal_id}' to answer now")
    if order.answer == "counter":
        if state.phase is COUNTER_RESPOND:
            raise IllegalOrder(order, "a counter-offer cannot be countered again this turn")
        proposal = next(p for p in state.proposals if p.id == order.proposal_id)
        if not 1 <= len(order.counter) <= MAX_CLAUSES:
            raise IllegalOrder(order, f"a counter-offer has 1 to {MAX_CLAUSES} clauses")
        for clause in order.counter:
            reason = check_clause(scenario, clause, (proposal.proposer, proposal.recipient))
            if reason:
                raise IllegalOrder(order, reason)
