"""The scenario schema: actions, events, objectives and causal parameters are data, not code.

A number in an effect may be written as a literal or as ``"$name"`` / ``"-$name"``, a reference to a
named causal parameter of the scenario, so users can change the model's assumptions in one place.
"""
from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .base import Memo
from .ids import Actor

Number = Union[float, str]  # a literal, or "$param" / "-$param"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_number(value: Number) -> Number:
    if isinstance(value, str):
        name = value[1:] if value.startswith("-") else value
        if not name.startswith("$") or len(name) < 2:
            raise ValueError(f"expected a number or a parameter reference like '$name', got {value!r}")
    return value


# --------------------------------------------------------------------------- conditions
class Condition(Strict):
    """One test on the state. Exactly one subject: meter, flag, turn, site, stock,
    detected or actor_in_play."""

    meter: str | None = None
    min: float | None = None
    max: float | None = None
    flag: str | None = None
    present: bool = True
    turn_min: int | None = None
    turn_max: int | None = None
    site: str | None = None
    status: list[Literal["active", "frozen", "dismantled", "restarted"]] | None = None
    stock: Literal["warheads", "pu_kg", "heu_kg", "missile_readiness", "inspection_access"] | None = None
    detected: bool | None = None  # any breach or covert activity publicly detected so far
    actor_in_play: Actor | None = None

    @cached_property
    def memo(self) -> Memo:
        """What the rules derive from this condition (its compiled test, per actor)."""
        return Memo()

    @model_validator(mode="after")
    def _one_subject(self) -> "Condition":
        subjects = [
            self.meter is not None,
            self.flag is not None,
            self.turn_min is not None or self.turn_max is not None,
            self.site is not None,
            self.stock is not None,
            self.detected is not None,
            self.actor_in_play is not None,
        ]
        if sum(subjects) != 1:
            raise ValueError(
                "a condition needs exactly one subject: meter, flag, turn_min/turn_max, site, stock, "
                "detected or actor_in_play"
            )
        if (self.meter or self.stock) and self.min is None and self.max is None:
            raise ValueError("a meter or stock condition needs min or max")
        return self


# --------------------------------------------------------------------------- effects
class MeterEffect(Strict):
    kind: Literal["meter"] = "meter"
    meter: str  # may contain "self" for the acting actor, e.g. "enforcement.self"
    delta: Number

    _v = field_validator("delta")(classmethod(lambda cls, v: _check_number(v)))


class FlagEffect(Strict):
    kind: Literal["flag"] = "flag"
    flag: str
    set: bool = True


class TrustEffect(Strict):
    kind: Literal["trust"] = "trust"
    toward: Actor | Literal["all"]  # trust between the acting actor and this one
    delta: Number

    _v = field_validator("delta")(classmethod(lambda cls, v: _check_number(v)))


class CapitalEffect(Strict):
    kind: Literal["capital"] = "capital"
    actor: Actor | Literal["self"] = "self"
    delta: Number

    _v = field_validator("delta")(classmethod(lambda cls, v: _check_number(v)))


ProgramOp = Literal[
    "freeze",  # stop production at a site (public if the site is known)
    "dismantle",  # dismantle a site for real
    "stage_dismantle",  # a show of dismantlement while the site keeps running
    "restart",  # secretly restart a frozen or "dismantled" site
    "declare_full",  # declare every site and the true stocks
    "declare_partial",  # declare known sites and a fraction of the stocks
    "inspect",  # raise inspection access; inspections verify declared sites
    "covert_production",  # surge production at covert sites this turn
    "nuclear_test",
    "icbm_test",
    "short_range_test",
    "surrender_warheads",  # hand over warheads for verified dismantlement
    "intel_collection",  # the acting actor's intelligence effort and estimate refresh
    "leak",  # a defector or leak: the named actors' estimates move toward the truth
]


