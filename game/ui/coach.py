"""The coach: a panel over the map that tells a first-time player what to do now.

On by default in the tutorial scenario, and a key away (G) in any other. What it says comes from two
places: the phase the viewer is in (how to use the screen to do what the phase asks) and the scenario
itself: its calendar events whose source is "Tutorial" are lessons, shown on their turn before their
news arrives (the scenario's description, its briefing, opens the news panel before the first news).
It reads only what the viewer's screen already shows: the phase, the viewer's own draft and capital,
the scenario text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.ids import Phase
from .widgets import Span

TUTORIAL_SOURCE = "Tutorial"


def coached_by_default(scenario) -> bool:
    """The tutorial coaches from the start; other scenarios when asked (G)."""
    return scenario.id == "tutorial" or any(e.source == TUTORIAL_SOURCE for e in scenario.events)


def lessons(scenario, turn: int) -> list[str]:
    """The scenario's own teaching text for ``turn``: its calendar events marked as tutorial lessons."""
    return [
        e.news
        for e in scenario.events
        if e.kind == "calendar" and e.turn == turn and e.source == TUTORIAL_SOURCE and e.news
    ]


@dataclass(frozen=True)
class CoachState:
    """What the coach needs to know about the play screen (all of it on the viewer's own screen)."""

    turn: int
    turns_total: int
    phase: Phase
    viewer: object  # Actor
    can_act: bool
    tab: str
    capital: int
    spent: int
    orders: int
    proposals: int
    to_answer: int
    answered: int
    pledged: int  # actions the viewer promised to take now in a deal


def coach_lines(scenario, st: CoachState) -> list[list[Span]]:
    """The coach's text for this moment, as rich-text lines (a heading, what to do now, then the
    scenario's own lesson); empty when there is nothing to say."""
    if st.viewer is None:
        return []
    steps = {
        Phase.PROPOSE: (1, "diplomacy"),
        Phase.RESPOND: (2, "answer offers"),
        Phase.COUNTER_RESPOND: (2, "answer counter-offers"),
        Phase.ORDERS: (3, "secret orders"),
    }
    if st.phase not in steps:
        return []
    n, title = steps[st.phase]
    where = f"Turn {st.turn} of {st.turns_total}"
    head = [
        Span(f"{where}  -  step {n} of 3: {title}" if st.can_act else where, "accent", True, 14),
        Span("      G hides this coach, F1 lists every key", "text_faint", False, 12),
    ]
    todo: list[tuple[str, str]] = []  # (text, colour)
    if not st.can_act:
        todo.append(
            (
                "The other countries are deciding. Read your Intelligence tab [1] meanwhile; hover over "
                "a meter or a map marker to see what it means.",
                "text",
            )
        )
    elif st.phase is Phase.PROPOSE:
        if st.proposals:
            todo.append(
                (
                    f"Send your {st.proposals} proposal{'s' if st.proposals != 1 else ''} [Ctrl+Enter]: "
                    "the other side answers before orders. You may write another first [N].",
                    "text",
                )
            )
        else:
            todo.append(
                (
                    "Offer a deal: Deals tab [3], then New proposal [N]. A deal is a package of clauses: "
                    "who does (or never does) what, up front or only after verification, for how long. "
                    "Or send none [Ctrl+Enter].",
                    "text",
                )
            )
    elif st.phase in (Phase.RESPOND, Phase.COUNTER_RESPOND):
        left = st.to_answer - st.answered
        if left > 0:
            todo.append(
                (
                    f"{left} offer{'s' if left != 1 else ''} to answer{' in the Deals tab [3]' if st.tab != 'deals' else ''}"
                    ": select each, read its clauses, then Accept [A], Reject [R] or Counter [C]. An "
                    "accepted deal binds both sides.",
                    "text",
                )
            )
        else:
            todo.append(("All answered: send your answers [Ctrl+Enter].", "text"))
    else:
        left = st.capital - st.spent
        todo.append(
            (
                f"{'Actions tab [2]: c' if st.tab != 'actions' else 'C'}lick actions to tick them ({left} of "
                f"{st.capital} political capital left; select one to read its effects), then Submit "
                "[Ctrl+Enter]. Orders stay secret until everyone's resolve at once.",
                "text",
            )
        )
        if st.pledged:
            todo.append(
                (
                    f"{st.pledged} action{'s are' if st.pledged != 1 else ' is'} marked PLEDGED: you "
                    "promised it in a deal; leave it out and you are in breach.",
                    "warn",
                )
            )
    lines = [head] + [[Span(text, color, color == "text", 13)] for text, color in todo]
    # the scenario's own lessons on their turns (its briefing opens the news panel on turn 1), after the
    # first thing to do has been said
    if not (st.turn == 1 and st.phase is Phase.PROPOSE):
        for text in lessons(scenario, st.turn):
            text = text.removeprefix("Tutorial: ").strip()
            lines.append([Span(text[:1].upper() + text[1:], "text_dim", False, 13)])
    return lines
