"""DESIGN.md's layers, checked by parsing imports: each layer imports only from the layers above it."""

import ast
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


def test_ai_never_imports_game_state_or_rules_resolution_directly():
    """AI controllers see Observations; they may simulate only through their own determinization."""
    for path in sorted((ROOT / "game" / "ai").rglob("*.py")):
        for module in imports_of(path):
            assert module != "game.model.state" or "determin" in path.name, f"{path.name} imports GameState"


def test_no_ai_function_takes_a_game_state():
    """game/ai may build sampled states from an Observation and return them, but no function there
    accepts a GameState: the real one has no way in."""
    offenders = []
    for path in sorted((ROOT / "game" / "ai").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in node.args.args + node.args.kwonlyargs:
                    if arg.annotation is not None and "GameState" in ast.unparse(arg.annotation):
                        offenders.append(f"{path.name}:{node.lineno} {node.name}({arg.arg})")
    assert not offenders, offenders
