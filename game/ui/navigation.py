"""Where each screen leads: the one place that knows the scenes and the ways between them.

pygame-free. Scenes are named here and made on demand, so no scene imports another (the play screen
leads to the debrief, the debrief to the setup and the setup back to play: a circle, were they to
import each other). ``next_step`` is the play screen's decision of what comes next, from the session
and the hot seat alone.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..engine import Match
from ..model.ids import Actor
from .hotseat import HotSeat
from .session import Seat, Session
from .whitecell import Facilitation

SCENES = {
    "title": "title:TitleScene",
    "setup": "setup:SetupScene",
    "settings": "settings:SettingsScene",
    "load": "load:LoadScene",
    "play": "play:GameScene",
    "composer": "composer:ComposerScene",
    "handoff": "handoff:HandoffScene",
    "resolution": "resolution:ResolutionScene",
    "debrief": "debrief:DebriefScene",
    "projector": "projector:ProjectorScene",
    "help": "help:HelpScene",
    "menu": "help:MenuScene",
    "pin": "console:PinScene",
    "console": "console:ConsoleScene",
    "notes": "notes:NotesScene",
}


def make(app, name: str, *args, **kwargs):
    """The scene called ``name``, made for ``app``."""
    module, cls = SCENES[name].split(":")
    return getattr(importlib.import_module(f"{__package__}.scenes.{module}"), cls)(app, *args, **kwargs)


def push(app, name: str, *args, **kwargs):
    scene = make(app, name, *args, **kwargs)
    app.push(scene)
    return scene


def replace(app, name: str, *args, **kwargs):
    scene = make(app, name, *args, **kwargs)
    app.replace(scene)
    return scene


def to_title(app) -> None:
    """Close every screen above the title."""
    while app.top is not None and app.top.name != "title":
        app.pop()


# ---------------------------------------------------------------------- games
def start_game(
    app,
    scenario,
    seed: int,
    variant: str | None,
    seats: dict[Actor, Seat],
    name: str = "",
    scenario_ref=None,
    facilitation: Facilitation | None = None,
):
    """A new game. ``scenario_ref`` (game.persist ScenarioRef) lets it be autosaved and saved;
    ``facilitation`` makes it a facilitated game (the console in the game menu, behind the PIN).
    Returns the play screen."""
    match = Match(scenario, seed, variant, control=facilitation.setup if facilitation is not None else None)
    session = Session(
        match, seats, threaded=app.threaded, on_turn=app.saves.autosave_hook(), name=name, facilitation=facilitation
    )
    if scenario_ref is None:
        scenario_ref = app.saves.ref_for(scenario)
    session.info = app.saves.info_for(scenario_ref, seats, facilitation) if scenario_ref is not None else None
    return open_session(app, session)


def open_session(app, session: Session):
    to_title(app)
    return push(app, "play", session)


def open_console(app, session: Session) -> None:
    """The white cell's console, after its PIN (a game that is not facilitated has none)."""
    if session.whitecell is not None:
        push(app, "pin", session)


def start_loaded(app, path):
    """Open a saved game; raises game.persist.SaveError (one line) when it cannot be used."""
    return open_session(app, app.saves.load_session(path, threaded=app.threaded))


# ---------------------------------------------------------------------- the play screen's flow
@dataclass(frozen=True)
class Step:
    """What the play screen must show next: a turn's resolution (``index``: which report), the
    debrief, or the hand-off between hot-seat players."""

    screen: str
    index: int = 0


def next_step(session: Session, hot: HotSeat) -> Step | None:
    """The screen that must come before the play screen can show anything more, or None."""
    if session.waiting_for_ui():
        return Step("resolution", session.shown_turns)
    if session.snapshot()[4]:
        return Step("debrief")
    if hot.must_hand_off():
        return Step("handoff")
    return None
