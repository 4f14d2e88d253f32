"""Deals that do not trap: the composer's warnings and refusals, what the panel shows after countering,
the reasons of AI rejections, and hot-seat screens that start afresh."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402

from game.model.deals import Clause  # noqa: E402
from game.model.ids import Actor, Phase  # noqa: E402
from test_ui import _hot_seat, config_dir, ctrl_enter, press  # noqa: E402,F401 - the fixture: tmp folders
from test_ui_mouse import click, solo_game  # noqa: E402


def composer(app, game):
    press(app, pygame.K_n)
    comp = app.top
    assert comp.name == "composer"
    return comp


def test_after_verification_waiting_on_national_means_is_warned_of():
    app, game = solo_game(seat=Actor.US)
    comp = composer(app, game)
    comp.set_recipient(Actor.DPRK)
    comp.set_side(Actor.DPRK)
    comp.set(ver="national_means")
    comp.add_clause()  # the DPRK's first action, up front, by national means
    comp.set_side(Actor.US)
    comp.set(seq="after_verification")
    comp.add_clause()
    assert len(comp.clauses) == 2
    text = comp.about.plain_text()
    assert "wait until every up-front clause is kept and verified" in text and "by national means, 40% a turn" in text


def test_a_pledge_the_seat_cannot_pay_for_is_refused():
    app, game = solo_game(seat=Actor.US)
    comp = composer(app, game)
    capital = game.capital()
    specs = sorted((a for a in game.tabs["actions"].action_specs() if a.counts_as is None), key=lambda a: -a.cost)
    comp.set_side(Actor.US)
    spent = 0
    for spec in specs:
        comp.action = spec.id
        comp.add_clause()
        if spent + spec.cost > capital:
            assert spec.id not in [c.action for c in comp.clauses]
            assert f"costs {spent + spec.cost} political capital and you have {capital}" in comp.error
            break
        spent += spec.cost
    else:
        raise AssertionError("no package of US actions costs more than its capital")


def test_the_next_clause_starts_with_fresh_settings():
    app, game = solo_game(seat=Actor.US)
    comp = composer(app, game)
    comp.set(seq="after_verification", ver="none", snap=True, duration=8, mode="refrain")
    comp.add_clause()
    assert comp.clauses[0].verification == "none" and comp.clauses[0].mode == "refrain"
    assert (comp.mode, comp.seq, comp.duration, comp.ver, comp.snap) == ("do", "upfront", 4, "national_means", False)


def test_the_counter_offer_button_shows_its_whole_label_at_every_scale():
    for settings in ({}, {"ui_scale": 1.25}, {"text_size": "large"}, {"ui_scale": 1.25, "text_size": "large"}):
        app, game = hot_seat_answering(settings)
        press(app, pygame.K_c)
        comp = app.top
        assert comp.name == "composer" and comp.counter_to is not None
        from test_ui_mouse import gui_button

        button = gui_button(app, "Use as counter-offer")
        assert button.font.size(button.text)[0] <= button.rect.w - 8, settings


def hot_seat_answering(settings=None):
    """Hot-seat US and DPRK; the US has proposed to the DPRK, whose screen is showing in its answer phase."""
    app, game = _hot_seat("a note", **(settings or {}))
    from game.ui.screenshots import advance

    advance(
        app,
        until=lambda a: (
            a.top.name == "play"
            and game.viewer is Actor.DPRK
            and game.can_act
            and game.obs.phase is Phase.RESPOND
            and game.obs.awaiting_response
        ),
    )
    return app, game


def test_after_countering_the_panel_shows_your_counter_offer():
    app, game = hot_seat_answering()
    pid = game.tabs["deals"].selected_incoming()
    press(app, pygame.K_c)
    comp = app.top
    comp.clauses = [
        Clause(
            actor=Actor.US,
            action=next(a.id for a in game.session.match.scenario.actions_by_actor[Actor.US] if a.counts_as is None),
        )
    ]
    ctrl_enter(app)
    assert app.top is game
    assert game.draft().answers[pid].answer == "counter"
    text = game.tabs["deals"].deal_detail.plain_text()
    from game.ui.describe import actor_name

    proposer = next(p.proposer for p in game.obs.proposals if p.id == pid)
    assert text.startswith(f"Your counter-offer to {actor_name(proposer)}")
    assert "A counter to" not in text


def test_an_ai_rejection_comes_with_the_reason_the_proposer_may_know():
    """The US asks North Korea to hand over warheads and offers nothing: its heuristic turns it down,
    and the US reads why, without North Korea's private valuation."""
    app, game = solo_game(seat=Actor.US, seed=5)
    comp = composer(app, game)
    comp.set_recipient(Actor.DPRK)
    comp.set_side(Actor.DPRK)
    comp.action = "surrender_warheads"
    comp.add_clause()
    ctrl_enter(app)
    ctrl_enter(app)  # send
    for _ in range(10):
        app.step([], 1 / 60)
        if game.obs.phase is not Phase.PROPOSE:
            break
    mine = next(p for p in game.obs.proposals if p.proposer is Actor.US)
    assert game.obs.responses.get(mine.id) == "reject"
    press(app, pygame.K_3)
    text = game.tabs["deals"].deal_detail.plain_text()
    assert "Their reason: " in text, text
    reason = text.split("Their reason: ", 1)[1].splitlines()[0].strip('"')
    assert "worth" not in reason or "not worth enough" in reason
    assert not any(ch.isdigit() for ch in reason.replace("turn ", "")), reason


def test_hot_seat_resets_list_selection_and_scroll_for_the_next_player():
    """The row the US chose in its actions list must not be where North Korea's list opens."""
    app, game = _hot_seat(None, send=False)
    press(app, pygame.K_2)
    lst = game.tabs["actions"].action_list
    lst.select(len(lst.items) - 1)
    assert lst.scroll > 0
    press(app, pygame.K_3)
    ctrl_enter(app)  # send no proposals: the hand-off to North Korea
    for _ in range(3):
        app.step([], 1 / 60)
    assert app.top.name == "handoff"
    press(app, pygame.K_RETURN)
    assert app.top is game and game.viewer is Actor.DPRK
    press(app, pygame.K_2)
    assert game.tabs["actions"].action_list.selected == 0 and game.tabs["actions"].action_list.scroll == 0
    assert game.meter_panel.cursor is None and game.meter_panel.scroll == 0


def test_a_click_on_a_half_shown_row_does_not_scroll_the_list():
    app, game = solo_game(seat=Actor.US)
    from game.ui.screenshots import advance

    advance(app, until=lambda a: a.top is game and game.can_act and game.obs.phase is Phase.ORDERS)
    press(app, pygame.K_2)
    lst = game.tabs["actions"].action_list
    body = lst.body
    lst.scroll = lst.row_h // 2  # the first row half hidden, the last visible one cut at the bottom
    y = body.bottom - 3
    i = lst.index_at((body.x + 20, y))
    click(app, (body.x + 20, y))
    assert lst.scroll == lst.row_h // 2
    assert lst.selected == i
