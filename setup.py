"""setuptools' entry beside pyproject.toml (which declares the project): it adds the compiled build of the
rules, views and AI (game/native.py) to what an install builds. A build that fails (no C compiler, no Python
headers) is said and skipped: the game then runs as plain Python. ARMISTICE_NATIVE=0 skips it."""

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

import build_native  # noqa: E402


class BuildPyWithNative(build_py):
    def run(self) -> None:
        super().run()
        if os.environ.get("ARMISTICE_NATIVE", "1") == "0":
            return
        # an editable install runs the game from the sources: its build goes beside them, in game/_native
        target = (ROOT if self.editable_mode else Path(self.build_lib)) / "game" / "_native"
        try:
            print(build_native.build(ROOT, target))
        except (build_native.BuildFailed, OSError) as exc:
            print(f"warning: the compiled build was not made; the game runs as plain Python. {exc}", file=sys.stderr)


setup(cmdclass={"build_py": BuildPyWithNative})
