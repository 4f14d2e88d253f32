"""C1 (peace first risks a de facto nuclear state) and C5 (peace makes sanctions harder to enforce, and to
reassemble after cheating): each mechanism at work on the bundled scenario with a few scripted orders,
and gone with its strength at its off_value."""

from __future__ import annotations

from game.engine import Match
from game.lab.batch import Arm, playable
from game.model.claims import claim_switches
from game.model.ids import Actor, Outcome
from game.rules.ratchet import CHEATING_EXPOSED, retightening
from tests.helpers import play_orders

US, DPRK, ROK, JPN, PRC = Actor.US, Actor.DPRK, Actor.ROK, Actor.JPN, Actor.PRC


def _match(scenario, variant=None, seed=1, **parameters) -> Match:
    """A game on ``scenario`` with ``parameters`` overriding the variant's, as the lab plays an arm."""
    played, name = playable(scenario, Arm("test", {}, variant, dict(parameters)))
    return Match(played, seed, name)


def _play_out(match: Match, orders=None) -> None:
    while match.state.outcome is None:
        play_orders(match, orders or {})


# --------------------------------------------------------------------------- C1
def test_c1_a_peace_regime_with_withered_pressure_ends_as_a_de_facto_nuclear_state(hanoi):
    """Ordinary play of the peace path: the declaration (peace_first's opening), then Seoul and Beijing
    relax enforcement twice. The UN regime stays high on paper, yet enforced pressure withers, and the
    turn limit scores a de facto nuclear state, saying why."""
    m = _match(hanoi, "peace_first")
    ease = {ROK: ["sanctions_ease"], PRC: ["sanctions_ease"]}
    play_orders(m, ease)
    play_orders(m, {})
    play_orders(m, ease)
    _play_out(m)
    assert m.state.meters["sanctions_regime"] >= 80  # the regime on paper barely moved
    assert m.state.meters["sanctions_pressure"] < hanoi.param("de_facto_pressure_max")
    assert m.state.outcome is Outcome.DE_FACTO_NUCLEAR
    assert "sanctions pressure" in m.state.outcome_reason and "de facto" in m.state.outcome_reason


def test_c1_off_no_pressure_counts_as_withered(hanoi):
    """The same game with C1 off (de_facto_pressure_max at its off_value 0) ends without the label."""
    off = claim_switches(hanoi.parameters)["C1"]
    assert off == {"de_facto_pressure_max": 0.0}
    m = _match(hanoi, "peace_first", **off)
    ease = {ROK: ["sanctions_ease"], PRC: ["sanctions_ease"]}
    play_orders(m, ease)
    play_orders(m, {})
    play_orders(m, ease)
    _play_out(m)
    assert m.state.meters["sanctions_pressure"] < hanoi.param("de_facto_pressure_max")  # the same world
    assert m.state.outcome is not Outcome.DE_FACTO_NUCLEAR


def test_c1_needs_the_peace_regime(hanoi):
    """Without a declaration, pressure withered as far is not a de facto nuclear state."""
    played, name = playable(hanoi, Arm("lax", {}, None, {}, {"enforcement.PRC": 10, "enforcement.ROK": 10}))
    m = Match(played, 1, name)
    _play_out(m)
    assert m.state.meters["sanctions_pressure"] < hanoi.param("de_facto_pressure_max")
    assert m.state.meters["peace_stage"] == 0
    assert m.state.outcome is not Outcome.DE_FACTO_NUCLEAR


# --------------------------------------------------------------------------- C5
def test_c5_peace_erodes_enforcement_every_turn(hanoi):
    """Under the peace regime Seoul's and Beijing's enforcement falls each turn nobody acts; with C5 off
    (erosion, the declaration's drop and the ratchet at their off_values) it does not."""
    on, off = _match(hanoi, "peace_first"), _match(hanoi, "peace_first", **claim_switches(hanoi.parameters)["C5"])
    start = hanoi.start.meters["enforcement.PRC"]
    assert on.state.meters["enforcement.PRC"] == start - hanoi.param("peace_declaration_enforcement_drop")
    assert off.state.meters["enforcement.PRC"] == start  # no one-time drop either
    for m in (on, off):
        play_orders(m, {})
        play_orders(m, {})
    eroded = [c for c in on.state.changes if c.cause == "assessment:peace" and c.meter == "enforcement.PRC"]
    assert eroded and eroded[0].delta == -hanoi.param("peace_enforcement_erosion")
    assert not [c for c in off.state.changes if c.cause == "assessment:peace"]


