"""The compiled build (game/native.py) plays the same games as the plain Python game, state hash for state
hash, and is used only when it was compiled from the sources beside it; its manifest is checked as any file
read from outside."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import native

ROOT = Path(__file__).resolve().parents[1]

# a few whole games, random and heuristic, on both scenarios: their state hash after every turn
_PLAY = """
from game import native
from game.ai.runner import make_controllers, step
from game.engine import Match
from game.scenario import find_scenario, load_scenario
print(native.status())
for scenario_id, variant in (("hanoi-2019", None), ("hanoi-2019", "peace_first"), ("tutorial", None)):
    scenario = load_scenario(find_scenario(scenario_id))
    for seed, kind in ((1, "random"), (2, "heuristic"), (3, "heuristic:hard")):
        match = Match(scenario, seed, variant=variant)
        controllers = make_controllers(match, {a: kind for a in scenario.actors})
        while not match.over:
            step(match, controllers)
        print(scenario_id, variant, seed, kind, [record.hash for record in match.turns])
"""


def _played(native_setting: str) -> list[str]:
    env = {**os.environ, "ARMISTICE_NATIVE": native_setting, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _PLAY], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_compiled_build_plays_the_same_games_as_plain_python() -> None:
    if not native.active():
        pytest.skip(f"no compiled build in use here: {native.status()}")
    compiled, plain = _played("1"), _played("0")
    assert compiled[0].startswith("on") and plain[0] == "off (ARMISTICE_NATIVE=0)"
    assert len(compiled) == 10 and compiled[1:] == plain[1:]


def test_the_compiled_build_is_loaded_in_place_of_every_compiled_source() -> None:
    if not native.active():
        pytest.skip(f"no compiled build in use here: {native.status()}")
    import game.ai.heuristic  # noqa: F401
    import game.rules.turn  # noqa: F401
    import game.views.observe  # noqa: F401

    for name in ("game.rules.turn", "game.views.observe", "game.ai.heuristic"):
        file = sys.modules[name].__file__
        assert file is not None and Path(file).is_relative_to(native.BUILD), file


def _install_from(build: Path) -> tuple[str, int]:
    """``native.install`` from ``build``: the status it says, and how many finders it added (restored)."""
    before, status = list(sys.meta_path), native._status
    try:
        native.install(build)
        return native.status(), len(sys.meta_path) - len(before)
    finally:
        sys.meta_path[:] = before
        native._status = status


def _manifest(build: Path, modules: dict[str, str], digest: str | None = None) -> None:
    build.mkdir(parents=True, exist_ok=True)
    manifest = {"digest": native.sources_digest() if digest is None else digest, "modules": modules}
    (build / native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_no_build_a_stale_one_or_the_switch_keeps_plain_python(tmp_path: Path, monkeypatch) -> None:
    assert _install_from(tmp_path / "none") == ("off: no compiled build (python3 tools/build_native.py makes one)", 0)
    _manifest(tmp_path / "stale", {}, digest="0" * 64)
    status, added = _install_from(tmp_path / "stale")
    assert status.startswith("off: the compiled build is older than the sources") and added == 0
    monkeypatch.setenv("ARMISTICE_NATIVE", "0")
    _manifest(tmp_path / "current", {})
    assert _install_from(tmp_path / "current") == ("off (ARMISTICE_NATIVE=0)", 0)


@pytest.mark.parametrize(
    "modules",
    [
        {"game.rules.turn": "../../turn" + native.SUFFIX},  # outside the build
        {"game.rules.turn": "/etc/passwd"},
        {"game.rules.turn": "game/rules/turn.py"},  # not an extension
        {"game.rules.turn": "game/rules/missing" + native.SUFFIX},
        {"game/rules/turn": "game/rules/turn" + native.SUFFIX},  # not a module name
        {"game.rules.turn": 7},
        [],
    ],
)
def test_a_crafted_manifest_is_refused(tmp_path: Path, modules) -> None:
    outside = tmp_path / ("turn" + native.SUFFIX)
    outside.write_bytes(b"")
    _manifest(tmp_path / "a" / "b", modules)
    status, added = _install_from(tmp_path / "a" / "b")
    assert status.startswith("off: the compiled build's manifest") and added == 0, status


@pytest.mark.parametrize("text", ["{not json", "[" * 100_000 + "]" * 100_000], ids=["broken", "nested too deep"])
def test_an_unreadable_manifest_is_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / native.MANIFEST).write_text(text, encoding="utf-8")
    status, added = _install_from(tmp_path)
    assert status.startswith("off: the compiled build's manifest is unreadable") and added == 0


def test_the_digest_covers_every_source_of_the_game_and_nothing_of_the_build(tmp_path: Path) -> None:
    package = tmp_path / "game"
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "turn.py").write_text("x = 1\n")
    (package / "model").mkdir()
    (package / "model" / "construct.py").write_text("w = 0\n")  # compiled: one of native.COMPILED_MODULES
    (package / "model" / "memo.py").write_text("u = 0\n")  # compiled too
    (package / "model" / "taken.py").write_text("t = 0\n")  # and so is this one
    (package / "model" / "state.py").write_text("v = 0\n")  # not compiled
    (package / "engine").mkdir()
    (package / "engine" / "match.py").write_text("m = 0\n")  # compiled, like construct.py
    (package / "engine" / "entries.py").write_text("e = 0\n")  # not compiled
    (package / "ui.py").write_text("y = 2\n")
    first = native.sources_digest(package)
    (package / "_native").mkdir()
    (package / "_native" / "stray.py").write_text("z = 3\n")
    assert native.sources_digest(package) == first
    (package / "ui.py").write_text("y = 3\n")  # a module the build does not compile still counts
    assert native.sources_digest(package) != first
    assert native.compiled_sources(package) == [
        package / "engine" / "match.py",
        package / "model" / "construct.py",
        package / "model" / "memo.py",
        package / "model" / "taken.py",
        package / "rules" / "turn.py",
    ]


def _module_constants_read_in_functions(source: str) -> set[str]:
    """The names a module assigns at its top level without ``Final`` that its functions read (outside
    annotations and ``cast`` types, which compiled code never evaluates)."""
    tree = ast.parse(source)
    plain: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            plain.update(n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if "Final" not in ast.unparse(node.annotation):
                plain.add(node.target.id)
    unevaluated: set[int] = set()
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in ast.walk(tree):
        types: list[ast.expr | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            types = [a.annotation for a in every if a is not None] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            types = [node.annotation]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "cast" and node.args:
            types = [node.args[0]]
        unevaluated.update(id(n) for t in types if t is not None for n in ast.walk(t))
    return {
        n.id
        for function in functions
        for n in ast.walk(function)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in plain and id(n) not in unevaluated
    }


@pytest.mark.parametrize("path", native.compiled_sources(), ids=lambda p: p.relative_to(native.PACKAGE).as_posix())
def test_compiled_code_reads_module_constants_that_are_final(path: Path) -> None:
    """Compiled, a module-level name is read from the module's globals dict at every use (a dict lookup,
    and a float unboxed) unless it is ``Final``, which mypyc reads from a C static or inlines: a constant
    or alias that a function of a compiled module reads is declared ``Final`` (docs/ARCHITECTURE.md)."""
    assert not _module_constants_read_in_functions(path.read_text(encoding="utf-8"))
