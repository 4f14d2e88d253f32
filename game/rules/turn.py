"""One turn, phase by phase: ``submit`` is the one phase machine (every seat's submission goes through
it, and it closes each phase when its last seat has acted); ``pending`` says who must still act. Each
function takes a state and returns the next; none mutates.

Resolution runs in this fixed, documented order (docs/ARCHITECTURE.md):
 1. capital is spent for every order;
 2. orders apply one actor at a time in the scenario's actor order, each actor's in the order given:
    effects, then the action's chance roll;
 3. deal compliance: pledged actions done, refrain pledges broken; the decoupling cost of this turn's
    deals that leave an ally's stakes out (rules.alliances);
 4. production at active sites and warhead assembly; missile readiness decays (an unproven force);
 5. detection of hidden activity, then its consequences (a breach of the declaration if it left the site out);
 6. commitments: due dates, verification, hidden-breach discovery; deals with the DPRK: allies not
    consulted, deals without a working-level process unravelling; release after verification, expiry;
 7. events: calendar, then random, in scenario order;
 8. assessment: evasion attrition and leak, derived sanctions pressure, economy, tension, support,
    capital income, estimates;
 9. end check.
"""

from __future__ import annotations

from typing import Final, cast

from ..model.construct import built, replaced
from ..model.control import ControlSubmission, SeatNote, white_cell
from ..model.deals import Proposal
from ..model.ids import ACTOR_CODES, ANSWER_PHASES, COUNTER_RESPOND, ENDED, ORDERS, PROPOSE, RESPOND, Actor, Phase
from ..model.log import NewsItem
from ..model.orders import ActionOrder, ProposeOrder, RespondOrder, Submission
from ..model.scenario import Scenario
from ..model.state import GameState
from ..scenario.setup import initial_state
from . import control
from . import deals as deal_rules
from .alliances import deal_decoupling
from .assessment import assess, end_check
from .compiled import ActionProgram, Face, action_program, order_programs
from .dice import Dice
from .effects import roll_outcomes
from .kinds import run_effects
from .events import run_events
from .legality import answering, awaiting, check_orders, check_proposal, check_response
from .numbers import rounded_to_thousandths
from .precedent import derive_verified_steps
from .exposure import apply_detection
from .program import produce, run_detection, rust_readiness, widen_estimates
from .work import Work, actor_name


# --------------------------------------------------------------------------- the phase machine
def pending(state: GameState) -> list[Actor]:
    """Seats that must still act in the current phase, in actor order (in an answer phase, only those
    with proposals to answer)."""
    phase = state.phase
    if phase is ENDED:
        return []
    submitted = state.submitted
    if phase in ANSWER_PHASES:
        due = answering(state)
        return [a for a in state.actors if a in due and a not in submitted]
    return [a for a in state.actors if a not in submitted]


def _all_acted(state: GameState) -> bool:
    """Whether ``pending`` is empty (asked after every submission): in the propose and orders phases, a
    set test instead of building the list (in an answer phase, of the seats in play with proposals to
    answer)."""
    if state.phase in ANSWER_PHASES:
        return (answering(state) - state.submitted).isdisjoint(state.actors)
    return state.phase is ENDED or state.submitted.issuperset(state.actors)


def submit(
    state: GameState, scenario: Scenario, dice: Dice, submission: Submission | ControlSubmission | SeatNote
) -> GameState:
    """The one phase machine: check ``submission`` against the phase and the rules, record it sealed,
    and close every phase whose last seat has then acted (answer phases nobody has to answer are
    skipped; the last orders resolve the turn). Match, the search's sampled worlds and every seat go
    through here, and so do the white cell's acts and the seats' memos and questions (rules/control.py);
    in a facilitated game the injects that have fallen due fire after each step."""
    if isinstance(submission, Submission):  # a seat's: by far the most common, so asked first
        state = _close_finished_phases(_enter(state, scenario, submission), scenario, dice)
        return state if state.control is None else control.fire_due(state, scenario, dice)
    if isinstance(submission, ControlSubmission):
        return control.fire_due(_control_act(state, scenario, dice, submission), scenario, dice)
    return control.note(state, submission)


