"""The compiled build: the rules, views and AI (pure, typed code) compiled by mypyc into C extensions, used
only when they were compiled from exactly the sources beside them.

The build plays the same games, bit for bit (tests/test_native.py), with fewer instructions a turn
(bench/instructions.py). It lives in ``game/_native/``, made at install (``setup.py``) or by
``python3 tools/build_native.py`` after an edit, never beside the sources: an extension there would be
imported in place of a source edited since. ``install`` (run by ``game/__init__.py``, before any other
module of the game is imported) compares the build's manifest with a digest of the game's sources now;
only if they agree does it put a finder first on ``sys.meta_path`` that loads the compiled modules.
Otherwise, or with ``ARMISTICE_NATIVE=0`` in the environment, every module is the plain Python one.
``status()`` says which, and why.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import re
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
BUILD = PACKAGE / "_native"
MANIFEST = "manifest.json"
# compiled: every module of these packages but their __init__ (a package itself stays plain Python)
COMPILED_PACKAGES = ("rules", "views", "ai")
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]  # the interpreter's own: ".cpython-311-x86_64-linux-gnu.so"
_MODULE_NAME = re.compile(r"^\w+(\.\w+)*$", re.ASCII)  # mypyc names its shared library with a leading digit

_status = "not installed"


# and these modules of the other packages
COMPILED_MODULES = ("model/construct.py", "model/memo.py", "model/taken.py", "engine/match.py")


def compiled_sources(package: Path = PACKAGE) -> list[Path]:
    """The source files the build compiles, in a stable order."""
    packages = [path for name in COMPILED_PACKAGES for path in (package / name).glob("*.py")]
    return sorted([path for path in packages if path.name != "__init__.py"] + [package / m for m in COMPILED_MODULES])


def sources_digest(package: Path = PACKAGE) -> str:
    """A digest of every Python source of the game (not only the compiled ones: mypyc compiles in what it
    knows of the modules they import) and of the interpreter's extension suffix (its version and ABI)."""
    digest = hashlib.sha256(SUFFIX.encode())
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.startswith("_native/"):
            continue
        digest.update(b"\0" + relative.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules of the build (and the one library they share) before Python's own
    finders would find their sources."""

    def __init__(self, files: dict[str, Path]):
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def _read_manifest(build: Path) -> dict[str, Path] | str:
    """The build's modules and their files, or why it cannot be used. The manifest is checked as any file
    read from outside: its module names must be names, its files plain files inside the build."""
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "no compiled build (python3 tools/build_native.py makes one)"
    except (OSError, ValueError, RecursionError) as exc:  # (RecursionError: nesting too deep to decode)
        return f"the compiled build's manifest is unreadable ({type(exc).__name__}: {exc})"
    if not isinstance(manifest, dict) or not isinstance(manifest.get("modules"), dict):
        return "the compiled build's manifest is malformed"
    if manifest.get("digest") != sources_digest():
        return "the compiled build is older than the sources (python3 tools/build_native.py rebuilds it)"
    files: dict[str, Path] = {}
    root = build.resolve()
    for name, relative in manifest["modules"].items():
        if not (isinstance(name, str) and _MODULE_NAME.match(name) and isinstance(relative, str)):
            return "the compiled build's manifest is malformed"
        file = (root / relative).resolve()
        if not (file.is_relative_to(root) and file.name.endswith(SUFFIX) and file.is_file()):
            return f"the compiled build's manifest names a file it does not hold: {relative!r}"
        files[name] = file
    return files


def install(build: Path = BUILD) -> None:
    """Load the compiled modules from now on, if the build is current and wanted (see the module's doc)."""
    global _status
    if os.environ.get("ARMISTICE_NATIVE", "1") == "0":
        _status = "off (ARMISTICE_NATIVE=0)"
        return
    found = _read_manifest(build)
    if isinstance(found, str):
        _status = f"off: {found}"
        return
    sys.meta_path.insert(0, _CompiledFinder(found))
    _status = f"on ({sum(1 for name in found if name.startswith('game.'))} compiled modules)"


def status() -> str:
    """Whether the compiled build is in use, and if not, why: benchmarks print it beside their figures."""
    return _status


def active() -> bool:
    """Whether the compiled modules are being loaded: the build's finder is on ``sys.meta_path``."""
    return any(isinstance(finder, _CompiledFinder) for finder in sys.meta_path)
