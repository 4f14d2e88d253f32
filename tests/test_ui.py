"""The pygame front end, driven with synthetic events under the dummy video and audio drivers."""

from __future__ import annotations

import os
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.model.ids import Actor, Phase  # noqa: E402
from game.ui.layout import Layout, inside, overlaps  # noqa: E402
from game.ui.settings import UI_SCALES, Settings, load_settings_checked, save_settings  # noqa: E402


REPO_SAVES = Path(__file__).resolve().parents[1] / "saves"


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    """Settings and saves go to the test's own folder; the repository's saves/ (a new user's Load
    list) must be left as it was."""
    monkeypatch.setenv("ARMISTICE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ARMISTICE_SAVES_DIR", str(tmp_path / "saves"))
    before = sorted(REPO_SAVES.iterdir()) if REPO_SAVES.is_dir() else []
    yield tmp_path / "config"
    after = sorted(REPO_SAVES.iterdir()) if REPO_SAVES.is_dir() else []
    assert after == before, f"a test wrote into the repository's saves/: {set(after) - set(before)}"


def make_app(size=(1280, 800), **settings):
    from game.ui.app import App

    return App(Settings(width=size[0], height=size[1], **settings), size=size, persist_settings=False, threaded=False)


def key(k: int, mod: int = 0, unicode: str = "") -> list[pygame.event.Event]:
    return [
        pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0),
        pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0),
    ]


def press(app, k: int, mod: int = 0, frames: int = 2) -> None:
    app.step(key(k, mod), 1 / 60)
    for _ in range(frames - 1):
        app.step([], 1 / 60)


def ctrl_enter(app) -> None:
    press(app, pygame.K_RETURN, pygame.KMOD_CTRL)


def type_text(app, text: str) -> None:
    for ch in text:
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)], 1 / 60)


# ----------------------------------------------------------------------------- layout and settings
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1366, 768), (1440, 900), (2560, 1440), (1024, 700)])
@pytest.mark.parametrize("scale", UI_SCALES)
def test_play_layout_never_overlaps(size, scale):
    pygame.init()
    lay = Layout(*size, scale)
    rects = lay.play().rects()
    assert overlaps(rects) == []
    assert inside(rects, lay.screen) == []
    assert all(r.w > 0 and r.h > 0 for r in rects.values())


def test_layout_scales_up_for_1920x1080():
    small, big = Layout(1280, 800), Layout(1920, 1080)
    assert big.scale > small.scale
    assert big.play().map.w > small.play().map.w


def test_settings_are_remembered(config_dir):
    s = Settings(
        width=1600, height=900, fullscreen=False, ui_scale=1.25, text_size="large", palette="colour-blind safe"
    )
    path = save_settings(s)
    assert path.parent == config_dir
    again = load_settings_checked()[0]
    assert (again.width, again.height, again.ui_scale, again.text_size, again.palette) == (
        1600,
        900,
        1.25,
        "large",
        "colour-blind safe",
    )


def test_bad_settings_file_falls_back_to_defaults(config_dir):
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_text('{"width": "wide", "palette": 3}')
    assert load_settings_checked()[0] == Settings()


