"""Assessment: derived meters, drifts, capital income and end conditions."""
from __future__ import annotations

from ..model.ids import COHESION_PAIRS, Actor, Outcome
from ..model.log import MeterChange
from .work import Work

PRESSURE_ACTORS = (Actor.US, Actor.ROK, Actor.JPN, Actor.PRC)


def sanctions_pressure(meters: dict[str, float], params: dict[str, float]) -> dict[str, float]:
    """Pressure's components: regime x each actor's weighted enforcement, minus evasion."""
    regime = meters["sanctions_regime"] / 100
    parts = {f"enforcement.{a.value}": regime * params[f"pressure_weight_{a.value}"] * meters[f"enforcement.{a.value}"]
             for a in PRESSURE_ACTORS}
    parts["evasion_sts"] = -params["evasion_sts_weight"] * meters["evasion_sts"]
    parts["evasion_cyber"] = -params["evasion_cyber_weight"] * meters["evasion_cyber"]
    return parts


PART_LABELS = {
    "enforcement.US": "US enforcement",
    "enforcement.ROK": "South Korean enforcement",
    "enforcement.JPN": "Japanese enforcement",
    "enforcement.PRC": "Chinese enforcement",
    "evasion_sts": "ship-to-ship transfers",
    "evasion_cyber": "cyber theft",
}


