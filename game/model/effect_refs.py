"""How each kind of effect is checked against its scenario: the ``check`` part of the effect-kind registry
(``rules.kinds``), kept in the model layer so the scenario loader, which sits below the rules, runs the
same functions (``scenario.loader.cross_check``)."""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Protocol

from ..boundary import shown
from .ids import Actor
from .scenario import (
    PRECEDENT_METER,
    PROGRAM_AMOUNT,
    CapitalEffect,
    DetectionEffect,
    Effect,
    FlagEffect,
    IncidentEffect,
    MeterEffect,
    PrecedentEffect,
    ProgramEffect,
    SiteEffect,
    TrustEffect,
)

Loc = tuple[str | int, ...]  # where in the scenario file, from its root

SITE_OPS = frozenset({"freeze", "dismantle", "stage_dismantle", "restart"})  # program ops that act on a site


class EffectChecks(Protocol):
    """What the loader's cross-check offers an effect's check."""

    @property
    def sites(self) -> Set[str]: ...

    @property
    def capital_cap(self) -> int: ...

    def problem(self, loc: Loc, text: str) -> None: ...

    def number(self, value: float | str, loc: Loc, low: float, high: float) -> None:
        """A literal within [low, high], or a parameter that is, in the scenario and every variant."""

    def meter_unknown(self, name: str) -> bool: ...

    def meter_span(self, name: str) -> float: ...


Check = Callable[..., None]  # (effect, checks, loc, takers): the actors who may take its action


def meter_check(e: MeterEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    if c.meter_unknown(e.meter):
        c.problem((*loc, "meter"), f"unknown meter {shown(e.meter)}")
    else:  # a delta larger than the meter's whole span can only be a mistake
        span = c.meter_span(e.meter)
        c.number(e.delta, (*loc, "delta"), -span, span)


def flag_check(e: FlagEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    """A flag is any name: setting one defines it."""


def trust_check(e: TrustEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    """``takers`` empty: an event's effect, which has no acting actor and must name whose trust moves."""
    c.number(e.delta, (*loc, "delta"), -100.0, 100.0)
    if e.actor is not None:
        if e.toward == e.actor:
            c.problem((*loc, "toward"), f"{e.actor.value} cannot move its trust toward itself")
    elif not takers:
        c.problem((*loc, "actor"), "an event has no acting actor: name whose trust moves (actor: US, ...)")
    elif isinstance(e.toward, Actor) and set(takers) == {e.toward}:
        c.problem((*loc, "toward"), f"only {e.toward.value} takes this action: it cannot move its trust toward itself")


def capital_check(e: CapitalEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    c.number(e.delta, (*loc, "delta"), -float(c.capital_cap), float(c.capital_cap))


def program_check(e: ProgramEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    c.number(e.amount, (*loc, "amount"), *PROGRAM_AMOUNT)
    if e.site is not None and e.site not in c.sites:
        c.problem((*loc, "site"), f"unknown site {shown(e.site)}")
    if e.op in SITE_OPS and e.site is None:
        c.problem(loc, f"program op '{e.op}' needs a site")


def site_check(e: SiteEffect | DetectionEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    """A site status or detection effect (the white cell's scripted changes) names a site of the scenario."""
    if e.site not in c.sites:
        c.problem((*loc, "site"), f"unknown site {shown(e.site)}")


def incident_check(e: IncidentEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    span = c.meter_span("tension")
    c.number(e.tension, (*loc, "tension"), -span, span)
    c.number(e.escalation, (*loc, "escalation"), 0.0, span)


def precedent_check(e: PrecedentEffect, c: EffectChecks, loc: Loc, takers: tuple[Actor, ...]) -> None:
    """A precedent's cost is a loss of the nonproliferation norm, at most the norm's whole span."""
    c.number(e.delta, (*loc, "delta"), -c.meter_span(PRECEDENT_METER), 0.0)


CHECKS: dict[str, Check] = {
    "meter": meter_check,
    "flag": flag_check,
    "trust": trust_check,
    "capital": capital_check,
    "program": program_check,
    "incident": incident_check,
    "site": site_check,
    "detection": site_check,  # white cell (issue 13)
    "precedent": precedent_check,  # w3b (C13)
}


def check_effect(effect: Effect, checks: EffectChecks, loc: Loc, takers: tuple[Actor, ...] = ()) -> None:
    """Report through ``checks`` each problem ``effect`` (at ``loc``) has in its scenario."""
    CHECKS[effect.kind](effect, checks, loc, takers)