# ----------------------------------------------------------------------------- a solo game
def test_solo_game_played_through_the_ui_to_the_debrief():
    """One human seat (the US) and four AI seats, driven by key presses only, to the debrief."""
    from game.ui.scenes.title import TitleScene

    app = make_app()
    app.push(TitleScene(app))
    app.step([], 1 / 60)
    press(app, pygame.K_n)
    assert app.top.name == "setup"
    ctrl_enter(app)
    assert app.top.name == "play"
    game = app.top
    assert game.session.humans == [Actor.US]
    proposed = ordered = False
    for _ in range(3000):
        top = app.top
        if top.name == "debrief":
            break
        if top.name == "resolution":
            press(app, pygame.K_RETURN)
        elif top.name == "play" and top.can_act:
            phase = top.obs.phase
            if phase is Phase.PROPOSE:
                if not proposed:
                    press(app, pygame.K_n)  # compose: the first action of North Korea, as offered
                    assert app.top.name == "composer"
                    press(app, pygame.K_a, pygame.KMOD_CTRL)
                    assert app.top.clauses, app.top.error
                    ctrl_enter(app)  # into the outbox
                    assert app.top.name == "play" and len(top.draft().proposals) == 1
                    proposed = True
                ctrl_enter(app)
            elif phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
                for _ in top.obs.awaiting_response:
                    press(app, pygame.K_r)
                ctrl_enter(app)
            else:
                press(app, pygame.K_2)  # the actions tab
                if not ordered:
                    top.focus.focus_widget(top.tabs["actions"].action_list)
                    for i, item in enumerate(top.tabs["actions"].action_list.items):
                        if item.enabled:
                            top.tabs["actions"].action_list.select(i)
                            press(app, pygame.K_SPACE)
                            break
                    ordered = bool(top.draft().orders)
                ctrl_enter(app)
        else:
            app.step([], 1 / 60)
    else:
        pytest.fail(f"the game did not reach the debrief (stuck on {app.top.name})")
    session = game.session
    assert session.match.over
    assert proposed and ordered
    us_entries = [e for e in session.match.log if e.actor is Actor.US]
    assert any(e.proposals for e in us_entries)
    assert any(e.orders for e in us_entries)
    assert len(session.reports) == len(session.match.turns)
    debrief = app.top
    for k in (pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_1):
        press(app, k)
        assert debrief.tab in ("outcome", "meters", "arsenal", "deals", "rationales")
    assert len(debrief.timeline) == len(session.match.turns) + 1
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


# ----------------------------------------------------------------------------- hot-seat privacy
SECRET_NOTE = "zebra-quartz-secret"


def _hot_seat(note: str | None, send: bool = True, **settings):
    """US and DPRK human; the US writes a proposal (with ``note``) or none, then hands off (unless not
    ``send``: the US screen stays up)."""
    from game.scenario import find_scenario, load_scenario
    from game.ui.navigation import start_game
    from game.ui.scenes.title import TitleScene
    from game.ui.session import Seat

    app = make_app(**settings)
    app.push(TitleScene(app))
    scenario = load_scenario(find_scenario("hanoi-2019"))
    seats = {a: Seat(a, a in (Actor.US, Actor.DPRK), "heuristic:normal") for a in scenario.actors}
    game = start_game(app, scenario, 11, None, seats)
    app.step([], 1 / 60)
    assert app.top.name == "handoff" and app.top.target is Actor.US
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and game.viewer is Actor.US
    if note is not None:
        press(app, pygame.K_n)
        comp = app.top
        assert comp.name == "composer"
        comp.set_recipient(Actor.DPRK)
        press(app, pygame.K_a, pygame.KMOD_CTRL)
        comp.note_entry.focus()
        type_text(app, note)
        press(app, pygame.K_ESCAPE)  # leave the note field
        ctrl_enter(app)
        assert game.draft().proposals[0].note == note
    if not send:
        return app, game
    ctrl_enter(app)  # send
    for _ in range(3):
        app.step([], 1 / 60)
    return app, game


def _screen_texts(app) -> str:
    """Everything drawn on screen in one frame: custom-drawn strings and the widgets' texts. Wrapped text
    is drawn a word at a time, so the strings are given one per line and also run together."""
    app.fonts.recording = []
    app.step([], 1 / 60)
    drawn = list(app.fonts.recording)
    app.fonts.recording = None
    for el in app.manager.get_sprite_group().sprites():
        if getattr(el, "visible", 0) and hasattr(el, "text") and isinstance(el.text, str):
            drawn.append(el.text)
    drawn += tooltip_texts(app)
    return "\n".join(drawn) + "\n" + "".join(drawn)


def tooltip_texts(app) -> list[str]:
    """The plain text of every pygame_gui tooltip showing (their text boxes hold markup)."""
    import html
    import re

    return [
        html.unescape(re.sub(r"<[^>]+>", "", el.html_text.replace("<br>", "\n")))
        for el in app.manager.get_sprite_group().sprites()
        if getattr(el, "visible", 0) and isinstance(getattr(el, "html_text", None), str)
    ]


