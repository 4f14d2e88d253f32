"""The scenario schema: actions, events, objectives and causal parameters are data, not code.

A number in an effect may be written as a literal or as ``"$name"`` / ``"-$name"``, a reference to a
named causal parameter of the scenario, so users can change the model's assumptions in one place.

Every number is finite and within the domain where the rules mean something (a chance in 0..1, a
latitude in -90..90, no negative stock), and every integer is an integer (``true`` is not 1): the
types below say so once and each field reuses them. What depends on other fields (a meter's own
bounds, a parameter's value where it is referenced, capital under the cap) is checked by
``game.scenario.loader.cross_check``.
"""

from __future__ import annotations

import math
import re
from functools import cached_property
from typing import Annotated, Any, Literal, Mapping, NamedTuple, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..boundary import shown
from .memo import Memo
from .program import SiteStatus
from .claims import ClaimId
from .ids import Actor, Name, Outcome, Phase, Text


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def real_in(low: float = -math.inf, high: float = math.inf) -> FieldInfo:
    """``Annotated[float, real_in(low, high)]``: a finite float in [low, high]; an int is taken as a float, a
    boolean is refused."""
    info: FieldInfo = Field(
        strict=True,
        allow_inf_nan=False,
        ge=low if math.isfinite(low) else None,
        le=high if math.isfinite(high) else None,
    )
    return info


def count_in(low: int, high: int) -> FieldInfo:
    """``Annotated[int, count_in(low, high)]``: an integer in [low, high] (not a boolean, not 2.0)."""
    info: FieldInfo = Field(strict=True, ge=low, le=high)
    return info


def _distinct(items: list[Any]) -> list[Any]:
    """No item twice: a list of actors or statuses is a set written in order (a second 'US' is a slip)."""
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            raise ValueError(f"{shown(getattr(item, 'value', item))} is listed twice")
        seen.add(item)
    return items


SomeActors = Annotated[list[Actor], Field(min_length=1), AfterValidator(_distinct)]  # an empty list is a slip


Title = Annotated[str, Field(min_length=1, max_length=120)]  # a title or a name, shown on one line of the UI


PARAM_REF = re.compile(r"-?\$[A-Za-z0-9_]{1,64}")
CHANCE = (0.0, 1.0)  # an outcome's or event's chance
PROGRAM_AMOUNT = (-100.0, 100.0)  # inspection access and intel effort are 0..100, warheads handed over per round


