"""Governments in the AI. C7: a policy changes at an election (a personality may hold only while a
public flag does, ``while.FLAG`` in the scenario's personalities; when the flag goes, the seat plays
with the other camp's personality). C11: human rights are raised for the gate they open."""

from __future__ import annotations

from game.ai import HeuristicController
from game.ai.runner import make_controllers, run, step
from game.engine import Match
from game.engine.entries import LogEntry
from game.model.ids import Actor
from game.views import rules_view

MANDATE = "engagement_mandate"


def test_a_progressive_seat_plays_conservative_once_the_mandate_is_gone(hanoi):
    match = Match(hanoi, 2)
    brain = HeuristicController(Actor.ROK, rules_view(hanoi), "progressive")
    assert MANDATE in match.state.flags
    brain.context(match.observe(Actor.ROK))
    assert brain.personality.name == "progressive"
    match.state = match.state.replace(flags=match.state.flags - {MANDATE})
    brain.context(match.observe(Actor.ROK))
    assert brain.personality.name == "conservative" and brain.chosen == "progressive"
    conservative = HeuristicController(Actor.ROK, rules_view(hanoi), "conservative")
    assert brain.personality.knobs == conservative.personality.knobs
    assert brain.personality.category_bias == conservative.personality.category_bias


def test_the_election_loss_changes_the_rok_government_in_play(hanoi):
    """Seoul's support falls to 30 before the April 2020 election (turn 7): the opposition wins, the
    engagement mandate goes, and from then on the ROK seat, drawn progressive, explains its orders as
    the conservative camp's."""
    match = Match(hanoi, 4)
    controllers = make_controllers(match, {a: "heuristic" for a in hanoi.actors})
    while match.state.turn < 7:
        step(match, controllers)
    match.state = match.state.replace(meters={**match.state.meters, "support.ROK": 30.0})
    run(match, controllers)
    assert any(n.source == "event:rok_election_loss" for n in match.state.news)
    rok = [e for e in match.log if isinstance(e, LogEntry) and e.actor is Actor.ROK and e.phase.value == "orders"]
    governs = [e.turn for e in rok if "the conservative camp governs now" in e.rationale]
    assert governs and min(governs) == 8 and governs == [e.turn for e in rok if e.turn >= 8]


def _gate_credit(hanoi, who, rights):
    """The points ``who`` credits to the gate when the US presses human rights at the UN, at ``rights``."""
    match = Match(hanoi, 1)
    flags = match.state.flags - {"rights_progress"} if rights < 50 else match.state.flags | {"rights_progress"}
    match.state = match.state.replace(meters={**match.state.meters, "human_rights": rights}, flags=flags)
    brain = HeuristicController(who, rules_view(hanoi))
    ctx = brain.context(match.observe(who))
    explain: list = []
    brain.valuer.value(ctx, who, brain.valuer.deltas(ctx, Actor.US, "un_human_rights_pressure"), None, explain)
    return sum(p for p, label in explain if label == "what rights progress opens")


def test_raising_human_rights_is_worth_what_the_gate_opens(hanoi):
    """C11: below the threshold (50), the UN step (+6) opens the human-rights gate that normalization and
    a treaty need: Seoul, which wants the treaty Washington would sign, credits that; once the gate is
    open the step opens nothing. Pyongyang, with no ally to sign a treaty for it, credits nothing."""
    assert _gate_credit(hanoi, Actor.ROK, 46.0) > 1.0
    assert _gate_credit(hanoi, Actor.ROK, 55.0) == 0.0
    assert _gate_credit(hanoi, Actor.US, 46.0) > 0.0
    assert _gate_credit(hanoi, Actor.DPRK, 46.0) == 0.0
