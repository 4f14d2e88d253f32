"""Reading an Observation: what has been done, who broke which deal, whether an action is possible,
and how likely hidden activity is to be found (the cheater's risk, as the rules compute it, fed with
what the DPRK can see or guess)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..model.ids import Actor
from ..model.observation import Observation, RulesView
from ..rules.conditions import ConditionView, meter_name, test
from ..rules.deals import hidden_breach_chance
from ..rules.program import detection_hazard, detection_is_public

_PREFIX: Final = {a: a.value + ":" for a in Actor}  # an enum's .value is a Python-level property: read once
DPRK: Final = Actor.DPRK  # in globals: a read from an enum class goes through its metaclass (model/base.py)
US: Final = Actor.US
# a condition's test as ``plausible`` reads it (``judgeable``): the meter it reads, if any, the test, and whether only
# the program's truth can judge it; typed, so that the compiled build unpacks it without the generic path
JudgeableTest = tuple[str | None, Callable[[ConditionView], bool], bool]


def taken(obs: Observation) -> dict[str, int]:
    """``"ACTOR:action" -> last turn`` for every action the viewer knows was taken: what its news shows
    (the observation's index of it, kept as the news grows), and its own orders of this turn."""
    out = dict(obs.news_taken.index)  # a copy: the index is shared with the viewer's next observations
    for order in obs.own_orders:
        out[_PREFIX[order.actor] + order.action] = obs.turn
    return out


def breaches_by(obs: Observation, viewer: Actor) -> dict[Actor, int]:
    """Countries that broke a deal with ``viewer`` (publicly), with the turn the breach came out."""
    broken = {d.id: d for d in obs.deals if d.status == "broken" and viewer in d.parties}
    if not broken:
        return {}
    turn_of = {}
    for item in obs.news:
        if item.source.startswith("breach:"):
            turn_of[item.source[7:]] = item.turn
    out: dict[Actor, int] = {}
    for c in obs.commitments:
        if c.deal_id in broken and c.state == "breached" and c.clause.actor is not viewer:
            when = turn_of.get(c.deal_id, broken[c.deal_id].accepted_turn)
            out[c.clause.actor] = max(out.get(c.clause.actor, 0), when)
    return out


def plausible(obs: Observation, actor: Actor, spec, done: dict[str, int]) -> bool:
    """Whether ``actor`` could take ``spec`` now or soon, judged from the viewer's knowledge: the rules'
    own conditions on the world as the viewer sees it, leaving out what it cannot judge or what time
    will bring (a first turn still to come, a stock it only estimates, whether anything is exposed).
    Everything read afresh; the heuristic keeps what it reads (``plausible_judged``)."""
    knows_program = obs.program is not None
    return plausible_judged(
        obs, actor, Judged(spec, actor), done, frozenset(obs.actors), obs.turn, knows_program, obs.meters
    )


class Judged:
    """What ``plausible`` reads of one action for one actor, read once (the rules do not change): whether
    the actor is among those who may take it, the key its taking has in ``taken``, whether it is once-only,
    its cooldown, and its judgeable tests (``judgeable``)."""

    def __init__(self, spec, actor: Actor):
        self.listed: bool = actor in spec.actors
        self.taken_as: str = _PREFIX[actor] + spec.id
        self.once: bool = spec.once
        self.cooldown: int = spec.cooldown
        self.tests: list[JudgeableTest] = judgeable(spec, actor)


def plausible_judged(
    obs: Observation,
    actor: Actor,
    judged: Judged,
    done: dict[str, int],
    actors: frozenset[Actor],
    turn: int,
    knows_program: bool,
    meters: dict[str, float],
) -> bool:
    """``plausible`` with what it reads of the action (``judged``) and of the observation (its actors, turn,
    whether it shows the program, its meters) read once by the caller."""
    if not judged.listed or actor not in actors:
        return False
    last = done.get(judged.taken_as)
    if last is not None and (judged.once or (judged.cooldown and turn + 1 - last <= judged.cooldown)):
        return False  # taken already, or cooling down past next turn (a pledge falls due by then)
    for meter, holds_in, needs_program in judged.tests:
        if meter is not None and meter not in meters:
            return False
        if (knows_program or not needs_program) and not holds_in(obs):
            return False
    return True


def judgeable(spec, actor: Actor) -> list[JudgeableTest]:
    """``_judgeable``, built once per action and actor (owned by the action)."""
    return spec.memo.get(("plausible", actor), lambda: _judgeable(spec, actor))


def _judgeable(spec, actor: Actor) -> list[JudgeableTest]:
    """The compiled tests of ``spec``'s conditions a viewer can judge: per condition, the meter it reads
    (if any), its test, and whether only the DPRK's knowledge of its program can judge it. Left out: a
    first turn still to come (soon enough), and whether anything is exposed."""
    out: list[JudgeableTest] = []
    for cond in spec.requires:
        if (cond.turn_min is not None and cond.turn_max is None) or cond.detected is not None:
            continue
        if cond.turn_max is not None:
            cond = cond.model_copy(update={"turn_min": None})
        needs_program = cond.stock is not None and cond.stock != "inspection_access"
        out.append(
            (meter_name(cond.meter, actor) if cond.meter is not None else None, test(cond, actor), needs_program)
        )
    return out


def intel_effort_guess(obs: Observation, params: dict[str, float], observer: Actor, intel_actions: set[str]) -> float:
    """The DPRK cannot see others' intelligence effort: the baseline, and 20 points for each collection it
    has heard of (its rough guess)."""
    effort = params["baseline_intel_effort"]
    for item in obs.news:
        src = item.source
        if src.startswith(observer.value + ":") and src.split(":", 1)[1] in intel_actions:
            effort += 20.0
    return min(100.0, effort)


def detection_odds(
    obs: Observation,
    rules: RulesView,
    model: str,
    declared_site: bool,
    covert_turns: int,
    turns: int,
    intel_actions: set[str],
    extra_access: float = 0.0,
) -> float:
    """Chance that hidden activity at one site is exposed publicly within ``turns`` turns.

    ``full``: the rules' hazard (rules.program.detection_hazard) for each detector that would make it
    public, with the DPRK's guess of their effort and suspicion, inspection access, and the risk growing
    each turn. ``simple``: the US alone, no growth. ``naive``: the base rate alone."""
    turns = max(1, turns)
    params = rules.parameters
    base = params["detect_base"]
    if model == "naive":
        return 1 - (1 - base) ** turns
    access = obs.verified.inspection_access + extra_access
    if model == "full":
        detectors = [a for a in obs.actors if a is not DPRK and detection_is_public(a, rules.world)]
    else:
        detectors = [US] if US in obs.actors else []
    suspicion = 0.3 if declared_site else 0.2
    escape = 1.0
    for detector in detectors:
        effort = (
            intel_effort_guess(obs, params, detector, intel_actions)
            if model == "full"
            else params["baseline_intel_effort"]
        )
        for k in range(turns):
            age = covert_turns + k if model == "full" else 0
            escape *= 1 - detection_hazard(params, access, declared_site, suspicion, effort, age)
    return 1 - escape


def breach_odds(
    obs: Observation, rules: RulesView, model: str, partner: Actor, turns: int, intel_actions: set[str]
) -> float:
    """Chance a hidden breach of a pledge to ``partner`` comes out within ``turns`` turns
    (rules.deals.hidden_breach_chance, with the viewer's guess of the partner's effort)."""
    turns = max(1, turns)
    params = rules.parameters
    if model == "naive":
        return 1 - (1 - params["detect_base"]) ** turns
    effort = (
        intel_effort_guess(obs, params, partner, intel_actions) if model == "full" else params["baseline_intel_effort"]
    )
    p = hidden_breach_chance(params, effort, obs.verified.inspection_access)
    return 1 - (1 - p) ** turns
