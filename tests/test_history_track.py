"""The historical track: the real moves of March 2019 - February 2021 (../shared/FACTS.md, "What actually
happened after Hanoi" and Part 2), played through the engine as scripted orders on After Hanoi. Each
meter must move the way the record did, and the period must end as it did: muddling through.

Turn T covers the two months from March 2019 + 2(T-1). Only moves the record names are ordered; the
calendar events (the plenum, the elections, the furloughs, the COVID closure) fire by themselves."""

from __future__ import annotations

import pytest

from game.engine import Match
from game.model.ids import Actor, Outcome
from tests.helpers import play_orders

US, DPRK, ROK, JPN, PRC = Actor.US, Actor.DPRK, Actor.ROK, Actor.JPN, Actor.PRC

# turn -> the moves of those two months, each with its line in FACTS.md; a launch day is one round of
# short_range_test (the action's max_per_turn), so the 2019 series is 13 rounds as the Panel counted them
TRACK: dict[int, dict[Actor, list[str]]] = {
    # Mar-Apr 2019: Key Resolve/Foal Eagle ended (replaced by "Dong Maeng"); 12 Apr, Kim waits "until the end of
    # the year"; DPRK ship-to-ship transfers go on ("massive increase", UN Panel, Mar 2019)
    1: {US: ["exercises_scale_down"], DPRK: ["kim_letter", "ship_to_ship"]},
    # May-Jun 2019: 4 and 9 May, the first short-range launches since 2017; 30 Jun, the DMZ meeting; Xi in Pyongyang
    2: {DPRK: ["short_range_test"] * 2 + ["cyber_theft"], US: ["dmz_meeting"], PRC: ["china_dprk_summit"]},
    # Jul-Aug 2019: KN-23 and other launches on seven days (25 Jul - 24 Aug); 4 Jul, Japan's export controls;
    # 22 Aug, GSOMIA termination announced; the August drill cut to a computer simulation
    3: {
        DPRK: ["short_range_test"] * 7 + ["ship_to_ship"],
        JPN: ["export_controls"],
        ROK: ["gsomia_termination_notice", "exercises_scale_down"],
    },
    # Sep-Oct 2019: a launch on 10 Sep; the Pukguksong-3 SLBM (2 Oct); Stockholm talks break off (5 Oct); KN-25 31 Oct
    4: {DPRK: ["short_range_test"] * 2 + ["slbm_test"], US: ["working_level_talks"]},
    # Nov-Dec 2019: the US asks up to $5bn (talks broke down 19 Nov); KN-25 on 28 Nov, the 13th test of 2019;
    # GSOMIA suspension 22 Nov
    5: {US: ["sma_demand"], DPRK: ["short_range_test", "ship_to_ship"], ROK: ["gsomia_suspend_notice"]},
    # Jan-Feb 2020: the plenum (a calendar event) ends the moratorium; no launch
    6: {DPRK: ["cyber_theft"]},
    # Mar-Apr 2020: the spring drill postponed for COVID; launches on 2, 9, 21 and 29 Mar
    7: {US: ["exercises_scale_down"], DPRK: ["short_range_test"] * 4 + ["ship_to_ship"]},
    # May-Jun 2020: Kim Yo Jong's threats from 4 Jun, the liaison office blown up 16 Jun
    8: {DPRK: ["threaten_military_action", "demolish_liaison_office"]},
    # 23 Jun 2020, Kim Jong Un suspends the military action plans: one turn on in the game, since an off-ramp
    # needs its threat standing when the orders are given (Jul-Aug 2020: fuel several times the cap, PoE)
    9: {DPRK: ["suspend_military_action", "ship_to_ship"]},
    # Sep 2020 - Feb 2021: crypto theft ($316m, PoE); no ballistic launch until Mar 2021
    10: {DPRK: ["cyber_theft"]},
    11: {DPRK: ["ship_to_ship"]},
    12: {DPRK: ["cyber_theft"]},
}


@pytest.fixture(scope="module")
def track(hanoi):
    m = Match(hanoi, 2019)
    rows = [{**m.state.meters, "missile_readiness": m.state.program.missile_readiness}]
    for turn in sorted(TRACK):
        assert m.state.turn == turn
        play_orders(m, TRACK[turn])
        rows.append({**m.state.meters, "missile_readiness": m.state.program.missile_readiness})
    return m, rows