def _enter(state: GameState, scenario: Scenario, submission: Submission) -> GameState:
    """Check one seat's submission and record it sealed (closing nothing)."""
    actor, phase, given, orders = submission.actor, state.phase, submission.phase, submission.orders
    kind = _ORDER_TYPES.get(given)  # the casts below rest on this check
    if kind is None:
        raise ValueError(f"a submission is for the propose, respond or orders phase, not {given.value}")
    for order in orders:  # a loop, not all(...): no generator per submission
        if not isinstance(order, kind):
            raise ValueError(f"a {given.value} submission holds only {kind.__name__}s")
    # casts to strings: no generic alias is built per submission
    if given is PROPOSE:
        if phase is not PROPOSE:
            raise ValueError(f"expected the propose phase, the game is in {phase.value}")
        return _submit_proposals(state, scenario, actor, cast("tuple[ProposeOrder, ...]", orders))
    if given is RESPOND:
        if phase not in ANSWER_PHASES:
            raise ValueError(f"answers are given in a response phase, not {phase.value}")
        return _submit_responses(state, scenario, actor, cast("tuple[RespondOrder, ...]", orders))
    if phase is not ORDERS:
        raise ValueError(f"expected the orders phase, the game is in {phase.value}")
    return _submit_orders(state, scenario, actor, cast("tuple[ActionOrder, ...]", orders))


_ORDER_TYPES: Final = {Phase.PROPOSE: ProposeOrder, Phase.RESPOND: RespondOrder, Phase.ORDERS: ActionOrder}


def _close_finished_phases(state: GameState, scenario: Scenario, dice: Dice) -> GameState:
    while state.phase is not ENDED and _all_acted(state):
        if state.phase is PROPOSE:
            state = _close_proposals(state)
        elif state.phase is ORDERS:
            if control.awaiting_control(state):
                return state  # the white cell reviews the sealed orders first (ResolveTurn)
            return _resolve(state, scenario, dice)  # a new turn: every seat has to propose
        else:
            state = _close_responses(state)
    return state


# --------------------------------------------------------------------------- the white cell
def _control_act(state: GameState, scenario: Scenario, dice: Dice, submission: ControlSubmission) -> GameState:
    """A control act: the ones that close a phase are the phase machine's own; the rest are
    rules/control.py's."""
    control.check(state, submission)
    act, reason = submission.act, submission.reason.strip()
    if act.kind == "resolve":
        if not control.awaiting_control(state):
            raise ValueError("the turn resolves once every seat has given its orders (close the phase first)")
        return _resolve(control.recorded(state, "resolve", "accepted the orders", reason), scenario, dice)
    if act.kind != "close":
        return control.apply_act(state, scenario, dice, submission)
    missing = pending(state)
    if not missing:
        raise ValueError(f"every seat has acted in the {state.phase.value} phase: there is nothing to close")
    control.check_stand_ins(state, missing, act.stand_ins)
    given = {sub.actor: sub for sub in act.stand_ins}
    phase = state.phase
    for actor in missing:
        state = _enter(state, scenario, given.get(actor) or control.default_submission(state, actor))
    why = "time ran out" if act.expired else "closed by the white cell"
    seats = ", ".join(f"{actor_name(a)}{' (AI stand-in)' if a in given else ''}" for a in missing)
    state = control.recorded(
        state,
        "close",
        f"closed the {phase.value} phase ({why}): {seats} had not acted",
        reason,
        news=f"The {phase.value} phase is closed: {why}. Not in time: {seats}.",
    )
    return _close_finished_phases(state, scenario, dice)


# --------------------------------------------------------------------------- diplomacy
def _submit_proposals(
    state: GameState, scenario: Scenario, actor: Actor, orders: tuple[ProposeOrder, ...]
) -> GameState:
    if actor in state.submitted:
        raise ValueError(f"{actor.value} has already sent its proposals this turn")
    if not orders:  # most seats, most turns: nothing to check or add
        return replaced(state, {"submitted": state.submitted | {actor}})
    new = []
    for k, order in enumerate(orders):
        if order.actor != actor:
            raise ValueError(f"{actor.value} cannot propose for {order.actor.value}")
        check_proposal(state, scenario, order, k)
        new.append(
            built(  # every value from the order, a validated model
                Proposal,
                {
                    "id": f"T{state.turn}-{ACTOR_CODES[actor]}-{k + 1}",
                    "proposer": actor,
                    "recipient": order.recipient,
                    "clauses": order.clauses,
                    "note": order.note,
                    "counter_of": None,
                },
            )
        )
    return replaced(state, {"proposals": state.proposals + tuple(new), "submitted": state.submitted | {actor}})


