"""Reading an Observation: what has been done, who broke which deal, whether an action is possible,
and how likely hidden activity is to be found (the cheater's risk, as the rules compute it, fed with
what the DPRK can see or guess)."""
from __future__ import annotations

from ..model.ids import Actor
from ..model.observation import Observation

PUBLIC_DETECTORS = (Actor.US, Actor.ROK, Actor.JPN)  # China keeps what it finds to itself


_ACTOR_PREFIXES = tuple(a.value + ":" for a in Actor)


def taken(obs: Observation) -> dict[str, int]:
    """``"ACTOR:action" -> last turn`` for every action the viewer knows was taken (news sources)."""
    out: dict[str, int] = {}
    for item in obs.news:  # in turn order: the last write is the latest turn
        src = item.source
        if src.startswith(_ACTOR_PREFIXES):
            out[src] = item.turn
    for order in obs.own_orders:
        out[f"{order.actor.value}:{order.action}"] = obs.turn
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
    """Whether ``actor`` could take ``spec`` now or soon, judged from the viewer's knowledge."""
    if actor not in spec.actors or actor not in obs.actors:
        return False
    last = done.get(f"{actor.value}:{spec.id}")
    if last is not None and (spec.once or (spec.cooldown and obs.turn + 1 - last <= spec.cooldown)):
        return False  # taken already, or cooling down past next turn (a pledge falls due by then)
    program = obs.program
    for cond in spec.requires:
        if cond.meter is not None:
            name = cond.meter[:-5] + "." + actor.value if cond.meter.endswith(".self") else cond.meter
            v = obs.meters.get(name)
            if v is None or (cond.min is not None and v < cond.min) or (cond.max is not None and v > cond.max):
                return False
        elif cond.flag is not None:
            if (cond.flag in obs.flags) != cond.present:
                return False
        elif cond.turn_min is not None or cond.turn_max is not None:
            if cond.turn_max is not None and obs.turn > cond.turn_max:
                return False
        elif cond.site is not None:
            if program is not None:
                status = next((s.status for s in program.sites if s.id == cond.site), None)
            else:
                status = next((s.public_status or "active" for s in obs.sites if s.id == cond.site), "active")
            if status not in cond.status:
                return False
        elif cond.stock is not None and program is not None and cond.stock != "inspection_access":
            v = getattr(program, cond.stock)
            if (cond.min is not None and v < cond.min) or (cond.max is not None and v > cond.max):
                return False
        elif cond.stock == "inspection_access":
            v = obs.verified.inspection_access
            if (cond.min is not None and v < cond.min) or (cond.max is not None and v > cond.max):
                return False
        elif cond.actor_in_play is not None and cond.actor_in_play not in obs.actors:
            return False
    return True


def intel_effort_guess(obs: Observation, observer: Actor, intel_actions: set[str]) -> float:
    """The DPRK cannot see others' intelligence effort; it counts the collections it has heard of."""
    effort = 20.0
    for item in obs.news:
        src = item.source
        if src.startswith(observer.value + ":") and src.split(":", 1)[1] in intel_actions:
            effort += 20.0
    return min(100.0, effort)


def detection_odds(obs: Observation, params: dict[str, float], model: str, declared_site: bool,
                   covert_turns: int, turns: int, intel_actions: set[str], extra_access: float = 0.0) -> float:
    """Chance that hidden activity at one site is exposed publicly within ``turns`` turns.

    ``full``: the rules' formula (rules.program.detection_chance) for each public detector, with the
    DPRK's guess of their effort and suspicion, inspection access, and the risk growing each turn.
    ``simple``: one detector, no growth. ``naive``: the base rate alone."""
    turns = max(1, turns)
    base = params["detect_base"]
    if model == "naive":
        return 1 - (1 - base) ** turns
    access = (obs.verified.inspection_access + extra_access) / 100
    access = access if declared_site else access / 4
    growth = params["detect_time_growth"]
    cap = params["detect_max"]
    detectors = PUBLIC_DETECTORS if model == "full" else (Actor.US,)
    suspicion = 0.3 if declared_site else 0.2
    escape = 1.0
    for detector in detectors:
        if detector not in obs.actors:
            continue
        effort = intel_effort_guess(obs, detector, intel_actions) if model == "full" else 20.0
        hazard = base + params["detect_intel"] * effort / 100 * suspicion + params["detect_inspection"] * access
        for k in range(turns):
            grow = (1 + growth * (covert_turns + k)) if model == "full" else 1.0
            escape *= 1 - min(cap, hazard * grow)
    return 1 - escape


def breach_odds(obs: Observation, params: dict[str, float], model: str, partner: Actor, turns: int,
                intel_actions: set[str]) -> float:
    """Chance a hidden breach of a pledge to ``partner`` comes out (rules.deals.advance_commitments)."""
    turns = max(1, turns)
    if model == "naive":
        return 1 - (1 - params["detect_base"]) ** turns
    effort = intel_effort_guess(obs, partner, intel_actions) if model == "full" else 20.0
    p = min(params["detect_max"], params["detect_base"] + params["detect_intel"] * effort / 100
            + params["detect_inspection"] * obs.verified.inspection_access / 100)
    return 1 - (1 - p) ** turns
