"""The white cell's acts, applied by the rules: injects (released, skipped, held, delayed, written in play,
fired on schedule), adjudications (before resolution: cancel an order, rule a chance roll or a detection;
after it: correct a meter), clocks, answers to requests for information, and the players' memos and
requests. Pure, like every rule: a state in, the next state out.

``rules.turn.submit`` is the one entry point: it hands a ``ControlSubmission`` or a ``SeatNote`` here
(``check``, ``apply_act``, ``note``), closes phases itself (``ClosePhase``, ``ResolveTurn``), and after
every step of a facilitated game fires the injects that have fallen due (``fire_due``). A scripted change
is an effect applied by its kind's entry in ``rules/kinds.py``, so it is described and recorded like any
other; its cause in the ledger is "White cell: <reason>" (``model.control.white_cell``), and the changes
control acts make between two resolutions are shown in the next resolution's ledger (``carried``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..model.control import (
    ADJUDICATIONS,
    CONTROL,
    AdHocInject,
    AnswerRfi,
    CancelOrder,
    ChanceRuling,
    ControlRecord,
    ControlSetup,
    ControlState,
    ControlSubmission,
    CorrectMeter,
    DelayInject,
    DetectionRuling,
    HoldInject,
    InjectState,
    Memo,
    PauseClock,
    ReleaseInject,
    Rfi,
    RuleChance,
    RuleDetection,
    SeatNote,
    SetClock,
    SkipInject,
    white_cell,
)
from ..model.ids import METER_BOUNDS, Actor, Phase
from ..model.log import Audience, NewsItem
from ..model.orders import RespondOrder, Submission
from ..model.program import Site
from ..model.scenario import INJECT_PHASES, ChanceOutcome, InjectSpec, MeterEffect, Scenario
from ..model.state import GameState
from ..scenario.loader import inject_problems
from .dice import Dice
from .effects import apply_effects, audience_of, roll_chance
from .kinds import apply_effect
from .legality import awaiting
from .work import Work, actor_name

SOURCE: Final = "white-cell"  # the news source of the white cell's cables and announcements


# --------------------------------------------------------------------------- setting up
def start(state: GameState, scenario: Scenario, dice: Dice, setup: ControlSetup) -> GameState:
    """The first state of a facilitated game: the control part set up (its MSEL checked against the
    scenario) and the injects due at the very start fired."""
    problems = inject_problems(scenario, setup.msel, ("msel",))
    if problems:
        loc, text = problems[0]
        raise ValueError(f"{'.'.join(map(str, loc))}: {text}")
    for actor in setup.stand_ins:
        if actor not in state.actors:
            raise ValueError(f"stand_ins.{actor.value}: not a seat of this scenario")
    injects = tuple(
        InjectState(id=i.id, status="held" if i.held else "scheduled", turn=i.turn, phase=i.phase) for i in setup.msel
    )
    control = ControlState(setup=setup, injects=injects, clocks=dict(setup.clocks))
    return fire_due(state.replace(control=control), scenario, dice)


def awaiting_control(state: GameState) -> bool:
    """Every seat has given its orders and the turn waits for the white cell to accept them."""
    control = state.control
    return (
        control is not None
        and control.setup.review_orders
        and state.phase is Phase.ORDERS
        and all(a in state.submitted for a in state.actors)
    )


# --------------------------------------------------------------------------- checking
def check(state: GameState, submission: ControlSubmission) -> None:
    """ValueError unless the white cell's seat may make this act now (the act's own checks follow)."""
    if submission.seat != CONTROL:
        seat = getattr(submission.seat, "value", submission.seat)
        raise ValueError(f"only the white cell submits control acts; {seat} is a player seat")
    if state.control is None:
        raise ValueError("this game has no white cell (it was not set up as a facilitated game)")
    if state.phase is Phase.ENDED:
        raise ValueError("the game is over: the white cell has nothing left to rule on")
    if submission.act.kind in ADJUDICATIONS and not submission.reason.strip():
        raise ValueError(f"an adjudication ({submission.act.kind}) needs a reason")


def default_submission(state: GameState, actor: Actor) -> Submission:
    """What a seat that has not acted gives when its phase is closed without a stand-in: no proposals,
    every offer rejected, no orders."""
    if state.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
        answers = tuple(RespondOrder(actor=actor, proposal_id=p, answer="reject") for p in awaiting(state, actor))
        return Submission(actor=actor, phase=Phase.RESPOND, orders=answers)
    return Submission(actor=actor, phase=state.phase)


def check_stand_ins(state: GameState, missing: list[Actor], stand_ins: tuple[Submission, ...]) -> None:
    """A closed phase's stand-in submissions: one at most per seat that had not acted, each for a seat set
    up with a stand-in, in this phase (their orders are then checked like any seat's)."""
    control = state.control
    assert control is not None
    seen: set[Actor] = set()
    phase = Phase.RESPOND if state.phase is Phase.COUNTER_RESPOND else state.phase
    for sub in stand_ins:
        if sub.actor not in missing or sub.actor in seen:
            raise ValueError(f"{sub.actor.value} has no phase to be stood in for (it has acted, or is given twice)")
        if sub.actor not in control.setup.stand_ins:
            raise ValueError(f"{sub.actor.value} has no AI stand-in in this game's setup")
        if sub.phase is not phase:
            raise ValueError(f"{sub.actor.value}'s stand-in answers the {sub.phase.value} phase, not {phase.value}")
        seen.add(sub.actor)


# --------------------------------------------------------------------------- applying
def apply_act(state: GameState, scenario: Scenario, dice: Dice, submission: ControlSubmission) -> GameState:
    """Apply one control act that does not close a phase (``rules.turn`` closes phases)."""
    act, reason = submission.act, submission.reason.strip()
    handler = _HANDLERS.get(act.kind)
    if handler is None:
        raise ValueError(f"a {act.kind} act closes a phase: it is rules.turn.submit's")
    return handler(state, scenario, dice, act, reason)


def recorded(
    state: GameState, kind: str, text: str, reason: str = "", news: str = "", audience: Audience = "public"
) -> GameState:
    """``state`` with one more act in the white cell's record (and, with ``news``, a line to ``audience``)."""
    control = _control(state)
    record = ControlRecord(turn=state.turn, phase=state.phase, kind=kind, text=text, reason=reason)
    update = state.with_log((NewsItem(turn=state.turn, text=news, audience=audience, source=SOURCE),)) if news else {}
    return state.replace(control=control.replace(record=control.record + (record,)), **update)


def _control(state: GameState) -> ControlState:
    assert state.control is not None  # check() has run
    return state.control


def _inject_state(state: GameState, inject_id: str, allowed: tuple[str, ...]) -> InjectState:
    control = _control(state)
    try:
        current = control.inject_state(inject_id)
    except KeyError:
        raise ValueError(f"no inject '{inject_id}' in this game's MSEL") from None
    if current.status not in allowed:
        raise ValueError(f"inject '{inject_id}' is {current.status}; this needs one {' or '.join(allowed)}")
    return current


def _with_inject(control: ControlState, new: InjectState) -> ControlState:
    return control.replace(injects=tuple(new if s.id == new.id else s for s in control.injects))


def _release(state: GameState, scenario: Scenario, dice: Dice, act: ReleaseInject, reason: str) -> GameState:
    current = _inject_state(state, act.inject, ("scheduled", "held"))
    return _fire(state, scenario, dice, _control(state).inject(act.inject), current, "released", reason)


def _skip(state: GameState, scenario: Scenario, dice: Dice, act: SkipInject, reason: str) -> GameState:
    current = _inject_state(state, act.inject, ("scheduled", "held"))
    state = state.replace(control=_with_inject(_control(state), current.replace(status="skipped")))
    return recorded(state, "skip", f"skipped inject '{act.inject}'", reason)


def _hold(state: GameState, scenario: Scenario, dice: Dice, act: HoldInject, reason: str) -> GameState:
    current = _inject_state(state, act.inject, ("scheduled",))
    state = state.replace(control=_with_inject(_control(state), current.replace(status="held")))
    return recorded(state, "hold", f"held inject '{act.inject}'", reason)


def _delay(state: GameState, scenario: Scenario, dice: Dice, act: DelayInject, reason: str) -> GameState:
    current = _inject_state(state, act.inject, ("scheduled", "held"))
    if act.phase not in INJECT_PHASES:
        raise ValueError(f"an inject fires in a phase of play, not {act.phase.value}")
    if act.turn > scenario.turns:
        raise ValueError(f"turn {act.turn} is after the game's last turn ({scenario.turns})")
    if (act.turn, INJECT_PHASES.index(act.phase)) <= _now(state):
        raise ValueError(f"delay to a later turn or phase than now (turn {state.turn}, {state.phase.value})")
    new = current.replace(status="scheduled", turn=act.turn, phase=act.phase)
    state = state.replace(control=_with_inject(_control(state), new))
    return recorded(state, "delay", f"delayed inject '{act.inject}' to turn {act.turn}, {act.phase.value}", reason)


def _adhoc(state: GameState, scenario: Scenario, dice: Dice, act: AdHocInject, reason: str) -> GameState:
    control = _control(state)
    spec: InjectSpec = act.inject
    if any(s.id == spec.id for s in control.injects):
        raise ValueError(f"there is already an inject '{spec.id}'")
    problems = inject_problems(scenario, (spec,), ("inject",))
    if problems:
        loc, text = problems[0]
        raise ValueError(f"{'.'.join(map(str, loc[2:])) or 'inject'}: {text}")
    current = InjectState(id=spec.id, status="held")
    state = state.replace(control=control.replace(adhoc=control.adhoc + (spec,), injects=control.injects + (current,)))
    return _fire(state, scenario, dice, spec, current, "written and fired", reason)


def _now(state: GameState) -> tuple[int, int]:
    return state.turn, INJECT_PHASES.index(state.phase)


def fire_due(state: GameState, scenario: Scenario, dice: Dice) -> GameState:
    """Fire every scheduled inject whose turn and phase the game has reached (in MSEL order)."""
    control = state.control
    if control is None or state.phase is Phase.ENDED:
        return state
    now = _now(state)
    for current in control.injects:
        if (
            current.status == "scheduled"
            and current.turn is not None
            and (current.turn, INJECT_PHASES.index(current.phase)) <= now
        ):
            state = _fire(state, scenario, dice, control.inject(current.id), current, "fired on schedule", "")
    return state


def _fire(
    state: GameState, scenario: Scenario, dice: Dice, spec: InjectSpec, current: InjectState, how: str, reason: str
) -> GameState:
    """An inject's news, its scenario event and its scripted changes, all with the cause "White cell: <its
    title>"; the changes join those the next resolution shows."""
    work = Work(state, scenario, dice)
    cause = white_cell(spec.title)
    audience = spec.audience
    if spec.news:
        work.report(spec.news, audience, f"inject:{spec.id}")
    if spec.event is not None:
        event = next(e for e in scenario.events if e.id == spec.event)  # inject_problems checked it exists
        event_audience = audience_of(event.visibility, None)
        work.report(event.news or event.name, event_audience, f"inject:{spec.id}")
        apply_effects(work, event.effects, None, cause, cause, event_audience)
        roll_chance(work, event.chance, None, cause, cause, event_audience)
        if event.once:
            work.fired_events.add(event.id)
    apply_effects(work, list(spec.effects), None, cause, cause, audience)
    control = _with_inject(_control(state), current.replace(status="fired", fired_turn=state.turn))
    control = control.replace(carried=control.carried + tuple(work.changes))
    state = work.freeze(control=control)
    return recorded(state, "inject", f"inject '{spec.id}' {how}: {spec.title}", reason)


def _cancel(state: GameState, scenario: Scenario, dice: Dice, act: CancelOrder, reason: str) -> GameState:
    if state.phase is not Phase.ORDERS:
        raise ValueError("orders are cancelled in the orders phase, before the turn resolves")
    orders = state.orders.get(act.actor, ())
    index = next((i for i, o in enumerate(orders) if o.action == act.action), None)
    if index is None:
        raise ValueError(f"{act.actor.value} has no sealed order '{act.action}' this turn")
    kept = orders[:index] + orders[index + 1 :]
    state = state.replace(orders={**state.orders, act.actor: kept})
    name = scenario.action_index[act.action].name
    return recorded(
        state,
        "cancel",
        f"cancelled the order {name} of {actor_name(act.actor)}",
        reason,
        news=f"The white cell has cancelled your order ({name}): {reason}",
        audience=(act.actor,),
    )


def _rule_chance(state: GameState, scenario: Scenario, dice: Dice, act: RuleChance, reason: str) -> GameState:
    outcomes = _chance_outcomes(scenario, act.cause)
    if act.outcome is not None and act.outcome >= len(outcomes):
        raise ValueError(f"'{act.cause}' has {len(outcomes)} chance outcomes (0..{len(outcomes) - 1})")
    if act.ruling == "forbid" and act.outcome is None:
        raise ValueError("forbid names the outcome that may not happen")
    control = _control(state)
    ruling = ChanceRuling(ruling=act.ruling, outcome=act.outcome, reason=reason)
    state = state.replace(control=control.replace(chance={**control.chance, act.cause: ruling}))
    what = "nothing further" if act.outcome is None else _outcome_words(outcomes, act.outcome)
    done = "forced" if act.ruling == "force" else "forbade"
    return recorded(state, "chance", f"{done} {what} in the chance roll of '{act.cause}'", reason)


def _outcome_words(outcomes: list[ChanceOutcome], index: int) -> str:
    """An outcome as the record names it: counted from 1, as the console lists them, with its news."""
    news = " ".join(outcomes[index].news.split())
    return f"outcome {index + 1}" + (f" ({news[:80]})" if news else "")


def _chance_outcomes(scenario: Scenario, cause: str) -> list[ChanceOutcome]:
    """The chance outcomes of an order (``ACTOR:action``) or an event (``event:id``)."""
    head, _, name = cause.partition(":")
    if head == "event":
        event = next((e for e in scenario.events if e.id == name), None)
        outcomes = event.chance if event is not None else None
    elif (
        head in Actor.__members__
        and name in scenario.action_index
        and Actor(head) in scenario.action_index[name].actors
    ):
        outcomes = scenario.action_index[name].chance
    else:
        outcomes = None
    if not outcomes:
        raise ValueError(f"'{cause}' names no order (ACTOR:action) or event (event:id) with chance outcomes")
    return outcomes


def _rule_detection(state: GameState, scenario: Scenario, dice: Dice, act: RuleDetection, reason: str) -> GameState:
    if act.site not in {s.id for s in state.program.sites}:
        raise ValueError(f"no site '{act.site}' in this game")
    if act.by is not None and (act.by not in state.estimates or act.by is Actor.DPRK):
        raise ValueError(f"{act.by.value} does not look for hidden activity (it holds no estimate)")
    control = _control(state)
    ruling = DetectionRuling(site=act.site, ruling=act.ruling, by=act.by, reason=reason)
    state = state.replace(control=control.replace(detections=control.detections + (ruling,)))
    who = f" by {actor_name(act.by)}" if act.by is not None else ""
    done = "forced a detection" if act.ruling == "force" else "suppressed detection"
    return recorded(state, "detection", f"{done} at '{act.site}'{who} this turn", reason)


def _correct(state: GameState, scenario: Scenario, dice: Dice, act: CorrectMeter, reason: str) -> GameState:
    if act.meter not in METER_BOUNDS:
        raise ValueError(f"unknown meter '{act.meter}'")
    work = Work(state, scenario, dice)
    cause = white_cell(reason)
    apply_effect(work, MeterEffect(meter=act.meter, delta=act.delta), None, cause, cause, "public")
    control = _control(state)
    state = work.freeze(control=control.replace(carried=control.carried + tuple(work.changes)))
    moved = sum(c.delta for c in work.changes)
    return recorded(state, "correct", f"corrected {act.meter} by {moved:+g}", reason)


def _clock(state: GameState, scenario: Scenario, dice: Dice, act: SetClock, reason: str) -> GameState:
    control = _control(state)
    state = state.replace(control=control.replace(clocks={**control.clocks, act.phase: act.seconds}))
    limit = f"{act.seconds} s" if act.seconds else "no limit"
    return recorded(state, "clock", f"set the {act.phase.value} clock to {limit}", reason)


def _pause(state: GameState, scenario: Scenario, dice: Dice, act: PauseClock, reason: str) -> GameState:
    state = state.replace(control=_control(state).replace(paused=act.paused))
    return recorded(state, "pause", "paused the clock" if act.paused else "resumed the clock", reason)


def _answer(state: GameState, scenario: Scenario, dice: Dice, act: AnswerRfi, reason: str) -> GameState:
    control = _control(state)
    rfi = next((r for r in control.rfis if r.id == act.rfi), None)
    if rfi is None:
        raise ValueError(f"no request for information '{act.rfi}'")
    if rfi.answered_turn is not None:
        raise ValueError(f"request {act.rfi} has been answered")
    answered = rfi.replace(answer=act.text, answered_turn=state.turn)
    state = state.replace(control=control.replace(rfis=tuple(answered if r.id == rfi.id else r for r in control.rfis)))
    return recorded(
        state,
        "answer",
        f"answered {rfi.id} from {actor_name(rfi.actor)}",
        reason,
        news=f"The white cell answers your question ({rfi.question}): {act.text}",
        audience=(rfi.actor,),
    )


_HANDLERS: Final[dict[str, Callable[..., GameState]]] = {
    "release": _release,
    "skip": _skip,
    "hold": _hold,
    "delay": _delay,
    "inject": _adhoc,
    "cancel": _cancel,
    "chance": _rule_chance,
    "detection": _rule_detection,
    "correct": _correct,
    "clock": _clock,
    "pause": _pause,
    "answer": _answer,
}


# --------------------------------------------------------------------------- the players' notes
def note(state: GameState, submission: SeatNote) -> GameState:
    """A seat's memo for this turn (replacing its earlier one) or its request for information."""
    control = state.control
    if control is None:
        raise ValueError("this game has no white cell: memos and requests for information need a facilitated game")
    if submission.actor not in state.actors:
        raise ValueError(f"{submission.actor.value} is not a seat of this game")
    if submission.note == "memo":
        memos = tuple(m for m in control.memos if (m.turn, m.actor) != (state.turn, submission.actor))
        memo = Memo(turn=state.turn, actor=submission.actor, text=submission.text)
        return state.replace(control=control.replace(memos=memos + (memo,)))
    if state.phase is Phase.ENDED:
        raise ValueError("the game is over: there is no one left to answer a request for information")
    rfi = Rfi(id=f"R{len(control.rfis) + 1}", turn=state.turn, actor=submission.actor, question=submission.text)
    return state.replace(control=control.replace(rfis=control.rfis + (rfi,)))


# --------------------------------------------------------------------------- in resolution
def rule_detections(work: Work, found: list[tuple[Actor, Site]]) -> list[tuple[Actor, Site, str]]:
    """This turn's exposures as the white cell ruled (suppressed ones dropped, forced ones added unless the
    site has been exposed already), each with the reason of the ruling that made it ("" for the dice's)."""
    rulings = work.state.control.detections if work.state.control is not None else ()
    out = [
        (d, s, "")
        for d, s in found
        if not any(r.ruling == "suppress" and r.site == s.id and r.by in (None, d) for r in rulings)
    ]
    for r in rulings:
        site = work.sites[r.site]
        if (
            r.ruling == "force"
            and r.by is not None
            and not site.detected
            and not any(s.id == r.site for _, s, _ in out)
        ):
            out.append((r.by, site, r.reason))
    return out


def resolved(control: ControlState) -> ControlState:
    """The control part once a turn has resolved: its rulings spent, its carried changes shown."""
    return control.replace(chance={}, detections=(), carried=())
