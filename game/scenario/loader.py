"""Scenario loading with errors a person can act on: ``file:line: field: problem``, never a traceback.

A scenario is read through ``game.boundary`` (a regular file of at most MAX_SCENARIO_BYTES, UTF-8,
the strict YAML loader), validated by the schema (``game.model.scenario``), then cross-checked here
for what one field cannot know alone. Problems are reported one line each, at most MAX_PROBLEMS of
them, and a value from the file is only ever shown quoted, escaped and cut short.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping
from typing import Any
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..boundary import InputError, load_yaml, read_text, shown
from ..model.effect_refs import check_effect
from ..model.ids import FLAG_LABELS, METER_BOUNDS, Actor, pair_key
from ..model.parameters import PARAMETER_DOMAINS, REQUIRED_PARAMETERS
from ..model.scenario import CHANCE, OUTCOME_MEASURES, PERSONALITY_CONDITION, Condition, Effect, Scenario

MAX_SCENARIO_BYTES = 4 * 1024 * 1024  # the largest bundled scenario is ~200 KB
MAX_PROBLEMS = 20


class ScenarioError(ValueError):
    """One or more problems in a scenario file; ``problems`` holds one line each."""

    def __init__(self, problems: list[str], total: int | None = None):
        """``total``: how many problems there are, when only the first ones were put into words."""
        total = max(total or 0, len(problems))
        if total > MAX_PROBLEMS:
            problems = [*problems[:MAX_PROBLEMS], f"... and {total - MAX_PROBLEMS} more problems"]
        super().__init__("\n".join(problems))
        self.problems = problems


def read_scenario_text(path: str | Path) -> str:
    """The text of a scenario file, read through the boundary; ScenarioError (one line) otherwise."""
    try:
        return read_text(path, limit=MAX_SCENARIO_BYTES)
    except InputError as exc:
        where = f"{path}:{exc.line}" if exc.line is not None else f"{path}"
        raise ScenarioError([f"{where}: {exc.reason}"]) from None


def load_scenario(path: str | Path) -> Scenario:
    return parse_scenario(read_scenario_text(path), str(path))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    try:
        data, root = load_yaml(text)
    except InputError as exc:
        raise ScenarioError([f"{name}:{exc.line or 1}: yaml: {exc.reason}"]) from None
    if not isinstance(data, dict):
        what = "nothing" if data is None else f"a {type(data).__name__}"
        raise ScenarioError([f"{name}:1: scenario: not a scenario file (expected a mapping of fields, got {what})"])
    if not set(data) & set(Scenario.model_fields):
        raise ScenarioError(
            [
                f"{name}:1: scenario: not a scenario file (none of its top-level keys is a "
                "scenario field such as id, title or actions)"
            ]
        )
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        raise ScenarioError(
            [problem_line(name, root, trim_loc(err["loc"]), schema_message(err)) for err in errors[:MAX_PROBLEMS]],
            len(errors),
        ) from None
    found = cross_check(scenario)
    if found:
        raise ScenarioError([problem_line(name, root, loc, msg) for loc, msg in found])
    return scenario


def schema_message(err: Mapping[str, Any]) -> str:
    """pydantic's words for one schema error, but a value from the file it would echo in full (the tag of an
    unknown effect kind) shown as every value is: quoted, escaped, cut short."""
    ctx = err.get("ctx") or {}
    if err["type"] == "union_tag_invalid":
        return f"{str(ctx['discriminator']).strip(chr(39))} {shown(ctx['tag'])} is not one of {ctx['expected_tags']}"
    return str(err["msg"])


def problem_line(name: str, root, loc: tuple, msg: str) -> str:
    """``file:line: field: problem`` for a problem at ``loc`` of the YAML tree ``root`` of file ``name``."""
    return f"{name}:{_line(root, loc)}: {_dotted(loc)}: {' '.join(msg.split())}"


_EFFECT_TAGS = frozenset({"meter", "flag", "trust", "capital", "program", "incident", "site", "detection", "precedent"})


def trim_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-branch tags (e.g. 'meter' in effects.0.meter.delta) that are not keys."""
    out: list = []
    for i, part in enumerate(loc):
        if part in _EFFECT_TAGS and i and isinstance(loc[i - 1], int):  # a tag follows the list index
            continue
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def _dotted(loc: tuple) -> str:
    """The field's path; a key from the file that is not a plain name is shown quoted, escaped, cut short."""
    return ".".join(_key(p) for p in loc) or "scenario"


