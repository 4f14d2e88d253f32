"""Personalities (scenario data, with defaults) and difficulty levels.

A personality is a flat table of weights, read from the scenario's ``personalities:`` section
(``ACTOR: {name: {key: weight}}``; the first name listed is the actor's default). Each key is one of:

- a **knob** (see ``KNOBS``): how the country negotiates and gambles;
- an **action id**: score points added to (or, negative, taken from) that action whenever it is weighed;
- an **action category** (``sanctions``, ``military``, ``inter_korean`` ...): the same, for every action
  of that category;
- a **meter** (``tension``, ``sanctions_pressure``, ``cohesion.US-ROK`` ...): an extra objective on
  that meter, in the same units as the scenario's objective weights (negative: the country wants it low);
- ``while.FLAG`` (1 or 0): the personality holds only while that public flag is set (1) or unset (0).
  When it stops holding (an election took the government's mandate away, C7), the seat plays with the
  first of the actor's personalities that holds: the other camp.

Scenarios without personalities for an actor fall back to ``DEFAULTS`` below, so every country has at
least two characters to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ..model.ids import Actor
from ..model.scenario import PERSONALITY_CONDITION

# knob -> (default, meaning)
KNOBS: Final[dict[str, tuple[float, str]]] = {
    "deal": (1.0, "appetite for deals: multiplies the value it sees in a package"),
    "trust": (0.0, "added to its trust in others when judging whether they will keep a deal (points 0-100)"),
    "grudge": (3.0, "turns it refuses deals with a country after catching it breaking one"),
    "risk": (1.0, "tolerance for the risk of being caught cheating: divides the judged cost of detection"),
    "hedge": (1.0, "value the DPRK places on keeping production capacity (weight, objective units)"),
    "war_aversion": (3.0, "weight of avoiding war (objective units); every government has some"),
    "intel": (1.0, "value of intelligence collection when uncertain"),
    "margin": (1.0, "score points a deal must be worth before it proposes or accepts it"),
    "honor": (3.0, "score points it sets on keeping its word, beyond what the partner still owes"),
    "verify": (
        1.0,
        "credit it gives a DPRK step no inspector can verify yet, as a share of what the step is expected to "
        "be worth (a hawk that trusts only what inspectors confirm: low)",
    ),
}

DEFAULTS: Final[dict[Actor, dict[str, dict[str, float]]]] = {
    Actor.US: {
        "dealmaker": {"deal": 1.5, "trust": 10, "grudge": 2, "diplomacy": 1.0, "summit": 1.0},
        "hawk": {
            "deal": 0.7,
            "trust": -10,
            "grudge": 5,
            "margin": 1.5,
            "sanctions_pressure": 1.0,
            "diplomacy": -0.5,
            "military": 0.3,
        },
        "multilateralist": {
            "deal": 1.0,
            "grudge": 4,
            "sanctions_pressure": 0.5,
            "cohesion.US-ROK": 0.5,
            "cohesion.US-JPN": 0.5,
            "alliance": 0.7,
            "intelligence": 0.3,
        },
    },
    Actor.DPRK: {
        "pragmatist": {"deal": 1.3, "hedge": 1.0, "risk": 0.8, "diplomacy": 0.7},
        "hardliner": {
            "deal": 0.6,
            "hedge": 2.5,
            "risk": 1.8,
            "margin": 1.5,
            "grudge": 5,
            "military": 1.5,
            "honor": 1.0,
            "diplomacy": -0.5,
        },
    },
    Actor.ROK: {
        "progressive": {
            "deal": 1.4,
            "trust": 10,
            "inter_korean": 2.0,
            "peace_stage": 1.0,
            "diplomacy": 0.7,
            "sanctions_pressure": -0.5,
        },
        "conservative": {
            "deal": 0.8,
            "trust": -5,
            "grudge": 4,
            "sanctions_pressure": 0.5,
            "alliance": 0.8,
            "cohesion.US-ROK": 0.5,
            "inter_korean": -0.5,
        },
    },
    Actor.JPN: {
        "hardliner": {
            "deal": 0.8,
            "grudge": 5,
            "sanctions_pressure": 0.7,
            "human_rights": 0.5,
            "cohesion.US-JPN": 0.5,
            "intelligence": 0.3,
        },
        "engager": {"deal": 1.2, "trust": 5, "diplomacy": 0.7, "cohesion.ROK-JPN": 0.5},
    },
    Actor.PRC: {
        "stabilizer": {"deal": 1.2, "war_aversion": 4.0, "cohesion.PRC-DPRK": 1.0, "tension": -0.5, "diplomacy": 0.5},
        "patron": {"deal": 1.0, "cohesion.PRC-DPRK": 2.0, "sanctions_pressure": -0.7, "us_troops": -0.5, "thaad": -1.0},
        "enforcer": {"deal": 1.0, "sanctions_pressure": 0.5, "npt_norm": 0.7, "cohesion.PRC-DPRK": 0.5},
    },
}


@dataclass(frozen=True)
class Difficulty:
    """What separates easy, normal and hard. Each field is an honest handicap, not a hidden bonus."""

    name: str
    noise: float  # s.d. of the error in judging each option, in score points
    horizon: int  # turns the causal consequences (pressure on the economy, tension decay) are projected
    # ahead: 0 judges only an action's immediate effects; -1 projects to the end of the game
    risk_model: str  # "naive" (a flat guess), "simple" (one observer, no growth), "full" (all
    # observers, inspection access, the cheater's risk growing with time)
    counters: bool  # makes counter-offers (else only accepts or rejects)
    reads_partner: bool  # weighs what the other side gains when shaping a deal


DIFFICULTIES: Final[dict[str, Difficulty]] = {
    "easy": Difficulty("easy", noise=2.5, horizon=0, risk_model="naive", counters=False, reads_partner=False),
    "normal": Difficulty("normal", noise=0.3, horizon=3, risk_model="simple", counters=True, reads_partner=True),
    "hard": Difficulty("hard", noise=0.05, horizon=-1, risk_model="full", counters=True, reads_partner=True),
}


@dataclass
class Personality:
    name: str
    knobs: dict[str, float]
    action_bias: dict[str, float] = field(default_factory=dict)  # action id -> points
    category_bias: dict[str, float] = field(default_factory=dict)  # category -> points
    meter_weights: dict[str, float] = field(default_factory=dict)  # meter -> objective weight
    conditions: dict[str, bool] = field(default_factory=dict)  # public flag -> set, while it holds

    def holds(self, flags: frozenset[str]) -> bool:
        """Whether the government this personality stands for is in office under these public flags."""
        return all((flag in flags) is wanted for flag, wanted in self.conditions.items())

    def knob(self, name: str) -> float:
        return self.knobs.get(name, KNOBS[name][0])

    def bias(self, spec) -> float:
        return self.action_bias.get(spec.id, 0.0) + self.category_bias.get(spec.category, 0.0)


CONDITION: Final = PERSONALITY_CONDITION  # a personality key naming the public flag under which it holds


def in_office(actor: Actor, rules, current: Personality, flags: frozenset[str]) -> Personality:
    """``current`` while it holds under the public flags, else the first of the actor's personalities
    that does (C7: the other camp, after an election), else ``current``."""
    if current.holds(flags):
        return current
    for name in personalities_for(actor, rules):
        if name != current.name:
            other = build_personality(actor, rules, name)
            if other.holds(flags):
                return other
    return current


def personalities_for(actor: Actor, rules) -> dict[str, dict[str, float]]:
    """The scenario's personalities for ``actor``, else the built-in defaults."""
    table = rules.personalities.get(actor) or rules.personalities.get(actor.value)
    return dict(table) if table else dict(DEFAULTS.get(actor, {"default": {}}))


def build_personality(actor: Actor, rules, name: str | None) -> Personality:
    table = personalities_for(actor, rules)
    if name is None:
        name = next(iter(table))
    if name not in table:
        raise ValueError(f"{actor.value} has no personality '{name}' (known: {', '.join(table)})")
    action_ids = {a.id for a in rules.actions}
    categories = {a.category for a in rules.actions}
    p = Personality(name=name, knobs={})
    for key, weight in table[name].items():
        weight = float(weight)
        if key.startswith(CONDITION):
            p.conditions[key[len(CONDITION) :]] = bool(weight)
        elif key in KNOBS:
            p.knobs[key] = weight
        elif key in action_ids:
            p.action_bias[key] = weight
        elif key in categories:
            p.category_bias[key] = weight
        elif "." in key or key in _METER_NAMES:
            p.meter_weights[key] = weight
        # any other key names a category or action this scenario lacks: harmless, ignored
    return p


def _meter_names() -> frozenset[str]:
    from ..model.ids import METER_BOUNDS

    return frozenset(METER_BOUNDS)


_METER_NAMES: Final = _meter_names()
