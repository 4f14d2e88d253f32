"""The models' fast constructors (``model.construct.built``, behind ``Frozen.trusted`` and ``from_fields``)
check only that they are given as many fields as the model has: comparing the names at every build cost
about 2.5% of an engine turn. The names are held here instead, where the game's code builds models: every
dict display (or keyword call) handed to one of them names fields of its model, and, unless it spreads
another mapping in, every one of them."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from pydantic import BaseModel

from game.model.construct import built
from game.model.state import GameState

GAME = Path(__file__).resolve().parents[1] / "game"


def _builds() -> list[tuple[str, int, str, list[str], bool]]:
    """(module, line, model class name, literal field names, whether other mappings are spread in) of every
    ``built(Model, {...})``, ``Model.from_fields({...})`` and ``Model.trusted(...)`` in the game's code, the
    two methods also through a module-level alias (``_entry = LogEntry.from_fields``)."""
    found = []
    for path in sorted(GAME.rglob("*.py")):
        if "_native" in path.parts:
            continue
        module = ".".join(path.relative_to(GAME.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}  # name -> (model, method)
        for stmt in tree.body:
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else None
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                target = stmt.targets[0]
            value = getattr(stmt, "value", None)
            if isinstance(target, ast.Name) and isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
                if value.attr in ("from_fields", "trusted"):
                    aliases[target.id] = (value.value.id, value.attr)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func, how = node.func, None
            if isinstance(func, ast.Name) and func.id == "built" and len(node.args) == 2:
                if isinstance(node.args[0], ast.Name):
                    how, model, fields = "built", node.args[0].id, node.args[1]
            elif isinstance(func, ast.Name) and func.id in aliases:
                (model, how), fields = aliases[func.id], node.args[0] if node.args else None
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if func.attr in ("from_fields", "trusted"):
                    how, model, fields = func.attr, func.value.id, node.args[0] if node.args else None
            if how == "trusted":
                names = [k.arg for k in node.keywords if k.arg is not None]
                found.append((module, node.lineno, model, names, any(k.arg is None for k in node.keywords)))
            elif how is not None and isinstance(fields, ast.Dict):
                names = [k.value for k in fields.keys if isinstance(k, ast.Constant)]
                found.append((module, node.lineno, model, names, None in fields.keys))
    return found


BUILDS = _builds()


def test_the_game_builds_models_with_literal_fields_in_many_places() -> None:
    assert len(BUILDS) >= 12  # the scan finds them (a scan that found none would hold nothing)


@pytest.mark.parametrize(("module", "line", "model", "names", "spread"), BUILDS, ids=[f"{b[0]}:{b[1]}" for b in BUILDS])
def test_every_literal_build_names_the_fields_of_its_model(
    module: str, line: int, model: str, names: list[str], spread: bool
) -> None:
    cls = getattr(importlib.import_module(module), model)
    assert isinstance(cls, type) and issubclass(cls, BaseModel)
    fields = set(cls.model_fields)
    assert len(names) == len(set(names)), "a field named twice"
    assert set(names) <= fields, f"not fields of {model}: {sorted(set(names) - fields)}"
    if not spread:
        assert set(names) == fields, f"{model} fields left out: {sorted(fields - set(names))}"


def test_a_build_with_too_few_or_too_many_fields_is_refused_with_their_names() -> None:
    every = dict.fromkeys(GameState.model_fields)  # only the names matter here
    with pytest.raises(TypeError, match=r"fields differ from the model's: \['turn'\]"):
        built(GameState, {k: v for k, v in every.items() if k != "turn"})
    with pytest.raises(TypeError, match=r"\['stray'\]"):
        built(GameState, {**every, "stray": 1})
