"""The white cell in the engine: injects, adjudications, clocks, RFIs and memos are control acts and seat
notes in the one order log, applied by the rules, saved, replayed and verified like every submission."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from pydantic import ValidationError

from game.ai.runner import close_phase, make_controllers, run
from game.engine import Match, state_hash
from game.model.control import (
    AdHocInject,
    AnswerRfi,
    CancelOrder,
    ClosePhase,
    ControlSetup,
    ControlSubmission,
    CorrectMeter,
    DelayInject,
    HoldInject,
    PauseClock,
    ReleaseInject,
    ResolveTurn,
    RuleChance,
    RuleDetection,
    SetClock,
    SkipInject,
)
from game.model.ids import Actor, Phase
from game.model.orders import ActionOrder, Submission
from game.model.scenario import DetectionEffect, InjectSpec, MeterEffect, SiteEffect
from game.persist import GameInfo, branch, load_game, open_scenario, read_save, restore, save_match, sign, verify
from game.rules import turn
from game.scenario.msel import load_msel
from game.scenario.setup import initial_state
from game.views.public import public_view
from game.views.white_cell import seat_notes

from conftest import MINI, ROOT
from helpers import skip_diplomacy
from tests.test_hostile_cli import cli, one_line

MSEL = (
    InjectSpec(id="opening", title="Exercise opens", turn=1, news="The exercise begins."),
    InjectSpec(
        id="spike",
        title="Border incident",
        turn=2,
        phase=Phase.ORDERS,
        effects=(MeterEffect(meter="tension", delta=6),),
    ),
    InjectSpec(id="leak", title="Leaked memo", news="A leaked memo reaches Washington.", audience=(Actor.US,)),
    InjectSpec(id="review", title="UN review brought forward", event="review"),
    InjectSpec(id="late", title="Late news", turn=3, news="Late news."),
)


@pytest.fixture(scope="module")
def mini_copy(tmp_path_factory):
    path = tmp_path_factory.mktemp("scen") / "mini.yaml"
    shutil.copy(MINI, path)
    return path


def facilitated(scenario, seed=5, **setup) -> Match:
    return Match(scenario, seed, control=ControlSetup(msel=setup.pop("msel", MSEL), **setup))


def give_orders(match: Match, orders: dict[Actor, list[str]]) -> None:
    skip_diplomacy(match)
    for actor in list(match.pending()):
        match.order(actor, [ActionOrder(actor=actor, action=a) for a in orders.get(actor, [])])


def cause_changes(state, prefix="White cell: "):
    return [c for c in state.changes if c.cause.startswith(prefix)]


# --------------------------------------------------------------------------- injects
def test_scheduled_injects_fire_at_their_turn_and_phase_and_held_ones_wait_for_release(mini):
    match = facilitated(mini)
    assert match.state.news[-1].text == "The exercise begins."  # turn 1, propose: at the start
    status = {s.id: s.status for s in match.state.control.injects}
    assert status == {"opening": "fired", "spike": "scheduled", "leak": "held", "review": "held", "late": "scheduled"}
    give_orders(match, {})
    match.control(ResolveTurn())
    skip_diplomacy(match)  # turn 2 orders: the spike fires on entering the phase
    assert match.state.control.inject_state("spike").status == "fired"
    assert match.state.meters["tension"] == pytest.approx(match.state.history[-1]["tension"] + 6)
    match.control(ReleaseInject(inject="leak"))
    cable = match.state.news[-1]
    assert cable.text.startswith("A leaked memo") and cable.audience == (Actor.US,)
    assert "A leaked memo" not in " ".join(n.text for n in match.observe(Actor.DPRK).news)
    assert any("A leaked memo" in n.text for n in match.observe(Actor.US).news)
    for actor in list(match.pending()):
        match.order(actor, [])
    match.control(ResolveTurn())
    # the spike's change is in the resolution's ledger, with the white cell as its cause
    assert [(c.meter, c.delta) for c in cause_changes(match.state)] == [("tension", 6.0)]
    assert cause_changes(match.state)[0].label == "White cell: Border incident"


def test_skip_hold_delay_and_release_of_a_scenario_event(mini):
    match = facilitated(mini)
    match.control(SkipInject(inject="late"))
    match.control(HoldInject(inject="spike"))
    match.control(DelayInject(inject="leak", turn=2, phase=Phase.PROPOSE))
    with pytest.raises(ValueError, match="is skipped"):
        match.control(ReleaseInject(inject="late"))
    with pytest.raises(ValueError, match="later turn or phase"):
        match.control(DelayInject(inject="spike", turn=1, phase=Phase.PROPOSE))
    before = match.state.meters["human_rights"]
    match.control(ReleaseInject(inject="review"))  # the scenario's calendar event, released by hand
    assert match.state.meters["human_rights"] == before + 5 and "review" in match.state.fired_events
    give_orders(match, {})
    match.control(ResolveTurn())
    status = {s.id: s.status for s in match.state.control.injects}
    assert status == {"opening": "fired", "spike": "held", "leak": "fired", "review": "fired", "late": "skipped"}
    assert match.state.control.inject_state("leak").fired_turn == 2
    # the released event does not fire again on its calendar turn (turn 2 resolved without it)
    assert [n.text for n in match.state.news].count("The UN reviews DPRK human rights.") == 1


def test_an_ad_hoc_inject_is_checked_against_the_scenario_and_fires_at_once(mini):
    match = facilitated(mini)
    bad = InjectSpec(id="bad", title="Bad", effects=(MeterEffect(meter="no_such_meter", delta=1),))
    with pytest.raises(ValueError, match="unknown meter"):
        match.control(AdHocInject(inject=bad))
    with pytest.raises(ValueError, match="unknown site"):
        match.control(
            AdHocInject(inject=InjectSpec(id="s", title="S", effects=(SiteEffect(site="nowhere", status="frozen"),)))
        )
    restart = InjectSpec(
        id="restart",
        title="Yongbyon restarts",
        news="Steam rises at Yongbyon.",
        effects=(SiteEffect(site="yongbyon", status="frozen"), MeterEffect(meter="tension", delta=3)),
    )
    match.control(AdHocInject(inject=restart))
    assert match.state.program.site("yongbyon").status == "frozen"
    assert match.state.news[-1].text == "Steam rises at Yongbyon."
    with pytest.raises(ValueError, match="already an inject"):
        match.control(AdHocInject(inject=restart))
    exposed = InjectSpec(id="found", title="Satellite imagery", effects=(DetectionEffect(site="hidden", by=Actor.US),))
    match.control(AdHocInject(inject=exposed))
    assert match.state.program.site("hidden").detected
    assert match.state.estimates[Actor.US].suspicion["hidden"] == 1.0
    meters = dict(match.state.meters)
    match.control(AdHocInject(inject=exposed.model_copy(update={"id": "found_again"})))
    assert match.state.meters == meters  # an exposed site is not exposed again
    assert {c.cause for c in match.state.control.carried} == {
        "White cell: Yongbyon restarts",
        "White cell: Satellite imagery",
    }


# --------------------------------------------------------------------------- who may act
def test_a_player_seat_can_never_submit_a_control_act(mini):
    match = facilitated(mini)
    with pytest.raises(ValidationError):
        ControlSubmission(seat="US", act=ReleaseInject(inject="leak"))
    forged = ControlSubmission.model_construct(seat=Actor.US, act=ReleaseInject(inject="leak"), reason="")
    with pytest.raises(ValueError, match="only the white cell submits control acts; US is a player seat"):
        match.submit(forged)
    with pytest.raises(ValidationError):  # a control act is no order of a seat's submission
        Submission(actor=Actor.US, phase=Phase.ORDERS, orders=(CancelOrder(actor=Actor.DPRK, action="summit"),))
    smuggled = Submission.model_construct(
        actor=Actor.US, phase=Phase.ORDERS, rationale="", orders=(CancelOrder(actor=Actor.DPRK, action="summit"),)
    )
    skip_diplomacy(match)
    with pytest.raises(ValueError, match="holds only ActionOrders"):
        match.submit(smuggled)
    assert len(match.log) == 5 and match.state.control.inject_state("leak").status == "held"  # nothing recorded


def test_a_game_without_a_white_cell_refuses_control_acts_and_hashes_as_before(mini):
    plain = Match(mini, 5)
    with pytest.raises(ValueError, match="no white cell"):
        plain.control(ReleaseInject(inject="leak"))
    with pytest.raises(ValueError, match="no white cell"):
        plain.note(Actor.US, "memo", "why")
    assert plain.state.control is None and "control" not in plain.state.model_dump_json(exclude={"control"})
    assert state_hash(plain.state) == state_hash(initial_state(mini))


# --------------------------------------------------------------------------- adjudication
def test_orders_wait_for_review_and_a_cancelled_order_never_happens(mini):
    match = facilitated(mini)
    give_orders(match, {Actor.US: ["summit"], Actor.DPRK: ["missile_test"]})
    assert match.phase is Phase.ORDERS and match.pending() == [] and match.awaiting_control()
    with pytest.raises(ValueError, match="needs a reason"):
        match.control(CancelOrder(actor=Actor.DPRK, action="missile_test"))
    with pytest.raises(ValueError, match="no sealed order"):
        match.control(CancelOrder(actor=Actor.DPRK, action="summit"), "not given")
    capital = match.state.capital[Actor.DPRK]
    match.control(CancelOrder(actor=Actor.DPRK, action="missile_test"), "the launch site is flooded")
    assert match.state.news[-1].audience == (Actor.DPRK,) and "flooded" in match.state.news[-1].text
    match.control(ResolveTurn())
    assert match.state.turn == 2
    assert not any(c.cause == "DPRK:missile_test" for c in match.state.changes)
    assert any(c.cause == "US:summit" for c in match.state.changes)
    assert match.state.capital[Actor.DPRK] == min(mini.capital_cap, capital + mini.capital_income[Actor.DPRK])
    record = match.state.control.adjudications
    assert [(r.kind, r.reason) for r in record] == [("cancel", "the launch site is flooded")]


def test_a_meter_corrected_after_resolution_carries_its_reason_into_the_ledger(mini):
    match = facilitated(mini, msel=())
    give_orders(match, {})
    match.control(ResolveTurn())
    before = match.state.meters["npt_norm"]
    match.control(CorrectMeter(meter="npt_norm", delta=-4), "double counted last turn")
    assert match.state.meters["npt_norm"] == before - 4
    give_orders(match, {})
    match.control(ResolveTurn())
    fixed = cause_changes(match.state)
    assert [(c.meter, c.delta, c.label) for c in fixed] == [("npt_norm", -4.0, "White cell: double counted last turn")]
    with pytest.raises(ValueError, match="unknown meter"):
        match.control(CorrectMeter(meter="nope", delta=1), "typo")


def test_detections_forced_and_suppressed(mini):
    """The mini scenario's covert hall produces in hiding: the white cell can make the US find it, or keep
    anyone from finding it, whatever the dice say."""
    found = facilitated(mini)
    give_orders(found, {})
    found.control(RuleDetection(site="hidden", ruling="force", by=Actor.US), "a defector brings the plans")
    found.control(ResolveTurn())
    assert found.state.program.site("hidden").detected
    assert any(c.cause == "White cell: a defector brings the plans" for c in found.state.changes)
    with pytest.raises(ValidationError):
        RuleDetection(site="hidden", ruling="force")

    for seed in range(40):  # on some seed the dice find it in turn 1; suppressed that turn, nobody does
        free = Match(mini, seed, control=ControlSetup())
        ruled = Match(mini, seed, control=ControlSetup())
        ruled.control(RuleDetection(site="hidden", ruling="suppress"), "the analysts miss it")
        for m in (free, ruled):
            give_orders(m, {})
            m.control(ResolveTurn())
        if free.state.program.site("hidden").detected:
            assert not ruled.state.program.site("hidden").detected
            assert not ruled.state.control.detections  # a ruling holds for its turn only
            break
    else:
        pytest.fail("no seed found the covert site in turn 1: the test shows nothing")


def test_a_chance_roll_forced_or_forbidden(hanoi):
    spec = next(
        a
        for a in hanoi.actions
        if a.chance and len(a.chance) >= 1 and Actor.US in a.actors and a.cost <= 3 and not a.requires
    )
    cause = f"US:{spec.id}"
    outcome = spec.chance[0]
    for ruling, expect_news in (("force", True), ("forbid", False)):
        match = Match(hanoi, 3, control=ControlSetup())
        match.control(RuleChance(cause=cause, ruling=ruling, outcome=0), f"{ruling} it")
        give_orders(match, {Actor.US: [spec.id]})
        match.control(ResolveTurn())
        news = [n.text for n in match.state.news if n.turn == 1]
        if outcome.news:
            assert any(outcome.news.replace("{actor}", "United States")[:20] in t for t in news) is expect_news
        if expect_news and outcome.effects:
            assert any(c.cause == "White cell: force it" for c in match.state.changes)
    with pytest.raises(ValueError, match="chance outcomes"):
        Match(hanoi, 3, control=ControlSetup()).control(RuleChance(cause="US:nothing", ruling="force"), "x")


# --------------------------------------------------------------------------- clocks
def test_a_phase_that_runs_out_of_time_with_and_without_an_ai_stand_in(mini):
    match = facilitated(mini, clocks={Phase.PROPOSE: 300, Phase.ORDERS: 600}, stand_ins={Actor.PRC: "heuristic"})
    assert match.state.control.clocks == {Phase.PROPOSE: 300, Phase.ORDERS: 600}
    match.control(SetClock(phase=Phase.ORDERS, seconds=900))
    match.control(PauseClock(paused=True))
    assert match.state.control.clocks[Phase.ORDERS] == 900 and match.state.control.paused
    match.control(PauseClock(paused=False))
    match.propose(Actor.US, [])
    close_phase(match, expired=True)  # DPRK, ROK, JPN send nothing; PRC's stand-in proposes
    entry = match.log[-1]
    assert entry.kind == "control" and entry.act.expired
    assert [s.actor for s in entry.act.stand_ins] == [Actor.PRC]
    assert match.phase in (Phase.RESPOND, Phase.ORDERS)
    assert "time ran out" in match.state.news[-1].text
    while match.phase is not Phase.ORDERS:
        close_phase(match, expired=False)
    match.order(Actor.US, [ActionOrder(actor=Actor.US, action="summit")])
    close_phase(match, expired=True)
    assert match.awaiting_control() and match.state.orders[Actor.DPRK] == ()
    stood_in = match.log[-1].act.stand_ins
    assert [s.actor for s in stood_in] == [Actor.PRC] and match.state.orders[Actor.PRC] == stood_in[0].orders
    with pytest.raises(ValueError, match="nothing to close"):
        match.control(ClosePhase())
    with pytest.raises(ValueError, match="no AI stand-in"):
        skip = Match(mini, 5, control=ControlSetup())
        skip.control(ClosePhase(stand_ins=(Submission(actor=Actor.US, phase=Phase.PROPOSE),)))


def test_the_clocks_are_public_and_the_white_cells_secrets_are_not(mini):
    match = facilitated(mini, clocks={Phase.ORDERS: 600})
    match.note(Actor.US, "rfi", "Is the Hidden hall running?")
    match.note(Actor.US, "memo", "Our plan stays ours.")
    match.control(RuleDetection(site="hidden", ruling="suppress"), "keep it quiet")
    give_orders(match, {})
    view = public_view(match.state, mini)
    assert view.clock.limits == {Phase.ORDERS: 600} and view.clock.awaiting_review and not view.clock.paused
    shown = view.model_dump_json() + match.observe(Actor.DPRK).model_dump_json()
    for secret in ("Hidden hall running", "Our plan stays ours", "keep it quiet", "A leaked memo"):
        assert secret not in shown
    assert public_view(Match(mini, 5).state, mini).clock is None


# --------------------------------------------------------------------------- RFIs and memos
def test_requests_for_information_and_team_memos(mini):
    match = facilitated(mini)
    match.note(Actor.ROK, "rfi", "Is the Hidden hall active?")
    match.note(Actor.ROK, "memo", "We hold back until we know more.")
    match.note(Actor.ROK, "memo", "We hold back until the answer comes.")
    control = match.state.control
    assert [(r.id, r.actor, r.answer) for r in control.rfis] == [("R1", Actor.ROK, "")]
    assert control.memo(1, Actor.ROK) == "We hold back until the answer comes." and len(control.memos) == 1
    match.control(AnswerRfi(rfi="R1", text="We cannot confirm it."))
    cable = match.state.news[-1]
    assert cable.audience == (Actor.ROK,) and cable.text.endswith("We cannot confirm it.")
    with pytest.raises(ValueError, match="has been answered"):
        match.control(AnswerRfi(rfi="R1", text="Again."))
    assert [e.kind for e in match.log[-4:]] == ["note", "note", "note", "control"]
    match.note(Actor.JPN, "memo", "Tokyo's own reasons.")
    mine = seat_notes(match.state, Actor.ROK)
    assert [m.text for m in mine.memos] == ["We hold back until the answer comes."]
    assert [(r.question, r.answer) for r in mine.rfis] == [("Is the Hidden hall active?", "We cannot confirm it.")]
    assert seat_notes(match.state, Actor.US) == seat_notes(Match(mini, 5).state, Actor.ROK)  # nothing of others


# --------------------------------------------------------------------------- saves and replays
def _played_facilitated(scenario) -> Match:
    """A facilitated game: the US and ROK seats are people (the US orders a summit each turn and writes a
    memo; ROK never acts in time), three AIs with stand-ins; an RFI, scheduled and released injects, a
    cancelled order, a forced detection, a correction, and phases closed by the clock or the white cell."""
    match = facilitated(scenario, stand_ins={a: "heuristic" for a in (Actor.DPRK, Actor.JPN, Actor.PRC)})
    controllers = make_controllers(match, {a: "heuristic" for a in (Actor.DPRK, Actor.JPN, Actor.PRC)})
    match.note(Actor.US, "rfi", "What does China do?")
    match.control(AnswerRfi(rfi="R1", text="China watches."))
    while not match.over:
        run(match, controllers)
        if match.awaiting_control():
            if match.state.turn == 2:
                match.control(CancelOrder(actor=Actor.US, action="summit"), "no summit in turn 2")
                match.control(RuleDetection(site="hidden", ruling="force", by=Actor.ROK), "a defector")
            match.control(ResolveTurn())
            if match.state.turn == 3:
                match.control(CorrectMeter(meter="tension", delta=-2), "overcounted")
                match.control(ReleaseInject(inject="leak"))
        elif match.pending():
            if Actor.US in match.pending() and match.phase is Phase.ORDERS:
                match.order(Actor.US, [ActionOrder(actor=Actor.US, action="summit")])
                match.note(Actor.US, "memo", "A summit keeps the talks alive.")
            close_phase(match, expired=match.state.turn % 2 == 0)  # ROK (and US outside orders) time out
    return match


def test_a_facilitated_game_saves_loads_replays_branches_and_resumes(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    match = _played_facilitated(scenario)
    assert match.over and {e.kind for e in match.log if hasattr(e, "kind")} == {"control", "note"}
    path = tmp_path / "wc.json"
    save_match(match, path, GameInfo(ref, {Actor.US: "human", Actor.ROK: "human"}))
    saved = read_save(path)
    assert saved.control == match.state.control.setup
    loaded = load_game(saved, scenario)  # the whole log replayed and compared with the snapshot
    assert loaded.hash() == match.hash() and loaded.state == match.state
    report = verify(saved, scenario)
    assert report.ok and [r.hash for r in report.checked] == [t.hash for t in match.turns]
    assert loaded.rationales == match.rationales and any(r.actor is Actor.PRC for r in loaded.rationales)

    # branch before turn 2's adjudications: the branch has none of them, and plays on from there
    adjudicated = next(
        e.turn
        for e in saved.log
        if getattr(e, "kind", "") == "control"
        and e.act.kind == "cancel"
        or getattr(e, "kind", "") == "control"
        and e.act.kind == "detection"
    )
    branched = branch(saved, scenario, adjudicated, source=str(path))
    assert branched.snapshot.turn == adjudicated and branched.control == saved.control
    assert not any(getattr(e, "kind", "") == "control" and e.act.kind == "detection" for e in branched.log)
    resumed = restore(branched, scenario)
    assert resumed.state.control.adjudications == tuple(
        r for r in match.state.control.adjudications if r.turn < adjudicated
    )
    give_orders(resumed, {})
    resumed.control(ResolveTurn())
    assert resumed.state.turn == adjudicated + 1


# --------------------------------------------------------------------------- MSEL files
EXERCISE = ROOT / "scenarios" / "msel" / "hanoi_2019_exercise.yaml"


def test_the_bundled_exercise_msel_validates_and_has_scheduled_and_held_injects(capsys, hanoi):
    injects = load_msel(EXERCISE, hanoi)
    assert len(injects) >= 8 and any(i.held for i in injects) and any(not i.held for i in injects)
    rc, out, err = cli(capsys, "validate", EXERCISE)
    assert rc == 0 and "a MSEL of 9 injects for hanoi-2019: 5 scheduled, 4 held" in out and not err


CSV_OK = """id,title,turn,phase,news,audience,event,effects
opening,Exercise opens,1,,The exercise begins.,,,
leak,Leaked memo,,,"A memo, leaked.",US ROK,,"[{kind: meter, meter: tension, delta: 2}]"
"""


@pytest.mark.parametrize(
    "text, problem",
    [
        (
            "msel:\n  - id: a\n    title: A\n    turn: 2\n    news: hi\n  - id: b\n    title: B\n    turn: 99\n    news: x\n",
            ":8: msel.1.turn: turn 99 is outside 1..4",
        ),
        (
            "msel:\n  - id: a\n    title: A\n    effects: [{kind: meter, meter: nope, delta: 1}]\n",
            ":4: msel.0.effects.0.meter: unknown meter 'nope'",
        ),
        (
            "msel:\n  - id: a\n    title: A\n    event: no_such_event\n",
            ":4: msel.0.event: unknown event 'no_such_event'",
        ),
        ("msel:\n  - id: a\n    title: A\n    news: x\n    phase: ended\n", ":5: msel.0.phase: "),
        ("msel:\n  - id: a\n    title: A\n", ":2: msel.0: Value error, an inject needs news, an event or effects"),
        (
            "msel:\n  - id: a\n    title: A\n    news: x\n  - id: a\n    title: B\n    news: y\n",
            ":5: msel.1.id: duplicate inject id 'a'",
        ),
        (
            "scenario: hanoi-2019\nmsel:\n  - {id: a, title: A, news: x}\n",
            ":1: scenario: written for 'hanoi-2019', not 'mini'",
        ),
        (
            "msel:\n  - {id: a, title: A, effects: [{kind: meter, meter: support.self, delta: 1}]}\n",
            ":2: msel.0.effects.0: an inject has no acting actor",
        ),
        (
            "msel:\n  - {id: a, title: A, news: x}\n  - {id: a, title: A, news: x, audience: [US, US]}\n",
            ":3: msel.1.audience: ",
        ),
        ("msel: [\n", ":2: yaml: invalid YAML"),
    ],
    ids=["turn", "meter", "event", "phase", "empty", "duplicate", "scenario", "self", "audience", "yaml"],
)
def test_a_bad_yaml_msel_is_one_line_per_problem_naming_file_line_and_field(capsys, tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    rc, out, err = cli(capsys, "validate", "--scenario", MINI, path)
    assert rc == 2 and not out and f"{path}{problem}" in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "text, problem",
    [
        (CSV_OK.replace(",1,,The", ",one,,The"), ":2: turn: 'one' is not a turn number"),
        (CSV_OK.replace("US ROK", "US XX"), ":3: audience.1: "),
        (CSV_OK.replace("delta: 2}]", "delta: 2}"), ":3: effects: invalid YAML"),
        (CSV_OK.replace("meter: tension", "meter: nope"), ":3: effects.0.meter: unknown meter 'nope'"),
        (CSV_OK.replace("effects\n", "effects,extra\n"), ":1: msel: unknown column 'extra'"),
        ("id,id\n", ":1: msel: column 'id' is named twice"),
        (CSV_OK + "x,X,1,,n,,,,,,\n", ":4: msel: 11 cells, but the header has 8 columns"),
        (CSV_OK.replace("The exercise", "The \x1b[31mexercise"), ":2: msel: text holds an escape character"),
    ],
    ids=["turn", "seat", "effects-yaml", "effects-meter", "column", "header", "cells", "escape"],
)
def test_a_bad_csv_msel_is_one_line_per_problem_naming_file_line_and_field(capsys, tmp_path, text, problem):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    rc, out, err = cli(capsys, "validate", "--scenario", MINI, path)
    assert rc == 2 and not out and f"{path}{problem}" in err and "Traceback" not in err, err
    assert all(line.startswith(str(path)) for line in err.splitlines())


def test_a_csv_msel_plays_like_its_yaml_twin(mini, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(CSV_OK)
    injects = load_msel(path, mini)
    assert [(i.id, i.turn, i.audience) for i in injects] == [
        ("opening", 1, "public"),
        ("leak", None, (Actor.US, Actor.ROK)),
    ]
    twin = tmp_path / "ok.yaml"
    twin.write_text(
        "msel:\n  - {id: opening, title: Exercise opens, turn: 1, news: The exercise begins.}\n"
        "  - {id: leak, title: Leaked memo, news: 'A memo, leaked.', audience: [US, ROK],\n"
        "     effects: [{kind: meter, meter: tension, delta: 2}]}\n"
    )
    assert load_msel(twin, mini) == injects


def test_simulate_with_a_msel_saves_a_facilitated_game_that_replays_branches_and_resumes(capsys, tmp_path):
    game = tmp_path / "wc.json"
    rc, out, err = cli(capsys, "simulate", "--scenario", MINI, "--msel", tmp_path / "none.csv", "--save", game)
    assert rc == 2 and "no such file" in err and not game.exists()
    (tmp_path / "m.csv").write_text(CSV_OK)
    rc, out, err = cli(
        capsys,
        "simulate",
        "--scenario",
        MINI,
        "--seed",
        3,
        "--msel",
        tmp_path / "m.csv",
        *[arg for a in Actor for arg in ("--seat", f"{a.value}=random")],
        "--save",
        game,
    )
    assert rc == 0 and "The exercise begins." in out and "[white cell] accepted the orders" in out, err
    assert read_save(game).control.msel[1].id == "leak"
    rc, out, err = cli(capsys, "replay", "--verify", game)
    assert rc == 0 and "verified: 4 turns" in out
    rc, out, err = cli(capsys, "branch", game, "--turn", 3, "--out", tmp_path / "b.json")
    assert rc == 0, err
    rc, out, err = cli(capsys, "resume", tmp_path / "b.json", "--quiet", "--no-autosave", "--save", tmp_path / "r.json")
    assert rc == 0, err
    assert read_save(tmp_path / "r.json").snapshot.hash == read_save(game).snapshot.hash  # the same game again


def test_the_readme_msel_examples_are_valid(tmp_path, hanoi):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### The MSEL format") :]
    for fence, name in (("```yaml\n", "example.yaml"), ("```csv\n", "example.csv")):
        start = section.index(fence) + len(fence)
        path = tmp_path / name
        path.write_text(section[start : section.index("```", start)])
        assert [i.id for i in load_msel(path, hanoi)] == ["panel_leak", "defector", "typhoon"]


def test_control_acts_are_pure_and_a_tampered_act_fails_the_replay(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    match = facilitated(scenario, msel=())
    give_orders(match, {Actor.DPRK: ["missile_test"]})
    before, dice = match.state, match.dice
    act = ControlSubmission(act=CancelOrder(actor=Actor.DPRK, action="missile_test"), reason="a storm")
    one, two = turn.submit(before, scenario, dice, act), turn.submit(before, scenario, dice, act)
    assert one == two and state_hash(one) == state_hash(two) and match.state is before  # the input untouched
    assert before.orders[Actor.DPRK] and not one.orders[Actor.DPRK]
    match.submit(act)
    match.control(ResolveTurn())
    match.control(CorrectMeter(meter="tension", delta=3), "a border shooting")
    give_orders(match, {})
    match.control(ResolveTurn())
    path = tmp_path / "g.json"
    save_match(match, path, GameInfo(ref, {}))
    body = json.loads(path.read_text())["body"]
    index = next(i for i, e in enumerate(body["log"]) if e.get("act", {}).get("kind") == "correct")
    body["log"][index]["reason"] = "a different story"
    path.write_bytes(sign(body))
    report = verify(read_save(path), scenario)
    assert not report.ok and report.mismatch.turn == 2  # the reason is the change's cause in the ledger


def test_a_format_3_save_is_a_game_without_a_white_cell_and_opens_as_it_is(mini_copy, tmp_path):
    """Format 3 had no white cell: its body lacks ``control`` and its state ``control``; format 4 reads
    it unchanged, and its log replays to the same hashes."""
    scenario, ref = open_scenario(mini_copy)
    match = Match(scenario, 2)
    give_orders(match, {Actor.US: ["summit"]})
    path = tmp_path / "old.json"
    save_match(match, path, GameInfo(ref, {}))
    body = json.loads(path.read_text())["body"]
    del body["control"], body["snapshot"]["state"]["control"]
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    checksum = hashlib.sha256(text.encode()).hexdigest()
    path.write_text(f'{{"format": "armistice-save", "version": 3, "checksum": "{checksum}",\n"body": {text}}}\n')
    loaded = load_game(read_save(path), scenario)
    assert loaded.hash() == match.hash() and loaded.state.control is None


def test_a_msel_path_that_is_no_file_is_one_line(capsys, tmp_path):
    (tmp_path / "dir.csv").mkdir()
    (tmp_path / "big.csv").write_bytes(b"id,title\n" + b"x" * (1024 * 1024 + 1))
    for name, problem in (("dir.csv", "is a directory"), ("big.csv", "too large"), ("none.csv", "no such file")):
        rc, out, err = cli(capsys, "validate", "--scenario", MINI, tmp_path / name)
        assert rc == 2 and problem in err and one_line(err), err


def test_a_scenario_may_carry_its_own_msel_checked_when_it_loads(capsys, tmp_path):
    text = MINI.read_text()
    good = tmp_path / "with_msel.yaml"
    good.write_text(text + "msel:\n  - {id: opening, title: Opening, turn: 1, news: The exercise begins.}\n")
    rc, out, err = cli(
        capsys,
        "simulate",
        "--scenario",
        good,
        "--facilitated",
        "--quiet",
        *[arg for a in Actor for arg in ("--seat", f"{a.value}=random")],
    )
    assert rc == 0, err
    rc, out, err = cli(capsys, "validate", good)
    assert rc == 0 and "a MSEL of 1 inject)" in out
    bad = tmp_path / "bad_msel.yaml"
    bad.write_text(text + "msel:\n  - {id: opening, title: Opening, turn: 9, event: nope}\n")
    line = text.count("\n") + 2
    rc, out, err = cli(capsys, "validate", bad)
    assert rc == 2 and f"{bad}:{line}: msel.0.turn: turn 9 is outside 1..4" in err
    assert f"{bad}:{line}: msel.0.event: unknown event 'nope'" in err
