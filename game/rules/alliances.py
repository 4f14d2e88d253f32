"""The alliances, the armistice institutions and China (claims C6-C10 of ``CLAIMS.md``).

Each rule is a public function here, called by the assessment (the drifts of a turn), by the effect
registry (an incident's escalation), by the resolution (a deal's decoupling cost) and by the AI's
valuation (``linked_changes``: what a change of one meter sets moving over the turns ahead). Every
strength is a scenario parameter (``model/parameters.py``), and each claim's off value removes it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Final, TYPE_CHECKING

from ..model.ids import Actor, pair_key
from ..model.scenario import WorldSpec

if TYPE_CHECKING:
    from ..model.log import Audience
    from .sheet import MeterSheet
    from .work import Work

ROK_ALLIANCE: Final = "cohesion.US-ROK"  # the alliance South Korean public support for it moves (C6)
INSTITUTIONS: Final = ("unc", "nnsc", "cfc")  # the armistice's guardians (C8), equally weighted
MILITARY_AGREEMENT: Final = "military_agreement"  # the flag of the 2018 Comprehensive Military Agreement
_DPRK: Final = Actor.DPRK  # as a Final name: a read from the enum class takes CPython 3.11's generic path


# --------------------------------------------------------------------------- a turn's drifts
def alliance_drift(sheet: MeterSheet, start_meters: Mapping[str, float]) -> None:
    """The part of a turn's assessment that belongs to C6, C7 and C10 (``start_meters``: the meters at
    the turn's start, so what moved this turn, by actions or by the drifts before, is seen)."""
    p, m = sheet.params, sheet.meters
    # C6: a peace regime breeds pressure against the alliance's forces; it wears down public support,
    # and US-ROK cohesion moves with that support, whatever moved it (a cost-sharing row, too).
    if m["peace_stage"] > 0:
        sheet.add(
            "wedge_pressure",
            p["wedge_growth"] * m["peace_stage"],
            "assessment:wedge",
            "a peace regime puts exercises, THAAD and US troops in question",
        )
    sheet.add(
        "alliance_support",
        -p["wedge_support_loss"] * m["wedge_pressure"] / 100,
        "assessment:wedge",
        "wedge pressure in Seoul's politics",
    )
    sheet.add(
        ROK_ALLIANCE,
        p["alliance_support_cohesion"] * (m["alliance_support"] - start_meters["alliance_support"]),
        "assessment:alliance_support",
        "South Korean support for the alliance",
    )
    # C6: while the wedge presses, Seoul's government pays at home for the exercises and THAAD it keeps,
    # so cutting them is what the pressure asks of it.
    sheet.add(
        "support.ROK",
        -wedge_politics(m, p),
        "assessment:wedge",
        "exercises and THAAD kept under wedge pressure",
    )
    # C6: readiness settles toward the scale of the joint exercises: it falls when they are cut.
    sheet.add(
        "readiness",
        p["readiness_pull"] * (m["exercises"] - m["readiness"]),
        "assessment:readiness",
        "readiness follows the joint exercises",
    )
    # C7: Seoul's engagement is judged by its success (exchange) against its visible costs (tension).
    sheet.add("support.ROK", engagement_verdict(m, p), "assessment:engagement", "engagement judged by its results")
    # C10: China's lapses cost it standing only as far as the world blames Pyongyang ...
    sheet.add("prc_standing", -reputation_cost(m, p), "assessment:blame", "China shields a regime the world blames")
    # ... and weaker US alliances open room for Beijing's order.
    sheet.add(
        "prc_influence",
        p["prc_influence_gain"] * alliance_fall(start_meters, m, sheet.world),
        "assessment:influence",
        "the US alliances weaken",
    )


def wedge_politics(meters: Mapping[str, float], params: Mapping[str, float]) -> float:
    """C6: ROK domestic support lost this turn for what wedge pressure targets: the joint exercises (their
    scale, 0-100) and THAAD (deployed or not), each half of ``wedge_domestic_cost`` at full pressure."""
    kept = (meters["exercises"] / 100 + meters["thaad"]) / 2
    return params["wedge_domestic_cost"] * meters["wedge_pressure"] / 100 * kept


