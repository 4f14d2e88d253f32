"""The one registry of effect kinds and program operations.

Each kind of effect (``meter``, ``flag``, ``trust``, ``capital``, ``program``, ``incident``) and each
operation of the hidden program declares here, in one entry, its four parts:

- ``check``: what in a scenario it must refer to and within which bounds (the functions live in
  ``model/effect_refs.py``, below the scenario loader, whose cross-check runs them; a program operation
  that acts on a site is listed there in ``SITE_OPS``);
- ``compile``: what it does to a turn's Work (the rules), as a closure built once per (effect, actor) with
  its names and numbers resolved; program operations keep ``apply`` functions, which the ``program`` kind's
  closure calls;
- ``describe``: what a player is told it does;
- ``expect``: what it is expected to do, for the AI's valuation (chance outcomes weighted by their odds).

Adding a kind is one entry here (and its schema in ``model/scenario.py``, its class in ``E``);
``tests/test_kinds.py`` fails if a kind of the schema lacks an entry or an entry lacks a part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Generic, Protocol, TypeVar, overload

from ..model.construct import replaced
from ..model import effect_refs as refs
from ..model.ids import ACTOR_NAMES, ACTOR_SHORT, ALL_ACTORS, METER_LABELS, Actor, flag_label, meter_bounds, pair_key
from ..model.log import Audience, MeterChange
from ..model.scenario import (
    PRECEDENT_METER,
    ActionSpec,
    CapitalEffect,
    DetectionEffect,
    Effect,
    FlagEffect,
    IncidentEffect,
    MeterEffect,
    Number,
    PrecedentEffect,
    ProgramEffect,
    SiteEffect,
    TrustEffect,
)
from . import alliances, program
from .conditions import meter_name
from .exposure import apply_detection
from .numbers import number_reader, read, resolve_number, rounded_to_thousandths
from .precedent import precedent_cost
from .ratchet import may_hold_back, retightening
from .work import Work


# --------------------------------------------------------------------------- what the AI expects
@dataclass
class Expected:
    """An action's expected direct effects, chance outcomes weighted by their probability."""

    meters: dict[str, float] = field(default_factory=dict)  # "self" already resolved
    trust: dict[str, float] = field(default_factory=dict)  # pair key -> delta
    ops: list[tuple[str, str | None, float]] = field(default_factory=list)  # (op, site, amount x probability)
    capital: float = 0.0
    incidents: list[tuple[float, float]] = field(default_factory=list)  # (tension, escalation) x probability:
    # the chance of escalation is the moment's (rules.alliances.escalation_chance), priced by the valuation
    precedents: float = 0.0  # C13: the full norm cost of precedents x probability, also counted in ``meters``;
    # what the moment charges of it is rules.precedent.precedent_cost, priced by the valuation


def signed(x: float) -> str:
    """A change as a player reads it: +3, \u22121.5."""
    if abs(x - round(x)) < 0.05:
        return f"{x:+.0f}".replace("-", "\u2212")
    return f"{x:+.1f}".replace("-", "\u2212")


def _amount_text(value: Number, params: Mapping[str, float]) -> str:
    try:
        return signed(resolve_number(value, params))
    except KeyError:
        return str(value)


# --------------------------------------------------------------------------- effect kinds
# Each kind's effect class: an entry's four parts are typed for its kind, so mypy fails an entry that mixes
# kinds (a new kind's class is listed here too)
E = TypeVar(
    "E",
    MeterEffect,
    FlagEffect,
    TrustEffect,
    CapitalEffect,
    ProgramEffect,
    IncidentEffect,
    SiteEffect,
    DetectionEffect,
    PrecedentEffect,
)


Applier = Callable[[Work, str, str, Audience], None]
"""One effect compiled for one actor: apply it to a turn's Work with a cause, a label and an audience."""