def check_number(value: object, low: float = -math.inf, high: float = math.inf) -> float | str:
    """A literal (finite, in [low, high], returned as a float) or a parameter reference ``"$name"`` /
    ``"-$name"`` (returned as is; the loader checks the parameter's values against the same bounds)."""
    if isinstance(value, str):
        if not PARAM_REF.fullmatch(value):
            raise ValueError(f"expected a number or a parameter reference like '$name', got {shown(value)}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number or a parameter reference like '$name', got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    if not low <= value <= high:
        raise ValueError(f"{value:g} is outside {low:g}..{high:g}")
    return float(value)


def number_in(low: float = -math.inf, high: float = math.inf) -> PlainValidator:
    """``Annotated[float | str, number_in(low, high)]``: see ``check_number``."""
    return PlainValidator(lambda v: check_number(v, low, high))


Number = Annotated[float | str, number_in()]  # a literal, or "$param" / "-$param"
Chance = Annotated[float | str, number_in(*CHANCE)]
Share = Annotated[float, real_in(0, 1)]
Points = Annotated[float, real_in(0, 100)]  # on a 0..100 meter
Quantity = Annotated[float, real_in(0, 100_000)]  # kg of material, warheads in an estimate, production rates


# --------------------------------------------------------------------------- conditions
class Condition(Strict):
    """One test on the state. Exactly one subject: meter, flag, turn, site, stock,
    detected or actor_in_play."""

    meter: str | None = None
    min: Annotated[float, real_in()] | None = None
    max: Annotated[float, real_in()] | None = None
    flag: str | None = None
    present: bool = True
    turn_min: Annotated[int, count_in(0, 1000)] | None = None
    turn_max: Annotated[int, count_in(0, 1000)] | None = None
    site: str | None = None
    status: (
        Annotated[
            list[Literal["active", "frozen", "dismantled", "restarted"]], Field(min_length=1), AfterValidator(_distinct)
        ]
        | None
    ) = None
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
        if (self.site is None) != (self.status is None):
            raise ValueError("a site condition names both a site and the statuses it may be in (status: [...])")
        for low, high, names in (
            (self.min, self.max, "min and max"),
            (self.turn_min, self.turn_max, "turn_min and turn_max"),
        ):
            if low is not None and high is not None and low > high:
                raise ValueError(f"{names} ({low:g} > {high:g}) leave nothing between them: it can never hold")
        return self


# --------------------------------------------------------------------------- effects
class MeterEffect(Strict):
    kind: Literal["meter"] = "meter"
    meter: str  # may contain "self" for the acting actor, e.g. "enforcement.self"
    delta: Number  # within the span of what it moves: checked by the loader


class FlagEffect(Strict):
    kind: Literal["flag"] = "flag"
    flag: str
    set: bool = True


class TrustEffect(Strict):
    kind: Literal["trust"] = "trust"
    toward: Actor | Literal["all"]  # trust between the acting actor (or ``actor``) and this one
    delta: Number  # within the span of what it moves: checked by the loader
    actor: Actor | None = None  # whose trust moves: the acting actor unless named; an event must name it


class CapitalEffect(Strict):
    kind: Literal["capital"] = "capital"
    actor: Actor | Literal["self"] = "self"
    delta: Number  # within the span of what it moves: checked by the loader


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
    # --- issue 11 (w3a): the missile ladder's middle rungs, between short-range tests and the ICBM
    "slbm_test",  # a submarine-launched ballistic missile (Pukguksong-3, 2 Oct 2019)
    "mrbm_test",  # a medium- or intermediate-range missile (Hwasong-12 class; none in 2019-20)
]


class ProgramEffect(Strict):
    kind: Literal["program"] = "program"
    op: ProgramOp
    site: str | None = None
    amount: Annotated[float | str, number_in(*PROGRAM_AMOUNT)] = 0.0
    actors: SomeActors | None = None  # for leak / intel: who learns


# --- white cell (issue 13): a site's status set outright, a detection made to happen (injects use them)
class SiteEffect(Strict):
    kind: Literal["site"] = "site"
    site: str
    status: SiteStatus


class DetectionEffect(Strict):
    kind: Literal["detection"] = "detection"
    site: str
    by: Actor  # who finds the hidden activity there


class IncidentEffect(Strict):
    """An incident at the DMZ or at sea (C8): it adds ``tension``, and escalates, adding ``escalation``
    more, with the chance ``rules.alliances.escalation_chance`` gives (the armistice institutions' strength,
    the DPRK's forward posture, the military agreement)."""

    kind: Literal["incident"] = "incident"
    tension: Number  # within the tension meter's span: checked by the loader
    escalation: Number


# --- w3b (C13): a benefit to the DPRK whose cost to the nonproliferation norm falls as steps are verified first
PRECEDENT_METER = "npt_norm"  # the meter a precedent costs


class PrecedentEffect(Strict):
    """A benefit given to the DPRK sets a precedent (C13): it costs the nonproliferation norm ``delta`` (a
    loss, within the norm's span: checked by the loader) scaled by how little of the known program is
    verified shut when it is given (``rules.precedent.precedent_cost``)."""

    kind: Literal["precedent"] = "precedent"
    delta: Number


Effect = Annotated[
    Union[
        MeterEffect,
        FlagEffect,
        TrustEffect,
        CapitalEffect,
        ProgramEffect,
        IncidentEffect,
        SiteEffect,
        DetectionEffect,
        PrecedentEffect,
    ],
    Field(discriminator="kind"),
]


# --- white cell (issue 13): the injects of a master scenario events list (MSEL), in a scenario's `msel:`
# or a separate file (scenario/msel.py); the game's control part keeps them (model/control.py)
INJECT_PHASES = (Phase.PROPOSE, Phase.RESPOND, Phase.COUNTER_RESPOND, Phase.ORDERS)  # in the order a turn runs
MAX_INJECT_TEXT = 2000