def _key(part) -> str:
    text = str(getattr(part, "value", part))
    plain = len(text) <= 40 and all(c.isascii() and (c.isalnum() or c in "_-.$") for c in text)
    return text if plain and text else shown(text)


def _line(node, loc: tuple) -> int:
    """The line of the deepest YAML node the location reaches."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(getattr(part, "value", part)):
                    nxt = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
            line = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return line


# --------------------------------------------------------------------------- cross references
def cross_check(s: Scenario) -> list[tuple[tuple, str]]:
    """What the schema alone cannot check: references (meters, sites, parameters, actions, actors),
    unique ids, values within bounds that depend on other fields (a meter's own bounds, the capital
    cap, the values of a referenced parameter in the base scenario and in every variant)."""
    out: list[tuple[tuple, str]] = []
    sites = {site.id for site in s.start.program.sites}
    actions = set(s.action_index)
    params = set(s.parameters)

    def unique(ids, loc: tuple, what: str) -> None:
        seen: set = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                out.append(((*loc, i), f"duplicate {what} {shown(getattr(ident, 'value', ident))}"))
            seen.add(ident)

    unique([a.id for a in s.actions], ("actions",), "action id")
    unique([e.id for e in s.events], ("events",), "event id")
    unique([site.id for site in s.start.program.sites], ("start", "program", "sites"), "site id")
    for actor, terms in s.objectives.items():
        unique([t.label for t in terms], ("objectives", actor.value), "objective label")

    for name in sorted(set(REQUIRED_PARAMETERS) - params):
        out.append((("parameters",), f"missing required parameter '{name}' ({REQUIRED_PARAMETERS[name]})"))
    for name, (low, high) in PARAMETER_DOMAINS.items():
        for where, value in _values_of(s, name):
            if not low <= value <= high:
                out.append(
                    ((*where, name), f"{value:g} is outside {low:g}..{high:g}, the values the rules accept for it")
                )
        off = s.parameters[name].off_value if name in s.parameters else None
        if off is not None and not low <= off <= high:  # the lab plays the claim switched off
            out.append(
                (
                    ("parameters", name, "off_value"),
                    f"{off:g} is outside {low:g}..{high:g}, the values the rules accept for it",
                )
            )
        spread = s.parameters[name].range if name in s.parameters else None
        if spread is not None and not low <= spread[0] <= spread[1] <= high:  # a sensitivity study plays it
            out.append(
                (
                    ("parameters", name, "range"),
                    f"[{spread[0]:g}, {spread[1]:g}] reaches outside "
                    f"{low:g}..{high:g}, the values the rules accept for it",
                )
            )
    for name in sorted(set(METER_BOUNDS) - set(s.start.meters)):
        out.append((("start", "meters"), f"missing starting value for meter '{name}'"))
    for meters, loc in (
        (s.start.meters, ("start", "meters")),
        *((v.meters, ("variants", k, "meters")) for k, v in s.variants.items()),
    ):
        for name, value in meters.items():
            if name not in METER_BOUNDS:
                out.append(((*loc, name), f"unknown meter {shown(name)}"))
            elif not METER_BOUNDS[name][0] <= value <= METER_BOUNDS[name][1]:
                low, high = METER_BOUNDS[name]
                out.append(((*loc, name), f"{value:g} is outside the meter's bounds {low:g}..{high:g}"))
    for actor, value in s.start.capital.items():
        if value > s.capital_cap:
            out.append((("start", "capital", actor.value), f"{value} is above the capital cap {s.capital_cap}"))
    for actor in s.actors:
        if actor not in s.capital_income:
            out.append((("capital_income",), f"no capital income for {actor.value}"))
        if actor not in s.objectives:
            out.append((("objectives",), f"no objectives for {actor.value}"))

    def check_conditions(conds: list[Condition], loc: tuple) -> None:
        for i, c in enumerate(conds):
            if c.meter is not None and _meter_unknown(c.meter):
                out.append(((*loc, i, "meter"), f"unknown meter {shown(c.meter)}"))
            if c.site is not None and c.site not in sites:
                out.append(((*loc, i, "site"), f"unknown site {shown(c.site)}"))

    def check_number(value, loc: tuple, low: float, high: float) -> None:
        _check_number(s, out, value, loc, low, high)

    checks = _EffectChecks(sites, s.capital_cap, lambda loc, text: out.append((loc, text)), check_number)

    def check_effects(effects: list[Effect], loc: tuple, takers: tuple = ()) -> None:
        """``takers``: the actors who may take the action these effects belong to. Each kind's check is
        its entry in the effect-kind registry (model/effect_refs.py)."""
        for i, e in enumerate(effects):
            check_effect(e, checks, (*loc, i), takers)

    def check_chances(outcomes, loc: tuple, takers: tuple = ()) -> None:
        for j, ch in enumerate(outcomes):
            check_number(ch.p, (*loc, j, "p"), *CHANCE)
            check_effects(ch.effects, (*loc, j, "effects"), takers)
        for where in (("parameters",), *(("variants", k) for k in s.variants)):
            total = sum(_value_in(s, ch.p, where) for ch in outcomes)
            if total > 1.0 + 1e-9:
                variant = f" in variant '{where[1]}'" if where[0] == "variants" else ""
                out.append((loc, f"the chances of these exclusive outcomes add up to {total:g}{variant}, more than 1"))
                break
        base = [_value_in(s, ch.p, ("parameters",)) for ch in outcomes]
        for j, ch in enumerate(outcomes):  # a sensitivity study plays each end of a parameter's range
            if not isinstance(ch.p, str):
                continue
            sign, name = _reference(ch.p)
            spread = s.parameters[name].range if name in s.parameters else None
            for end in spread or ():
                total = sum(base) - base[j] + sign * end
                if total > 1.0 + 1e-9:
                    out.append(
                        (
                            (*loc, j, "p"),
                            f"{ch.p} at {end:g}, an end of its plausible range, makes these "
                            f"exclusive outcomes add up to {total:g}, more than 1",
                        )
                    )

    for i, a in enumerate(s.actions):
        check_conditions(a.requires, ("actions", i, "requires"))
        check_effects(a.effects, ("actions", i, "effects"), tuple(a.actors))
        check_chances(a.chance, ("actions", i, "chance"), tuple(a.actors))
        if a.counts_as is not None and a.counts_as not in actions:
            out.append((("actions", i, "counts_as"), f"unknown action {shown(a.counts_as)}"))
    out.extend(_counts_as_cycles(s))
    for i, ev in enumerate(s.events):
        check_conditions(ev.when, ("events", i, "when"))
        check_effects(ev.effects, ("events", i, "effects"))
        check_number(ev.p, ("events", i, "p"), *CHANCE)
        check_chances(ev.chance, ("events", i, "chance"))
        if ev.kind == "calendar" and not 1 <= (ev.turn or 0) <= s.turns:
            out.append((("events", i, "turn"), f"turn {ev.turn} is outside 1..{s.turns}"))
        for j, e in enumerate(ev.effects):
            if e.kind == "capital" and e.actor == "self":
                out.append(
                    (
                        ("events", i, "effects", j),
                        "an event has no acting actor: use meter effects, or a capital effect naming its actor",
                    )
                )
    flags = _flags_named(s)
    for actor, table in s.personalities.items():
        for name, weights in table.items():
            for key, value in weights.items():
                flag = key[len(PERSONALITY_CONDITION) :] if key.startswith(PERSONALITY_CONDITION) else None
                if flag is not None and flag not in flags:
                    out.append((("personalities", actor.value, name, key), f"unknown flag {shown(flag)}"))
                elif flag is not None and value not in (0, 1):
                    out.append(
                        (("personalities", actor.value, name, key), "must be 1 (while the flag is set) or 0 (unset)")
                    )
    for actor, terms in s.objectives.items():
        for j, t in enumerate(terms):
            if t.meter is not None and _meter_unknown(t.meter):
                out.append((("objectives", actor.value, j, "meter"), f"unknown meter {shown(t.meter)}"))
    pairs: set[str] = set()
    for key in s.start.trust:
        first, _, second = key.partition("-")
        if first not in Actor.__members__ or second not in Actor.__members__ or first == second:
            out.append((("start", "trust", key), f"{shown(key)} is not a pair of two actors like 'US-DPRK'"))
        elif pair_key(first, second) in pairs:
            out.append((("start", "trust", key), f"the pair {shown(key)} is given twice (once in the other order)"))
        else:
            pairs.add(pair_key(first, second))
    for actor in s.actors:
        if actor is not Actor.DPRK and actor not in s.start.estimates:
            out.append((("start", "estimates"), f"no starting estimate of the DPRK program for {actor.value}"))
    for actor, est in s.start.estimates.items():
        for site in est.suspicion:
            if site not in sites:
                out.append((("start", "estimates", actor.value, "suspicion", site), f"unknown site {shown(site)}"))
    for i, gate in enumerate(s.world.gates):  # issue 11 (C11)
        if _meter_unknown(gate.meter):
            out.append((("world", "gates", i, "meter"), f"unknown meter {shown(gate.meter)}"))
        if gate.parameter not in params:
            field = "min_parameter" if gate.min_parameter is not None else "max_parameter"
            out.append((("world", "gates", i, field), f"unknown parameter {shown(gate.parameter)}"))
    for key, variant in s.variants.items():
        for name in variant.parameters:
            if name not in params:
                out.append((("variants", key, "parameters", name), f"unknown parameter {shown(name)}"))
    out.extend(inject_problems(s, s.msel, ("msel",)))  # white cell (issue 13)
    # every pair the world names is a cohesion meter the rules read (a rupture, closing ranks, China's influence)
    for where, pair in [(("world", "alliances", i), p) for i, p in enumerate(s.world.alliances)] + [
        (("world", "patron"), s.world.patron)
    ]:
        if _meter_unknown(f"cohesion.{pair}"):
            out.append((where, f"{shown(pair)} is not a cohesion pair of the model (like 'US-ROK')"))
    for ally, stakes in s.world.ally_stakes.items():  # wt11c (C9)
        for j, action in enumerate(stakes):
            if action not in actions:
                out.append((("world", "ally_stakes", ally.value, j), f"unknown action {shown(action)}"))
    for pair in s.world.sharing_needs:
        first, _, second = pair.partition("-")
        if (
            first not in Actor.__members__
            or second not in Actor.__members__
            or first == second
            or pair != pair_key(first, second)
        ):
            out.append(
                (
                    ("world", "sharing_needs", pair),
                    f"{shown(pair)} is not a pair of two actors in the order of the actor list (like 'ROK-JPN')",
                )
            )
    out.extend(_check_outcomes_and_openings(s, check_number))
    return out


def _check_outcomes_and_openings(s: Scenario, check_number) -> list[tuple[tuple, str]]:
    """Issue 11 (wt11b): an end-state rule measures a meter or an ``OUTCOME_MEASURES`` quantity against
    numbers that exist; a variant's opening move is an action its actor may take."""
    out: list[tuple[tuple, str]] = []
    for i, rule in enumerate(s.outcomes):
        for j, t in enumerate(rule.when):
            at: tuple = ("outcomes", i, "when", j)
            if t.measure not in OUTCOME_MEASURES and _meter_unknown(t.measure):
                out.append(
                    (
                        (*at, "measure"),
                        f"unknown measure {shown(t.measure)} (a meter, or one of {', '.join(OUTCOME_MEASURES)})",
                    )
                )
            for field in ("at_least", "below"):
                if getattr(t, field) is not None:
                    check_number(getattr(t, field), (*at, field), -math.inf, math.inf)
    for key, variant in s.variants.items():
        for j, move in enumerate(variant.opening):
            loc = ("variants", key, "opening", j)
            spec = s.action_index.get(move.action)
            if spec is None:
                out.append(((*loc, "action"), f"unknown action {shown(move.action)}"))
            elif move.actor not in spec.actors:
                out.append(((*loc, "actor"), f"{move.actor.value} may not take {shown(move.action)}"))
    return out