class ProgramEffect(Strict):
    kind: Literal["program"] = "program"
    op: ProgramOp
    site: str | None = None
    amount: Number = 0.0
    actors: list[Actor] | None = None  # for leak / intel: who learns

    _v = field_validator("amount")(classmethod(lambda cls, v: _check_number(v)))


Effect = Annotated[
    Union[MeterEffect, FlagEffect, TrustEffect, CapitalEffect, ProgramEffect], Field(discriminator="kind")
]


class ChanceOutcome(Strict):
    p: Number
    news: str = ""
    effects: list[Effect] = []

    _v = field_validator("p")(classmethod(lambda cls, v: _check_number(v)))


Visibility = Union[Literal["public", "secret"], list[Actor]]


# --------------------------------------------------------------------------- actions
class ActionSpec(Strict):
    id: str
    name: str
    actors: list[Actor]
    category: str = "general"
    description: str = ""
    cost: int = Field(ge=0, le=10)
    requires: list[Condition] = []
    once: bool = False
    cooldown: int = Field(default=0, ge=0)  # turns before the same actor may take it again
    visibility: Visibility = "public"
    news: str = ""  # "{actor}" is replaced by the acting country's name
    effects: list[Effect] = []
    chance: list[ChanceOutcome] = []
    counts_as: str | None = None  # a deception publicly indistinguishable from this action: it
    # seems to fulfil a deal clause for that action until verification exposes it

    @cached_property
    def memo(self) -> Memo:
        """What the rules and the AI derive from this action alone (e.g. its compiled tests), built once."""
        return Memo()


# --------------------------------------------------------------------------- events
class EventSpec(Strict):
    id: str
    name: str
    kind: Literal["calendar", "random"]
    turn: int | None = None  # calendar events
    p: Number = 1.0  # random events: chance per turn once the conditions hold
    when: list[Condition] = []
    once: bool = True
    visibility: Visibility = "public"
    news: str = ""
    effects: list[Effect] = []
    chance: list[ChanceOutcome] = []
    source: str = ""

    _v = field_validator("p")(classmethod(lambda cls, v: _check_number(v)))

    @model_validator(mode="after")
    def _calendar_has_turn(self) -> "EventSpec":
        if self.kind == "calendar" and self.turn is None:
            raise ValueError("a calendar event needs a turn")
        return self


# --------------------------------------------------------------------------- objectives
Metric = Literal[
    "denuclearization",  # share of the true program verified frozen or dismantled, stocks surrendered
    "arsenal",  # warheads kept, relative to the start
    "sanctions_relief",  # 100 - sanctions pressure
    "peace_regime",  # peace stage / 3
    "no_war",  # 1 unless the game ended in war
    "trust_dprk",  # the actor's trust in the DPRK (DPRK: mean trust others place in it)
    "us_presence",  # US troops and exercises, relative to the start
]


class ObjectiveTerm(Strict):
    label: str
    weight: float
    meter: str | None = None
    metric: Metric | None = None
    invert: bool = False  # score the meter's distance from its maximum instead

    @model_validator(mode="after")
    def _one(self) -> "ObjectiveTerm":
        if (self.meter is None) == (self.metric is None):
            raise ValueError("an objective term needs exactly one of meter or metric")
        return self


# --------------------------------------------------------------------------- start state
class SiteSpec(Strict):
    id: str
    name: str
    kind: Literal["reactor", "enrichment", "reprocessing", "test_site", "missile_base"]
    status: Literal["active", "frozen", "dismantled", "restarted"] = "active"
    covert: bool = False
    pu_rate: float = 0.0  # kg per turn
    heu_rate: float = 0.0  # kg per turn
    lat: float
    lon: float
    source: str = ""


class ProgramSpec(Strict):
    warheads: int = Field(ge=0)
    pu_kg: float = Field(ge=0)
    heu_kg: float = Field(ge=0)
    missile_readiness: float = Field(ge=0, le=100)
    sites: list[SiteSpec]


class RangeSpec(Strict):
    low: float
    high: float
    confidence: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> "RangeSpec":
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class EstimateSpec(Strict):
    warheads: RangeSpec
    pu_kg: RangeSpec
    heu_kg: RangeSpec
    suspicion: dict[str, float] = {}  # site id -> 0..1 for sites this actor knows or suspects