def _close_proposals(state: GameState) -> GameState:
    return replaced(state, {"phase": RESPOND if state.proposals else ORDERS, "submitted": frozenset()})


def _submit_responses(
    state: GameState, scenario: Scenario, actor: Actor, orders: tuple[RespondOrder, ...]
) -> GameState:
    """Record ``actor``'s sealed answers. Nothing is agreed until the phase closes: answers, like
    proposals and orders, are simultaneous, and nobody learns another's before giving their own."""
    answered = {o.proposal_id for o in orders}
    due = awaiting(state, actor)
    missing = set(due) - answered
    if missing:
        raise ValueError(f"{actor.value} must answer every proposal it received: {sorted(missing)}")
    responses = dict(state.responses)
    counters = []
    for order in orders:
        check_response(state, scenario, order, due if order.actor is actor else None)
        if order.actor != actor:
            raise ValueError(f"{actor.value} cannot answer for {order.actor.value}")
        responses[order.proposal_id] = order.answer
        if order.answer == "counter":
            proposal = next(p for p in state.proposals if p.id == order.proposal_id)
            counters.append(
                Proposal(
                    id=f"{proposal.id}-C",
                    proposer=actor,
                    recipient=proposal.proposer,
                    clauses=order.counter,
                    counter_of=proposal.id,
                )
            )
    proposals = state.proposals + tuple(counters) if counters else state.proposals
    return replaced(state, {"responses": responses, "proposals": proposals, "submitted": state.submitted | {actor}})


def _close_responses(state: GameState) -> GameState:
    """Open the answers given in this phase: each accepted proposal becomes a deal, in the order the
    proposals were made; then on to the counter-offers, if any, or to orders."""
    counters_phase = state.phase is COUNTER_RESPOND
    deals, commitments, news = list(state.deals), list(state.commitments), []
    for proposal in state.proposals:
        if (proposal.counter_of is not None) != counters_phase or state.responses.get(proposal.id) != "accept":
            continue
        deal, new_commitments = deal_rules.accept(state, proposal)
        deals.append(deal)
        commitments.extend(new_commitments)
        news.append(f"{actor_name(proposal.proposer)} and {actor_name(proposal.recipient)} agree a deal.")
    counters = any(p.counter_of is not None and p.id not in state.responses for p in state.proposals)
    phase = COUNTER_RESPOND if not counters_phase and counters else ORDERS
    items = tuple(NewsItem(turn=state.turn, text=t, source="diplomacy") for t in news)
    return replaced(
        state,
        {
            "phase": phase,
            "submitted": frozenset(),
            "deals": tuple(deals),
            "commitments": tuple(commitments),
            **state.with_log(items),
        },
    )


# --------------------------------------------------------------------------- orders
def _submit_orders(state: GameState, scenario: Scenario, actor: Actor, orders: tuple[ActionOrder, ...]) -> GameState:
    if actor in state.submitted:
        raise ValueError(f"{actor.value} has already given its orders this turn")
    check_orders(state, scenario, actor, list(orders))
    return replaced(state, {"orders": {**state.orders, actor: tuple(orders)}, "submitted": state.submitted | {actor}})


