"""Assessment: derived meters, drifts, capital income and end conditions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Final, Protocol

from ..model.ids import ALL_ACTORS, Actor, Outcome, meter_bounds
from ..model.program import Site, Verified
from ..model.scenario import WorldSpec
from ..scenario.setup import gated
from .alliances import alliance_drift, cohesion_meters
from .numbers import resolve_number
from .precedent import derive_verified_steps
from .program import site_weight
from .sheet import MeterSheet
from .work import Work


SUPPORT_METERS: Final = {actor: f"support.{actor.value}" for actor in ALL_ACTORS}  # each actor's domestic support:
# read every turn, built once (an enum's ``value`` is a Python-level property)


def sanctions_pressure(meters: Mapping[str, float], params: Mapping[str, float], world: WorldSpec) -> dict[str, float]:
    """Pressure's components: regime x each enforcer's weighted enforcement, minus evasion."""
    regime = meters["sanctions_regime"] / 100
    parts = {meter: regime * params[weight] * meters[meter] for meter, weight in _enforcement_terms(world)}
    parts["evasion_sts"] = -params["evasion_sts_weight"] * meters["evasion_sts"]
    parts["evasion_cyber"] = -params["evasion_cyber_weight"] * meters["evasion_cyber"]
    return parts


def _enforcement_terms(world: WorldSpec) -> tuple[tuple[str, str], ...]:
    """(enforcement meter, its weight parameter) for each enforcer of the world."""
    return world.memo.get(
        "enforcement terms",
        lambda: tuple((f"enforcement.{a.value}", f"pressure_weight_{a.value}") for a in world.pressure_enforcers),
    )


def _raw_pressure(
    meters: Mapping[str, float], params: Mapping[str, float], terms: tuple[tuple[str, str], ...]
) -> float:
    """``sum(sanctions_pressure(meters, params, world).values())`` (``terms``: the world's
    ``_enforcement_terms``): the same products added in the same order, with no dict of parts."""
    regime = meters["sanctions_regime"] / 100
    raw = 0.0  # sum's start: 0 + x is x for every float but -0.0, and so is 0.0 + x
    for meter, weight in terms:
        raw += regime * params[weight] * meters[meter]
    raw += -params["evasion_sts_weight"] * meters["evasion_sts"]
    return raw + -params["evasion_cyber_weight"] * meters["evasion_cyber"]


def pressure_target(meters: Mapping[str, float], params: Mapping[str, float], world: WorldSpec) -> float:
    """Sanctions pressure as the assessment derives it from its components, within 0..100."""
    raw = _raw_pressure(meters, params, _enforcement_terms(world))
    raw = raw if raw < 100.0 else 100.0  # max(0.0, min(100.0, raw)) by comparisons
    return raw if raw > 0.0 else 0.0


def pressure_inputs(world: WorldSpec) -> frozenset[str]:
    """The meters sanctions pressure is derived from."""
    return world.memo.get(
        "pressure inputs",
        lambda: frozenset(
            ("sanctions_regime", "evasion_sts", "evasion_cyber", *(meter for meter, _ in _enforcement_terms(world)))
        ),
    )


def pressure_shift(
    meters: Mapping[str, float], params: Mapping[str, float], world: WorldSpec, deltas: Mapping[str, float]
) -> float:
    """How far the sum of pressure's components moves (before the 0..100 bound) when ``meters`` move by
    ``deltas``: what a change of enforcement, the regime or evasion does to sanctions pressure."""
    terms = _enforcement_terms(world)
    moved = dict(meters)  # a copy, then the moved meters: not two dicts unpacked into a third
    for meter, delta in deltas.items():
        moved[meter] = meters[meter] + delta
    return _raw_pressure(moved, params, terms) - _raw_pressure(meters, params, terms)


PART_LABELS: Final = {
    "enforcement.US": "US enforcement",
    "enforcement.ROK": "South Korean enforcement",
    "enforcement.JPN": "Japanese enforcement",
    "enforcement.PRC": "Chinese enforcement",
    "evasion_sts": "ship-to-ship transfers",
    "evasion_cyber": "cyber theft",
}


def peace_erosion(peace_stage: float, params: Mapping[str, float], world: WorldSpec) -> dict[str, float]:
    """How much a peace regime at ``peace_stage`` erodes enforcement in a turn, per meter (a named,
    changeable assumption: ``peace_enforcement_erosion``, for the scenario's ``world.peace_erodes``)."""
    eroded = world.memo.get("eroded enforcement", lambda: tuple(f"enforcement.{a.value}" for a in world.peace_erodes))
    return {meter: -params["peace_enforcement_erosion"] * peace_stage for meter in eroded}


def inter_korean_benefit(exchange: float, params: Mapping[str, float]) -> float:
    """The inter-Korean exchange that pays the DPRK's economy (C4): the regime walls off what it cannot
    control, so exchange above ``inter_korean_access_cap`` brings it nothing more (100: no cap)."""
    cap = params["inter_korean_access_cap"]
    return cap if cap < exchange else exchange  # min(exchange, cap)


class ProgramRecord(Protocol):
    """What the end-state measures read of a turn: a rules Work, or a GameState."""

    @property
    def meters(self) -> Mapping[str, float]: ...

    @property
    def verified(self) -> Verified: ...

    def stock(self, name: str) -> float: ...

    def all_sites(self) -> Iterable[Site]: ...


def drift(sheet: MeterSheet, start_meters: Mapping[str, float]) -> None:
    """The meters' part of the assessment: what moves each turn whatever anyone does."""
    p = sheet.params
    m = sheet.meters
    # The peace regime erodes the will to enforce (a named, changeable assumption).
    if m["peace_stage"] > 0:
        for meter, delta in peace_erosion(m["peace_stage"], p, sheet.world).items():
            sheet.add(meter, delta, "assessment:peace", "peace regime erodes enforcement")
    # Evasion is a flow: networks wear down unless new campaigns renew them.
    sheet.add("evasion_sts", -p["sts_attrition"], "assessment:evasion", "tankers designated and seized")
    sheet.add("evasion_cyber", -p["cyber_attrition"], "assessment:evasion", "stolen funds traced and frozen")
    # Sanctions leak: high pressure breeds evasion.
    if m["sanctions_pressure"] > 50:
        sheet.add(
            "evasion_sts",
            p["evasion_growth"] * (m["sanctions_pressure"] - 50),
            "assessment:leak",
            "high pressure breeds smuggling",
        )
    _derive_pressure(sheet, start_meters)
    sheet.add("dprk_economy", p["economy_recovery"], "assessment:economy", "underlying recovery")
    sheet.add(
        "dprk_economy",
        -p["economy_sanctions_drag"] * m["sanctions_pressure"],
        "assessment:economy",
        "sanctions pressure",
    )
    sheet.add(
        "dprk_economy",
        p["economy_inter_korean"] * inter_korean_benefit(m["inter_korean"], p),
        "assessment:economy",
        "inter-Korean exchange",
    )
    baseline = p["tension_baseline"]
    gap = m["tension"] - baseline
    if abs(gap) > 0.01:
        step, decay = abs(gap), p["tension_decay"]
        step = decay if decay < step else step  # min(abs(gap), decay)
        sheet.add("tension", -step if gap > 0 else step, "assessment:tension", "tension settles")
    for actor in sheet.actors:
        key = SUPPORT_METERS[actor]
        sheet.add(key, (50 - m[key]) * p["support_drift"], "assessment:politics", "domestic opinion settles")
    alliance_drift(sheet, start_meters)  # wt11c: C6, C7, C10


def assess(work: Work, start_meters: dict[str, float]) -> None:
    drift(work, start_meters)
    work.flags = gated(work.flags, work.world, work.meters, work.params)  # issue 11 (C11): gates follow meters
    derive_verified_steps(work)  # C13: what the turn's inspections verified counts from the next benefit on
    m, step, income = work.meters, work.params["capital_support_step"], work.scenario.capital_income
    for actor in work.actors:
        bonus = int((m[SUPPORT_METERS[actor]] - 50) // step)
        work.add_capital(actor, income.get(actor, 0) + (bonus if bonus > -2 else -2))  # max(bonus, -2)


class Projection(MeterSheet):
    """Public meters carried forward by the drifts alone, clamped to their bounds and not recorded."""

    def __init__(
        self, meters: Mapping[str, float], params: Mapping[str, float], actors: tuple[Actor, ...], world: WorldSpec
    ):
        self.meters = dict(meters)
        self.params = params
        self.actors = actors
        self.world = world

    def add(self, meter: str, delta: float, cause: str, label: str) -> float:
        old = self.meters[meter]
        low, high = meter_bounds(meter)
        new = old + delta
        new = new if new > low else low  # min(high, max(low, new)) by comparisons
        new = new if new < high else high
        self.meters[meter] = new
        return new - old

    def set_derived(self, meter: str, value: float, explain: Callable[[], list[tuple[str, str, float]]]) -> None:
        self.meters[meter] = value  # nobody reads why


def project(
    meters: Mapping[str, float], params: Mapping[str, float], actors: tuple[Actor, ...], world: WorldSpec, turns: int
) -> dict[str, float]:
    """The public meters after ``turns`` more turns in which nobody acts: each turn's assessment drifts
    (peace erosion, evasion attrition and leak, pressure re-derived, economy, tension, opinion, and the
    alliances' drifts of ``rules.alliances``)."""
    sheet = Projection(meters, params, actors, world)
    for _ in range(turns):
        drift(sheet, dict(sheet.meters))
    return sheet.meters


def _derive_pressure(sheet: MeterSheet, start_meters: Mapping[str, float]) -> None:
    """Re-derive sanctions pressure and attribute its change exactly: the terms recorded add up to the
    change made, and each has the sign of its own cause (a projection sets the value alone)."""
    m, params, world = sheet.meters, sheet.params, sheet.world
    tables = _pressure_tables(world)
    raw = _raw_pressure(m, params, tables[0])
    target = raw if raw < 100.0 else 100.0  # max(0.0, min(100.0, raw)) by comparisons
    target = target if target > 0.0 else 0.0
    if abs(target - m["sanctions_pressure"]) < 1e-9:
        return
    sheet.set_derived(
        "sanctions_pressure", target, lambda: _attribution(start_meters, m, params, tables, raw, target)
    )  # ``m`` is the sheet's own dict: the terms are read from it before the meter moves, as ``raw`` was


def pressure_attribution(
    before: Mapping[str, float], after: Mapping[str, float], params: Mapping[str, float], world: WorldSpec
) -> list[tuple[str, str, float]]:
    """(cause, label, delta) terms that add up to the change from the pressure meter as it stands in
    ``after`` to the value of its components in ``after`` (``before``: the components at the turn's
    start). Pressure is regime x weighted enforcement minus evasion, so the change of each enforcement
    term r*w*e splits exactly into r0*w*de (that actor's enforcement, at the old regime), dr*w*e0 (the
    UN regime) and dr*w*de (the two moving together); each evasion term is its own change. The rest is
    what the 0-100 scale cut off, and the gap between the meter as it stood and the value of its
    components at the turn's start (a scenario's start value, a direct change this turn)."""
    tables = _pressure_tables(world)
    raw = _raw_pressure(after, params, tables[0])
    clamped = raw if raw < 100.0 else 100.0  # max(0.0, min(100.0, raw)) by comparisons
    return _attribution(before, after, params, tables, raw, clamped if clamped > 0.0 else 0.0)


def _attribution(
    before: Mapping[str, float],
    after: Mapping[str, float],
    params: Mapping[str, float],
    tables: _PressureTables,
    raw_after: float,
    clamped_after: float,
) -> list[tuple[str, str, float]]:
    """``pressure_attribution``, given the world's ``_pressure_tables`` and the raw sum of the components
    in ``after`` (``_raw_pressure``) and its value within the scale: the assessment has just worked them
    out. Only the terms beyond 1e-9 either way are kept (by comparisons: ``abs`` is a builtin call)."""
    r0, r1 = before["sanctions_regime"] / 100, after["sanctions_regime"] / 100
    dr = r1 - r0
    terms: list[tuple[str, str, float]] = []
    regime = together = 0.0
    for key, weight, cause, label in tables[1]:
        w = params[weight]
        de = after[key] - before[key]
        own = r0 * w * de
        if own > 1e-9 or own < -1e-9:
            terms.append((cause, label, own))
        regime += dr * w * before[key]
        together += dr * w * de
    if regime > 1e-9 or regime < -1e-9:
        terms.append(("derived:regime", "UN sanctions regime", regime))
    if together > 1e-9 or together < -1e-9:
        terms.append(("derived:regime_enforcement", "UN regime and enforcement moving together", together))
    for key, weight, cause, label in _EVASION_TERMS:
        own = -params[weight] * (after[key] - before[key])
        if own > 1e-9 or own < -1e-9:
            terms.append((cause, label, own))
    raw_before = _raw_pressure(before, params, tables[0])
    clamped_before = raw_before if raw_before < 100.0 else 100.0  # max(0.0, min(100.0, _)) by comparisons
    clamped_before = clamped_before if clamped_before > 0.0 else 0.0
    cut = (clamped_after - raw_after) - (clamped_before - raw_before)
    if cut > 1e-9 or cut < -1e-9:
        terms.append(("derived:bounds", "held within the 0-100 scale", cut))
    gap = clamped_before - after["sanctions_pressure"]
    if gap > 1e-9 or gap < -1e-9:
        terms.append(("derived:recomputed", "recomputed from its components", gap))
    return terms


_PressureTables = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str, str], ...]]


