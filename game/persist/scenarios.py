"""Which scenario file a game was played on, and finding it again (unchanged) when a save is loaded.

A save names its scenario by id, content hash and the path it was loaded from. Loading accepts the
scenario only if the file's text hashes to the same value: a game replayed on changed rules is a
different game, and would not reproduce its own turn hashes.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..boundary import printable, text_problem
from ..model.ids import Name, Text
from ..model.scenario import Scenario
from ..scenario import ScenarioError, find_scenario, parse_scenario
from ..scenario.loader import content_hash, read_scenario_text
from ..scenario.registry import SCENARIO_DIR, scenario_header
from .errors import SaveError

_CACHE_SIZE = 4
_cache: OrderedDict[str, Scenario] = OrderedDict()  # content hash -> parsed scenario (immutable)


class ScenarioRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: Name  # it becomes part of save file names
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")  # sha256 of the file's text
    # Where it was loaded from, as given: a hint for finding it again, read (capped) only to compare its
    # hash, and a scenario file's name like every path find_scenario accepts.
    path: Annotated[Text, Field(pattern=r"\.ya?ml$", max_length=4096)] | None = None
    title: Text = ""


def open_scenario(name: str | Path) -> tuple[Scenario, ScenarioRef]:
    """Load a scenario (id, file stem or path) and the reference a save records for it.
    The text is read once, so the hash is the hash of exactly what was parsed.
    Raises FileNotFoundError or ScenarioError like ``game.scenario``."""
    path = find_scenario(str(name))
    problem = text_problem(str(path))
    if problem:  # the path is recorded in saves, whose text is held to the rule of all text from outside
        raise ScenarioError([f"{printable(str(path))}: the file name {problem.removeprefix('text ')}: rename it"])
    text = read_scenario_text(path)
    digest = content_hash(text)
    scenario = _parse_cached(text, digest, str(path))
    return scenario, ScenarioRef(id=scenario.id, hash=digest, path=str(path), title=scenario.title)


def _parse_cached(text: str, digest: str, name: str) -> Scenario:
    scenario = _cache.get(digest)
    if scenario is None:
        scenario = parse_scenario(text, name)
        _cache[digest] = scenario
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(digest)
    return scenario


def _bundled_candidates(ref: ScenarioRef):
    """Bundled scenario files that may be the one: first any with the very same text (whatever its name),
    then any whose top-level ``id:`` line names the save's scenario (to report that it changed)."""
    files = sorted(SCENARIO_DIR.glob("*.yaml"))
    texts = {}
    for path in files:
        try:
            texts[path] = read_scenario_text(path)
        except ScenarioError:
            continue
        if content_hash(texts[path]) == ref.hash:
            yield path
    for path, text in texts.items():
        header = scenario_header(text)
        if header is not None and header[0] == ref.id:
            yield path


def resolve_scenario(ref: ScenarioRef, override: str | Path | None = None) -> Scenario:
    """The scenario a save was played on, checked by content hash.

    Looks at ``override`` (when given, only there), else the recorded path, else the bundled scenario
    with the recorded id. Raises SaveError with a one-line reason when none is found or the one found
    has changed since the game was saved."""

    def candidates():
        if override is not None:
            yield Path(override)
            return
        if ref.path:
            yield Path(ref.path)
        yield from _bundled_candidates(ref)

    changed: Path | None = None
    seen: set[Path] = set()
    for path in candidates():
        key = path.resolve() if path.exists() else path
        if key in seen or not path.is_file():
            continue
        seen.add(key)
        try:
            text = read_scenario_text(path)
        except ScenarioError as exc:
            raise SaveError(f"cannot read scenario: {exc.problems[0]}") from None
        digest = content_hash(text)
        if digest != ref.hash:
            changed = changed or path
            continue
        try:
            return _parse_cached(text, digest, str(path))
        except ScenarioError as exc:
            raise SaveError(f"scenario {path} no longer loads: {exc.problems[0]}") from None
    if changed is not None:  # the file's own hash is not shown: the save may point at any file
        raise SaveError(
            f"scenario '{ref.id}' has changed since this game was saved ({changed} is not the text "
            "the save was played on); give the original file with --scenario"
        )
    where = (
        f" at {override}"
        if override is not None
        else (f" at {ref.path} or among the bundled scenarios" if ref.path else " among the bundled scenarios")
    )
    raise SaveError(f"scenario '{ref.id}' not found{where}; give its file with --scenario")