def engagement_verdict(meters: Mapping[str, float], params: Mapping[str, float]) -> float:
    """C7: ROK domestic support gained this turn from engagement: positive while inter-Korean exchange
    stands above tension (engagement works), negative when provocations outweigh it (it is exploited)."""
    return params["rok_engagement_sensitivity"] * (meters["inter_korean"] - meters["tension"]) / 10


def reputation_cost(meters: Mapping[str, float], params: Mapping[str, float]) -> float:
    """C10: China's standing lost this turn: its shortfall from full enforcement, priced by the blame on
    Pyongyang (when the story is 'both failed', China's lapses cost it nothing)."""
    lapse = (100 - meters["enforcement.PRC"]) / 100
    return params["prc_reputation_price"] * meters["blame_dprk"] / 100 * lapse


def alliance_fall(before: Mapping[str, float], after: Mapping[str, float], world: WorldSpec) -> float:
    """C10: how far the mean cohesion of the US alliances fell from ``before`` to ``after`` (negative:
    it rose)."""
    pairs = cohesion_meters(world)
    if not pairs:
        return 0.0
    fall = 0.0  # sum(...) over the pairs: the same additions in the same order, with no generator
    for k in pairs:
        fall += before[k] - after[k]
    return fall / len(pairs)


def cohesion_meters(world: WorldSpec) -> tuple[str, ...]:
    """The cohesion meter of each alliance of the world, in its order (built once a world)."""
    return world.memo.get("cohesion meters", lambda: tuple(f"cohesion.{pair}" for pair in world.alliances))


# --------------------------------------------------------------------------- incidents (C8)
def escalation_chance(meters: Mapping[str, float], params: Mapping[str, float], flags: Collection[str]) -> float:
    """C8: the chance that an incident escalates: the DPRK's forward posture makes it likely, the armistice
    institutions' weakness (UNC, NNSC, CFC, from full strength to none) adds ``institution_guard``, and the
    2018 military agreement, while it stands, removes ``cma_calm`` of it."""
    guard = sum(meters[k] for k in INSTITUTIONS) / (100 * len(INSTITUTIONS))
    chance = params["escalation_base"] * meters["dprk_conventional"] / 100 + params["institution_guard"] * (1 - guard)
    if MILITARY_AGREEMENT in flags:
        chance *= 1 - params["cma_calm"]
    return min(1.0, max(0.0, chance))


def incident(work: Work, tension: float, escalation: float, cause: str, label: str, audience: Audience) -> bool:
    """Apply an incident: its tension, and one roll (keyed by turn and cause) against
    ``escalation_chance`` for the escalation's. Returns whether it escalated."""
    work.add("tension", tension, cause, label, audience)
    if work.dice.roll(work.turn, "incident", cause) >= escalation_chance(work.meters, work.params, work.flags):
        return False
    work.add("tension", escalation, cause, f"{label}: it escalates", audience)
    work.report(f"The incident escalates into an exchange of fire ({label}).", audience, cause)
    return True


# --------------------------------------------------------------------------- deals (C9)
def decoupling(
    world: WorldSpec, params: Mapping[str, float], parties: Iterable[Actor], clause_actions: Collection[str]
) -> dict[str, float]:
    """C9: the cohesion each ally loses when its ally strikes a deal with the DPRK that has a clause on
    none of the ally's stakes (``world.ally_stakes``: for Japan, the missiles that reach it and the
    abductees), as {cohesion meter: delta}."""
    in_deal = set(parties)
    out: dict[str, float] = {}
    if _DPRK not in in_deal:
        return out
    actions = set(clause_actions)  # once, not a set of them and one of the stakes for each ally
    for ally, stakes in world.ally_stakes.items():
        if ally in in_deal or not actions.isdisjoint(stakes):
            continue
        for pair, sides in alliance_sides(world):
            if ally in sides and (sides - {ally}) <= in_deal:
                out[f"cohesion.{pair}"] = -params["decoupling_deal_cost"]
    return out


def alliance_sides(world: WorldSpec) -> tuple[tuple[str, frozenset[Actor]], ...]:
    """Each alliance of the world with its two sides, in the world's order (``Actor(...)`` calls are dear:
    built once)."""
    return world.memo.get(
        "alliance sides",
        lambda: tuple((pair, frozenset(Actor(a) for a in pair.split("-"))) for pair in world.alliances),
    )