# --- white cell (issue 13)
def inject_problems(s: Scenario, injects, loc: tuple) -> list[tuple[tuple, str]]:
    """What the schema alone cannot check in a list of injects (a scenario's ``msel:``, a MSEL file, an
    inject written in play) against scenario ``s``: unique ids, turns within the game, seats in play,
    events of the scenario, and each effect by its kind's check (``model/effect_refs.py``)."""
    out: list[tuple[tuple, str]] = []
    checks = _EffectChecks(
        {site.id for site in s.start.program.sites},
        s.capital_cap,
        lambda where, text: out.append((where, text)),
        lambda value, where, low, high: _check_number(s, out, value, where, low, high),
    )
    events = {e.id for e in s.events}
    seen: set[str] = set()
    for i, inject in enumerate(injects):
        where = (*loc, i)
        if inject.id in seen:
            out.append(((*where, "id"), f"duplicate inject id {shown(inject.id)}"))
        seen.add(inject.id)
        if inject.turn is not None and inject.turn > s.turns:
            out.append(((*where, "turn"), f"turn {inject.turn} is outside 1..{s.turns}"))
        if inject.audience != "public":
            for actor in inject.audience:
                if actor not in s.actors:
                    out.append(((*where, "audience"), f"{actor.value} is not a seat of this scenario"))
        if inject.event is not None and inject.event not in events:
            out.append(((*where, "event"), f"unknown event {shown(inject.event)}"))
        for j, effect in enumerate(inject.effects):
            if (
                effect.kind == "capital"
                and effect.actor == "self"
                or effect.kind == "meter"
                and effect.meter.endswith(".self")
            ):
                out.append(((*where, "effects", j), "an inject has no acting actor: name the actor instead of 'self'"))
            else:
                check_effect(effect, checks, (*where, "effects", j))
    return out