class EffectKind(Generic[E]):
    """One kind's four parts, each typed for the kind's own effect. Its rules are ``compile``: the effect
    taken by an actor becomes an ``Applier``, a closure with the effect's names resolved (``self``, the
    trust pairs, the program operation) and its numbers read as literals or parameter look-ups, built
    once per (action, actor) for resolution (``rules.compiled``); ``apply`` compiles and applies at once,
    for the rare effects made on the spot (the white cell's, a test's). A plain class, not a dataclass: a
    generic dataclass cannot be compiled (game/native.py)."""

    def __init__(
        self,
        name: str,
        check: refs.Check,  # model.effect_refs: the scenario loader runs it
        compile: Callable[[E, Actor | None], Applier],
        describe: Callable[[E, Actor, Mapping[str, float]], str],
        expect: Callable[[E, Actor, Mapping[str, float], float, Expected], None],
    ):
        self.name = name
        self.check = check
        self.compile: Callable[[E, Actor | None], Applier] = compile
        self.describe: Callable[[E, Actor, Mapping[str, float]], str] = describe
        self.expect: Callable[[E, Actor, Mapping[str, float], float, Expected], None] = expect

    def apply(self, work: Work, effect: E, actor: Actor | None, cause: str, label: str, audience: Audience) -> None:
        self.compile(effect, actor)(work, cause, label, audience)


def trust_source(effect: TrustEffect, actor: Actor | None) -> Actor | None:
    """Whose trust a trust effect moves: the actor it names, else the acting actor (an event has none,
    so the loader makes an event's trust effect name it)."""
    return effect.actor if effect.actor is not None else actor


def trust_targets(effect: TrustEffect, actor: Actor | None) -> list[Actor]:
    """Toward whom a trust effect taken by ``actor`` moves its source's trust: never itself (an action either
    side may take, aimed at one of them, moves no trust toward its own actor)."""
    source = trust_source(effect, actor)
    targets = ALL_ACTORS if effect.toward == "all" else (Actor(effect.toward),)
    return [a for a in targets if a is not source]


@overload
def capital_recipient(effect: CapitalEffect, actor: Actor) -> Actor: ...


@overload
def capital_recipient(effect: CapitalEffect, actor: Actor | None) -> Actor | None: ...


def capital_recipient(effect: CapitalEffect, actor: Actor | None) -> Actor | None:
    """Whose political capital a capital effect taken by ``actor`` changes."""
    return actor if effect.actor == "self" else Actor(effect.actor)


def _meter_compile(e: MeterEffect, actor: Actor | None) -> Applier:
    return _run_writes(tuple(_meter_writes(e, actor)))


def _meter_describe(e: MeterEffect, actor: Actor, params: Mapping[str, float]) -> str:
    name = meter_name(e.meter, actor)
    return f"{METER_LABELS.get(name, name)} {_amount_text(e.delta, params)}"


def _meter_expect(e: MeterEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected) -> None:
    name = meter_name(e.meter, actor)
    out.meters[name] = out.meters.get(name, 0.0) + weight * resolve_number(e.delta, params)


def _flag_compile(e: FlagEffect, actor: Actor | None) -> Applier:
    return _run_writes(tuple(_flag_writes(e, actor)))


def _flag_describe(e: FlagEffect, actor: Actor, params: Mapping[str, float]) -> str:
    return f"{'brings about' if e.set else 'ends'} {flag_label(e.flag)}"


def _flag_expect(e: FlagEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected) -> None:
    """A flag is worth nothing in itself: what it opens or closes is priced with the actions it enables."""


def _trust_compile(e: TrustEffect, actor: Actor | None) -> Applier:
    return _run_writes(tuple(_trust_writes(e, actor)))


def _trust_describe(e: TrustEffect, actor: Actor, params: Mapping[str, float]) -> str:
    who = "everyone" if e.toward == "all" else ACTOR_NAMES[Actor(e.toward)]
    whose = "" if e.actor is None or e.actor is actor else f"{ACTOR_NAMES[e.actor]}'s "
    return f"{whose}trust with {who} {_amount_text(e.delta, params)}"


