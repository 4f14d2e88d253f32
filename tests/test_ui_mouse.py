"""The whole game by mouse: hover explanations, clicks on rows and buttons, driven through App.step with
real mouse events under the dummy video driver."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402

from game.model.ids import Actor  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


from test_ui import config_dir, make_app, tooltip_texts  # noqa: E402,F401 - the fixture keeps settings and saves in tmp_path


def move(app, pos, rest: float = 0.5) -> None:
    """The pointer moves to ``pos`` and rests there for ``rest`` seconds of frames."""
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))], 1 / 60)
    for _ in range(int(rest * 60)):
        app.step([], 1 / 60)


def click(app, pos, button: int = 1, frames: int = 2) -> None:
    app.step(
        [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
        ],
        1 / 60,
    )
    for _ in range(frames - 1):
        app.step([], 1 / 60)


def drawn_text(app) -> str:
    """What shows after one more frame: the strings drawn and the tooltips up."""
    app.fonts.recording = []
    app.step([], 1 / 60)
    app.step([], 1 / 60)  # a tooltip asked for in one frame's overlay is drawn in the next
    drawn = list(app.fonts.recording) + tooltip_texts(app)
    app.fonts.recording = None
    return "\n".join(drawn) + "\n" + "".join(drawn)


def gui_button(app, starts: str):
    from pygame_gui.elements import UIButton

    return next(
        b
        for b in app.manager.get_sprite_group().sprites()
        if isinstance(b, UIButton) and b.visible and b.text.startswith(starts)
    )


def solo_game(scenario_id="hanoi-2019", seat=Actor.US, seed=2, size=(1280, 800), **settings):
    from game.scenario import find_scenario, load_scenario
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    app = make_app(size, **settings)
    scenario = load_scenario(find_scenario(scenario_id))
    game = start_game(app, scenario, seed, None, {a: Seat(a, a is seat, "heuristic:normal") for a in scenario.actors})
    app.step([], 1 / 60)
    return app, game


def test_hovering_a_meter_or_a_map_marker_explains_it():
    from game.ui.describe import meter_label

    app, game = solo_game()
    rect, tip = game.meter_panel._row_rects[0]
    move(app, rect.center)
    assert tip.splitlines()[0] in drawn_text(app)
    assert meter_label("tension") in tip
    marker, marker_tip = next((r, t) for r, t in game.mapview._markers if t.startswith("Yongbyon"))
    move(app, marker.center)
    assert marker_tip.splitlines()[0] in drawn_text(app)
    move(app, (marker.centerx + 3, marker.centery), rest=0.1)  # a moving pointer shows nothing yet
    assert marker_tip.splitlines()[0] not in drawn_text(app)


def test_without_a_display_the_game_says_so_and_exits():
    """No DISPLAY: SDL would run on its offscreen driver, showing nothing, until killed."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    done = subprocess.run(
        [sys.executable, str(root / "main.py")], env=env, capture_output=True, text=True, timeout=60, cwd=root
    )
    assert done.returncode == 2
    assert "no display" in done.stderr and "Traceback" not in done.stderr


def test_setup_remembers_the_seats_and_options_of_the_last_game(config_dir):
    from game.ui.app import App
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import load_settings_checked

    app = App(Settings(), persist_settings=True, threaded=False)
    app.push(TitleScene(app))
    setup = SetupScene(app)
    app.push(setup)
    setup.set_seat(Actor.DPRK, human=True)
    setup.set_seat(Actor.PRC, kind="random")
    setup.set_seat(Actor.JPN, personality=setup.personality_names[Actor.JPN][-1], difficulty="hard")
    setup.set_facilitator(True)
    variant = next(iter(setup.scenario.variants))
    setup.set_variant(variant)
    setup.pin_entry.set_text("2468")  # a facilitated game needs the white cell's PIN (never remembered)
    setup.start()
    assert app.top.name == "play"
    app.top.quit_to_title()
    assert '"2468"' not in (config_dir / "settings.json").read_text()
    again = App(load_settings_checked()[0], persist_settings=False, threaded=False)  # a new run, from the file
    again.push(TitleScene(again))
    setup = SetupScene(again)
    assert setup.seats[Actor.DPRK].human and setup.seats[Actor.US].human
    assert setup.seats[Actor.PRC].kind == "random"
    assert (setup.seats[Actor.JPN].personality, setup.seats[Actor.JPN].difficulty) == (
        setup.personality_names[Actor.JPN][-1],
        "hard",
    )
    assert setup.facilitator and setup.variant == variant


def test_a_damaged_remembered_setup_is_ignored_field_by_field(config_dir):
    from game.ui.settings import load_settings_checked

    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_text(
        '{"width": 1440, "height": 900, "last_setup": {"scenario": 7, "seats": {"US": {"human": "yes", '
        '"kind": "search"}, "XX": 3}}}'
    )
    st = load_settings_checked()[0]
    assert (st.width, st.height) == (1440, 900)
    assert st.last_setup == {"seats": {"US": {"kind": "search"}}}  # no variant remembered: none invented


def test_window_sizes_offered_fit_the_screen():
    from game.ui.settings import window_sizes

    assert max(window_sizes((1280, 800), (1280, 800))) == (1280, 800)
    assert (1920, 1080) not in window_sizes((1366, 768), (1366, 768))
    assert window_sizes(None, (1000, 700))[-1] == (2560, 1440)


def test_the_load_screen_branches_by_mouse(tmp_path):
    """One click selects a save (it used to load it at once); At turn and Branch are then clicked."""
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene
    from test_ui import play_then_quit

    app = App(Settings(), persist_settings=False, threaded=False, saves_dir=tmp_path / "saves")
    app.push(TitleScene(app))
    play_then_quit(app, turns=3)
    click(app, gui_button(app, "Load game").rect.center)
    load = app.top
    assert load.name == "load"
    row = load.listbox.body
    click(app, (row.centerx, row.y + load.listbox.row_h // 2))
    assert app.top is load, "one click loaded the save"
    cycler = gui_button(app, "At turn")
    first = load.branch_turn
    click(app, cycler.rect.center)
    assert load.branch_turn != first
    chosen = load.branch_turn
    click(app, gui_button(app, "Branch").rect.center)
    assert app.top.name == "play", load.error
    assert app.top.session.match.state.turn == chosen and app.top.session.info.branched_from is not None


def test_a_double_click_on_a_save_loads_it(tmp_path):
    from game.ui.app import App
    from game.ui.scenes.load import LoadScene
    from game.ui.navigation import start_game
    from game.scenario import find_scenario, load_scenario
    from game.ui.session import Seat

    app = App(Settings(), persist_settings=False, threaded=False, saves_dir=tmp_path / "saves")
    scenario = load_scenario(find_scenario("tutorial"))
    game = start_game(app, scenario, 3, None, {a: Seat(a, a is Actor.US, "random") for a in scenario.actors})
    app.saves.save(game.session)
    game.quit_to_title()
    app.push(LoadScene(app))
    app.step([], 1 / 60)
    body = app.top.listbox.body
    pos = (body.centerx, body.y + app.top.listbox.row_h // 2)
    click(app, pos, frames=1)
    click(app, pos)
    assert app.top.name == "play"
