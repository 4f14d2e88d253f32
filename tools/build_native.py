"""Builds the game's compiled build (see game/native.py): the rules, views and AI compiled by mypyc into
``game/_native/``, with a manifest naming the digest of the sources they were compiled from. ``setup.py``
runs it at install; run it by hand after editing the game (until then the game runs as plain Python):

    python3 tools/build_native.py

It compiles a copy of the sources in a temporary folder, so nothing is written beside them, and replaces
the build only once the new one is whole. It needs mypy (with mypyc), setuptools, a C compiler and the
Python headers; ``pip install -e .`` brings the first two into its build environment.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]

# Run in the copy: mypyc compiles the listed files (with the project's mypy configuration, its pydantic
# plugin included) and setuptools builds the extensions in place, one C file per module, in parallel.
_COMPILE = """
import os, sys
from mypyc.build import mypycify
from setuptools import setup
files = sys.argv[1:]
setup(
    name="armistice-native",
    packages=[],
    ext_modules=mypycify(["--config-file=mypy-config.toml", *files], opt_level="3", multi_file=True),
    script_args=["build_ext", "--inplace", "--parallel", str(os.cpu_count() or 1)],
)
"""


class BuildFailed(RuntimeError):
    pass


def _native_module(package: Path) -> ModuleType:
    """game/native.py loaded on its own (importing ``game`` would install the build being replaced)."""
    spec = importlib.util.spec_from_file_location("_armistice_native", package / "native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(root: Path = ROOT, target: Path | None = None) -> str:
    """Compile the sources under ``root`` into ``target`` (``root/game/_native``); return what was built.
    Raises ``BuildFailed`` with the compiler's last lines if mypyc or the C compiler fails."""
    package = root / "game"
    target = target or package / "_native"
    native = _native_module(package)
    digest = native.sources_digest(package)
    sources = [path.relative_to(root).as_posix() for path in native.compiled_sources(package)]
    with tempfile.TemporaryDirectory(prefix="armistice-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(package, work / "game", ignore=shutil.ignore_patterns("_native", "__pycache__", "*.so"))
        shutil.copy(root / "pyproject.toml", work / "mypy-config.toml")  # its [tool.mypy]; not a project here
        done = subprocess.run(
            [sys.executable, "-c", _COMPILE, *sources], cwd=work, capture_output=True, text=True, check=False
        )
        if done.returncode:
            tail = (done.stdout + done.stderr).strip().splitlines()[-12:]
            raise BuildFailed("mypyc failed:\n" + "\n".join(tail))
        suffix = native.SUFFIX
        modules = {source[: -len(".py")].replace("/", "."): source[: -len(".py")] + suffix for source in sources}
        shared = sorted(path.name for path in work.glob(f"*__mypyc{suffix}"))
        if len(shared) != 1:
            raise BuildFailed(f"mypyc left {len(shared)} shared libraries, not one: {shared}")
        modules[shared[0][: -len(suffix)]] = shared[0]
        staging = target.with_name(target.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        for relative in modules.values():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / relative, staging / relative)
    manifest = {"digest": digest, "modules": modules}
    (staging / native.MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return f"compiled {len(sources)} modules into {target}"


def main() -> None:
    try:
        print(build())
    except BuildFailed as exc:
        raise SystemExit(str(exc)) from None


if __name__ == "__main__":
    main()