class StartSpec(Strict):
    meters: dict[str, float]
    capital: dict[Actor, int]
    trust: dict[str, float] = {}  # "US-DPRK": 30; unlisted pairs start at 50
    flags: list[str] = []
    program: ProgramSpec
    estimates: dict[Actor, EstimateSpec]


class ParameterSpec(Strict):
    """A causal parameter: its value, what it assumes, and how far to trust the number.

    ``source`` cites where the figure comes from; ``judgement`` says it is the author's estimate and why.
    ``range`` is its plausible span ``[low, high]``, the span a sensitivity study sweeps."""

    value: float
    doc: str
    source: str | None = None
    judgement: str | None = None
    range: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _range_holds_value(self) -> "ParameterSpec":
        if self.range is not None:
            low, high = self.range
            if not low <= high:
                raise ValueError(f"range [{low}, {high}] is empty: its low end is above its high end")
            if not low <= self.value <= high:
                raise ValueError(f"value {self.value} lies outside its plausible range [{low}, {high}]")
        return self


class WorldSpec(Strict):
    """The political map the rules read (scenario data, not code): who is allied, who shares what it
    finds, whose findings stay private, whose enforcement makes sanctions pressure and which of it a
    peace regime erodes."""

    alliances: list[str]  # cohesion pairs: a rupture ends the game; they close ranks when cheating is exposed
    patron: str  # the cohesion pair that cools when the DPRK is caught cheating
    intelligence_sharing: dict[Actor, list[Actor]]  # detector -> who else learns what it finds
    private_detectors: list[Actor]  # what these find they keep to themselves: nothing public moves
    pressure_enforcers: list[Actor]  # whose enforcement meters make sanctions pressure
    peace_erodes: list[Actor]  # whose enforcement a peace regime erodes

    @cached_property
    def memo(self) -> Memo:
        """What the rules derive from this map (the names of pressure's terms), built once."""
        return Memo()


class VariantSpec(Strict):
    name: str
    description: str
    parameters: dict[str, float] = {}
    meters: dict[str, float] = {}


class CalendarSpec(Strict):
    start_year: int
    start_month: int = Field(ge=1, le=12)
    months_per_turn: int = Field(ge=1, le=12)


class Scenario(Strict):
    id: str
    title: str
    description: str
    turns: int = Field(ge=1, le=100)
    calendar: CalendarSpec
    actors: list[Actor]
    capital_income: dict[Actor, int]
    capital_cap: int = 12
    max_proposals: int = 2  # proposals one actor may send per turn
    parameters: dict[str, ParameterSpec]
    start: StartSpec
    actions: list[ActionSpec]
    events: list[EventSpec] = []
    objectives: dict[Actor, list[ObjectiveTerm]]
    variants: dict[str, VariantSpec] = {}
    personalities: dict[Actor, dict[str, dict[str, float]]] = {}  # AI data: name -> weights
    world: WorldSpec

    @cached_property
    def memo(self) -> Memo:
        """What is derived from this loaded scenario (its rules views, the AI's tables through them),
        built once and shared by every match played on it."""
        return Memo()

    @cached_property
    def action_index(self) -> dict[str, ActionSpec]:
        return {a.id: a for a in self.actions}

    @cached_property
    def actions_by_actor(self) -> dict[Actor, tuple[ActionSpec, ...]]:
        return {actor: tuple(a for a in self.actions if actor in a.actors) for actor in Actor}

    def action(self, action_id: str) -> ActionSpec:
        return self.action_index[action_id]

    def param(self, name: str) -> float:
        return self.parameters[name].value

    def date_label(self, turn: int) -> str:
        months = (self.calendar.start_month - 1) + (turn - 1) * self.calendar.months_per_turn
        year = self.calendar.start_year + months // 12
        return f"{_MONTHS[months % 12]} {year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