def test_the_period_ends_muddling_through(track):
    m, _ = track
    assert m.state.outcome is Outcome.MUDDLING_THROUGH, m.state.outcome_reason


def test_tension_builds_with_the_launches_instead_of_fading(track):
    """Thirteen launches in 2019, the moratorium declared over: the peninsula is strained, not calm; the
    June 2020 threat and the office blown up are the period's peak, and the suspension steps back from it.
    (``rows[k]``: the meters after turn k; model/ids.py: calm <30, strained <60, crisis <95.)"""
    _, rows = track
    tension = [r["tension"] for r in rows]
    assert tension[6] > tension[1]  # by Feb 2020, above Apr 2019
    assert max(tension[:8]) < 60  # 2019 and early 2020: strained, no crisis
    assert tension[8] == max(tension) and tension[8] > tension[7]  # May-Jun 2020: the threat, the office
    assert tension[9] < tension[8]  # the suspension, 23 Jun 2020
    assert 30 <= tension[-1] < 60  # the period ends strained


def test_the_2019_series_is_thirteen_rounds_and_proves_the_force(track):
    """The Panel's 13 launches of 2019 (12 short-range rounds and the Pukguksong-3) are orders of the game,
    each paying its capital; readiness rises with them and decays in the launch-free second half of 2020."""
    m, rows = track
    rounds_2019 = sum(
        order.action in ("short_range_test", "slbm_test")
        for entry in m.log
        if getattr(entry, "turn", 99) <= 5
        for order in getattr(entry, "orders", ())
    )
    assert rounds_2019 == 13
    readiness = [r["missile_readiness"] for r in rows]
    assert readiness[5] > readiness[1]  # the series of 2019
    assert readiness[4] > readiness[3]  # the SLBM among the rounds of Sep-Oct 2019
    assert readiness[12] < readiness[8]  # no launch from Jul 2020 to Feb 2021: an unproven force rusts


def test_the_june_2020_threat_stands_until_it_is_suspended(track):
    m, rows = track
    threat_turns = {n.turn for n in m.state.news if n.source.endswith(":threaten_military_action")}
    suspension_turns = {n.turn for n in m.state.news if n.source.endswith(":suspend_military_action")}
    assert threat_turns == {8} and suspension_turns == {9}
    assert "military_threat" not in m.state.flags
    assert rows[8]["inter_korean"] < rows[7]["inter_korean"]  # exchange frozen by the threat and the demolition


def test_the_exercises_take_the_three_scale_downs(track):
    _, rows = track
    assert rows[1]["exercises"] < rows[0]["exercises"]
    assert rows[3]["exercises"] < rows[2]["exercises"]
    assert rows[7]["exercises"] < rows[6]["exercises"]
    assert rows[-1]["exercises"] <= 10


def test_no_peace_regime_and_the_sanctions_stand(track):
    _, rows = track
    assert all(r["peace_stage"] == 0 for r in rows)
    assert rows[-1]["sanctions_regime"] >= rows[0]["sanctions_regime"] - 5  # the UN regime intact on paper


def test_inter_korean_exchange_collapses(track):
    _, rows = track
    assert rows[8]["inter_korean"] < rows[7]["inter_korean"]  # the liaison office blown up, Jun 2020
    assert rows[-1]["inter_korean"] < rows[0]["inter_korean"]


def test_the_alliances_strain_over_cost_sharing_and_history(track):
    _, rows = track
    assert rows[5]["cohesion.US-ROK"] < rows[4]["cohesion.US-ROK"]  # the $5bn ask
    assert rows[3]["cohesion.ROK-JPN"] < rows[2]["cohesion.ROK-JPN"]  # export controls and GSOMIA


def test_the_us_president_loses_the_2020_election(track):
    """Support no longer drifts back to 50 within a year: the incumbent at ~40% loses (Biden 306-232)."""
    m, rows = track
    assert any(n.source.startswith("event:us_election_new_admin") for n in m.state.news), [
        n.text for n in m.state.news if "election" in n.text
    ]


def test_the_arsenal_grows_with_the_reactor_idle(track, hanoi):
    """The 5 MWe reactor stood idle (IAEA, Dec 2018 - Jul 2021): only enrichment adds to the arsenal."""
    m, _ = track
    assert m.state.site("yongbyon_reactor").status == "frozen"
    assert m.state.program.pu_kg <= hanoi.start.program.pu_kg
    assert m.state.program.warheads > hanoi.start.program.warheads