def _trust_expect(e: TrustEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected) -> None:
    source = trust_source(e, actor)
    for other in trust_targets(e, actor):
        key = pair_key(source, other)
        out.trust[key] = out.trust.get(key, 0.0) + weight * resolve_number(e.delta, params)


def _capital_compile(e: CapitalEffect, actor: Actor | None) -> Applier:
    who = capital_recipient(e, actor)
    delta = number_reader(e.delta)

    def apply(work: Work, cause: str, label: str, audience: Audience) -> None:
        if who is not None:
            work.add_capital(who, read(delta, work.params))

    return apply


def _capital_describe(e: CapitalEffect, actor: Actor, params: Mapping[str, float]) -> str:
    return f"political capital of {ACTOR_NAMES[capital_recipient(e, actor)]} {_amount_text(e.delta, params)}"


def _capital_expect(e: CapitalEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected) -> None:
    if capital_recipient(e, actor) is actor:
        out.capital += weight * resolve_number(e.delta, params)


def _program_compile(e: ProgramEffect, actor: Actor | None) -> Applier:
    operation, site_id, amount, actors = PROGRAM_OPS[e.op].apply, e.site, number_reader(e.amount), e.actors

    def apply(work: Work, cause: str, label: str, audience: Audience) -> None:
        site = work.sites[site_id] if site_id else None
        operation(work, site, actor, read(amount, work.params), actors, cause)

    return apply


def _program_describe(e: ProgramEffect, actor: Actor, params: Mapping[str, float]) -> str:
    try:
        amount = resolve_number(e.amount, params) or 0
    except KeyError:
        amount = 0
    site = (e.site or "a site").replace("_", " ")
    actors = ", ".join(ACTOR_SHORT[Actor(a)] for a in (e.actors or [])) or "others"
    return PROGRAM_OPS[e.op].text.format(site=site, amount=f"{amount:g}", actors=actors)


def _program_expect(e: ProgramEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected) -> None:
    out.ops.append((e.op, e.site, weight * (resolve_number(e.amount, params) or 1.0)))


def _incident_compile(e: IncidentEffect, actor: Actor | None) -> Applier:
    tension, escalation = number_reader(e.tension), number_reader(e.escalation)

    def apply(work: Work, cause: str, label: str, audience: Audience) -> None:
        alliances.incident(work, read(tension, work.params), read(escalation, work.params), cause, label, audience)

    return apply


def _incident_describe(e: IncidentEffect, actor: Actor, params: Mapping[str, float]) -> str:
    return (
        f"an incident: tension {_amount_text(e.tension, params)}, {_amount_text(e.escalation, params)} more "
        f"if it escalates (likelier as the UN Command, NNSC and CFC weaken)"
    )


def _incident_expect(
    e: IncidentEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected
) -> None:
    out.incidents.append((weight * resolve_number(e.tension, params), weight * resolve_number(e.escalation, params)))


# --- white cell (issue 13): the scripted changes of injects (a scenario's actions may use them too, but the AI
# does not price them)
def _site_compile(e: SiteEffect, actor: Actor | None) -> Applier:
    """Set a site's true status outright (what the world believes of it is left to detection)."""
    site_id, status = e.site, e.status

    def apply(work: Work, cause: str, label: str, audience: Audience) -> None:
        site = work.sites[site_id]
        if site.status != status:
            work.sites[site_id] = replaced(site, {"status": status})

    return apply


def _site_describe(e: SiteEffect, actor: Actor, params: Mapping[str, float]) -> str:
    return f"{e.site.replace('_', ' ')} becomes {e.status}"


def _detection_compile(e: DetectionEffect, actor: Actor | None) -> Applier:
    """Expose the site as ``e.by``'s finding (not again once it has been exposed)."""
    site_id, by = e.site, e.by

    def apply(work: Work, cause: str, label: str, audience: Audience) -> None:
        site = work.sites[site_id]
        if not site.detected:
            apply_detection(work, by, site, cause, label)

    return apply


def _detection_describe(e: DetectionEffect, actor: Actor, params: Mapping[str, float]) -> str:
    return f"{ACTOR_NAMES[e.by]} finds hidden activity at {e.site.replace('_', ' ')}"