def test_hot_seat_handoff_shows_nothing_secret():
    app, game = _hot_seat(SECRET_NOTE)
    assert app.top.name == "handoff"
    assert app.top.target is Actor.DPRK
    text = _screen_texts(app)
    assert "Pass to North Korea" in text
    session = game.session
    god = session.observe(None)
    secrets = [
        SECRET_NOTE,
        "Political capital",
        "Your program",
        "estimate",
        "suspicion",
        "CABLE",
        "Proposal",
        "Warheads",
    ]
    secrets += [s.name for s in god.program.sites if s.covert]  # a covert site's name
    secrets += [session.match.scenario.action_index[o.action].name for o in god.own_orders]
    for secret in secrets:
        assert secret not in text, f"the hand-off screen shows {secret!r}"
    # revealing North Korea shows its own secrets, and the US note it received, but not the US's
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and game.viewer is Actor.DPRK
    press(app, pygame.K_1)
    dprk_text = _screen_texts(app)
    assert "Your program" in dprk_text
    assert "Your estimate" not in dprk_text


def test_handoff_screen_is_identical_whatever_the_secrets():
    """Two games with the same public state but different private proposals: pixel-identical hand-offs."""
    app_a, _ = _hot_seat(SECRET_NOTE)
    shot_a = pygame.image.tobytes(app_a.screen, "RGB")
    app_b, _ = _hot_seat(None)
    shot_b = pygame.image.tobytes(app_b.screen, "RGB")
    assert app_a.top.name == app_b.top.name == "handoff"
    assert shot_a == shot_b


def test_projector_view_holds_only_public_information():
    from game.engine import Match
    from game.scenario import find_scenario, load_scenario
    from game.ui.public import PublicSite, PublicView, public_view_of

    scenario = load_scenario(find_scenario("hanoi-2019"))
    match = Match(scenario, 5)
    pv = public_view_of(match)
    assert isinstance(pv.public, PublicView)  # built by game.views.public, not by the UI
    covert = {s.id for s in match.state.program.sites if s.covert}
    assert covert and not covert & {s.id for s in pv.sites}
    assert all(type(s) is PublicSite for s in pv.sites)  # no suspicion field at all
    assert pv.estimates == {} and pv.capital == {} and pv.program is None and pv.proposals == ()
    assert all(n.audience == "public" for n in pv.news)


def test_every_screen_draws_at_1920x1080():
    """Title, setup, settings and the play screen with each tab, at the projector size."""
    from game.scenario import find_scenario, load_scenario
    from game.ui.navigation import start_game
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene
    from game.ui.session import Seat

    app = make_app((1920, 1080))
    app.push(TitleScene(app))
    app.step([], 1 / 60)
    app.push(SetupScene(app))
    app.step([], 1 / 60)
    app.push(SettingsScene(app))
    app.step([], 1 / 60)
    app.pop()
    scenario = load_scenario(find_scenario("hanoi-2019"))
    game = start_game(app, scenario, 3, None, {a: Seat(a, a is Actor.ROK, "random") for a in scenario.actors})
    for k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_p, pygame.K_ESCAPE, pygame.K_F1, pygame.K_ESCAPE):
        press(app, k)
    assert app.top is game and game.viewer is Actor.ROK
    lay = game.lay
    assert overlaps({k: v for k, v in lay.rects().items()}) == []


def test_autosave_continue_load_and_branch(tmp_path):
    """Autosaves after each turn and on quitting; Continue resumes; the load screen branches."""
    from game.ui.app import App
    from game.ui.screenshots import advance
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    saves = tmp_path / "saves"
    app = App(Settings(), persist_settings=False, threaded=False, saves_dir=saves)
    app.push(TitleScene(app))
    setup = SetupScene(app)
    app.push(setup)
    setup.start()
    game = app.top
    advance(app, until=lambda a: len(game.session.match.turns) >= 2 and a.top.name == "play")
    assert len(list(saves.glob("autosave-*.json"))) == 2
    turn = game.session.match.state.turn
    log_len = len(game.session.match.log)
    game.quit_to_title()
    for _ in range(3):  # the title scans the saves folder once it is up
        app.step([], 1 / 60)
    assert app.top.name == "title" and app.top.scanned and app.top.latest is not None
    press(app, pygame.K_c)
    resumed = app.top
    assert resumed.name == "play" and resumed.session is not game.session
    assert resumed.session.match.state.turn == turn and len(resumed.session.match.log) == log_len
    resumed.menu()
    app.step([], 1 / 60)
    press(app, pygame.K_s)  # "Save game" in the menu
    assert list(saves.glob("save-*.json"))
    resumed.quit_to_title()
    app.step([], 1 / 60)
    press(app, pygame.K_l)
    load = app.top
    assert load.name == "load" and all(i.ok for i in load.saves)
    load.set_turn(2)
    press(app, pygame.K_b)
    branched = app.top
    assert branched.name == "play", load.error
    assert branched.session.match.state.turn == 2
    assert branched.session.info.branched_from is not None