def test_c5_ratchet_retightening_after_cheating_under_peace_is_slower_and_capped(hanoi):
    """Once cheating is exposed under a declared peace, tightening the UN regime goes half as far and stops
    at the ceiling; before peace, under peace with no cheating exposed, and with C5 off, it goes all the
    way. The rules' function is what the AI prices with."""
    p = {k: v.value for k, v in hanoi.parameters.items()}
    world = hanoi.world
    caught = {CHEATING_EXPOSED}
    calm = {"peace_stage": 0, "sanctions_regime": 60, "enforcement.PRC": 50}
    peace = {**calm, "peace_stage": 1}
    assert retightening(calm, p, world, "sanctions_regime", 10, caught) == 10
    assert retightening(peace, p, world, "sanctions_regime", 10, set()) == 10  # nothing to reassemble after
    assert retightening(peace, p, world, "sanctions_regime", 10, caught) == 10 * p["peace_retightening_rate"]
    assert retightening({**peace, "sanctions_regime": 74}, p, world, "sanctions_regime", 10, caught) == 1  # cap 75
    assert retightening({**peace, "sanctions_regime": 80}, p, world, "sanctions_regime", 10, caught) == 0
    assert retightening(peace, p, world, "enforcement.PRC", 8, caught) == 8 * p["peace_retightening_rate"]
    assert retightening(peace, p, world, "enforcement.US", 8, caught) == 8  # Washington's own will is not eroded
    assert retightening(peace, p, world, "sanctions_regime", -10, caught) == -10  # easing is never slowed
    off = {**p, **claim_switches(hanoi.parameters)["C5"]}
    assert retightening({**peace, "sanctions_regime": 80}, off, world, "sanctions_regime", 10, caught) == 10


def _tightening_after(hanoi, variant, detect: float, **params) -> tuple[Match, float]:
    """Turn 1: nobody acts, and hidden activity is found with chance ``detect``; turn 2: Beijing tightens.
    Returns the game and what Beijing's tightening added to its enforcement."""
    m = _match(hanoi, variant, detect_base=detect, detect_max=max(detect, 0.01), **params)
    play_orders(m, {})
    play_orders(m, {PRC: ["sanctions_tighten"]})
    gain = sum(c.delta for c in m.state.changes if c.meter == "enforcement.PRC" and c.cause == "PRC:sanctions_tighten")
    return m, gain


def test_c5_ratchet_in_play_sanctions_reassembled_after_a_detected_breach_under_peace_tighten_less(hanoi):
    """The hidden hall is exposed (certain detection), and Beijing tightens the turn after: under the
    declared peace its enforcement gains half of what it gains in the baseline; under peace with nothing
    exposed, and with C5 off, all of it. The exposure is what the rules keep (the public flag)."""
    step = hanoi.param("sanctions_step")
    caught, gain = _tightening_after(hanoi, "peace_first", 1.0)
    assert CHEATING_EXPOSED in caught.state.flags and caught.state.program.site("hidden_hall").detected
    assert gain == step * hanoi.param("peace_retightening_rate")
    baseline, gain = _tightening_after(hanoi, None, 1.0)
    assert CHEATING_EXPOSED in baseline.state.flags and gain == step  # before peace: all the way
    regime = hanoi.start.meters["sanctions_regime"]
    assert baseline.state.meters["sanctions_regime"] == regime + hanoi.param("detection_sanctions")
    assert caught.state.meters["sanctions_regime"] == regime  # the exposure's call is held at the ceiling (75)
    clean, gain = _tightening_after(hanoi, "peace_first", 0.0)
    assert CHEATING_EXPOSED not in clean.state.flags and gain == step  # peace, nothing to reassemble after
    _, gain = _tightening_after(hanoi, "peace_first", 1.0, **claim_switches(hanoi.parameters)["C5"])
    assert gain == step


# --------------------------------------------------------------------------- the tutorial's peace first
def test_the_tutorials_peace_first_is_its_declaration_played_through_the_rules():
    """Like After Hanoi's, the tutorial's peace_first is an opening move with no override: it starts where
    its own end-of-war declaration leads, every charge of the action paid (C5's drop, C13's norm cost at
    nothing verified, the capital), and the declaration cannot be made again."""
    from game.rules.kinds import expected_effects
    from game.rules.legality import unavailable_because
    from game.scenario import find_scenario, load_scenario

    tutorial = load_scenario(find_scenario("tutorial"))
    variant = tutorial.variants["peace_first"]
    assert not variant.meters and not variant.parameters
    assert [(move.actor, move.action) for move in variant.opening] == [(US, "end_of_war_declaration")]
    base, peace = Match(tutorial, 1), Match(tutorial, 1, "peace_first")
    spec = tutorial.action_index["end_of_war_declaration"]
    moved = {k: v - base.state.meters[k] for k, v in peace.state.meters.items() if v != base.state.meters[k]}
    assert moved == expected_effects(spec, US, base.state.parameters).meters
    assert moved["enforcement.PRC"] == -tutorial.param("peace_declaration_enforcement_drop")
    assert peace.state.capital[US] == base.state.capital[US] - spec.cost
    assert peace.state.parameters == base.state.parameters
    _play_out(peace)
    assert unavailable_because(peace.state, US, spec) == "can be taken only once"
    assert peace.state.outcome is not None and peace.state.turn == tutorial.turns