def _nothing_to_expect(
    e: SiteEffect | DetectionEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected
) -> None:
    """A scripted change the AI cannot price as an action's effect (the white cell's alone)."""


# --- w3b (C13): a precedent's norm cost, as far as nothing is verified yet
def _precedent_compile(e: PrecedentEffect, actor: Actor | None) -> Applier:
    delta = number_reader(e.delta)

    def charge(work: Work, cause: str, label: str, audience: Audience) -> None:
        work.add(PRECEDENT_METER, precedent_cost(read(delta, work.params), work.meters), cause, label, audience)

    return charge


def _precedent_describe(e: PrecedentEffect, actor: Actor, params: Mapping[str, float]) -> str:
    return (
        f"{METER_LABELS[PRECEDENT_METER]} {_amount_text(e.delta, params)} before any verified step, "
        "less as far as the program is verified shut"
    )


def _precedent_expect(
    e: PrecedentEffect, actor: Actor, params: Mapping[str, float], weight: float, out: Expected
) -> None:
    cost = weight * resolve_number(e.delta, params)
    out.meters[PRECEDENT_METER] = out.meters.get(PRECEDENT_METER, 0.0) + cost
    out.precedents += cost


EFFECT_KINDS: Final[dict[str, EffectKind[Any]]] = {
    k.name: k
    for k in (  # each entry typed for its kind
        EffectKind("meter", refs.meter_check, _meter_compile, _meter_describe, _meter_expect),
        EffectKind("flag", refs.flag_check, _flag_compile, _flag_describe, _flag_expect),
        EffectKind("trust", refs.trust_check, _trust_compile, _trust_describe, _trust_expect),
        EffectKind("capital", refs.capital_check, _capital_compile, _capital_describe, _capital_expect),
        EffectKind("program", refs.program_check, _program_compile, _program_describe, _program_expect),
        EffectKind("incident", refs.incident_check, _incident_compile, _incident_describe, _incident_expect),
        EffectKind("site", refs.site_check, _site_compile, _site_describe, _nothing_to_expect),
        EffectKind("detection", refs.site_check, _detection_compile, _detection_describe, _nothing_to_expect),
        EffectKind("precedent", refs.precedent_check, _precedent_compile, _precedent_describe, _precedent_expect),
    )
}


# --------------------------------------------------------------------------- fused writes
# The plain writes of the meter, trust and flag kinds (no dice, no state beyond the ratchet), each as a
# (how, target, literal, parameter, negated, low, high) tuple: the number as ``numbers.number_reader``
# parses it, spread out, and the bounds of the meter or trust it moves, read once here. A compiled list
# of effects is a flat table of steps (``fuse_effects``), each a write or another kind's applier, that
# ``run_effects`` applies in one loop; these kinds' own appliers run their writes through it too: one
# implementation of each.
Write = tuple[int, str, float | None, str, bool, float, float]
Step = tuple[Write, ...] | Applier  # a stretch of writes (a tuple) or an applier
# a write's kind: the meter writes first (``how <= _TIGHTEN``)
_PLAIN: Final = 0
_TIGHTEN: Final = 1
_TRUST: Final = 2
_RAISE_FLAG: Final = 3
_LOWER_FLAG: Final = 4
_TRUST_LOW: Final = 0.0  # a trust's bounds (``Work.add_trust_key``)
_TRUST_HIGH: Final = 100.0


def _meter_writes(e: MeterEffect, actor: Actor | None) -> list[Write]:
    """A meter effect's write: through the ratchet if it may slow it (a tightening of a meter it holds
    back: ``ratchet.may_hold_back``), else straight in."""
    literal, param, negated = number_reader(e.delta)
    name = meter_name(e.meter, actor)
    lowering = literal is not None and literal <= 0
    low, high = meter_bounds(name)
    return [(_PLAIN if lowering or not may_hold_back(name) else _TIGHTEN, name, literal, param, negated, low, high)]


