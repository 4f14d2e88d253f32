"""Master scenario events lists (MSELs): the injects a white cell runs, from a file of their own.

A MSEL is the scenario's own ``msel:`` list, or a YAML or CSV file the facilitator loads (README, "The
white cell"), read through ``game.boundary`` and checked twice: each inject by the schema
(``model.scenario.InjectSpec``), then the list against the scenario it is played with
(``loader.inject_problems``: ids, turns, seats, events, every effect by its kind's check). Problems are
one line each, ``file:line: field: problem``, raised as a ``ScenarioError``.

YAML::

    scenario: hanoi-2019        # optional: the scenario it was written for
    msel:
      - {id: defector, title: A defector's account, turn: 3, news: "...", audience: [US, ROK]}

CSV: a header row, then one inject a row; columns ``id, title, turn, phase, news, audience, event,
effects`` (an empty ``turn`` holds the inject for release by hand; ``audience`` is ``public`` or seats
separated by spaces; ``effects`` is a YAML list in flow style, ``[{kind: meter, meter: tension, delta: 5}]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..boundary import InputError, load_csv, load_yaml, read_text, shown
from ..model.ids import Name
from ..model.scenario import InjectSpec, Scenario
from .loader import MAX_PROBLEMS, ScenarioError, inject_problems, problem_line, schema_message, trim_loc

MAX_MSEL_BYTES = 1024 * 1024  # a MSEL of a hundred injects is ~30 KB
CSV_COLUMNS = ("id", "title", "turn", "phase", "news", "audience", "event", "effects")


class MselFile(BaseModel):
    """The schema of a MSEL in a YAML file of its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    scenario: Name | None = None  # the scenario it was written for
    msel: list[InjectSpec]


@dataclass(frozen=True)
class Msel:
    """A MSEL as read from its file: its injects, each with the line it starts on."""

    path: str
    injects: tuple[InjectSpec, ...]
    lines: tuple[int, ...]  # the line each inject starts on
    scenario: str | None = None  # the scenario the file says it was written for
    root: Any = None  # a YAML file's node tree (a problem is then placed on the line of its field)


def is_msel_file(path: str | Path) -> bool:
    """A CSV file, or a YAML file whose top level holds ``msel`` and nothing of a scenario but it."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return True
    try:
        data, _ = load_yaml(read_text(path, limit=MAX_MSEL_BYTES))
    except InputError:
        return False
    return isinstance(data, dict) and "msel" in data and set(data) <= set(MselFile.model_fields)


def read_msel(path: str | Path) -> Msel:
    """A MSEL file, each inject checked by the schema (not yet against a scenario: ``check_msel``)."""
    name = str(path)
    try:
        text = read_text(path, limit=MAX_MSEL_BYTES)
        if Path(path).suffix.lower() == ".csv":
            header, rows = load_csv(text)
            unknown = [column for column in header if column not in CSV_COLUMNS]
            if unknown:
                raise InputError(f"unknown column {shown(unknown[0])} (the columns are {', '.join(CSV_COLUMNS)})", 1)
            return Msel(name, _csv_injects(name, rows), tuple(line for line, _ in rows))
        data, root = load_yaml(text)
    except InputError as exc:
        raise ScenarioError([f"{name}:{exc.line or 1}: msel: {exc.reason}"]) from None
    if not isinstance(data, dict) or "msel" not in data or root is None:
        raise ScenarioError([f"{name}:1: msel: not a MSEL file (expected a mapping with a 'msel:' list of injects)"])
    try:
        parsed = MselFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        raise ScenarioError(
            [problem_line(name, root, trim_loc(err["loc"]), schema_message(err)) for err in errors[:MAX_PROBLEMS]],
            len(errors),
        ) from None
    injects = next(value for key, value in root.value if key.value == "msel")
    return Msel(
        name, tuple(parsed.msel), tuple(node.start_mark.line + 1 for node in injects.value), parsed.scenario, root
    )


def check_msel(msel: Msel, scenario: Scenario) -> tuple[InjectSpec, ...]:
    """The MSEL's injects, once they fit ``scenario``; ScenarioError (one line a problem, at the line of
    its inject) otherwise."""
    problems = []
    if msel.scenario is not None and msel.scenario != scenario.id:
        problems.append(f"{msel.path}:1: scenario: written for '{msel.scenario}', not '{scenario.id}'")
    for loc, text in inject_problems(scenario, msel.injects, ("msel",)):
        if msel.root is not None:
            problems.append(problem_line(msel.path, msel.root, loc, text))
        else:  # a CSV row: its line, and the field within it
            problems.append(f"{msel.path}:{msel.lines[loc[1]]}: {'.'.join(map(str, loc[2:])) or 'inject'}: {text}")
    if problems:
        raise ScenarioError(problems)
    return msel.injects


def load_msel(path: str | Path, scenario: Scenario) -> tuple[InjectSpec, ...]:
    """``read_msel`` then ``check_msel``: the injects of a MSEL file, ready for a ``ControlSetup``."""
    return check_msel(read_msel(path), scenario)


def _csv_injects(name: str, rows: list[tuple[int, dict[str, str]]]) -> tuple[InjectSpec, ...]:
    problems: list[str] = []
    injects = []
    for line, row in rows:
        try:
            injects.append(InjectSpec.model_validate(_csv_fields(row)))
        except InputError as exc:
            problems.append(f"{name}:{line}: {exc.reason}")
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in trim_loc(err["loc"])) or "inject"
                problems.append(f"{name}:{line}: {where}: {' '.join(err['msg'].split())}")
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ScenarioError(problems)
    return tuple(injects)


def _csv_fields(row: dict[str, str]) -> dict[str, object]:
    """One CSV row as an inject's fields: numbers, seats and the effects' YAML read from their text."""
    fields: dict[str, object] = dict(row)
    if "turn" in row:
        if not row["turn"].isdigit() or len(row["turn"]) > 3:
            raise InputError(f"turn: {shown(row['turn'])} is not a turn number (leave it empty to hold the inject)")
        fields["turn"] = int(row["turn"])
    if "audience" in row and row["audience"] != "public":
        fields["audience"] = row["audience"].replace(",", " ").split()
    if "effects" in row:
        try:
            fields["effects"], _ = load_yaml(row["effects"])
        except InputError as exc:
            raise InputError(f"effects: {exc.reason}") from None
    return fields
