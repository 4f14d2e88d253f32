import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from game.scenario import find_scenario, load_scenario  # noqa: E402

MINI = ROOT / "tests" / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def mini():
    return load_scenario(MINI)


@pytest.fixture(scope="session")
def hanoi():
    return load_scenario(find_scenario("hanoi-2019"))
