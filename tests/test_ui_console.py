"""The white cell in the front end, driven through ``App.step`` with synthetic events under the dummy
video driver: the setup of a facilitated game, the PIN before the console, the console's acts (an
inject released, an order overruled, the orders accepted, a question answered), the players' memos
and questions, the news flash and the phase clock."""

from __future__ import annotations

import os
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.model.ids import ACTOR_SHORT, Actor, Phase  # noqa: E402
from game.model.orders import RespondOrder  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.test_ui import _screen_texts as screen_text  # noqa: E402
from game.ui.whitecell import (
    Facilitation,
    PhaseClock,
    PinGate,
    clock_text,
    control_setup,
    hash_pin,  # noqa: E402
    pin_matches,
    pin_problem,
)

REPO_SAVES = Path(__file__).resolve().parents[1] / "saves"
PIN = "2468"
FRAME = 1 / 60


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Settings and saves in the test's own folder (never the repository's saves/)."""
    monkeypatch.setenv("ARMISTICE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ARMISTICE_SAVES_DIR", str(tmp_path / "saves"))
    before = sorted(REPO_SAVES.iterdir()) if REPO_SAVES.is_dir() else []
    yield
    assert (sorted(REPO_SAVES.iterdir()) if REPO_SAVES.is_dir() else []) == before


@pytest.fixture(scope="module")
def hanoi():
    from game.scenario import find_scenario, load_scenario

    return load_scenario(find_scenario("hanoi-2019"))


def make_app():
    from game.ui.app import App

    return App(Settings(), size=(1280, 800), persist_settings=False, threaded=False)


def key(app, k: int, mod: int = 0, frames: int = 2) -> None:
    app.step(
        [
            pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0),
        ],
        FRAME,
    )
    for _ in range(frames - 1):
        app.step([], FRAME)


def type_text(app, text: str) -> None:
    for ch in text:
        app.step([pygame.event.Event(pygame.TEXTINPUT, text=ch)], FRAME)


def click(app, rect: pygame.Rect) -> None:
    """A left click in the middle of ``rect``, as the mouse makes it."""
    pos = rect.center
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))], FRAME)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)], FRAME)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], FRAME)
    app.step([], FRAME)


def button(app, text: str):
    """The live button of the top scene whose label starts with ``text``."""
    from pygame_gui.elements import UIButton

    found = [
        el
        for el in app.manager.get_sprite_group().sprites()
        if isinstance(el, UIButton) and el.visible and el.text.startswith(text)
    ]
    assert found, f"no button {text!r} on {app.top.name}"
    return found[0]


def msel(scenario):
    from game.model.scenario import InjectSpec

    return (
        InjectSpec(
            id="typhoon",
            title="Typhoon hits the west coast",
            news="A typhoon floods the west coast.",
            turn=1,
            phase=Phase.RESPOND,
        ),
        InjectSpec(id="defector", title="A defector talks", news="A senior defector describes a covert site."),
        InjectSpec(id="leak", title="A leaked cable", news="Your embassy reports unrest.", audience=(Actor.ROK,)),
    )


def facilitated_game(app, scenario, *, minutes: int = 0, stand_ins=None, humans=(Actor.US, Actor.ROK)):
    """A facilitated game started as the setup starts it: two human seats, three random AI seats."""
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    seats = {a: Seat(a, a in humans, "random") for a in scenario.actors}
    ai = {a: "random" for a in scenario.actors if a not in humans}
    setup = Facilitation(hash_pin(PIN), control_setup(msel(scenario), minutes, {**ai, **(stand_ins or {})}))
    return start_game(app, scenario, 3, None, seats, facilitation=setup)


# ----------------------------------------------------------------------------- pygame-free parts
def test_the_pin_is_kept_only_as_a_salted_hash_and_wrong_tries_slow_down():
    one, two = hash_pin(PIN), hash_pin(PIN)
    assert one != two and one.split("$")[0] == "scrypt"  # a fresh salt each time
    assert all(part != PIN for part in one.split("$"))  # the PIN itself is nowhere
    assert pin_matches(one, PIN) and not pin_matches(one, "2469") and not pin_matches("garbage", PIN)
    assert pin_problem("12a4") and pin_problem("123") and pin_problem("1" * 13) and pin_problem("١٢٣٤")
    assert pin_problem(PIN) is None
    gate = PinGate(one)
    assert not any(gate.attempt("0000") for _ in range(PinGate.FREE_TRIES))
    assert gate.locked_for > 0 and not gate.attempt(PIN)  # even the right PIN waits out the lock
    gate.tick(gate.locked_for)
    assert gate.attempt(PIN)


def test_the_phase_clock_counts_wall_time_restarts_per_phase_and_fires_once():
    clock = PhaseClock()
    clock.follow((1, "propose"))
    assert not clock.tick(59.0, 60.0) and clock.remaining(60.0) == pytest.approx(1.0)
    clock.paused = True
    assert not clock.tick(30.0, 60.0)  # paused: time stands still
    clock.paused = False
    assert clock.tick(1.0, 60.0) and not clock.tick(5.0, 60.0)  # once
    clock.follow((1, "respond"))
    assert clock.remaining(60.0) == 60.0 and clock.remaining(None) is None
    assert clock_text(61.2) == "1:02" and clock_text(None) == "" and clock_text(3, True) == "0:03 paused"


# ----------------------------------------------------------------------------- the setup
def test_a_facilitated_game_is_set_up_with_a_pin_a_msel_clocks_and_stand_ins(tmp_path):
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    app = make_app()
    app.push(TitleScene(app))
    setup = SetupScene(app)
    app.push(setup)
    setup.set_seat(Actor.DPRK, human=True)
    click(app, button(app, "Facilitated game").rect)
    assert setup.facilitator
    setup.set_seat(Actor.DPRK, stand_in="heuristic")
    setup.start()  # no PIN yet: refused on the setup screen, nothing lost
    assert app.top is setup and "PIN" in setup.error and setup.seats[Actor.DPRK].stand_in == "heuristic"
    click(app, setup.pin_entry.rect)
    type_text(app, PIN)
    setup.minutes_entry.set_text("3")
    bad = tmp_path / "bad.yaml"
    bad.write_text("msel:\n  - {id: x, title: X, turn: 99, news: late}\n")
    setup.msel_entry.set_text(str(bad))
    setup.start()  # a MSEL that does not fit the scenario: one line on the setup screen
    assert app.top is setup and setup.error.startswith(f"{bad}:2: ") and "turn" in setup.error
    setup.msel_entry.set_text("")
    click(app, button(app, "MSEL").rect)  # the bundled exercise, chosen with the mouse
    assert setup.msel == "hanoi_2019_exercise.yaml"
    setup.start()
    assert app.top.name == "play"
    session = app.top.session
    cs = session.control_state()
    assert len(cs.setup.msel) == 9 and sum(i.held for i in cs.setup.msel) == 4
    assert cs is not None and cs.clocks[Phase.PROPOSE] == 180 and session.clock_limit() == 180
    assert cs.setup.stand_ins[Actor.DPRK].startswith("heuristic") and Actor.US not in cs.setup.stand_ins
    assert set(cs.setup.stand_ins) >= {Actor.ROK, Actor.JPN, Actor.PRC}  # an AI seat stands in for itself
    assert pin_matches(session.whitecell.pin_hash, PIN) and session.info.pin_hash == session.whitecell.pin_hash
    assert PIN not in vars(setup).values() and PIN not in app.settings.last_setup.values()  # forgotten once hashed


# ----------------------------------------------------------------------------- the PIN before the console
def test_the_console_is_not_reachable_without_the_pin(hanoi):
    from game.ui.navigation import start_game
    from game.ui.session import Seat

    app = make_app()
    seats = {a: Seat(a, a in (Actor.US, Actor.ROK), "random") for a in hanoi.actors}
    plain = start_game(app, hanoi, 3, None, seats)  # not facilitated: no console, no god view at all
    app.step([], FRAME)
    assert app.top.name == "handoff"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "menu" and not any("console" in text for text, _, _ in app.top.entries)
    key(app, pygame.K_f)
    assert app.top.name == "menu"
    plain.quit_to_title()

    game = facilitated_game(app, hanoi)
    app.step([], FRAME)
    assert app.top.name == "handoff"
    key(app, pygame.K_ESCAPE)  # the hand-off screen's menu offers the console, behind the PIN
    key(app, pygame.K_f)
    assert app.top.name == "pin"
    type_text(app, "1357")
    key(app, pygame.K_RETURN)
    assert app.top.name == "pin" and "Wrong PIN" in app.top.message
    for _ in range(PinGate.FREE_TRIES):
        type_text(app, "1357")
        key(app, pygame.K_RETURN)
    type_text(app, PIN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "pin"  # locked after repeated wrong PINs, even for the right one
    app.step([], game.session.pin_gate.locked_for + 0.1)
    type_text(app, PIN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "console"
    program = game.session.match.state.program
    assert "The truth" in screen_text(app) and f"Warheads {program.warheads} " in screen_text(app)  # the god view
    key(app, pygame.K_g)  # and the map with every site, covert ones too
    assert app.top.name == "projector" and app.top.god
    assert all(s.name in screen_text(app) for s in program.sites if s.covert)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert app.top.name in ("play", "handoff")


def open_console(app) -> None:
    """From the play or hand-off screen: the game menu, the console's entry, the PIN."""
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_f)
    type_text(app, PIN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "console"


def select_row(app, box, key_of) -> None:
    """Click the row of ``box`` whose item key is ``key_of``, scrolled into view first (as a user would)."""
    i = next(i for i, item in enumerate(box.items) if item.key == key_of)
    box.ensure_visible(i)
    body = box.body
    click(app, pygame.Rect(body.x, body.y + i * box.row_h - box.scroll, body.w, box.row_h))
    assert box.items[box.selected].key == key_of


def reach_orders(app, session) -> None:
    """Both human seats send nothing in diplomacy (the AI seats act as the frames pass)."""
    for _ in range(50):
        if session.snapshot()[2] is Phase.ORDERS:
            return
        for actor in session.pending_humans():
            kind = "propose" if session.snapshot()[2] is Phase.PROPOSE else "respond"
            answers = (
                []
                if kind == "propose"
                else [
                    RespondOrder(actor=actor, proposal_id=p, answer="reject")
                    for p in session.observe(actor).awaiting_response
                ]
            )
            assert session.submit(actor, kind, answers) is None
        app.step([], FRAME)
    raise AssertionError("the orders phase never came")


def test_the_console_releases_injects_overrules_an_order_accepts_the_orders_and_answers_a_question(hanoi):
    from game.model.orders import ActionOrder

    app = make_app()
    game = facilitated_game(app, hanoi)
    session = game.session
    app.step([], FRAME)
    key(app, pygame.K_RETURN)  # the hand-off screen reveals the first human seat
    assert app.top.name == "play" and app.top.viewer is Actor.US
    key(app, pygame.K_m)  # the player's notes: a memo and a question
    notes = app.top
    assert notes.name == "notes"
    click(app, notes.memo_box.rect)
    type_text(app, "We hold out for a full declaration.")
    click(app, button(app, "Save memo").rect)
    click(app, notes.question.rect)
    type_text(app, "Is Yongbyon running?")
    click(app, button(app, "Send question").rect)
    assert "sent" in app.top.message
    click(app, button(app, "Close").rect)
    assert app.top.name == "play"
    cs = session.control_state()
    assert cs.memo(1, Actor.US) == "We hold out for a full declaration."
    assert [(r.actor, r.question) for r in cs.rfis] == [(Actor.US, "Is Yongbyon running?")]

    open_console(app)
    console = app.top
    select_row(app, console.tabs["msel"].box, "defector")  # a held inject, released by hand
    key(app, pygame.K_r)
    assert session.control_state().inject_state("defector").status == "fired"
    select_row(app, console.tabs["msel"].box, "typhoon")  # a scheduled one, skipped
    key(app, pygame.K_k)
    assert session.control_state().inject_state("typhoon").status == "skipped"
    key(app, pygame.K_ESCAPE)  # back on the US screen: the released inject flashes
    assert app.top.name == "play" and app.top.viewer is Actor.US
    app.step([], FRAME)
    flash = app.top.news_flash()
    assert flash.current.text == "A senior defector describes a covert site." and flash.rect is not None
    click(app, flash.rect)  # a click puts it away
    assert flash.current is None
    open_console(app)
    console = app.top
    key(app, pygame.K_3)  # the questions: answer the one asked
    tab = console.tabs["rfis"]
    click(app, tab.answer.rect)
    type_text(app, "Our imagery shows steam at the reactor.")
    click(app, button(app, "Send the answer").rect)
    assert session.control_state().rfis[0].answer == "Our imagery shows steam at the reactor."
    click(app, button(app, "Log").rect)
    log = console.tabs["log"].panel.plain_text()
    assert "defector" in log and "typhoon" in log and "R1" in log

    # the seats' orders, sealed; the white cell overrules one (with a reason) and accepts the rest
    key(app, pygame.K_ESCAPE)
    reach_orders(app, session)
    action = next(o.action for o in session.match.legal_orders(Actor.US) if isinstance(o, ActionOrder))
    for actor in session.pending_humans():
        orders = [ActionOrder(actor=Actor.US, action=action)] if actor is Actor.US else []
        assert session.submit(actor, "order", orders) is None
    for _ in range(20):
        app.step([], FRAME)
    assert session.awaiting_review() and session.snapshot()[3] == 1  # the turn waits for the white cell
    open_console(app)
    console = app.top
    key(app, pygame.K_2)
    tab = console.tabs["orders"]
    select_row(app, tab.box, (Actor.US, action))
    key(app, pygame.K_x)  # no reason yet: refused in the console, nothing entered
    assert "reason" in console.message and (Actor.US, action) in [i.key for i in tab.box.items]
    click(app, tab.reason.rect)
    type_text(app, "The envoy was never sent")
    key(app, pygame.K_RETURN)  # leaves the entry
    key(app, pygame.K_x)
    assert (Actor.US, action) not in [i.key for i in console.tabs["orders"].box.items]
    record = session.control_state().adjudications
    assert [(r.kind, r.reason) for r in record] == [("cancel", "The envoy was never sent")]
    key(app, pygame.K_RETURN, pygame.KMOD_CTRL)  # accept the orders: the turn resolves
    assert session.snapshot()[3] == 2 or session.match.turns_resolved == 1
    key(app, pygame.K_ESCAPE)

    # the players see the released inject flash, and the answer as a cable of their own
    for _ in range(400):
        top = app.top
        if top.name == "resolution":
            key(app, pygame.K_RETURN)
        elif top.name == "handoff" and top.target is Actor.US:
            key(app, pygame.K_RETURN)
        elif top.name == "play" and top.viewer is Actor.US:
            break
        else:
            app.step([], FRAME)
    us = session.observe(Actor.US)
    assert any("steam at the reactor" in n.text and n.audience == (Actor.US,) for n in us.news)
    assert not any("steam at the reactor" in n.text for n in session.observe(Actor.ROK).news)  # US eyes only


def test_the_clock_runs_out_with_the_ai_stand_in_and_without_and_stops_while_paused(hanoi):
    from game.model.control import ClosePhase, ControlEntry

    app = make_app()
    game = facilitated_game(app, hanoi, minutes=1, stand_ins={Actor.US: "random"})  # South Korea: none
    session = game.session
    app.step([], FRAME)
    assert app.top.name == "handoff" and session.clock_limit() == 60
    assert "Time left 1:00" in screen_text(app)  # every seat sees the clock, even on the hand-off screen
    open_console(app)
    key(app, pygame.K_t)  # paused: a logged control act; the wall clock no longer counts
    assert session.clock_paused()
    app.step([], 600.0)
    assert (session.snapshot()[2], session.snapshot()[3]) == (Phase.PROPOSE, 1)
    key(app, pygame.K_t)
    assert not session.clock_paused()
    app.step([], 30.0)
    assert session.clock_remaining() == pytest.approx(30.0, abs=0.5)
    app.step([], 31.0)  # the time runs out: the UI enters the expiry as a control act
    closes = [e for e in session.match.log if isinstance(e, ControlEntry) and isinstance(e.act, ClosePhase)]
    assert len(closes) == 1 and closes[0].act.expired and closes[0].phase is Phase.PROPOSE
    assert [s.actor for s in closes[0].act.stand_ins] == [Actor.US]  # South Korea had no stand-in: nothing
    assert session.snapshot()[2] is not Phase.PROPOSE
    assert session.clock_remaining() == pytest.approx(60.0, abs=0.5)  # the next phase starts its own minute


def test_the_white_cell_and_its_pin_survive_save_load_and_branch(hanoi, tmp_path):
    """A facilitated game keeps its white cell (setup, acts) and the console its PIN after loading or
    branching a save; a game set up without one never gains a console."""
    from game.model.control import ReleaseInject, ResolveTurn
    from game.ui.saves import Saves
    from game.ui.screenshots import advance

    app = make_app()
    game = facilitated_game(app, hanoi)
    assert game.session.control(ReleaseInject(inject="defector")) is None
    advance(app, until=lambda a: game.session.awaiting_review())  # the seats play the turn's defaults
    assert game.session.control(ResolveTurn()) is None  # the white cell accepts the orders
    advance(app, until=lambda a: a.top.name in ("play", "handoff") and not game.session.waiting_for_ui())
    assert len(game.session.match.turns) == 1
    path = app.saves.save(game.session)
    loaded = Saves(tmp_path / "saves").load_session(path, threaded=False)
    assert pin_matches(loaded.whitecell.pin_hash, PIN) and f'"{PIN}"' not in path.read_text()  # a hash, never the PIN
    assert loaded.control_state().inject_state("defector").status == "fired"
    branched = Saves(tmp_path / "saves").load_session(app.saves.branch(path, 1), threaded=False)
    assert pin_matches(branched.whitecell.pin_hash, PIN) and branched.control_state().setup.msel == msel(hanoi)
    game.quit_to_title()


def test_the_debrief_lists_the_white_cells_adjudications_memos_and_questions(hanoi):
    from game.model.control import AnswerRfi, CorrectMeter
    from game.ui.navigation import push

    app = make_app()
    game = facilitated_game(app, hanoi)
    session = game.session
    assert session.control(CorrectMeter(meter="tension", delta=10), "A border clash the model missed") is None
    assert session.note(Actor.US, "memo", "Press for inspections first.") is None
    assert session.note(Actor.ROK, "rfi", "Will Washington consult us?") is None
    assert session.control(AnswerRfi(rfi="R1", text="Yes, before any summit.")) is None
    assert session.note(Actor.US, "rfi", "").startswith("text: ")  # refused in one line, nothing entered
    assert session.note(Actor.JPN, "memo", "An AI seat has no pen") == "JPN is an AI seat"
    debrief = push(app, "debrief", session)
    key(app, pygame.K_6)
    assert debrief.tab == "whitecell"
    text = debrief.widgets[0].plain_text()
    for words in (
        "A border clash the model missed",
        "Press for inspections first.",
        "Will Washington consult us?",
        "Yes, before any summit.",
        "A defector talks: never released",
    ):
        assert words in text


def test_typing_in_the_console_survives_the_game_moving_on(hanoi):
    """The console is made anew when the phase changes; what the white cell was typing, and the keys
    it goes on typing, stay in the entry (never reaching the tab's one-letter shortcuts)."""
    app = make_app()
    game = facilitated_game(app, hanoi)
    app.step([], FRAME)
    open_console(app)
    tab = app.top.tabs["msel"]
    click(app, tab.title_entry.rect)
    type_text(app, "Riot")
    app.top.rebuild()  # as a new phase or a seat's decision does
    type_text(app, " breaks out")  # an "r": Release, were the keys to miss the entry
    assert app.top.tabs["msel"].title_entry.get_text() == "Riot breaks out"
    assert all(st.status != "fired" or st.id == "typhoon" for st in game.session.control_state().injects)


@pytest.fixture(scope="module")
def stockholm_first():
    """Hanoi with its Stockholm talks (a calendar event with a chance roll) moved to turn 1."""
    from game.scenario import find_scenario
    from game.scenario.loader import parse_scenario, read_scenario_text

    text = read_scenario_text(find_scenario("hanoi-2019"))
    moved = text.replace(
        "  - id: stockholm_talks\n    name: Stockholm working-level talks\n    kind: calendar\n    turn: 4\n",
        "  - id: stockholm_talks\n    name: Stockholm working-level talks\n    kind: calendar\n    turn: 1\n",
    )
    assert moved != text
    return parse_scenario(moved, "stockholm_first.yaml")


def test_the_console_rules_a_detection_and_an_events_chance_roll_and_shows_every_site(stockholm_first):
    """The Rulings tab, with the mouse: a detection forced at the covert site (refused without a reason),
    and an outcome of the chance roll of an event that may fire this turn forbidden; both entered through
    the Session, and both ruling the resolution, with the white cell as the cause in the ledger. The
    truth panel lists every site, the covert one too."""
    from game.model.control import ChanceRuling, DetectionRuling, ResolveTurn
    from game.ui.screenshots import advance

    app = make_app()
    game = facilitated_game(app, stockholm_first)
    session = game.session
    app.step([], FRAME)
    open_console(app)
    console = app.top
    program = session.match.state.program
    covert = next(s for s in program.sites if s.covert and not s.detected)
    assert all(s.name in screen_text(app) for s in program.sites)  # the truth panel: no site cut off
    click(app, button(app, "Rulings").rect)
    tab = console.tabs["rulings"]
    assert console.tab == "rulings"
    for _ in range(len(program.sites)):
        if tab.site == covert.id:
            break
        click(app, button(app, "Site: ").rect)
    assert tab.site == covert.id and f"{covert.name} (covert)" in button(app, "Site: ").text
    detectors = tab.detectors()
    assert Actor.DPRK not in detectors and tab.by is detectors[0]
    click(app, button(app, "Found by: ").rect)
    finder = detectors[1]
    assert tab.by is finder
    click(app, button(app, "Rule the detection").rect)  # no reason: refused in the console, nothing entered
    assert "reason" in console.message and session.control_state().detections == ()
    click(app, tab.reason.rect)
    type_text(app, "A defector's testimony")
    click(app, button(app, "Rule the detection").rect)
    assert session.control_state().detections == (
        DetectionRuling(site=covert.id, ruling="force", by=finder, reason="A defector's testimony"),
    )

    talks = next(e for e in stockholm_first.events if e.id == "stockholm_talks")
    assert [i.key for i in tab.box.items] == [f"event:{e.id}" for e in tab.events()] and talks in tab.events()
    select_row(app, tab.box, "event:stockholm_talks")
    for _ in range(1 + len(talks.chance)):  # as the dice fall, then force each outcome, then forbid the first
        click(app, button(app, "Chance: " if tab.outcome is None else f"{tab.outcome[0].capitalize()}: ").rect)
    assert tab.outcome == ("forbid", 0)
    click(app, tab.reason.rect)
    type_text(app, "The talks are not to fail in this exercise")
    click(app, button(app, "Rule the event's roll").rect)
    assert session.control_state().chance["event:stockholm_talks"] == ChanceRuling(
        ruling="forbid", outcome=0, reason="The talks are not to fail in this exercise"
    )
    standing = console.tabs["rulings"].panel.plain_text()
    assert "Stockholm working-level talks: Forbid: The Stockholm talks break off" in standing
    assert "Reason: The talks are not to fail in this exercise" in standing
    assert f"Force a detection at {covert.name} by {ACTOR_SHORT[finder]}  Reason: A defector's testimony" in standing

    key(app, pygame.K_ESCAPE)
    advance(app, until=lambda a: session.awaiting_review())
    assert session.control(ResolveTurn()) is None
    advance(app, until=lambda a: session.match.turns_resolved == 1)
    state = session.match.state
    assert next(s for s in state.program.sites if s.id == covert.id).detected
    news = [n.text for n in session.observe(None).news]
    assert talks.news in news and talks.chance[0].news not in news  # they met; forbidden: they never break off
    assert "White cell: A defector's testimony" in {c.cause for c in state.changes}  # the ledger's cause