def test_map_draws_every_site_status_with_its_own_shape_and_a_detection_pulse():
    from game.model.observation import SiteView
    from game.ui.mapview import MapView

    app = make_app()
    sites = [
        SiteView(
            id=f"s{i}",
            name=f"Site {i}",
            kind="reactor",
            lat=39.0 + i * 0.4,
            lon=125.5 + i * 0.5,
            public_status=status,
            verified=status is not None,
            declared=False,
            suspicion=0.5,
        )
        for i, status in enumerate(["active", "frozen", "dismantled", "restarted", None])
    ]
    view = MapView(app.ctx, pygame.Rect(300, 60, 560, 520))
    view.draw(app.screen, sites, Actor.US, flash={"s0": 0.5})
    marker = next(r for r, t in view._markers if t.startswith("Site 0"))  # (it steps aside from Pyongyang)
    tip = view.tooltip_at(marker.center)
    assert tip and "Site 0" in tip and "just exposed" in tip
    capital = next(r for r, t in view._markers if t.startswith("Pyongyang"))
    assert not capital.colliderect(marker.inflate(-4, -4)), "a site marker covers the capital's"
    # markers of sites at the same place fan out, each keeps its own tooltip
    twins = [sites[0], sites[0].model_copy(update={"id": "twin", "name": "Twin"})]
    view.draw(app.screen, twins, Actor.US)
    site_markers = [(r, t) for r, t in view._markers if t.startswith(("Site 0", "Twin"))]
    assert len(site_markers) == 2
    (ra, ta), (rb, tb) = site_markers
    assert ra.center != rb.center and view.tooltip_at(ra.center) == ta and view.tooltip_at(rb.center) == tb


def test_keyboard_reaches_meter_explanations_and_map_markers():
    from game.scenario import find_scenario, load_scenario
    from game.ui.scenes.panels import MeterPanel
    from game.ui.mapview import MapFocus
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    app = make_app()
    scenario = load_scenario(find_scenario("hanoi-2019"))
    game = start_game(app, scenario, 2, None, {a: Seat(a, a is Actor.JPN, "random") for a in scenario.actors})
    app.step([], 1 / 60)
    game.focus.focus_widget(next(w for w in game.widgets if isinstance(w, MeterPanel)))
    press(app, pygame.K_DOWN)
    text = _screen_texts(app)
    assert "Military and political tension" in text  # the tension meter's explanation, shown by key
    game.focus.focus_widget(next(w for w in game.widgets if isinstance(w, MapFocus)))
    press(app, pygame.K_RIGHT)
    tip, _ = game.map_focus.keyboard_tooltip()
    assert tip.splitlines()[0] in _screen_texts(app)


def test_continue_skips_a_finished_game(tmp_path):
    """The newest save of a game that has ended is its end: Continue does not reopen its last turn."""
    import time as _time

    from game.engine import Match
    from game.persist import Autosaver, GameInfo, open_scenario
    from game.ai.runner import make_controllers, step
    from game.ui.saves import Saves

    scenario, ref = open_scenario("tests/data/mini.yaml")
    match = Match(scenario, 4)
    saver = Autosaver(tmp_path, GameInfo(scenario=ref, seats={a: "random" for a in scenario.actors}))
    brains = make_controllers(match, {a: "random" for a in scenario.actors})
    seen = 0
    while not match.over and step(match, brains):
        if len(match.turns) > seen:
            seen = len(match.turns)
            saver.after_turn(match)
            _time.sleep(0.01)
    saves = Saves(tmp_path)
    assert any(i.over for i in saves.list()) and any(not i.over for i in saves.list())
    assert saves.latest() is None