def _check_number(s: Scenario, out: list[tuple[tuple, str]], value, loc: tuple, low: float, high: float) -> None:
    """A literal within [low, high], or a parameter that is, in the scenario and in every variant."""
    if not isinstance(value, str):
        if not low <= value <= high:
            out.append((loc, f"{value:g} is outside {low:g}..{high:g}"))
        return
    sign, name = _reference(value)
    if name not in s.parameters:
        out.append((loc, f"unknown parameter {shown(value)}"))
        return
    for where, number in _values_of(s, name):
        if not low <= sign * number <= high:
            variant = f" in variant '{where[1]}'" if where[0] == "variants" else ""
            out.append((loc, f"{value} is {sign * number:g}{variant}, outside {low:g}..{high:g}"))


def _values_of(s: Scenario, name: str) -> list[tuple[tuple, float]]:
    """Where parameter ``name`` takes a value: the scenario's own, and each variant that overrides it."""
    out: list[tuple[tuple, float]] = [(("parameters",), s.parameters[name].value)] if name in s.parameters else []
    out += [
        (("variants", key, "parameters"), v.parameters[name]) for key, v in s.variants.items() if name in v.parameters
    ]
    return out


def _reference(number: str) -> tuple[float, str]:
    """``"-$name"`` -> (-1.0, "name"); ``"$name"`` -> (1.0, "name")."""
    return (-1.0, number[2:]) if number.startswith("-") else (1.0, number[1:])