# What an inject may change: the effect kinds of the registry (rules/kinds.py) that need no acting actor.
InjectEffect = Annotated[
    Union[MeterEffect, FlagEffect, CapitalEffect, ProgramEffect, SiteEffect, DetectionEffect],
    Field(discriminator="kind"),
]


class InjectSpec(Strict):
    """One row of a master scenario events list (MSEL): news (public, or a cable to chosen seats), a
    scenario event released by hand, and scripted changes. Scheduled at a turn and phase, it fires when
    the game reaches them unless the white cell holds, skips or delays it; without a turn it is held
    until released."""

    id: Name
    title: Annotated[Text, StringConstraints(min_length=1, max_length=120)]
    turn: Annotated[int, count_in(1, 100)] | None = None  # None: held for release by hand
    phase: Phase = Phase.PROPOSE  # fires on entering this phase of its turn (or the first after it)
    news: Annotated[Text, StringConstraints(max_length=MAX_INJECT_TEXT)] = ""
    audience: Literal["public"] | Annotated[tuple[Actor, ...], Field(min_length=1), AfterValidator(_distinct)] = (
        "public"
    )
    event: Name | None = None  # a scenario event whose news and effects the inject releases
    effects: tuple[InjectEffect, ...] = ()
    source: str = ""  # what the inject is drawn from (its effect sizes, like an action's, are the designer's)

    @field_validator("phase")
    @classmethod
    def _a_phase_of_play(cls, phase: Phase) -> Phase:
        if phase not in INJECT_PHASES:
            raise ValueError(f"an inject fires in a phase of play ({', '.join(p.value for p in INJECT_PHASES)})")
        return phase

    @model_validator(mode="after")
    def _says_or_does_something(self) -> "InjectSpec":
        if not (self.news or self.event or self.effects):
            raise ValueError("an inject needs news, an event or effects")
        return self

    @property
    def held(self) -> bool:
        return self.turn is None


class ChanceOutcome(Strict):
    p: Chance
    news: str = ""
    effects: list[Effect] = []


Visibility = Union[Literal["public", "secret"], SomeActors]


# --------------------------------------------------------------------------- actions
class ActionSpec(Strict):
    id: Name
    name: Title
    actors: SomeActors
    category: str = "general"
    description: str = ""
    cost: Annotated[int, count_in(0, 10)]
    requires: list[Condition] = []
    once: bool = False
    cooldown: Annotated[int, count_in(0, 100)] = 0  # turns before the same actor may take it again
    # issue 11 (w3a): how many times one actor may order it in one turn (a round of launches); each repeat
    # pays its cost and applies its effects again (rules.legality.room_for)
    max_per_turn: Annotated[int, count_in(1, 10)] = 1
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
    id: Name
    name: Title
    kind: Literal["calendar", "random"]
    turn: Annotated[int, count_in(1, 100)] | None = None  # calendar events
    p: Chance = 1.0  # random events: chance per turn once the conditions hold
    when: list[Condition] = []
    once: bool = True
    visibility: Visibility = "public"
    news: str = ""
    effects: list[Effect] = []
    chance: list[ChanceOutcome] = []
    source: str = ""

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
    label: Title
    weight: Annotated[float, real_in(0, 100)]
    meter: str | None = None
    metric: Metric | None = None
    invert: bool = False  # score the meter's distance from its maximum instead

    @model_validator(mode="after")
    def _one(self) -> "ObjectiveTerm":
        if (self.meter is None) == (self.metric is None):
            raise ValueError("an objective term needs exactly one of meter or metric")
        return self


def _weighs_something(terms: list[ObjectiveTerm]) -> list[ObjectiveTerm]:
    """An actor's objectives must weigh something: with no weight its score is 0 whatever happens."""
    if not any(term.weight > 0 for term in terms):
        raise ValueError("no objective with a weight above 0: the actor's score could never move")
    return terms