def test_tutorial_coach_says_what_to_do_in_each_phase_and_hides_with_g():
    from game.scenario import find_scenario, load_scenario
    from game.ui.coach import lessons
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    scenario = load_scenario(find_scenario("tutorial"))
    app = make_app()
    game = start_game(app, scenario, 4, None, {a: Seat(a, a is Actor.US, "heuristic:normal") for a in scenario.actors})
    app.step([], 1 / 60)
    assert "step 1 of 3: diplomacy" in game.coach_text() and "New proposal [N]" in game.coach_text()
    assert scenario.description.split(".")[0] in game.news.plain_text()  # the briefing opens the news
    press(app, pygame.K_g)
    assert game.coach_text() == ""
    press(app, pygame.K_g)
    ctrl_enter(app)  # send no proposals
    for _ in range(5):
        app.step([], 1 / 60)
    text = game.coach_text()
    if game.obs.phase is Phase.RESPOND:
        assert "step 2 of 3" in text and "Accept [A]" in text
        for _ in game.obs.awaiting_response:
            press(app, pygame.K_r)
        assert "send your answers" in game.coach_text()
        ctrl_enter(app)
        for _ in range(5):
            app.step([], 1 / 60)
        text = game.coach_text()
    assert game.obs.phase is Phase.ORDERS
    assert "step 3 of 3: secret orders" in text and f"of {game.capital()} political capital left" in text
    lesson = lessons(scenario, 1)[0].removeprefix("Tutorial: ")
    assert lesson[:1].upper() + lesson[1:] in text  # the scenario's own lesson for the turn


def test_coach_is_off_by_default_outside_the_tutorial():
    from game.scenario import find_scenario, load_scenario
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    scenario = load_scenario(find_scenario("hanoi-2019"))
    app = make_app()
    game = start_game(app, scenario, 4, None, {a: Seat(a, a is Actor.ROK, "random") for a in scenario.actors})
    app.step([], 1 / 60)
    assert game.coach_text() == ""
    press(app, pygame.K_g)
    assert "step 1 of 3: diplomacy" in game.coach_text()


def test_a_click_arriving_with_its_mouse_move_in_one_frame_counts():
    """xdotool, touch screens and fast hands deliver motion, press and release in the same frame."""
    from pygame_gui.elements import UIButton

    from game.scenario import find_scenario, load_scenario
    from game.ui.navigation import start_game
    from game.ui.scenes.title import TitleScene
    from game.ui.session import Seat

    def click_events(pos):
        return [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1),
        ]

    app = make_app()
    app.push(TitleScene(app))
    app.step([], 1 / 60)
    settings = next(
        b for b in app.manager.get_sprite_group().sprites() if isinstance(b, UIButton) and b.text.startswith("Settings")
    )
    app.step(click_events(settings.rect.center), 1 / 60)
    app.step([], 1 / 60)
    assert app.top.name == "settings"
    # a row of a custom-drawn list: the actions list in the orders phase
    scenario = load_scenario(find_scenario("hanoi-2019"))
    app = make_app()
    game = start_game(app, scenario, 4, None, {a: Seat(a, a is Actor.US, "random") for a in scenario.actors})
    app.step([], 1 / 60)
    ctrl_enter(app)
    for _ in range(5):
        app.step([], 1 / 60)
    while game.obs.phase is not Phase.ORDERS:
        for _ in game.obs.awaiting_response:
            press(app, pygame.K_r)
        ctrl_enter(app)
        app.step([], 1 / 60)
    press(app, pygame.K_2)
    body = game.tabs["actions"].action_list.body
    row = pygame.Rect(body.x, body.y, body.w - 10, game.tabs["actions"].action_list.row_h)  # the first row
    app.step(click_events(row.center), 1 / 60)
    assert game.draft().orders == [game.tabs["actions"].action_list.items[0].key]


def test_tutorial_from_the_title_is_one_key_away():
    from game.ui.scenes.title import TitleScene

    app = make_app()
    app.push(TitleScene(app))
    app.step([], 1 / 60)
    press(app, pygame.K_t)
    game = app.top
    assert game.name == "play" and game.session.match.scenario.id == "tutorial"
    assert game.session.humans == [Actor.US] and game.coach_text()


