import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from game.scenario import find_scenario, load_scenario  # noqa: E402

# The property tests draw the same examples on every run unless asked otherwise, so a landing never
# depends on which examples one run happened to draw; `HYPOTHESIS_PROFILE=explore python3 -m pytest`
# draws new ones (do that by hand, with `--hypothesis-seed=N` to reproduce a find). Neither profile
# keeps an example database, so the tests write nothing into the checkout.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

MINI = ROOT / "tests" / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def mini():
    return load_scenario(MINI)


@pytest.fixture(scope="session")
def hanoi():
    return load_scenario(find_scenario("hanoi-2019"))
