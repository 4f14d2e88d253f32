"""Scenario loading with errors a person can act on: ``file:line: field: problem``, never a traceback."""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..model.ids import METER_BOUNDS, Actor
from ..model.scenario import Condition, Effect, Scenario
from ..model.parameters import REQUIRED_PARAMETERS


class ScenarioError(ValueError):
    """One or more problems in a scenario file; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    return parse_scenario(text, str(path))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"{mark.line + 1}" if mark else "?"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError([f"{name}:{line}: yaml: {problem}"]) from None
    if not isinstance(data, dict):
        raise ScenarioError([f"{name}:1: scenario: expected a mapping of fields, got {type(data).__name__}"])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        root = _node_tree(text)
        problems = []
        for err in exc.errors():
            loc = _trim_loc(err["loc"])
            problems.append(f"{name}:{_line(root, loc)}: {_dotted(loc)}: {err['msg']}")
        raise ScenarioError(problems) from None
    found = cross_check(scenario)
    if found:
        root = _node_tree(text)
        raise ScenarioError([f"{name}:{_line(root, loc)}: {_dotted(loc)}: {msg}" for loc, msg in found])
    return scenario


def _node_tree(text: str):
    """The YAML node tree, with line marks; built only to report errors (it costs as much as a load)."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _trim_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-branch tags (e.g. 'meter' in effects.0.meter.delta) that are not keys."""
    out = []
    for part in loc:
        if isinstance(part, str) and part in ("meter", "flag", "trust", "capital", "program") and out and isinstance(out[-1], int):
            continue
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def _dotted(loc: tuple) -> str:
    return ".".join(str(p) for p in loc) or "scenario"


def _line(node, loc: tuple) -> int:
    """The line of the deepest YAML node the location reaches."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part) or key.value == getattr(part, "value", None):
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
    """References the schema alone cannot check: meters, sites, parameters, actions, actors."""
    out: list[tuple[tuple, str]] = []
    sites = {site.id for site in s.start.program.sites}
    actions = set(s.action_index)
    params = set(s.parameters)

    for name in sorted(set(REQUIRED_PARAMETERS) - params):
        out.append((("parameters",), f"missing required parameter '{name}' ({REQUIRED_PARAMETERS[name]})"))
    for name in sorted(set(METER_BOUNDS) - set(s.start.meters)):
        out.append((("start", "meters"), f"missing starting value for meter '{name}'"))
    for name in s.start.meters:
        if name not in METER_BOUNDS:
            out.append((("start", "meters", name), f"unknown meter '{name}'"))
    if len(s.actions) != len(actions):
        seen: set[str] = set()
        for i, a in enumerate(s.actions):
            if a.id in seen:
                out.append((("actions", i, "id"), f"duplicate action id '{a.id}'"))
            seen.add(a.id)
    for actor in s.actors:
        if actor not in s.capital_income:
            out.append((("capital_income",), f"no capital income for {actor.value}"))
        if actor not in s.objectives:
            out.append((("objectives",), f"no objectives for {actor.value}"))

    def check_conditions(conds: list[Condition], loc: tuple) -> None:
        for i, c in enumerate(conds):
            if c.meter is not None and _meter_unknown(c.meter):
                out.append(((*loc, i, "meter"), f"unknown meter '{c.meter}'"))
            if c.site is not None and c.site not in sites:
                out.append(((*loc, i, "site"), f"unknown site '{c.site}'"))

    def check_number(value, loc: tuple) -> None:
        if isinstance(value, str) and value.lstrip("-")[1:] not in params:
            out.append((loc, f"unknown parameter '{value}'"))

    def check_effects(effects: list[Effect], loc: tuple) -> None:
        for i, e in enumerate(effects):
            if e.kind == "meter":
                if _meter_unknown(e.meter):
                    out.append(((*loc, i, "meter"), f"unknown meter '{e.meter}'"))
                check_number(e.delta, (*loc, i, "delta"))
            elif e.kind in ("trust", "capital"):
                check_number(e.delta, (*loc, i, "delta"))
            elif e.kind == "program":
                check_number(e.amount, (*loc, i, "amount"))
                if e.site is not None and e.site not in sites:
                    out.append(((*loc, i, "site"), f"unknown site '{e.site}'"))
                if e.op in ("freeze", "dismantle", "stage_dismantle", "restart") and e.site is None:
                    out.append(((*loc, i), f"program op '{e.op}' needs a site"))

    for i, a in enumerate(s.actions):
        check_conditions(a.requires, ("actions", i, "requires"))
        check_effects(a.effects, ("actions", i, "effects"))
        for j, ch in enumerate(a.chance):
            check_number(ch.p, ("actions", i, "chance", j, "p"))
            check_effects(ch.effects, ("actions", i, "chance", j, "effects"))
        if a.counts_as is not None and a.counts_as not in actions:
            out.append((("actions", i, "counts_as"), f"unknown action '{a.counts_as}'"))
    for i, ev in enumerate(s.events):
        check_conditions(ev.when, ("events", i, "when"))
        check_effects(ev.effects, ("events", i, "effects"))
        check_number(ev.p, ("events", i, "p"))
        for j, ch in enumerate(ev.chance):
            check_number(ch.p, ("events", i, "chance", j, "p"))
            check_effects(ch.effects, ("events", i, "chance", j, "effects"))
        if ev.kind == "calendar" and not 1 <= (ev.turn or 0) <= s.turns:
            out.append((("events", i, "turn"), f"turn {ev.turn} is outside 1..{s.turns}"))
        for j, e in enumerate(ev.effects):
            if e.kind == "trust" or (e.kind == "capital" and e.actor == "self"):
                out.append((("events", i, "effects", j), "an event has no acting actor: use meter effects, or a "
                                                         "capital effect naming its actor"))
    for actor, terms in s.objectives.items():
        for j, t in enumerate(terms):
            if t.meter is not None and _meter_unknown(t.meter):
                out.append((("objectives", actor.value, j, "meter"), f"unknown meter '{t.meter}'"))
    for key in s.start.trust:
        a, _, b = key.partition("-")
        if a not in Actor.__members__ or b not in Actor.__members__ or a == b:
            out.append((("start", "trust", key), f"'{key}' is not a pair of two actors like 'US-DPRK'"))
    for actor in s.actors:
        if actor is not Actor.DPRK and actor not in s.start.estimates:
            out.append((("start", "estimates"), f"no starting estimate of the DPRK program for {actor.value}"))
    for actor, est in s.start.estimates.items():
        for site in est.suspicion:
            if site not in sites:
                out.append((("start", "estimates", actor.value, "suspicion", site), f"unknown site '{site}'"))
    for key, variant in s.variants.items():
        for name in variant.parameters:
            if name not in params:
                out.append((("variants", key, "parameters", name), f"unknown parameter '{name}'"))
        for name in variant.meters:
            if name not in METER_BOUNDS:
                out.append((("variants", key, "meters", name), f"unknown meter '{name}'"))
    return out


def _meter_unknown(name: str) -> bool:
    if name.endswith(".self"):
        prefix = name[:-5]
        return not any(m.startswith(prefix + ".") for m in METER_BOUNDS)
    return name not in METER_BOUNDS