def test_debrief_explains_the_human_score_term_by_term():
    from game.ai.runner import make_controllers, step
    from game.scenario import find_scenario, load_scenario
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    scenario = load_scenario(find_scenario("tutorial"))
    app = make_app()
    game = start_game(app, scenario, 5, None, {a: Seat(a, a is Actor.DPRK, "random") for a in scenario.actors})
    m = game.session.match
    brains = make_controllers(m, {a: "random" for a in Actor})
    while not m.over:
        step(m, brains)
    debrief = DebriefScene(app, game.session)
    app.replace(debrief)
    app.step([], 1 / 60)
    text = "\n".join(w.plain_text() for w in debrief.widgets if hasattr(w, "plain_text"))
    assert f"How North Korea scored {m.scores()[Actor.DPRK]:.1f}" in text
    rows = debrief.terms[Actor.DPRK]
    total = sum(w for _, w, _ in rows)
    assert abs(100 * sum(w * v for _, w, v in rows) / total - m.scores()[Actor.DPRK]) < 0.01
    for label, _, _ in rows:
        assert label in text


def play_then_quit(app, turns: int) -> None:
    """From the title: a new game as set up by default, ``turns`` turns of default moves, back to the
    title (which scans the saves folder again)."""
    from game.ui.screenshots import advance
    from game.ui.scenes.setup import SetupScene

    setup = SetupScene(app)
    app.push(setup)
    setup.start()
    game = app.top
    advance(app, until=lambda a: len(game.session.match.turns) >= turns and a.top.name == "play")
    game.quit_to_title()
    for _ in range(3):
        app.step([], 1 / 60)


def test_continue_lights_up_after_quitting_a_game_to_the_title(tmp_path):
    """The title scanned an empty saves folder at start; back from a game it must scan again, not reuse
    that first answer."""
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    app = App(Settings(), persist_settings=False, threaded=False, saves_dir=tmp_path / "saves")
    title = TitleScene(app)
    app.push(title)
    for _ in range(3):
        app.step([], 1 / 60)
    assert title.scanned and title.latest is None  # nothing saved yet
    play_then_quit(app, turns=1)
    assert app.top is title and title.scanned and title.latest is not None
    press(app, pygame.K_c)
    assert app.top.name == "play"


def test_resolution_says_how_much_of_a_move_the_viewer_cannot_explain():
    """The meters are public, their causes not always: a secret cause shows as an unexplained
    remainder, never as the secret itself, and a meter moved only in secret is still listed."""
    from game.model.log import MeterChange
    from game.ui.scenes.resolution import ChangesPanel
    from game.ui.session import TurnReport

    app = make_app()
    changes = (
        MeterChange("evasion_cyber", -4.0, "assessment:evasion", "stolen funds traced and frozen"),
        MeterChange("evasion_cyber", 8.0, "DPRK:cyber_theft", "North Korea: Cyber theft", (Actor.DPRK,)),
        MeterChange("evasion_sts", 6.0, "DPRK:ship_to_ship", "North Korea: Ship-to-ship", (Actor.DPRK,)),
    )
    report = TurnReport(
        turn=1,
        date="Mar 2019",
        news=(),
        changes=changes,
        ended=False,
        before={"evasion_cyber": 20.0, "evasion_sts": 25.0, "tension": 35.0},
        after={"evasion_cyber": 24.0, "evasion_sts": 31.0, "tension": 35.0},
    )
    rows = {
        name: why for name, _b, _a, why in ChangesPanel(app.ctx, pygame.Rect(0, 0, 600, 600), report, Actor.US).rows
    }
    assert set(rows) == {"evasion_cyber", "evasion_sts"}  # tension did not move
    assert [(t.text, t.label) for t in rows["evasion_cyber"].terms] == [
        ("+8", "causes not known to you"),
        ("\u22124", "stolen funds traced and frozen"),
    ]
    assert [(t.text, t.label) for t in rows["evasion_sts"].terms] == [("+6", "causes not known to you")]
    own = {
        name: why for name, _b, _a, why in ChangesPanel(app.ctx, pygame.Rect(0, 0, 600, 600), report, Actor.DPRK).rows
    }
    assert all(t.label != "causes not known to you" for why in own.values() for t in why.terms)  # its own deeds