def _pressure_tables(world: WorldSpec) -> _PressureTables:
    """The world's ``_enforcement_terms``, and with each term its cause and label in the attribution
    ((meter, weight parameter, cause, label)): what the assessment reads every turn, built once a world."""
    return world.memo.get(
        "pressure tables",
        lambda: (
            _enforcement_terms(world),
            tuple((key, weight, f"derived:{key}", PART_LABELS[key]) for key, weight in _enforcement_terms(world)),
        ),
    )


_EVASION_TERMS: Final = tuple(
    (key, f"{key}_weight", f"derived:{key}", PART_LABELS[key]) for key in ("evasion_sts", "evasion_cyber")
)


def end_check(work: Work) -> tuple[Outcome | None, str]:
    m, p = work.meters, work.params
    if m["tension"] >= p["war_threshold"]:
        return Outcome.WAR, "Tension crossed the threshold of war."
    rupture = p["rupture_threshold"]
    for meter in cohesion_meters(work.world):
        if m[meter] <= rupture:
            return Outcome.ALLIANCE_RUPTURE, f"The {meter[len('cohesion.') :]} alliance ruptured."
    if m["peace_stage"] >= 3 and denuclearization_share(work, p) >= p["denuclearization_threshold"]:
        return Outcome.DENUCLEARIZATION, "Verified denuclearization with a peace treaty."
    if work.turn >= work.scenario.turns:
        return classify(work)
    return None, ""