def deal_decoupling(work: Work) -> None:
    """Charge the decoupling cost of each deal accepted this turn (part of resolution's fixed order)."""
    for deal in work.deals:
        if deal.accepted_turn != work.turn:
            continue
        deal_id = deal.id  # read once, not for each commitment: a model's field read is a slow one
        actions = {c.clause.action for c in work.commitments if c.deal_id == deal_id}
        for meter, delta in decoupling(work.world, work.params, deal.parties, actions).items():
            work.add(meter, delta, f"deal:{deal_id}", "a deal that leaves an ally's stakes out")


def shares(world: WorldSpec, a: Actor, b: Actor, flags: Collection[str]) -> bool:
    """C9: whether intelligence sharing between ``a`` and ``b`` holds: a pair in ``world.sharing_needs``
    shares only while its flag stands (ROK-Japan: GSOMIA)."""
    needed = world.sharing_needs.get(pair_key(a, b))
    return needed is None or needed in flags


# --------------------------------------------------------------------------- for the AI
_LINKS: Final[dict[str, tuple[str, ...]]] = {
    "peace_stage": ("wedge_pressure", "alliance_support", ROK_ALLIANCE, "support.ROK"),
    "alliance_support": (ROK_ALLIANCE,),
    "exercises": ("readiness", "support.ROK"),
    "thaad": ("support.ROK",),
    "inter_korean": ("support.ROK",),
    "tension": ("support.ROK",),
    "enforcement.PRC": ("prc_standing",),
    "blame_dprk": ("prc_standing",),
}


def linked_targets(meter: str, world: WorldSpec) -> tuple[str, ...]:
    """The meters ``linked_changes`` may move when ``meter`` moves (none: it sets nothing moving here)."""
    if meter.startswith("cohesion.") and meter[len("cohesion.") :] in world.alliances:
        return ("prc_influence",)
    return _LINKS.get(meter, ())


def linked_changes(
    meter: str, change: float, meters: Mapping[str, float], params: Mapping[str, float], world: WorldSpec, turns: int
) -> dict[str, float]:
    """What a change of ``meter`` by ``change`` sets moving through this module's drifts over ``turns``
    turns, to first order, as {meter: delta}: the AI's valuation prices these with the change itself."""
    if not turns or not change:
        return {}
    out: dict[str, float] = {}
    if meter == "peace_stage":  # C6: wedge pressure grows, and wears support and cohesion down
        wedge = params["wedge_growth"] * change * turns * (turns + 1) / 2  # summed over the turns
        support = -params["wedge_support_loss"] * wedge / 100
        out = {
            "wedge_pressure": params["wedge_growth"] * change * turns,
            "alliance_support": support,
            ROK_ALLIANCE: params["alliance_support_cohesion"] * support,
            "support.ROK": -wedge_politics({**meters, "wedge_pressure": wedge}, params),
        }
    elif meter == "alliance_support":
        out = {ROK_ALLIANCE: params["alliance_support_cohesion"] * change}
    elif meter in ("exercises", "thaad"):  # readiness closes the gap a share a turn; the wedge's price
        moved = {**meters, meter: meters[meter] + change}
        out = {"support.ROK": -(wedge_politics(moved, params) - wedge_politics(meters, params)) * turns}
        if meter == "exercises":
            out["readiness"] = change * (1 - (1 - params["readiness_pull"]) ** turns)
    elif meter in ("inter_korean", "tension"):
        sign = 1.0 if meter == "inter_korean" else -1.0
        out = {"support.ROK": sign * params["rok_engagement_sensitivity"] * change / 10 * turns}
    elif meter in ("enforcement.PRC", "blame_dprk"):
        moved = {**meters, meter: meters[meter] + change}
        out = {"prc_standing": -(reputation_cost(moved, params) - reputation_cost(meters, params)) * turns}
    elif meter.startswith("cohesion.") and meter[len("cohesion.") :] in world.alliances:
        out = {"prc_influence": -params["prc_influence_gain"] * change / len(world.alliances)}
    return {k: v for k, v in out.items() if v}