def _trust_writes(e: TrustEffect, actor: Actor | None) -> list[Write]:
    """A trust effect's writes: one per pair, in its order."""
    source = trust_source(e, actor)
    # no source is unreachable: the loader makes an event's trust effect name its actor
    keys = () if source is None else tuple(pair_key(source, other) for other in trust_targets(e, actor))
    literal, param, negated = number_reader(e.delta)
    return [(_TRUST, key, literal, param, negated, _TRUST_LOW, _TRUST_HIGH) for key in keys]


def _flag_writes(e: FlagEffect, actor: Actor | None) -> list[Write]:
    return [(_RAISE_FLAG if e.set else _LOWER_FLAG, e.flag, None, "", False, 0.0, 0.0)]


_WRITES: Final[dict[str, Callable[[Any, Actor | None], list[Write]]]] = {
    "meter": _meter_writes,
    "trust": _trust_writes,
    "flag": _flag_writes,
}


_new_tuple: Final = tuple.__new__  # a MeterChange from a tuple of its fields (as Work's)


def _run_writes(writes: tuple[Write, ...]) -> Applier:
    """One applier for a kind's own writes (an effect applied on its own: ``EffectKind.compile``)."""

    def apply(work: Work, cause: str, label: str, audience: Audience) -> None:
        run_effects(work, (writes,), cause, label, audience)

    return apply


def run_effects(work: Work, steps: Sequence[Step], cause: str, label: str, audience: Audience) -> None:
    """Each compiled effect (``fuse_effects``), in order: a stretch of writes applied here, another kind's
    effect by its applier. A meter write does what ``Work.add`` does and a trust write what ``Work.add_trust_key`` does,
    inline with the bounds read at compile time: a turn makes about fifty writes in a dozen tables, and a
    Python call each (to the method, to a closure per stretch of writes) was a good part of their cost
    (tests/test_effects_writes.py holds them to those methods, change by change)."""
    changes = work.changes
    for step in steps:
        if not isinstance(step, tuple):  # another kind's effect
            step(work, cause, label, audience)
            continue
        for how, target, amount, param, negated, low, high in step:
            if how <= _TIGHTEN:
                if amount is None:  # a parameter; most numbers are literals
                    amount = -work.params[param] if negated else work.params[param]
                if how == _TIGHTEN:
                    amount = retightening(work.meters, work.params, work.world, target, amount, work.flags)
                if not amount:
                    continue
                meters = work.meters
                old = meters[target]
                new = old + amount
                if new > high:
                    new = high
                elif new < low:
                    new = low
                actual = new - old
                if actual:
                    meters[target] = new
                    changes.append(
                        _new_tuple(MeterChange, (target, rounded_to_thousandths(actual), cause, label, audience))
                    )
            elif how == _TRUST:
                if amount is None:
                    amount = -work.params[param] if negated else work.params[param]
                trust = work.trust
                old = trust.get(target, 50.0)
                new = old + amount
                if new <= low:
                    new = low
                elif new >= high:
                    new = high
                if new != old:
                    trust[target] = new
                    changes.append(
                        _new_tuple(
                            MeterChange, (f"trust.{target}", rounded_to_thousandths(new - old), cause, label, audience)
                        )
                    )
            elif how == _RAISE_FLAG:
                work.flags.add(target)
            else:
                work.flags.discard(target)


def fuse_effects(effects: Sequence[Effect], actor: Actor | None) -> tuple[Step, ...]:
    """``effects`` taken by ``actor``, compiled for resolution into one table: each stretch of plain meter,
    trust and flag writes as a tuple of its writes, every other effect as its kind's applier. ``run_effects``
    of it does exactly what ``compile_effect`` of each, one by one, does (tests/test_resolve_fused.py)."""
    out: list[Step] = []
    stretch: list[Write] = []
    for effect in effects:
        writes = _WRITES.get(effect.kind)
        if writes is not None:
            stretch.extend(writes(effect, actor))
            continue
        if stretch:
            out.append(tuple(stretch))
            stretch = []
        out.append(compile_effect(effect, actor))
    if stretch:
        out.append(tuple(stretch))
    return tuple(out)


