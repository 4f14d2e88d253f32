"""No text a seat other than North Korea can read gives the DPRK's hidden truth away: every screen,
tab, tooltip, action description, composer page, news line and resolution of seeded games is read as
that seat and checked against the DPRK's covert sites; and the player-facing words hold no raw ids."""

from __future__ import annotations

import os
import re

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.model.ids import Actor, Phase  # noqa: E402
from test_ui import config_dir, press  # noqa: E402,F401 - the fixture keeps saves in tmp_path
from test_ui_mouse import solo_game  # noqa: E402


def gui_texts(app) -> list[str]:
    out = []
    for el in app.manager.get_sprite_group().sprites():
        if getattr(el, "visible", 0):
            for attr in ("text", "tool_tip_text"):
                value = getattr(el, attr, None)
                if isinstance(value, str) and value:
                    out.append(value)
    return out


def drawn(app) -> list[str]:
    app.fonts.recording = []
    app.step([], 1 / 60)
    texts, app.fonts.recording = list(app.fonts.recording), None
    return texts


def widget_texts(scene) -> list[str]:
    """What hovering and selecting would show: every tooltip and every rich text of the scene."""
    out = []
    for w in scene.widgets:
        for attr in ("_row_rects", "_tips", "_markers"):
            out += [tip for _, tip in getattr(w, attr, ())]
        out += [it.tooltip or "" for it in getattr(w, "items", ())]
        if hasattr(w, "plain_text"):
            out.append(w.plain_text())
    mapview = getattr(scene, "mapview", None)
    if mapview is not None:
        out += [tip for _, tip in mapview._markers]
    return out


def play_screen_texts(app, game) -> list[str]:
    texts = []
    for k in (pygame.K_1, pygame.K_2, pygame.K_3):
        press(app, k)
        texts += drawn(app) + gui_texts(app) + widget_texts(game)
        if game.tab == "actions" and game.viewer is not None:
            for item in game.tabs["actions"].action_list.items:
                game.tabs["actions"].show_action(item.key)
                texts.append(game.tabs["actions"].action_detail.plain_text())
    return texts


def composer_texts(app, game) -> list[str]:
    """Every action of both sides of a proposal to each other country, explained in the composer."""
    from game.ui.scenes.composer import ComposerScene

    texts = []
    comp = ComposerScene(app, game)
    app.push(comp)
    for other in comp.others:
        comp.set_recipient(other)
        for side in (comp.me, other):
            comp.set_side(side)
            for item in comp.action_list.items:
                comp.set_action(item.key)
                texts.append(comp.about.plain_text())
            texts += drawn(app) + gui_texts(app) + widget_texts(comp)
    comp.back()
    return texts


def covert_aliases(state) -> dict[str, list[str]]:
    """Ways prose can name each covert site besides its map label: its id in words ("hidden hall") and
    its name without its kind ("Undisclosed hall")."""
    out = {}
    for site in state.program.sites:
        if site.covert:
            kind_free = " ".join(w for w in site.name.split() if w.lower() != site.kind.lower())
            out[site.name] = sorted({site.id.replace("_", " "), kind_free} - {site.name})
    return out


def check(texts, aliases, viewer, known_sites) -> None:
    for text in texts:
        low = text.lower()
        for name, others in aliases.items():
            for alias in others:
                assert alias.lower() not in low, f"{viewer.value} reads a secret ({alias!r}): {text!r}"
            if name not in known_sites:
                assert name.lower() not in low, f"{viewer.value} reads the covert site's name: {text!r}"
        raw = re.findall(r"\bT\d+-[A-Z]{2,4}-\d+(?:-C)?\b", text)
        assert not raw, f"a raw proposal id in {text!r}"


@pytest.mark.parametrize(
    "scenario_id,viewer,seed", [("tutorial", Actor.US, 3), ("hanoi-2019", Actor.PRC, 8), ("hanoi-2019", Actor.ROK, 2)]
)
def test_no_text_another_seat_reads_holds_the_dprks_secrets(scenario_id, viewer, seed):
    from game.ui.screenshots import advance

    app, game = solo_game(scenario_id, seat=viewer, seed=seed)
    aliases = covert_aliases(game.session.match.state)
    assert aliases, "the scenario has no covert site to keep secret"
    turns = {}
    while not game.session.match.over and len(turns) < 3:
        top = advance(
            app,
            until=lambda a: (
                a.top.name == "resolution"
                or (a.top is game and game.can_act and (game.obs.turn, game.obs.phase) not in turns)
            ),
        )
        if top.name == "debrief":
            break
        if top.name == "resolution":
            texts = drawn(app) + widget_texts(top)
            top.done()
        else:
            turns[(game.obs.turn, game.obs.phase)] = True
            texts = play_screen_texts(app, game)
            if game.obs.phase is Phase.PROPOSE:
                texts += composer_texts(app, game)
        known = {s.name for s in game.session.observe(viewer).sites}
        check(texts, aliases, viewer, known)
    assert len(turns) >= 3


def test_player_facing_words_hold_no_raw_ids_and_read_right():
    from game.engine import Match
    from game.rules.legality import taken_key, unavailable_because
    from game.scenario import find_scenario, load_scenario
    from game.ui.describe import action_preview, category_text, meter_label, short_meter_label

    scenario = load_scenario(find_scenario("hanoi-2019"))
    state = Match(scenario, 1).state
    for spec in scenario.actions:
        for actor in spec.actors:
            for line in action_preview(spec, Actor(actor), state.parameters):
                assert not re.search(r"\b[a-z]+_[a-z_]+\b", line), line  # "sets us_liaison_office", "sma_signed"
        assert "_" not in category_text(spec.category)
    for name in state.meters:
        assert not re.search(r"\b(JPN|PRC)\b", meter_label(name)), meter_label(name)
        assert meter_label(name).split()[-1] == short_meter_label(name).split()[-1] or name.count(".") == 0
    # a cooldown that outlasts the game says so
    spec = next(s for s in scenario.actions if s.cooldown)
    actor = Actor(spec.actors[0])
    last_taken = dict(state.last_taken)
    last_taken[taken_key(actor, spec.id)] = scenario.turns
    late = state.model_copy(update={"turn": scenario.turns, "last_taken": last_taken})
    assert unavailable_because(late, actor, spec, scenario.turns) == "is cooling down for the rest of the game"
