"""What the screens show a newcomer: nothing cut at 125% or in large text on 1280x800, the seat's own
score turn by turn, overlays that go when they are stale, a resolution list that scrolls at once, and a
projector a room can read."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402
from pygame_gui.elements import UIButton, UILabel  # noqa: E402

from game.model.ids import Actor, Phase  # noqa: E402
from test_ui import config_dir, ctrl_enter, make_app, press  # noqa: E402,F401 - the fixture: tmp folders
from test_ui_mouse import drawn_text, solo_game  # noqa: E402


def cut_texts(app) -> list[str]:
    """Texts drawn elided ("…") this frame, and buttons or labels whose text is wider than they are."""
    app.fonts.recording = []
    app.step([], 1 / 60)
    cut = [t for t in app.fonts.recording if t.endswith("\u2026")]
    app.fonts.recording = None
    for el in app.manager.get_sprite_group().sprites():
        if isinstance(el, (UIButton, UILabel)) and el.visible and el.font is not None and el.text:
            if el.font.size(el.text)[0] > el.rect.w - 4:
                cut.append(f"{el.text!r} ({el.font.size(el.text)[0]} px in {el.rect.w})")
    return cut


@pytest.mark.parametrize(
    "settings", [{"ui_scale": 1.25}, {"text_size": "large"}, {"ui_scale": 1.25, "text_size": "large"}]
)
def test_nothing_is_cut_at_125_percent_or_in_large_text_at_1280x800(settings):
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene
    from game.ui.screenshots import advance

    app, game = solo_game(size=(1280, 800), **settings)
    found = {}
    for k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
        press(app, k)
        found[f"play tab {k - pygame.K_0}"] = cut_texts(app)
    press(app, pygame.K_n)
    found["composer"] = cut_texts(app)
    app.top.back()
    app.step([], 1 / 60)
    press(app, pygame.K_p)
    found["projector"] = cut_texts(app)
    press(app, pygame.K_ESCAPE)
    top = advance(app, until=lambda a: a.top.name == "resolution")
    found["resolution"] = cut_texts(app)
    top.done()
    game.quit_to_title()
    app2 = make_app(**settings)
    for scene in (TitleScene, SetupScene, SettingsScene):
        app2.push(scene(app2))
        found[scene.name] = cut_texts(app2)
    cut = {k: v for k, v in found.items() if v}
    assert cut == {}, cut


def test_the_play_screen_shows_the_seats_own_objectives_and_score_turn_by_turn():
    from game.ui.screenshots import advance

    app, game = solo_game(seat=Actor.US, seed=4)
    scenario = game.session.match.scenario
    own = [t.label for t in scenario.objectives[Actor.US]]
    others = {t.label for a, terms in scenario.objectives.items() if a is not Actor.US for t in terms} - set(own)
    shown = []
    for turn in (1, 2, 3):
        advance(app, until=lambda a: a.top is game and game.can_act and game.obs.turn == turn)
        press(app, pygame.K_4)
        text = game.tabs["score"].panel.plain_text()
        assert all(label in text for label in own)
        assert not any(label in text for label in others), "another seat's objectives"
        assert "Score now: " in text
        shown.append(text.split("Score now: ", 1)[1].splitlines()[0])
    rows = game.session.standing(Actor.US)
    assert any(r.value is None for r in rows), "verified denuclearization reads the hidden program"
    assert len(set(shown)) > 1 or all(shown), shown


def test_north_korea_sees_its_whole_score():
    app, game = solo_game(seat=Actor.DPRK)
    press(app, pygame.K_4)
    text = game.tabs["score"].panel.plain_text()
    assert "not known yet" not in text and " to " not in text.split("Score now: ", 1)[1].splitlines()[0]


def test_orders_submitted_is_gone_when_the_next_turn_opens():
    from game.ui.screenshots import advance

    app, game = solo_game(seat=Actor.US)
    advance(app, until=lambda a: a.top is game and game.can_act and game.obs.phase is Phase.ORDERS)
    ctrl_enter(app)
    assert game.message in ("Orders submitted.", "No orders this turn.")
    advance(app, until=lambda a: a.top is game and game.obs.turn == 2)
    app.step([], 1 / 60)
    assert game.message == ""


def test_a_keyboard_tooltip_goes_when_another_key_is_pressed():
    from game.ui.mapview import MapFocus

    app, game = solo_game()
    game.focus.focus_widget(next(w for w in game.widgets if isinstance(w, MapFocus)))
    press(app, pygame.K_RIGHT)
    tip = game.map_focus.keyboard_tooltip()[0].splitlines()[0]
    assert tip in drawn_text(app)
    press(app, pygame.K_g)  # any other key: here the coach
    assert tip not in drawn_text(app)


def test_the_resolution_list_scrolls_at_once_and_says_more_lies_below():
    from game.ui.screenshots import advance

    app, game = solo_game(seat=Actor.US, seed=6)
    res = advance(app, until=lambda a: a.top.name == "resolution")
    app.step([], 1 / 60)
    changes = res.changes
    assert changes.max_scroll > 0, "the turn's changes fit: nothing to test"
    assert "more below" in drawn_text(app)
    press(app, pygame.K_DOWN)  # the focus is on Continue: Down still scrolls the changes
    assert changes.scroll > 0
    press(app, pygame.K_END)
    assert changes.scroll == changes.max_scroll and "more below" not in drawn_text(app)


def test_the_projector_has_large_type_for_a_room_at_1920x1080():
    from game.ui.describe import PHASE_TEXT

    app, game = solo_game(size=(1920, 1080))
    press(app, pygame.K_p)
    proj = app.top
    assert proj.name == "projector" and proj.large
    app.fonts.recording = []
    app.step([], 1 / 60)
    texts = list(app.fonts.recording)
    app.fonts.recording = None
    joined = "\n".join(texts)
    obs = proj.pv
    assert f"Turn {obs.turn} of {obs.turns_total}" in joined and PHASE_TEXT[obs.phase.value] in joined
    assert "US deciding" in joined and "Tension: " in joined and "Sanctions pressure" in joined
    public = [n.text for n in obs.news if n.audience == "public"]
    assert not public or any(t in joined for t in public)
    # the type: the turn line at least 40 px high at 1920x1080, news 24 px (the play screen's: ~19)
    assert app.fonts.font(34, True).get_height() >= 40 and app.fonts.font(20).get_height() >= 24
    press(app, pygame.K_d)
    assert not proj.large and proj.meters is not None


def test_a_long_message_stays_inside_the_map():
    """A toast wraps inside the map: it never covers the tabs on the right."""
    app, game = solo_game(ui_scale=1.25)
    game.flash(
        "China rejected your proposal; Japan accepted your counter-offer; South Korea rejected your "
        "proposal. Details in the Deals tab [3]."
    )
    app.fonts.recording = []
    app.step([], 1 / 60)
    app.fonts.recording = None
    assert game.toast_rect is not None and game.lay.map.contains(game.toast_rect)