# --------------------------------------------------------------------------- start state
class SiteSpec(Strict):
    id: Name
    name: Title
    kind: Literal["reactor", "enrichment", "reprocessing", "test_site", "missile_base"]
    status: Literal["active", "frozen", "dismantled", "restarted"] = "active"
    covert: bool = False
    pu_rate: Quantity = 0.0  # kg per turn
    heu_rate: Quantity = 0.0  # kg per turn
    lat: Annotated[float, real_in(-90, 90)]
    lon: Annotated[float, real_in(-180, 180)]
    source: str = ""
    essential: Share = 1.0  # issue 11 (C3): how much of the program's capacity rests on the site (0..1)


class ProgramSpec(Strict):
    warheads: Annotated[int, count_in(0, 10_000)]
    pu_kg: Quantity
    heu_kg: Quantity
    missile_readiness: Points
    sites: list[SiteSpec]


class RangeSpec(Strict):
    low: Quantity
    high: Quantity
    confidence: Share

    @model_validator(mode="after")
    def _ordered(self) -> "RangeSpec":
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class EstimateSpec(Strict):
    warheads: RangeSpec
    pu_kg: RangeSpec
    heu_kg: RangeSpec
    suspicion: dict[str, Share] = {}  # site id -> 0..1 for sites this actor knows or suspects


class Provenance(Strict):
    """How far to trust a figure: ``source`` cites where it comes from; ``judgement`` says it is the
    author's estimate and why (a figure may carry both: a source and the judgement that turned it into a
    number on the meter's scale); ``range`` is its plausible span ``[low, high]``, finite, the span a
    sensitivity study sweeps."""

    source: str | None = None
    judgement: str | None = None
    range: tuple[Annotated[float, real_in()], Annotated[float, real_in()]] | None = None

    @model_validator(mode="after")
    def _range_is_ordered(self) -> "Provenance":
        if self.range is not None and self.range[0] > self.range[1]:
            raise ValueError(f"range [{self.range[0]}, {self.range[1]}] is empty: its low end is above its high end")
        return self


class FigureProvenance(Provenance):
    """Where one start figure comes from (the start block's ``provenance`` entry under its key); the
    range must hold the figure's value (checked by ``StartSpec``)."""

    @model_validator(mode="after")
    def _says_something(self) -> "FigureProvenance":
        if not (self.source or "").strip() and not (self.judgement or "").strip():
            raise ValueError("a provenance entry needs a source or a judgement")
        return self


class StartFigure(NamedTuple):
    value: float
    loc: tuple[str | int, ...]  # where the figure is written, from the scenario's root (for file:line reports)


def start_figures(start: Mapping[str, Any]) -> dict[str, StartFigure]:
    """Every figure of a start block by its provenance key, given the block's fields by name.

    A figure is a number written in the start block that the rules read: each meter
    (``meters.tension``), political capital (``capital.US``), trust pair (``trust.US-DPRK``), the
    program's stocks and readiness (``program.warheads``), each production rate and essential value a
    site states (``program.sites.kangson.heu_rate``, ``program.sites.kangson.essential``), and each
    estimate's bounds, confidence and site suspicions (``estimates.US.warheads.low``,
    ``estimates.US.suspicion.kangson``). Not figures: flags and a site's
    kind, status and secrecy (facts, sourced by the site's ``source``), and map coordinates (where a
    marker is drawn; no rule reads them). Fields missing from ``start`` (they failed validation) are
    skipped."""
    out: dict[str, StartFigure] = {}
    for group in ("meters", "capital", "trust"):
        for name, value in (start.get(group) or {}).items():
            name = getattr(name, "value", name)
            out[f"{group}.{name}"] = StartFigure(float(value), ("start", group, name))
    program = start.get("program")
    if program is not None:
        for stock in ("warheads", "pu_kg", "heu_kg", "missile_readiness"):
            out[f"program.{stock}"] = StartFigure(float(getattr(program, stock)), ("start", "program", stock))
        for i, site in enumerate(program.sites):
            for rate in ("pu_rate", "heu_rate", "essential"):
                if rate in site.model_fields_set:
                    out[f"program.sites.{site.id}.{rate}"] = StartFigure(
                        getattr(site, rate), ("start", "program", "sites", i, rate)
                    )
    for actor, estimate in (start.get("estimates") or {}).items():
        actor = getattr(actor, "value", actor)
        for stock in ("warheads", "pu_kg", "heu_kg"):
            spec = getattr(estimate, stock)
            for bound in ("low", "high", "confidence"):
                out[f"estimates.{actor}.{stock}.{bound}"] = StartFigure(
                    getattr(spec, bound), ("start", "estimates", actor, stock, bound)
                )
        for site, value in estimate.suspicion.items():
            out[f"estimates.{actor}.suspicion.{site}"] = StartFigure(
                value, ("start", "estimates", actor, "suspicion", site)
            )
    return out


