"""``python main.py --screenshots DIR``: play a short scripted hot-seat game (the US and North Korea
human, the others AI) through the real scenes and save a PNG of every screen, then exit.

Runs with SDL_VIDEODRIVER=dummy (set by default here, so no window opens)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def frames(app, n: int = 3, dt: float = 1 / 60) -> None:
    for _ in range(n):
        app.step([], dt)


def default_move(game) -> None:
    """What the scripted humans do when the script has nothing special: propose nothing, accept an
    offer with an inspected clause and reject the rest, and order the two cheapest public actions."""
    from ..model.ids import Phase
    from ..model.orders import RespondOrder

    d = game.draft()
    obs = game.obs
    if obs.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
        for pid in obs.awaiting_response:
            p = next(p for p in obs.proposals if p.id == pid)
            good = any(c.verification == "inspection" for c in p.clauses)
            d.answers[pid] = RespondOrder(actor=game.viewer, proposal_id=pid, answer="accept" if good else "reject")
    elif obs.phase is Phase.ORDERS:
        blockers = game.session.action_status(game.viewer)
        budget = game.capital()
        for spec in sorted(game.tabs["actions"].action_specs(), key=lambda s: (s.cost, s.id)):
            if (
                blockers.get(spec.id) is None
                and spec.cost <= budget
                and len(d.orders) < 2
                and spec.visibility == "public"
            ):
                d.orders.append(spec.id)
                budget -= spec.cost
    game.submit()


def advance(app, until=None, limit: int = 4000):
    """Click through hand-offs and resolutions and play default moves until ``until(app)`` is true or the
    debrief shows. Returns the top scene."""
    for _ in range(limit):
        top = app.top
        if until is not None and until(app):
            return top
        if top.name == "debrief":
            return top
        if top.name == "handoff":
            if top.target is not None:
                top.reveal()
            else:
                top.game.session.pump()
        elif top.name == "resolution":
            top.done()
        elif top.name == "play":
            if top.can_act:
                default_move(top)
            else:
                top.session.pump()
        else:
            app.pop(top)
        frames(app, 1)
    raise RuntimeError("the scripted game did not finish")


def run(outdir: Path, size: tuple[int, int] = (1280, 800)) -> list[Path]:
    import pygame

    from ..model.ids import Actor, Phase
    from ..scenario import find_scenario, load_scenario
    from .app import App
    from .scenes.composer import ComposerScene
    from .scenes.help import HelpScene
    from .navigation import start_game
    from .scenes.play import GameScene
    from .scenes.projector import ProjectorScene
    from .scenes.settings import SettingsScene
    from .scenes.setup import SetupScene
    from .scenes.title import TitleScene
    from .session import Seat
    from .settings import Settings

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    app = App(
        Settings(width=size[0], height=size[1]),
        size=size,
        persist_settings=False,
        threaded=False,
        saves_dir=Path(tempfile.mkdtemp(prefix="armistice-shots-")),
    )

    def shot(name: str, n: int = 3) -> None:
        frames(app, n)
        saved.append(app.save_screenshot(outdir / f"{name}.png"))

    app.push(TitleScene(app))
    shot("01_title")
    setup = SetupScene(app)
    app.push(setup)
    setup.set_seat(Actor.DPRK, human=True)
    shot("02_setup")
    app.push(SettingsScene(app))
    shot("03_settings")
    app.pop()
    scenario = load_scenario(find_scenario("hanoi-2019"))
    seats = {a: Seat(a, a in (Actor.US, Actor.DPRK), "heuristic:normal") for a in scenario.actors}
    game: GameScene = start_game(app, scenario, 7, None, seats)
    frames(app, 2)
    shot("04_handoff")
    app.top.reveal()
    frames(app, 2)
    game.session.pump()
    frames(app, 2)
    # the US writes a proposal to North Korea: a freeze under inspection for a sanctions exemption
    game.set_tab("deals")
    game.tabs["deals"].new_proposal()
    comp = app.top
    assert isinstance(comp, ComposerScene)
    comp.set_recipient(Actor.DPRK)
    comp.set_side(Actor.DPRK)
    comp.set_action("freeze_yongbyon")
    comp.set(ver="inspection")
    comp.add_clause()
    comp.set_side(Actor.US)
    comp.set_action("sanctions_exemption")
    comp.set(seq="after_verification", ver="national_means")
    comp.add_clause()
    assert comp.note_entry is not None
    comp.note_entry.set_text("Freeze for relief: a first step")
    shot("05_composer")
    comp.finish()
    shot("06_play_deals_outbox")
    game.submit()
    # North Korea's turn to propose (after the hand-off): nothing; then answers
    advance(
        app,
        until=lambda a: (
            a.top.name == "play"
            and a.top.viewer is Actor.DPRK
            and a.top.can_act
            and a.top.obs.phase in (Phase.RESPOND,)
        ),
    )
    game.set_tab("deals")
    shot("07_play_respond_dprk")
    game.set_tab("intel")
    shot("08_intel_dprk")
    advance(
        app,
        until=lambda a: (
            a.top.name == "play" and a.top.viewer is Actor.US and a.top.can_act and a.top.obs.phase is Phase.ORDERS
        ),
    )
    d = game.draft()
    assert d is not None
    for action in ("demand_inspections", "us_isr_surge"):
        if game.session.action_status(Actor.US).get(action) is None:
            d.orders.append(action)
    game.set_tab("actions")
    game.rebuild()
    shot("09_play_orders_us")
    game.set_tab("intel")
    shot("10_intel_us")
    game.set_tab("score")
    shot("10b_score_us")
    app.push(ProjectorScene(app, game.session))
    shot("11_projector")
    app.top.toggle_large()
    shot("11b_projector_detailed")
    app.pop()
    app.push(HelpScene(app, game.help_lines()))
    shot("12_help")
    app.pop()
    game.menu()
    shot("13_menu")
    app.pop()
    advance(app, until=lambda a: a.top.name == "resolution")
    shot("14_resolution", n=60)
    advance(app)
    deb = app.top
    for key, name in (
        ("outcome", "15_debrief_outcome"),
        ("meters", "16_debrief_meters"),
        ("arsenal", "17_debrief_arsenal"),
        ("deals", "18_debrief_deals"),
        ("rationales", "19_debrief_rationales"),
    ):
        deb.set_tab(key)
        shot(name)
    deb.back()  # to the title: the saved games, then the tutorial with its coach
    from .scenes.load import LoadScene

    app.push(LoadScene(app))
    shot("20_load")
    app.pop()
    tutorial = load_scenario(find_scenario("tutorial"))
    game = start_game(app, tutorial, 11, None, {a: Seat(a, a is Actor.US, "heuristic:normal") for a in tutorial.actors})
    shot("21_tutorial_coach")
    advance(app, until=lambda a: a.top.name == "play" and a.top.can_act and a.top.obs.phase is Phase.ORDERS)
    game.set_tab("actions")
    shot("22_tutorial_coach_orders")
    # the room's projector at 1920x1080, and the play screen at a larger UI scale and text size
    for name, view_size, options, tab in (
        ("23_projector_room_1920x1080", (1920, 1080), {}, None),
        ("24_play_ui125_1280x800", (1280, 800), {"ui_scale": 1.25}, "actions"),
        ("25_play_large_text_1280x800", (1280, 800), {"text_size": "large"}, "deals"),
        ("26_play_ui125_large_text_1280x800", (1280, 800), {"ui_scale": 1.25, "text_size": "large"}, "intel"),
    ):
        other = App(
            Settings(width=view_size[0], height=view_size[1], **options),
            size=view_size,
            persist_settings=False,
            threaded=False,
            saves_dir=app.saves_dir,
        )
        solo = start_game(
            other, scenario, 7, None, {a: Seat(a, a is Actor.US, "heuristic:normal") for a in scenario.actors}
        )
        advance(other, until=lambda a: solo.session.match.turns_resolved >= 1 and a.top is solo and solo.can_act)
        if tab is None:
            other.push(ProjectorScene(other, solo.session))
        else:
            solo.set_tab(tab)
        frames(other, 3)
        saved.append(other.save_screenshot(outdir / f"{name}.png"))
    pygame.quit()
    return saved


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not argv:
        print("usage: main.py --screenshots DIR [WIDTHxHEIGHT]", file=sys.stderr)
        return 2
    size = (1280, 800)
    if len(argv) > 1:
        w, _, h = argv[1].partition("x")
        size = (int(w), int(h))
    for path in run(Path(argv[0]), size):
        print(path)
    return 0
