"""Every explanation true: causes with the right sign, shown terms that add up to the change shown."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pytest  # noqa: E402

from game.ai.runner import make_controllers, step  # noqa: E402
from game.engine import Match  # noqa: E402
from game.model.ids import Actor  # noqa: E402
from game.model.log import MeterChange  # noqa: E402
from game.ui.explain import UNKNOWN, explain  # noqa: E402

SEATS = ("heuristic:normal", "random")


def played_turns(scenario, seed: int, spec: str):
    """(before, after, changes) of every resolved turn of an AI game."""
    match = Match(scenario, seed)
    brains = make_controllers(match, {a: spec for a in scenario.actors})
    before = dict(match.state.meters)
    turns, seen = [], 0
    while not match.over and step(match, brains):
        if len(match.turns) > seen:
            seen = len(match.turns)
            after = dict(match.state.history[-1])
            turns.append((before, after, match.state.changes))
            before = after
    return turns


@pytest.mark.parametrize("seed,spec", [(1, SEATS[0]), (2, SEATS[1]), (3, SEATS[0])])
def test_sanctions_pressure_causes_have_their_own_sign_and_add_up(hanoi, seed, spec):
    """The change of each component of pressure moves pressure its own way (enforcement and the regime
    up, evasion down), and the recorded causes sum to the change made."""
    for before, after, changes in played_turns(hanoi, seed, spec):
        causes = [c for c in changes if c.meter == "sanctions_pressure"]
        made = after["sanctions_pressure"] - before["sanctions_pressure"]
        assert sum(c.delta for c in causes) == pytest.approx(made, abs=0.01)
        for c in causes:
            key = c.cause.removeprefix("derived:")
            if key.startswith("enforcement.") or key == "regime":
                moved = (
                    after[key if key != "regime" else "sanctions_regime"]
                    - before[key if key != "regime" else "sanctions_regime"]
                )
                assert c.delta * moved > 0, (c, moved)
            elif key.startswith("evasion_"):
                assert c.delta * (after[key] - before[key]) < 0, c


def test_a_turn_where_enforcement_rises_and_evasion_falls_says_so():
    """Finding 2's turn, re-made: US enforcement up, China's down, ship-to-ship evasion down."""
    from game.rules.assessment import pressure_attribution
    from game.scenario import find_scenario, load_scenario

    scenario = load_scenario(find_scenario("hanoi-2019"))
    state = Match(scenario, 1).state
    before = dict(state.meters)
    after = dict(
        before,
        **{
            "enforcement.US": before["enforcement.US"] + 12,
            "enforcement.PRC": before["enforcement.PRC"] - 12,
            "evasion_sts": before["evasion_sts"] - 15,
        },
    )
    terms = {label: d for _, label, d in pressure_attribution(before, after, state.parameters, scenario.world)}
    assert terms["US enforcement"] > 0 and terms["Chinese enforcement"] < 0 and terms["ship-to-ship transfers"] > 0
    from game.rules.assessment import sanctions_pressure

    target = sum(sanctions_pressure(after, state.parameters, scenario.world).values())
    assert sum(terms.values()) == pytest.approx(target - before["sanctions_pressure"])


@pytest.mark.parametrize("seed,spec", [(1, SEATS[0]), (4, SEATS[1])])
def test_every_shown_explanation_sums_to_the_change_shown(hanoi, seed, spec):
    """For every viewer, meter and turn of a seeded game: the shown terms add up to the shown change,
    and each shown cause has the sign of its real total (or shows as zero and is left out)."""
    checked = 0
    for before, after, changes in played_turns(hanoi, seed, spec):
        for viewer in (None, *hanoi.actors):
            for meter in after:
                why = explain(meter, before[meter], after[meter], changes, viewer)
                assert sum(t.tenths for t in why.terms) == why.tenths, (meter, viewer, why)
                assert len(why.terms) <= 6
                real: dict[str, float] = {}
                for c in changes:
                    if c.meter == meter and (c.audience == "public" or viewer in c.audience):
                        real[c.label] = real.get(c.label, 0.0) + c.delta
                for t in why.terms:
                    if t.label in real:
                        assert t.tenths * real[t.label] > 0, (meter, t, real[t.label])
                checked += 1
    assert checked > 1000


def test_more_causes_than_lines_end_in_one_line_with_their_sum():
    changes = [
        MeterChange("tension", d, f"c{i}", f"cause {i}") for i, d in enumerate([-3, -3, -2, -2, -1, -1, 0.5, -0.5])
    ]
    why = explain("tension", 50, 38, changes, None)
    assert why.text == "\u221212" and len(why.terms) == 6
    assert why.terms[-1].label == "3 more causes" and why.terms[-1].tenths == -10
    assert sum(t.tenths for t in why.terms) == -120


def test_a_secret_cause_shows_as_the_unexplained_rest():
    changes = [
        MeterChange("evasion_sts", 6.0, "DPRK:sts", "North Korea: Ship-to-ship", (Actor.DPRK,)),
        MeterChange("evasion_sts", -1.0, "assessment:evasion", "tankers seized"),
    ]
    us = explain("evasion_sts", 25, 30, changes, Actor.US)
    assert [(t.text, t.label) for t in us.terms] == [("+6", UNKNOWN), ("\u22121", "tankers seized")]
    own = explain("evasion_sts", 25, 30, changes, Actor.DPRK)
    assert UNKNOWN not in [t.label for t in own.terms]
