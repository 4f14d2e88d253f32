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

# turn -> the moves of those two months, each with its line in FACTS.md
TRACK: dict[int, dict[Actor, list[str]]] = {
    # Mar-Apr 2019: Key Resolve/Foal Eagle ended (replaced by "Dong Maeng"); 12 Apr, Kim waits "until the end of
    # the year"; DPRK ship-to-ship transfers go on ("massive increase", UN Panel, Mar 2019)
    1: {US: ["exercises_scale_down"], DPRK: ["kim_letter", "ship_to_ship"]},
    # May-Jun 2019: 4 May, first short-range launches since 2017; 30 Jun, the DMZ meeting; Xi in Pyongyang
    2: {DPRK: ["short_range_test", "cyber_theft"], US: ["dmz_meeting"], PRC: ["china_dprk_summit"]},
    # Jul-Aug 2019: KN-23 launches; 4 Jul, Japan's export controls; 22 Aug, GSOMIA termination announced;
    # the August drill cut to a computer simulation
    3: {DPRK: ["ship_to_ship"], JPN: ["export_controls"], ROK: ["gsomia_termination_notice", "exercises_scale_down"]},
    # Sep-Oct 2019: Pukguksong-3 SLBM (2 Oct); Stockholm working-level talks break off (5 Oct)
    4: {DPRK: ["short_range_test", "cyber_theft"], US: ["working_level_talks"]},
    # Nov-Dec 2019: the US asks up to $5bn (talks broke down 19 Nov); KN-25, the 13th test of 2019; GSOMIA
    # suspension 22 Nov
    5: {US: ["sma_demand"], DPRK: ["ship_to_ship"], ROK: ["gsomia_suspend_notice"]},
    # Jan-Feb 2020: the plenum (a calendar event) ends the moratorium
    6: {DPRK: ["short_range_test", "cyber_theft"]},
    # Mar-Apr 2020: the spring drill postponed for COVID; launches go on
    7: {US: ["exercises_scale_down"], DPRK: ["ship_to_ship"]},
    # May-Jun 2020: 16 Jun, the DPRK blows up the liaison office
    8: {DPRK: ["demolish_liaison_office", "cyber_theft"]},
    # Jul-Dec 2020: fuel several times the cap, crypto theft $316m (PoE); launches sparse
    9: {DPRK: ["ship_to_ship", "short_range_test"]},
    10: {DPRK: ["cyber_theft"]},
    11: {DPRK: ["ship_to_ship", "short_range_test"]},
    12: {DPRK: ["cyber_theft"]},
}


@pytest.fixture(scope="module")
def track(hanoi):
    m = Match(hanoi, 2019)
    rows = [dict(m.state.meters)]
    for turn in sorted(TRACK):
        assert m.state.turn == turn
        play_orders(m, TRACK[turn])
        rows.append(dict(m.state.meters))
    return m, rows


def test_the_period_ends_muddling_through(track):
    m, _ = track
    assert m.state.outcome is Outcome.MUDDLING_THROUGH, m.state.outcome_reason


def test_tension_builds_with_the_launches_instead_of_fading(track):
    """Thirteen launches in 2019, the moratorium declared over: the peninsula is strained, not calm."""
    _, rows = track
    assert rows[6]["tension"] > rows[1]["tension"]  # by Feb 2020, above Apr 2019
    assert rows[-1]["tension"] >= 30  # "strained" (model/ids.py: TENSION_RUNGS), no crisis, no war
    assert max(r["tension"] for r in rows) < 60


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