def assess(work: Work, start_meters: dict[str, float]) -> None:
    p = work.param
    m = work.meters
    # The peace regime erodes the will to enforce (a named, changeable assumption).
    if m["peace_stage"] > 0:
        for actor in (Actor.ROK, Actor.PRC):
            work.add(f"enforcement.{actor.value}", -p("peace_enforcement_erosion") * m["peace_stage"],
                     "assessment:peace", "peace regime erodes enforcement")
    # Evasion is a flow: networks wear down unless new campaigns renew them.
    work.add("evasion_sts", -p("sts_attrition"), "assessment:evasion", "tankers designated and seized")
    work.add("evasion_cyber", -p("cyber_attrition"), "assessment:evasion", "stolen funds traced and frozen")
    # Sanctions leak: high pressure breeds evasion.
    if m["sanctions_pressure"] > 50:
        work.add("evasion_sts", p("evasion_growth") * (m["sanctions_pressure"] - 50), "assessment:leak",
                 "high pressure breeds smuggling")
    _derive_pressure(work, start_meters)
    work.add("dprk_economy", p("economy_recovery"), "assessment:economy", "underlying recovery")
    work.add("dprk_economy", -p("economy_sanctions_drag") * m["sanctions_pressure"], "assessment:economy",
             "sanctions pressure")
    work.add("dprk_economy", p("economy_inter_korean") * m["inter_korean"], "assessment:economy",
             "inter-Korean exchange")
    baseline = p("tension_baseline")
    gap = m["tension"] - baseline
    if abs(gap) > 0.01:
        step = min(abs(gap), p("tension_decay"))
        work.add("tension", -step if gap > 0 else step, "assessment:tension", "tension settles")
    for actor in work.actors:
        key = f"support.{actor.value}"
        drift = (50 - m[key]) * p("support_drift")
        work.add(key, drift, "assessment:politics", "domestic opinion settles")
    for actor in work.actors:
        bonus = int((m[f"support.{actor.value}"] - 50) // p("capital_support_step"))
        work.add_capital(actor, work.scenario.capital_income.get(actor, 0) + max(bonus, -2))


def _derive_pressure(work: Work, start_meters: dict[str, float]) -> None:
    """Re-derive sanctions pressure and attribute its change exactly: the terms recorded add up to the
    change made, and each has the sign of its own cause."""
    target = max(0.0, min(100.0, sum(sanctions_pressure(work.meters, work.params).values())))
    total = target - work.meters["sanctions_pressure"]
    if abs(total) < 1e-9:
        return
    terms = pressure_attribution(start_meters, work.meters, work.params)
    work.meters["sanctions_pressure"] = target
    for cause, label, delta in terms:
        work.changes.append(MeterChange("sanctions_pressure", round(delta, 3), cause, label))


def pressure_attribution(before: dict[str, float], after: dict[str, float],
                         params: dict[str, float]) -> list[tuple[str, str, float]]:
    """(cause, label, delta) terms that add up to the change from the pressure meter as it stands in
    ``after`` to the value of its components in ``after`` (``before``: the components at the turn's
    start). Pressure is regime x weighted enforcement minus evasion, so the change of each enforcement
    term r*w*e splits exactly into r0*w*de (that actor's enforcement, at the old regime), dr*w*e0 (the
    UN regime) and dr*w*de (the two moving together); each evasion term is its own change. The rest is
    what the 0-100 scale cut off, and the gap between the meter as it stood and the value of its
    components at the turn's start (a scenario's start value, a direct change this turn)."""
    r0, r1 = before["sanctions_regime"] / 100, after["sanctions_regime"] / 100
    dr = r1 - r0
    terms: list[tuple[str, str, float]] = []
    regime = together = 0.0
    for a in PRESSURE_ACTORS:
        key = f"enforcement.{a.value}"
        w = params[f"pressure_weight_{a.value}"]
        de = after[key] - before[key]
        terms.append((f"derived:{key}", PART_LABELS[key], r0 * w * de))
        regime += dr * w * before[key]
        together += dr * w * de
    terms.append(("derived:regime", "UN sanctions regime", regime))
    terms.append(("derived:regime_enforcement", "UN regime and enforcement moving together", together))
    for key in ("evasion_sts", "evasion_cyber"):
        terms.append((f"derived:{key}", PART_LABELS[key], -params[f"{key}_weight"] * (after[key] - before[key])))
    raw_before = sum(sanctions_pressure(before, params).values())
    raw_after = sum(sanctions_pressure(after, params).values())
    clamped_before = max(0.0, min(100.0, raw_before))
    clamped_after = max(0.0, min(100.0, raw_after))
    terms.append(("derived:bounds", "held within the 0-100 scale",
                  (clamped_after - raw_after) - (clamped_before - raw_before)))
    terms.append(("derived:recomputed", "recomputed from its components",
                  clamped_before - after["sanctions_pressure"]))
    return [t for t in terms if abs(t[2]) > 1e-9]


def end_check(work: Work) -> tuple[Outcome | None, str]:
    m, p = work.meters, work.param
    if m["tension"] >= p("war_threshold"):
        return Outcome.WAR, "Tension crossed the threshold of war."
    for pair in COHESION_PAIRS[:2]:
        if m[f"cohesion.{pair}"] <= p("rupture_threshold"):
            return Outcome.ALLIANCE_RUPTURE, f"The {pair} alliance ruptured."
    denuclearized = denuclearization_share(work)
    if m["peace_stage"] >= 3 and denuclearized >= p("denuclearization_threshold"):
        return Outcome.DENUCLEARIZATION, "Verified denuclearization with a peace treaty."
    if m["peace_stage"] >= 2 and m["sanctions_regime"] <= p("de_facto_regime_max") and denuclearized < 0.5:
        return Outcome.DE_FACTO_NUCLEAR, "A peace regime with the arsenal intact: a de facto nuclear state."
    if work.turn >= work.scenario.turns:
        return Outcome.TURN_LIMIT, "The last turn is played."
    return None, ""


def denuclearization_share(view) -> float:
    """Share of the true program verified gone: production sites verified shut, warheads surrendered.
    ``view`` is a Work or a GameState."""
    producing = [s for s in view.all_sites() if s.pu_rate or s.heu_rate]
    verified = view.verified
    shut = sum(1 for s in producing if verified.sites.get(s.id) in ("frozen", "dismantled") and s.status in ("frozen", "dismantled"))
    site_share = shut / len(producing) if producing else 1.0
    warheads = view.stock("warheads")
    surrendered = verified.warheads_surrendered
    warhead_share = surrendered / (surrendered + warheads) if surrendered + warheads else 1.0
    return 0.5 * site_share + 0.5 * warhead_share