def _provenance_fits(entries: dict[str, FigureProvenance], info: ValidationInfo) -> dict[str, FigureProvenance]:
    """Each key names a figure of this start block, and each range holds that figure's value; every
    problem is reported at its own entry (a ValidationError raised here keeps its locations)."""
    figures = start_figures(info.data)
    problems: list[InitErrorDetails] = []
    for key, entry in entries.items():
        figure = figures.get(key)
        if figure is None:
            problems.append(
                _problem(
                    (key,),
                    "names no start figure (keys look like meters.tension, capital.US, "
                    "trust.US-DPRK, program.warheads, program.sites.<id>.heu_rate, "
                    "estimates.US.warheads.low, estimates.US.suspicion.<site>)",
                    key,
                )
            )
        elif entry.range is not None and not entry.range[0] <= figure.value <= entry.range[1]:
            problems.append(
                _problem(
                    (key, "range"),
                    f"value {figure.value} lies outside its plausible range [{entry.range[0]}, {entry.range[1]}]",
                    list(entry.range),
                )
            )
    if problems:
        raise ValidationError.from_exception_data("provenance", problems)
    return entries


def _problem(loc: tuple[str | int, ...], message: str, value: object) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError("value_error", message), loc=loc, input=value)


class StartSpec(Strict):
    meters: dict[str, Annotated[float, real_in()]]  # each within its own bounds: checked by the loader
    capital: dict[Actor, Annotated[int, count_in(0, 1000)]]  # at most the scenario's cap: checked by the loader
    trust: dict[str, Points] = {}  # "US-DPRK": 30; unlisted pairs start at 50
    flags: list[str] = []
    program: ProgramSpec
    estimates: dict[Actor, EstimateSpec]
    provenance: Annotated[dict[str, FigureProvenance], AfterValidator(_provenance_fits)] = {}  # see start_figures


class ParameterSpec(Provenance):
    """A causal parameter: its value, what it assumes (``doc``), and how far to trust the number."""

    value: Annotated[float, real_in()]
    doc: str
    claim: ClaimId | None = None  # the causal claim (model/claims.py) whose strength this is
    off_value: Annotated[float, real_in()] | None = None  # the value that removes the claim's mechanism

    @model_validator(mode="after")
    def _range_holds_value(self) -> "ParameterSpec":
        if self.range is not None and not self.range[0] <= self.value <= self.range[1]:
            raise ValueError(f"value {self.value} lies outside its plausible range [{self.range[0]}, {self.range[1]}]")
        if (self.claim is None) != (self.off_value is None):
            raise ValueError("a claim's strength names both its claim and its off_value")
        return self


class GateSpec(Strict):
    """Issue 11 (C11): a public flag that holds exactly while a meter is at least a parameter's value
    (e.g. human-rights progress, which normalization and a treaty require). The start state shows it
    and every assessment opens or closes it; actions ``require`` the flag.

    w3b (C4): or while the meter is at most a parameter's value (``max_parameter``); and a gate that
    ``grants`` only sets its flag while it holds and leaves it otherwise to the actions that set and use it
    up (the projects' UN exemption: no exemption is needed once the regime is eased far enough)."""

    flag: Name
    meter: str
    min_parameter: Name | None = None  # the threshold's parameter: a claim's strength can switch the gate off
    max_parameter: Name | None = None
    grants: bool = False

    @model_validator(mode="after")
    def _one_threshold(self) -> "GateSpec":
        if (self.min_parameter is None) == (self.max_parameter is None):
            raise ValueError("a gate needs exactly one threshold: min_parameter or max_parameter")
        return self

    @property
    def parameter(self) -> str:
        """The threshold's parameter."""
        return self.min_parameter or self.max_parameter or ""

    def holds(self, meters: Mapping[str, float], params: Mapping[str, float]) -> bool:
        if self.min_parameter is not None:
            return meters[self.meter] >= params[self.min_parameter]
        return meters[self.meter] <= params[self.parameter]


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
    gates: list[GateSpec] = []  # issue 11 (C11): flags that follow a meter's level
    # --- wt11c (C9) ---
    # an ally's stakes: a deal between its ally and the DPRK with a clause on none of these actions costs
    # the alliance cohesion (``decoupling_deal_cost``)
    ally_stakes: dict[Actor, list[str]] = {}
    # intelligence sharing between a pair that holds only while a flag stands ({ROK-JPN: gsomia})
    sharing_needs: dict[str, str] = {}

    @cached_property
    def memo(self) -> Memo:
        """What the rules derive from this map (the names of pressure's terms), built once."""
        return Memo()


