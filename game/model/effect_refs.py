"""What each kind of effect refers to in its scenario: the ``check`` part of the effect-kind registry
(``rules.kinds``), kept in the model layer so the scenario loader, which sits below the rules, reads the
same table."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SITE_OPS = frozenset({"freeze", "dismantle", "stage_dismantle", "restart"})  # program ops that act on a site


@dataclass(frozen=True)
class Names:
    """What a scenario's effects may refer to."""

    meter_known: Callable[[str], bool]  # a meter name, possibly ``*.self``
    sites: frozenset[str]
    parameters: frozenset[str]


Problems = list[tuple[str, str]]  # (field, problem); field "" for the effect itself


def _number(value, name: str, names: Names) -> Problems:
    if isinstance(value, str) and value.lstrip("-")[1:] not in names.parameters:
        return [(name, f"unknown parameter '{value}'")]
    return []


def meter_refs(e, names: Names) -> Problems:
    out = [] if names.meter_known(e.meter) else [("meter", f"unknown meter '{e.meter}'")]
    return out + _number(e.delta, "delta", names)


def flag_refs(e, names: Names) -> Problems:
    return []  # a flag is any name: setting one defines it


def number_refs(e, names: Names) -> Problems:
    """Trust and capital effects refer only to their number."""
    return _number(e.delta, "delta", names)


def program_refs(e, names: Names) -> Problems:
    out = _number(e.amount, "amount", names)
    if e.site is not None and e.site not in names.sites:
        out.append(("site", f"unknown site '{e.site}'"))
    if e.op in SITE_OPS and e.site is None:
        out.append(("", f"program op '{e.op}' needs a site"))
    return out


CHECKS: dict[str, Callable[..., Problems]] = {
    "meter": meter_refs, "flag": flag_refs, "trust": number_refs, "capital": number_refs, "program": program_refs,
}


def effect_problems(effect, names: Names) -> Problems:
    """(field, problem) for each reference ``effect`` makes that its scenario does not define."""
    return CHECKS[effect.kind](effect, names)
