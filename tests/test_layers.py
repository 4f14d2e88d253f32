"""DESIGN.md's layers, checked by parsing imports: each layer imports only from the layers above it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["boundary", "model", "scenario", "rules", "views", "engine", "ai", "persist", "report", "lab", "ui"]
GUI = ("pygame", "pygame_gui")


def imports_of(path: Path) -> set[str]:
    """Absolute module names imported by a file (relative imports resolved)."""
    tree = ast.parse(path.read_text(), str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "game" and len(parts) > 1 and parts[1] in ORDER:
        return parts[1]
    return None


def test_each_layer_imports_only_from_layers_above():
    problems = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        own = layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if own is None:
            continue
        for module in imports_of(path):
            other = layer_of(module)
            if other is not None and ORDER.index(other) > ORDER.index(own):
                problems.append(f"{path.relative_to(ROOT)} ({own}) imports {module} ({other})")
    assert not problems, "\n".join(problems)


def test_only_ui_imports_pygame():
    offenders = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        if "ui" in path.relative_to(ROOT / "game").parts[:1]:
            continue
        if any(m.split(".")[0] in GUI for m in imports_of(path)):
            offenders.append(str(path.relative_to(ROOT)))
    for path in [ROOT / "main.py"]:
        top_level = [n for n in ast.parse(path.read_text()).body if isinstance(n, (ast.Import, ast.ImportFrom))]
        if any(isinstance(n, ast.Import) and any(a.name.split(".")[0] in GUI for a in n.names) for n in top_level):
            offenders.append("main.py")
    assert not offenders, offenders


def test_ai_never_imports_or_names_game_state():
    """AI controllers see Observations; they simulate only on worlds the rules assemble from one
    (``rules.worlds``), so no module of game/ai imports the state's model or names GameState."""
    for path in sorted((ROOT / "game" / "ai").rglob("*.py")):
        assert "game.model.state" not in imports_of(path), f"{path.name} imports GameState"
        assert "GameState" not in path.read_text(), f"{path.name} names GameState"


STATE_TYPES = re.compile(r"\b(GameState|World)\b")  # the state, or a sampled world (rules.worlds.World)


def test_no_ai_function_takes_a_game_state():
    """game/ai may have the rules build sampled worlds from an Observation and play them forward, but no
    function there is declared to take the game's state: the real one has no way in."""
    offenders = []
    for path in sorted((ROOT / "game" / "ai").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in node.args.args + node.args.kwonlyargs:
                    if arg.annotation is not None and STATE_TYPES.search(ast.unparse(arg.annotation)):
                        offenders.append(f"{path.name}:{node.lineno} {node.name}({arg.arg})")
    assert not offenders, offenders