# --------------------------------------------------------------------------- resolution
def _resolve(state: GameState, scenario: Scenario, dice: Dice) -> GameState:
    """Resolve the sealed orders, events and assessment; return the state at the next turn's start.
    Every roll comes from ``dice``, keyed by what it decides (see ``rules/dice.py``)."""
    if state.phase is not ORDERS:
        raise ValueError(f"resolution follows the orders phase, not {state.phase.value}")
    work = Work(state, scenario, dice)
    start_meters = state.meters  # the state's own: the Work changes its copy, nothing changes this one
    after: dict[str, object] = {}
    if state.control is not None:  # the white cell's changes since the last resolution are this turn's too
        work.changes.extend(state.control.carried)
        after["control"] = control.resolved(state.control)
    orders = order_programs(scenario, state.orders, state.actors)
    for actor, program in orders:  # 1. capital
        work.add_capital(actor, -program.cost)
        work.last_taken[program.taken_key] = state.turn
    rounds: dict[str, int] = {}  # issue 11 (w3a): an action ordered again (max_per_turn) is its next round
    taken: list[tuple[Actor, str, bool]] = []
    for actor, program in orders:  # 2. orders, one actor at a time
        rounds[program.cause] = round_ = rounds.get(program.cause, 0) + 1  # the cause names actor and action
        if program.face is not None:
            _show_public_face(work, program.face)
        _apply_action(work, program, round_)
        taken.append((actor, program.counts_as, program.concealed))
    deal_rules.record_compliance(work, taken)  # 3.
    deal_decoupling(work)  # 3. (C9) this turn's deals that leave an ally's stakes out
    produce(work)  # 4.
    rust_readiness(work)  # 4. (w3a) an unproven force loses readiness
    found = run_detection(work)  # 5.
    if state.control is None:
        for detector, site in found:
            apply_detection(work, detector, site)
    else:  # as the white cell ruled
        for detector, site, reason in control.rule_detections(work, found):
            apply_detection(work, detector, site, *((white_cell(reason),) * 2 if reason else ()))
    deal_rules.advance_commitments(work)  # 6.
    run_events(work)  # 7.
    assess(work, start_meters)  # 8.
    widen_estimates(work)
    outcome, reason = end_check(work)  # 9.

    history_row = {k: rounded_to_thousandths(v) if v else v for k, v in work.meters.items()}  # round3, inlined
    if outcome is not None:
        work.report(f"The game ends: {reason}", "public", "end")
        return work.freeze(
            history_row,
            tuple(work.changes),
            phase=ENDED,
            outcome=outcome,
            outcome_reason=reason,
            orders={},
            submitted=frozenset(),
            **after,
        )
    return work.freeze(
        history_row,
        tuple(work.changes),
        turn=state.turn + 1,
        phase=PROPOSE,
        orders={},
        submitted=frozenset(),
        proposals=(),
        responses={},
        **after,
    )


# --------------------------------------------------------------------------- issue 11 (wt11b): openings
def start_state(scenario: Scenario, variant: str | None, dice: Dice) -> GameState:
    """The state a game starts from: the scenario's start with the variant's overrides, then the
    variant's ``opening`` moves, each taken as the rules take an order (its cost charged, its effects and
    chance applied, remembered as taken on turn 1 so ``once`` holds), so a variant that begins after an
    action begins with that action's consequences paid."""
    state = initial_state(scenario, variant)
    moves = scenario.variants[variant].opening if variant else []
    if not moves:
        return state
    work = Work(state, scenario, dice)
    for move in moves:
        program = action_program(scenario, scenario.action_index[move.action], move.actor)
        work.add_capital(move.actor, -program.cost)
        work.last_taken[program.taken_key] = state.turn
        _apply_action(work, program)
    derive_verified_steps(work)  # C13: an opening's inspections count before the first benefit of play
    return work.freeze(None, tuple(work.changes))


def _apply_action(work: Work, program: ActionProgram, round_: int = 1) -> None:
    """One order's news, effects and chance roll. A repeat within the turn (``round_`` 2 and on, up to the
    action's ``max_per_turn``) applies them again, its news numbered and its chance rolled anew."""
    cause, label, audience = program.cause, program.label, program.audience
    work.report(program.news if round_ == 1 else f"{program.news} (round {round_} this turn)", audience, cause)
    run_effects(work, program.effects, cause, label, audience)
    if program.chance:  # most actions have none
        roll_outcomes(work, program.chance, cause, label, audience, round_)


def _show_public_face(work: Work, face: Face) -> None:
    """A deception looks to the world exactly like the action it counts as: that action's news and
    the world's reactions (its meter, flag and trust effects) go out publicly; its program effects,
    the substance, do not happen. The deception's own effects then apply, seen only by the actor."""
    work.last_taken[face.taken_key] = work.turn
    work.report(face.news, "public", face.cause)
    run_effects(work, face.reactions, face.cause, face.label, "public")