class OpeningMove(Strict):
    """An action a variant's premise says was taken before turn 1: the rules apply its effects and charge
    its cost at setup (``rules.opening``), so the variant starts where the action leads, costs paid."""

    actor: Actor
    action: str


class VariantSpec(Strict):
    name: Title
    description: str
    parameters: dict[str, Annotated[float, real_in()]] = {}  # checked by the loader like the base values they replace
    meters: dict[str, Annotated[float, real_in()]] = {}
    opening: list[OpeningMove] = []  # issue 11 (wt11b): played in order, after the overrides


# --------------------------------------------------------------------------- end states (issue 11, wt11b)
# What an end-state rule may measure besides the public meters (``rules.assessment.outcome_measure``).
OUTCOME_MEASURES: dict[str, str] = {
    "denuclearization": "share of the program verified gone (0..1)",
    "sites_verified_shut": "share of the production sites verified frozen or dismantled, and truly so (0..1)",
    "warheads": "warheads the DPRK truly holds",
}


class OutcomeTest(Strict):
    """``measure`` (a public meter or one of ``OUTCOME_MEASURES``) at least / below a number (a literal or a
    ``"$parameter"``, so a claim's threshold can be its strength)."""

    measure: str
    at_least: Number | None = None
    below: Number | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> "OutcomeTest":
        if self.at_least is None and self.below is None:
            raise ValueError("an outcome test needs at_least or below")
        return self


class OutcomeRule(Strict):
    """One end state the turn limit can find: the first rule whose tests all hold names the outcome."""

    outcome: Outcome
    why: Annotated[str, Field(min_length=1, max_length=300)]  # the debrief's words
    when: list[OutcomeTest] = []


class CalendarSpec(Strict):
    start_year: Annotated[int, count_in(1900, 2200)]
    start_month: Annotated[int, count_in(1, 12)]
    months_per_turn: Annotated[int, count_in(1, 12)]


PERSONALITY_CONDITION = "while."  # a personality key naming the public flag under which it holds (1 set, 0 unset)


class Scenario(Strict):
    id: Name
    title: Title
    description: str
    turns: Annotated[int, count_in(1, 100)]
    calendar: CalendarSpec
    actors: Annotated[list[Actor], Field(min_length=2), AfterValidator(_distinct)]
    capital_income: dict[Actor, Annotated[int, count_in(0, 100)]]
    capital_cap: Annotated[int, count_in(1, 1000)] = 12
    # proposals one actor may send per turn (the AIs propose at least one)
    max_proposals: Annotated[int, count_in(1, 20)] = 2
    parameters: dict[str, ParameterSpec]
    start: StartSpec
    actions: list[ActionSpec]
    events: list[EventSpec] = []
    objectives: dict[Actor, Annotated[list[ObjectiveTerm], AfterValidator(_weighs_something)]]
    variants: dict[Name, VariantSpec] = {}
    personalities: dict[Actor, dict[Name, dict[str, Annotated[float, real_in(-100, 100)]]]] = {}  # AI: name -> weights
    world: WorldSpec
    msel: list[InjectSpec] = []  # white cell (issue 13): the injects a facilitated game starts with
    outcomes: list[OutcomeRule] = []  # issue 11 (wt11b): the end state at the turn limit, first match wins

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