# --------------------------------------------------------------------------- issue 11 (wt11b): end states
def outcome_measure(view: ProgramRecord, params: Mapping[str, float], name: str) -> float:
    """What an end-state test reads (``model.scenario.OUTCOME_MEASURES``, else a public meter); ``view``
    is a Work or a GameState."""
    if name == "denuclearization":
        return denuclearization_share(view, params)
    if name == "sites_verified_shut":
        return verified_shut_share(view, params)
    if name == "warheads":
        return view.stock("warheads")
    return view.meters[name]


def classify(work: Work) -> tuple[Outcome, str]:
    """The end state the turn limit finds: the first of the scenario's ``outcomes`` rules whose tests
    all hold, with its reason and the figures that decided it; ``turn_limit`` when none does."""
    for rule in work.scenario.outcomes:
        figures = []
        for t in rule.when:
            value = outcome_measure(work, work.params, t.measure)
            bounds = []
            if t.at_least is not None:
                low = resolve_number(t.at_least, work.params)
                bounds.append((value >= low, f"at least {low:g}"))
            if t.below is not None:
                high = resolve_number(t.below, work.params)
                bounds.append((value < high, f"below {high:g}"))
            if not all(held for held, _ in bounds):
                break
            figures.append(f"{t.measure.replace('_', ' ')} {value:.3g} ({', '.join(w for _, w in bounds)})")
        else:
            return rule.outcome, rule.why + (f": {'; '.join(figures)}." if figures else ".")
    return Outcome.TURN_LIMIT, "The last turn is played."


def verified_shut_share(view: ProgramRecord, params: Mapping[str, float]) -> float:
    """Share of the sites verified frozen or dismantled (and truly so), each weighted by
    ``program.site_weight`` (its essential value, C3). ``view`` is a Work or a GameState."""
    verified = view.verified
    total = shut = 0.0
    for s in view.all_sites():
        weight = site_weight(s.essential, bool(s.pu_rate or s.heu_rate), params)
        total += weight
        if verified.sites.get(s.id) in ("frozen", "dismantled") and s.status in ("frozen", "dismantled"):
            shut += weight
    return shut / total if total else 1.0


def denuclearization_share(view: ProgramRecord, params: Mapping[str, float]) -> float:
    """Share of the true program verified gone: sites verified shut (``verified_shut_share``) and warheads
    surrendered. ``view`` is a Work or a GameState."""
    site_share = verified_shut_share(view, params)
    warheads = view.stock("warheads")
    surrendered = view.verified.warheads_surrendered
    warhead_share = surrendered / (surrendered + warheads) if surrendered + warheads else 1.0
    return 0.5 * site_share + 0.5 * warhead_share
