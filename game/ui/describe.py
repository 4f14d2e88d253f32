"""Words for the screens: meters, actions and their effects, clauses, proposals, stocks."""

from __future__ import annotations

from ..model.deals import Commitment, Proposal
from ..model.ids import (
    ACTOR_NAMES,
    ACTOR_SHORT,
    METER_HELP,
    PEACE_STAGES,
    Actor,
    flag_label,
    meter_bounds,
    tension_rung,
)
from ..model.scenario import ActionSpec, Condition
from ..rules.kinds import describe_effect
from ..rules.numbers import resolve_number
from ..report.words import STATE_TEXT, clause_text, meter_label

PHASE_TEXT = {
    "propose": "Diplomacy: send proposals",
    "respond": "Diplomacy: answer proposals",
    "counter_respond": "Diplomacy: answer counter-offers",
    "orders": "Orders: choose actions",
    "ended": "Game over",
}


def actor_name(actor: Actor | str | None) -> str:
    if actor is None:
        return "Facilitator"
    return ACTOR_NAMES[Actor(actor)]


CATEGORY_TEXT = {"inter_korean": "inter-Korean"}


def category_text(category: str) -> str:
    return CATEGORY_TEXT.get(category, category.replace("_", " "))


PANEL_LABELS = {
    "peace_stage": "Peace regime",
    "us_troops": "US troops (k)",
    "exercises": "Joint exercises",
    "sanctions_regime": "UN sanctions",
    "sanctions_pressure": "Sanctions pressure",
    "evasion_sts": "Ship-to-ship",
    "evasion_cyber": "Cyber theft",
    "inter_korean": "Inter-Korean",
    "human_rights": "Human rights",
    "npt_norm": "NPT norm",
    "thaad": "THAAD",
}


def short_meter_label(name: str) -> str:
    """A label short enough for the meters column; the tooltip gives the full one."""
    if name in PANEL_LABELS:
        return PANEL_LABELS[name]
    base, _, who = name.partition(".")
    if base == "support":
        return f"Support {ACTOR_SHORT[Actor(who)]}"
    if base == "enforcement":
        return f"Enforcement {ACTOR_SHORT[Actor(who)]}"
    if base == "cohesion":
        a, b = who.split("-")
        return f"Cohesion {ACTOR_SHORT[Actor(a)]}-{ACTOR_SHORT[Actor(b)]}"
    return meter_label(name)


def meter_help(name: str) -> str:
    if name in METER_HELP:
        return METER_HELP[name]
    base, _, who = name.partition(".")
    if base == "cohesion":
        return f"Alliance or partnership cohesion between {who.replace('-', ' and ')}."
    if base == "enforcement":
        return f"How strictly {actor_name(who)} enforces the UN sanctions; feeds sanctions pressure."
    if base == "support":
        return (
            f"Domestic support for {actor_name(who)}'s government; high support earns extra political "
            "capital each turn."
        )
    return ""


def format_meter(name: str, value: float) -> str:
    if name == "peace_stage":
        return PEACE_STAGES[max(0, min(3, int(round(value))))].replace("_", " ")
    if name == "thaad":
        return "yes" if value >= 0.5 else "no"
    if name == "tension":
        return f"{value:.0f} {tension_rung(value)}"
    if name == "us_troops":
        return f"{value:.1f}k"
    return f"{value:.0f}"


def meter_fraction(name: str, value: float) -> float:
    lo, hi = meter_bounds(name)
    return 0.0 if hi == lo else max(0.0, min(1.0, (value - lo) / (hi - lo)))


def condition_text(cond: Condition) -> str:
    if cond.meter is not None:
        label = meter_label(cond.meter)
        parts = []
        if cond.min is not None:
            parts.append(f"at least {cond.min:g}")
        if cond.max is not None:
            parts.append(f"at most {cond.max:g}")
        return f"{label} {' and '.join(parts)}"
    if cond.flag is not None:
        return f"{flag_label(cond.flag)} {'in place' if cond.present else 'not in place'}"
    if cond.turn_min is not None or cond.turn_max is not None:
        lo = f"from turn {cond.turn_min}" if cond.turn_min is not None else ""
        hi = f"until turn {cond.turn_max}" if cond.turn_max is not None else ""
        return " ".join(x for x in (lo, hi) if x)
    if cond.site is not None:
        return f"{cond.site.replace('_', ' ')} {' or '.join(cond.status or [])}"
    if cond.stock is not None:
        return (
            f"{cond.stock.replace('_', ' ')} {'>= ' + format(cond.min, 'g') if cond.min is not None else ''}"
            f"{' <= ' + format(cond.max, 'g') if cond.max is not None else ''}"
        )
    if cond.detected is not None:
        return "hidden activity exposed" if cond.detected else "nothing hidden exposed"
    if cond.actor_in_play is not None:
        return f"{actor_name(cond.actor_in_play)} in play"
    return ""


def visibility_text(spec: ActionSpec) -> str:
    v = spec.visibility
    if v == "public":
        return "public"
    if v == "secret":
        return "secret"
    return "seen by " + ", ".join(ACTOR_SHORT[Actor(a)] for a in v)


def action_preview(spec: ActionSpec, actor: Actor, params: dict[str, float]) -> list[str]:
    """Lines previewing an action: effects, chances, conditions, timing."""
    lines = []
    if spec.effects:
        lines.append("Effects: " + "; ".join(describe_effect(e, actor, params) for e in spec.effects))
    for c in spec.chance:
        eff = "; ".join(describe_effect(e, actor, params) for e in c.effects) or "no effect"
        try:
            lines.append(f"Chance {resolve_number(c.p, params) * 100:.0f}%: {eff}")
        except KeyError:  # a parameter the scenario does not define: show the name as written
            lines.append(f"Chance {c.p}: {eff}")
    if spec.requires:
        lines.append("Needs: " + "; ".join(condition_text(c) for c in spec.requires))
    timing = []
    if spec.once:
        timing.append("once per game")
    if spec.cooldown:
        timing.append(f"then {spec.cooldown} turn{'s' if spec.cooldown > 1 else ''} cooldown")
    if timing:
        lines.append("Timing: " + ", ".join(timing))
    return lines


def proposal_title(p: Proposal) -> str:
    kind = "Counter-offer" if p.counter_of else "Proposal"
    return f"{kind} {ACTOR_SHORT[p.proposer]} to {ACTOR_SHORT[p.recipient]}"


def commitment_text(c: Commitment, scenario_actions: dict) -> str:
    return f"{clause_text(c.clause, scenario_actions)}: {STATE_TEXT.get(c.state, c.state)}"


def range_text(r, unit: str = "") -> str:
    return f"{r.low:.0f}-{r.high:.0f}{unit} ({r.confidence * 100:.0f}% conf.)"