def compile_effect(effect: Effect, actor: Actor | None) -> Applier:
    """``effect`` taken by ``actor`` (None: an event's), compiled by its kind."""
    compiled: Applier = EFFECT_KINDS[effect.kind].compile(effect, actor)
    return compiled


def apply_effect(work: Work, effect: Effect, actor: Actor | None, cause: str, label: str, audience: Audience) -> None:
    compile_effect(effect, actor)(work, cause, label, audience)


def describe_effect(effect: Effect, actor: Actor, params: Mapping[str, float]) -> str:
    """What a player is told ``effect`` does when ``actor`` takes it."""
    return EFFECT_KINDS[effect.kind].describe(effect, actor, params)


def expected_effects(spec: ActionSpec, actor: Actor, params: Mapping[str, float]) -> Expected:
    """What ``actor`` taking ``spec`` is expected to do directly: its effects, and its chance outcomes
    weighted by their probability."""
    out = Expected()
    for effect in spec.effects:
        EFFECT_KINDS[effect.kind].expect(effect, actor, params, 1.0, out)
    for outcome in spec.chance:
        p = resolve_number(outcome.p, params)
        for effect in outcome.effects:
            EFFECT_KINDS[effect.kind].expect(effect, actor, params, p, out)
    return out


# --------------------------------------------------------------------------- program operations
class ProgramOutlook(Protocol):
    """What the AI knows of the program when it prices an operation (ai.valuation.Context)."""

    viewer: Actor
    left: int  # turns after this one
    params: Mapping[str, float]
    site_rate: dict[str, float]  # warheads' worth of material a turn, per site
    site_status: dict[str, str]
    n_producing: int
    site_share: dict[str, float]  # each known site's share of the sites' half of denuclearization
    access: float  # inspection access
    covert_rate: float
    knows_program: bool
    warheads: float
    surrendered: float
    unverified_shut: int
    readiness: float  # missile readiness (issue 11, w3a): the DPRK's own truth, a neutral 50 for the others


NOMINAL_SITE_RATE: Final = 0.3  # warheads' worth of material a turn, assumed for a site whose rate one cannot see


def _shut_value(o: ProgramOutlook, site: str) -> float:
    """Share of denuclearization one site verified shut is worth (its weight in the rules'
    ``denuclearization_share``; discounted when no inspector can verify it)."""
    return 0.5 * o.site_share.get(site, 1 / o.n_producing) * (0.85 if o.access > 0 else 0.45)


OpExpectation = Callable[[ProgramOutlook, Actor, str | None, float], list[tuple[str, float]]]