def _value_in(s: Scenario, number, where: tuple) -> float:
    """A literal, or a referenced parameter's value as played in ``where`` (the base or a variant);
    0 for an unknown parameter (reported elsewhere)."""
    if not isinstance(number, str):
        return number
    sign, name = _reference(number)
    variant = s.variants.get(where[1]) if where[0] == "variants" else None
    if variant is not None and name in variant.parameters:
        return sign * variant.parameters[name]
    return sign * s.parameters[name].value if name in s.parameters else 0.0


def _counts_as_cycles(s: Scenario) -> list[tuple[tuple, str]]:
    """A deception passes for another action, which must be a real one in the end: no chain of
    ``counts_as`` may come back to where it started."""
    out = []
    for i, a in enumerate(s.actions):
        seen, current = [a.id], a.counts_as
        while current is not None and current in s.action_index and current not in seen:
            seen.append(current)
            current = s.action_index[current].counts_as
        if current == a.id:
            out.append((("actions", i, "counts_as"), "counts_as goes round in a cycle: " + " -> ".join([*seen, a.id])))
    return out


@dataclass(frozen=True)
class _EffectChecks:
    """What an effect kind's check reads and reports through (model.effect_refs.EffectChecks)."""

    sites: set[str]
    capital_cap: int
    problem: Callable[[tuple, str], None]
    number: Callable[[object, tuple, float, float], None]

    @staticmethod
    def meter_unknown(name: str) -> bool:
        return _meter_unknown(name)

    @staticmethod
    def meter_span(name: str) -> float:
        return _meter_span(name)


def _meter_span(name: str) -> float:
    if name.endswith(".self"):
        prefix = name[:-5] + "."
        return max(high - low for m, (low, high) in METER_BOUNDS.items() if m.startswith(prefix))
    low, high = METER_BOUNDS[name]
    return high - low


def _flags_named(s: Scenario) -> set[str]:
    """Every flag the scenario can know of: the rules' own (``FLAG_LABELS``) and every ``flag`` the file
    names (start flags, effects, conditions, gates)."""
    found = set(FLAG_LABELS) | set(s.start.flags)

    def walk(value: object) -> None:
        if isinstance(value, dict):
            flag = value.get("flag")
            if isinstance(flag, str):
                found.add(flag)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(s.model_dump(include={"actions", "events", "world", "start"}))
    return found


def _meter_unknown(name: str) -> bool:
    if name.endswith(".self"):
        prefix = name[:-5]
        return not any(m.startswith(prefix + ".") for m in METER_BOUNDS)
    return name not in METER_BOUNDS
