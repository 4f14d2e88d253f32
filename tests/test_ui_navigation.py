"""The ways between screens live in one pygame-free module; scenes never import one another."""

from __future__ import annotations

import ast
import os
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from game.model.ids import Actor  # noqa: E402

SCENES = Path(__file__).resolve().parents[1] / "game" / "ui" / "scenes"
SHARED = {"base", "panels", "tabs", "cell", "console_tabs"}  # what scenes build on; not screens


def test_no_scene_imports_another_and_navigation_is_pygame_free():
    for path in SCENES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                assert node.module in SHARED, f"{path.name} imports the scene {node.module}"
    for module in ("navigation", "hotseat", "explain", "dealcheck", "whitecell"):
        tree = ast.parse((SCENES.parent / f"{module}.py").read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any("pygame" in (m or "") for m in modules | names), module


def test_next_step_and_the_hot_seat():
    from game.engine import Match
    from game.scenario import find_scenario, load_scenario
    from game.ui.hotseat import HotSeat
    from game.ui.navigation import SCENES as NAMED, next_step
    from game.ui.session import Seat, Session

    assert all((SCENES / f"{spec.split(':')[0]}.py").exists() for spec in NAMED.values())
    scenario = load_scenario(find_scenario("hanoi-2019"))
    seats = {a: Seat(a, a in (Actor.US, Actor.DPRK), "random") for a in scenario.actors}
    session = Session(Match(scenario, 3), seats, threaded=False)
    session.pump()
    hot = HotSeat(session)
    assert next_step(session, hot).screen == "handoff" and hot.viewer() is None
    hot.reveal(Actor.US)
    assert next_step(session, hot) is None and hot.viewer() is Actor.US
    assert session.submit(Actor.US, "propose", []) is None
    assert next_step(session, hot).screen == "handoff" and hot.viewer() is None  # the US has sent: hide
    solo = Session(Match(scenario, 3), {a: Seat(a, a is Actor.ROK, "random") for a in scenario.actors}, threaded=False)
    assert HotSeat(solo).viewer() is Actor.ROK and next_step(solo, HotSeat(solo)) is None