def _expect_shut(factor: float) -> OpExpectation:
    def expect(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
        if site is None or o.site_status.get(site) not in ("active", "restarted", None):
            return []
        left = o.left
        return [
            ("hedge", -o.site_rate.get(site, NOMINAL_SITE_RATE) * (left if left > 1 else 1) * factor),  # max(1, left)
            ("denuc", _shut_value(o, site)),
        ]

    return expect


def _expect_restart(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    if site is None or o.site_status.get(site) not in ("frozen", "dismantled"):
        return []
    return [("hedge", o.site_rate.get(site, NOMINAL_SITE_RATE) * max(1, o.left)), ("denuc", -_shut_value(o, site))]


def _expect_nothing_known(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    """A show of dismantlement or a leak: worth nothing the AI can price before it comes out."""
    return []


def _expect_surge(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    rate = o.covert_rate if o.knows_program else NOMINAL_SITE_RATE
    # hidden production is what verification exists to rule out
    return [("hedge", rate * (o.params["surge_multiplier"] - 1)), ("denuc", -0.03)]


def _expect_declare_full(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    return [("hedge", -o.covert_rate * max(1, o.left) * 0.5), ("denuc", 0.04)]  # covert capacity exposed,
    # soon bargained away


def _expect_declare_partial(
    o: ProgramOutlook, actor: Actor, site: str | None, amount: float
) -> list[tuple[str, float]]:
    return [("denuc", 0.02)]


def _expect_inspect(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    share = amount / 100
    share = share if share < 1.0 else 1.0  # min(1.0, share)
    return [("denuc", share * 0.5 * o.unverified_shut / o.n_producing + 0.02), ("inspect", amount)]


def _expect_surrender(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    return [("arsenal", amount), ("denuc", 0.5 * amount / max(1.0, o.warheads + o.surrendered))]


def _expect_test(test: str) -> OpExpectation:
    """A test proves delivery: the readiness it adds (up to 100) makes more of the arsenal count as a
    deterrent (``program.deterrent_credibility``), worth that many warheads kept (issue 11, w3a)."""

    def expect(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
        now = o.readiness
        after = program.deterrent_credibility(o.params, now + program.readiness_gain(o.params, test))
        worth = (o.warheads + o.surrendered) * (after - program.deterrent_credibility(o.params, now))
        return [("arsenal", -worth)] if worth else []  # "arsenal" counts warheads given up

    return expect


def _expect_collect(o: ProgramOutlook, actor: Actor, site: str | None, amount: float) -> list[tuple[str, float]]:
    return [("intel", amount)] if actor is o.viewer else []


@dataclass(frozen=True)
class ProgramOperation:
    name: str
    apply: Callable[..., None]  # (work, site, actor, amount, actors, cause)
    text: str  # describe: a player's words, with {site}, {amount}, {actors}
    expect: OpExpectation


def _missile_test(name: str, text: str) -> ProgramOperation:
    """A rung of the missile ladder (issue 11, w3a): it proves delivery, and the AI expects of it the
    readiness it adds."""
    return ProgramOperation(name, program.delivery_test(name), text, _expect_test(name))


PROGRAM_OPS: Final[dict[str, ProgramOperation]] = {
    op.name: op
    for op in (
        ProgramOperation("freeze", program.op_freeze, "freezes {site}", _expect_shut(1.0)),
        ProgramOperation("dismantle", program.op_dismantle, "dismantles {site}", _expect_shut(1.3)),
        ProgramOperation(
            "stage_dismantle", program.op_stage_dismantle, "stages a dismantlement of {site}", _expect_nothing_known
        ),
        ProgramOperation("restart", program.op_restart, "restarts {site}", _expect_restart),
        ProgramOperation("declare_full", program.op_declare_full, "declares the whole program", _expect_declare_full),
        ProgramOperation(
            "declare_partial", program.op_declare_partial, "declares part of the program", _expect_declare_partial
        ),
        ProgramOperation("inspect", program.op_inspect, "inspection access +{amount}", _expect_inspect),
        ProgramOperation("covert_production", program.op_covert_production, "covert production surge", _expect_surge),
        ProgramOperation("nuclear_test", program.op_nuclear_test, "nuclear test", _expect_test("nuclear_test")),
        _missile_test("icbm_test", "ICBM test"),
        _missile_test("short_range_test", "short-range missile test"),
        ProgramOperation(
            "surrender_warheads", program.op_surrender_warheads, "hands over {amount} warheads", _expect_surrender
        ),
        ProgramOperation(
            "intel_collection",
            program.op_intel_collection,
            "intelligence effort +{amount}, estimate refreshed",
            _expect_collect,
        ),
        ProgramOperation("leak", program.op_leak, "a leak informs {actors}", _expect_nothing_known),
        # --- issue 11 (w3a): the ladder's middle rungs
        _missile_test("slbm_test", "submarine-launched missile test"),
        _missile_test("mrbm_test", "medium/intermediate-range missile test"),
    )
}


def expected_op(
    outlook: ProgramOutlook, actor: Actor, op: str, site: str | None, amount: float
) -> list[tuple[str, float]]:
    """What one program operation is expected to do, in the quantities the AI's objectives read (hedge:
    production capacity kept; denuc: share of denuclearization; arsenal, inspect, intel)."""
    return PROGRAM_OPS[op].expect(outlook, actor, site, amount)
