"""A game turn by turn: its log replayed once to the state at the start and at the end of every turn, for
the debrief's charts and the after-action report (the game is over, so the truth may now be told); and how
each country's score was made, term by term."""

from __future__ import annotations

from ..engine import Match
from ..model.ids import Actor
from ..model.state import GameState
from ..rules.scoring import term_value


def turn_states(match: Match) -> list[GameState]:
    """The state at the start (entry 0), then after each resolved turn, from ``match``'s log replayed on a
    fresh Match of its scenario, seed, variant and white-cell setup."""
    replay = match.fresh()
    states = [replay.state]
    for entry in match.log:
        replay.apply(entry)
        if replay.turns_resolved >= len(states):
            states.append(replay.state)
    return states


def objective_terms(match: Match) -> dict[Actor, list[tuple[str, float, float]]]:
    """Each actor's scoring terms at the end: (label, weight, how far it was achieved 0..1)."""
    st, sc = match.state, match.scenario
    out = {}
    for actor, terms in sc.objectives.items():
        rows = []
        for t in terms:
            v = max(0.0, min(1.0, term_value(t, st, sc, actor)))
            rows.append((t.label, abs(t.weight), 1 - v if t.invert else v))
        out[actor] = rows
    return out
