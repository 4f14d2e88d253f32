"""UI speed: frames per second on the play screen at 1280x800, time to the first frame, memory.

    SDL_VIDEODRIVER=dummy python bench/ui.py [--frames 600] [--size 1280x800]

Drives a hot-seat-free solo game (the US human, four heuristic AI seats) on the hanoi-2019 scenario,
with the mouse moving over the map and the meters (so tooltips and hover work are in the measure),
and prints per-window fps, then the last lines ``fps_median=F`` and ``first_frame_s=F``.
Floors (issue 3): 60 fps, first frame within 1.5 s, resident memory within 300 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--size", default="1280x800")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))

    import tempfile

    os.environ.setdefault("ARMISTICE_CONFIG_DIR", tempfile.mkdtemp(prefix="armistice-bench-"))
    import pygame

    from game.ui.app import App
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    app = App(Settings(width=w, height=h), size=(w, h), persist_settings=False, threaded=False)
    app.push(TitleScene(app))
    app.step([], 1 / 60)
    pygame.display.flip()
    first_frame = time.perf_counter() - T0

    from game.model.ids import Actor
    from game.scenario import find_scenario, load_scenario
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    scenario = load_scenario(find_scenario("hanoi-2019"))
    game = start_game(app, scenario, 1, None, {a: Seat(a, a is Actor.US, "heuristic:normal") for a in scenario.actors})
    t = time.perf_counter()
    app.step([], 1 / 60)
    pygame.display.flip()
    first_play = time.perf_counter() - t
    for _ in range(30):  # settle: the AI seats' first proposals arrive
        app.step([], 1 / 60)
    lay = game.lay
    path = [
        lay.map.center,
        lay.meters.center,
        (lay.meters.x + 30, lay.meters.y + 60),
        lay.map.topleft,
        lay.panel.center,
        lay.news.center,
    ]
    fps_windows = []
    window = 30
    start = time.perf_counter()
    for i in range(args.frames):
        a = path[(i // 20) % len(path)]
        b = path[(i // 20 + 1) % len(path)]
        f = (i % 20) / 20
        pos = (int(a[0] + (b[0] - a[0]) * f), int(a[1] + (b[1] - a[1]) * f))
        pygame.mouse.set_pos(pos)
        ev = [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
        if i % 150 == 75:  # switch tabs now and then, as a player would
            ev += [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1 + (i // 150) % 3, mod=0, unicode="", scancode=0)]
        app.step(ev, 1 / 60)
        pygame.display.flip()
        if (i + 1) % window == 0:
            now = time.perf_counter()
            fps_windows.append(window / (now - start))
            start = now
    assert app.top is game, app.top.name
    print(f"size={w}x{h} frames={args.frames} scene={app.top.name}")
    print("fps per 30-frame window: " + " ".join(f"{x:.0f}" for x in fps_windows))
    print(f"fps_min={min(fps_windows):.1f}")
    print(f"first_play_frame_s={first_play:.3f}")
    print(f"rss_mb={rss_mb():.1f}")
    print(f"fps_median={statistics.median(fps_windows):.1f}")
    print(f"first_frame_s={first_frame:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
