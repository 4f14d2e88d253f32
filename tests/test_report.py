"""The after-action report (``armistice report``, the debrief's *Export report*): a self-contained page whose
every section shows what the game's record says, tables that agree with the replayed game, outputs that
refuse bad paths in one line, and (when Chromium is installed) the page as a real browser draws it."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

from game.ai.runner import close_phase, make_controllers, run
from game.boundary import loads_json
from game.engine import Match
from game.model.control import AnswerRfi, ControlSetup, CorrectMeter, ReleaseInject, ResolveTurn, SkipInject
from game.model.ids import Actor, Phase
from game.model.scenario import InjectSpec, MeterEffect
from game.persist import HUMAN, GameInfo, load_game, open_scenario, read_save, save_match
from game.report.export import export_name
from game.report.aar import _deals as deal_rows
from game.report.aar import collect, csv_text
from game.report.html import SECTIONS, render
from game.report.html import _white_cell as white_cell_section
from game.report.timeline import turn_states
from game.report.words import STATE_TEXT

from test_saves_cli import cli

MARKUP = "<script>alert('x')</script> & <b>bold</b>"  # what the US seat gives as its reason, every time


class Marked:
    """The US's heuristic, giving ``MARKUP`` as its rationale: text from a save must reach the page escaped."""

    def __init__(self, inner):
        self.inner = inner

    def act(self, observation, legal, rng):
        return self.inner.act(observation, legal, rng).model_copy(update={"rationale": MARKUP})


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
    InjectSpec(id="late", title="Late news", turn=3, news="Late news."),
)


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """A whole facilitated tutorial game, saved: North Korea's seat is a person's who never acts in time, so
    every phase closes on it with its AI stand-in; it asks the white cell a question and writes a memo each
    turn. The white cell corrects a meter twice, releases a held inject and skips one."""
    scenario, ref = open_scenario("tutorial")
    match = Match(scenario, 4, control=ControlSetup(msel=MSEL, stand_ins={Actor.DPRK: "heuristic"}))
    controllers = make_controllers(match, {a: "heuristic:normal" for a in scenario.actors if a is not Actor.DPRK})
    controllers[Actor.US] = Marked(controllers[Actor.US])
    match.note(Actor.DPRK, "rfi", "Does Washington know of the hidden hall?")
    match.control(AnswerRfi(rfi="R1", text="Not yet."))
    while not match.over:
        run(match, controllers)
        if match.awaiting_control():
            if match.state.turn < 3:
                match.control(CorrectMeter(meter="tension", delta=-2), f"turn {match.state.turn}: {MARKUP}")
            match.control(ResolveTurn())
            if match.state.turn == 2:
                match.control(ReleaseInject(inject="leak"))
                match.control(SkipInject(inject="late"))
        elif match.pending():  # only North Korea's seat is left: its time runs out
            match.note(Actor.DPRK, "memo", f"Turn {match.state.turn}: we wait and see.")
            close_phase(match, expired=True)
    seats = {a: "heuristic:normal" for a in scenario.actors} | {Actor.DPRK: HUMAN}
    path = tmp_path_factory.mktemp("report") / "game.json"
    save_match(match, path, GameInfo(scenario=ref, seats=seats, game_id="class-7"))
    saved = read_save(path)
    return path, match, collect(load_game(saved, scenario), dict(saved.seats), saved.game_id)


@pytest.fixture(scope="module")
def page(played):
    return render(played[2])


# --------------------------------------------------------------------------- the page
def test_the_page_has_every_section_self_contained_and_escaped(page):
    for key, title in SECTIONS:
        assert f'<h2 id="{key}">{title}' in page and f'href="#{key}"' in page
    assert page.count("<svg") == 4  # scores, meters, the program, estimates
    assert not re.search(r'(src|href)="(?!#)', page) and "<link" not in page and not re.search(r"url\((?!#)", page)
    assert MARKUP not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert "@media print" in page


# --------------------------------------------------------------------------- the tables agree with the game
def test_every_turn_is_a_row_and_the_truth_is_the_replayed_truth(played):
    _, match, report = played
    t = report.tables
    states = turn_states(match)
    assert len(states) == match.turns_resolved + 1
    assert [r["turn"] for r in t["meters"]] == list(range(len(states)))
    assert [{k: v for k, v in r.items() if k not in ("turn", "date")} for r in t["meters"][1:]] == list(
        match.state.history
    )
    assert t["program"][-1]["warheads"] == match.state.program.warheads
    for row in t["estimates"]:
        held = getattr(states[row["turn"]].estimates[Actor(row["actor"])], row["stock"])
        truth = getattr(states[row["turn"]].program, row["stock"])
        assert (row["low"], row["high"]) == (round(held.low, 2), round(held.high, 2))
        assert row["truth_inside"] == (held.low <= truth <= held.high)
    assert {r["actor"] for r in t["estimates"]} == {a.value for a in match.state.estimates}
    assert len(t["sites"]) == len(states) * len(match.state.program.sites)


def test_scores_and_how_they_were_made(played):
    _, match, report = played
    t = report.tables
    assert {r["actor"]: r["score"] for r in t["scores"]} == {a.value: round(v, 2) for a, v in match.scores().items()}
    for actor, score in match.scores().items():
        points = sum(r["points"] for r in t["score_terms"] if r["actor"] == actor.value)
        assert points == pytest.approx(score, abs=0.1)  # the terms add up to the score
    assert report.value("game id") == "class-7" and report.value("final state hash") == match.hash()


def test_every_clause_of_every_deal_with_what_really_happened(played):
    _, match, report = played
    deals = report.tables["deals"]
    assert len(deals) == len(match.state.commitments)
    for row, c in zip(deals, match.state.commitments):
        assert row["deal"] == c.deal_id and row["breach_never_found"] == c.breach_hidden
        assert row["history"].startswith(f"T{c.accepted_turn}: ")  # a clause's story starts the turn it was agreed
        assert row["outcome"] == ("breached in secret, never found" if c.breach_hidden else STATE_TEXT[c.state])


def test_a_breach_nobody_found_is_told(played):
    _, match, _ = played
    first = match.state.commitments[0]
    feigned = match.state.replace(
        commitments=(first.replace(state="fulfilled", breach_hidden=True), *match.state.commitments[1:])
    )
    later = Match(match.scenario, match.seed, match.variant, state=feigned)
    row = deal_rows(later, [match.state, feigned])[0]  # kept as the game ended, then found feigned
    assert row["outcome"] == "breached in secret, never found" and row["breach_never_found"]
    assert row["history"] == f"T0: {STATE_TEXT[first.state]}; T1: breached in secret"


def test_the_ai_rationales_its_seats_and_its_stand_ins(played):
    _, match, report = played
    rows = report.tables["rationales"]
    assert [(r["turn"], r["actor"], r["text"]) for r in rows] == [
        (r.turn, r.actor.value, r.text) for r in match.rationales
    ]
    assert {r["by"] for r in rows if r["actor"] == "DPRK"} == {"AI stand-in"}  # a person's seat, its phases closed
    assert any(r["text"] == MARKUP for r in rows)


def test_the_white_cell_its_injects_adjudications_memos_and_questions(played, page):
    _, match, report = played
    t = report.tables
    assert {r["inject"]: (r["planned"], r["status"]) for r in t["injects"]} == {
        "opening": ("turn 1, propose", "fired"),
        "spike": ("turn 2, orders", "fired"),
        "leak": ("held", "fired"),
        "late": ("turn 3, propose", "skipped"),
    }
    adjudications = [r for r in t["control"] if r["adjudication"]]
    assert [r["reason"] for r in adjudications] == [f"turn 1: {MARKUP}", f"turn 2: {MARKUP}"]
    assert [r["act"] for r in t["control"]].count("close") == len(
        [e for e in match.log if getattr(e, "kind", "") == "control" and e.act.kind == "close"]
    )
    assert t["rfis"] == [
        {
            "rfi": "R1",
            "turn": 1,
            "actor": "DPRK",
            "question": "Does Washington know of the hidden hall?",
            "answer": "Not yet.",
            "answered_turn": 1,
        }
    ]
    assert [(r["turn"], r["memo"]) for r in t["memos"]] == [(n, f"Turn {n}: we wait and see.") for n in (1, 2, 3)]
    assert "Adjudications (2)" in page and "Does Washington know of the hidden hall?" in page
    assert f"turn 1: {MARKUP}" not in page  # a reason from the save, escaped like every text


def test_a_game_without_a_white_cell_says_so(tmp_path):
    scenario, _ = open_scenario("tutorial")
    match = Match(scenario, 2)
    run(match, make_controllers(match, {a: "random" for a in scenario.actors}))
    report = collect(match, {a: "random" for a in scenario.actors})
    assert all(report.tables[name] == [] for name in ("injects", "control", "memos", "rfis"))
    assert "Not a facilitated game" in white_cell_section(report)


# --------------------------------------------------------------------------- the command line
def test_report_writes_the_page_the_csv_tables_and_the_json(capsys, played, page, tmp_path):
    html, folder, doc = tmp_path / "out.html", tmp_path / "tables", tmp_path / "out.json"
    rc, out, err = cli(capsys, "report", played[0], "--html", html, "--csv", folder, "--json", doc)
    assert rc == 0, err
    assert html.read_text(encoding="utf-8") == page  # the same game gives the same bytes
    tables = played[2].tables
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in tables)
    with open(folder / "deals.csv", newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(tables["deals"])
    assert loads_json(doc.read_text(encoding="utf-8"))["tables"] == json.loads(json.dumps(tables))


def test_a_text_a_spreadsheet_would_run_is_quoted_in_the_csv():
    rows = [{"memo": '=HYPERLINK("http://x")', "reason": "@SUM(A1)", "delta": -2, "none": None, "plain": "ok"}]
    assert csv_text(rows).splitlines()[1] == '"\'=HYPERLINK(""http://x"")",\'@SUM(A1),-2,,ok'


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda tmp: [], "give --html PATH, --csv DIR or --json PATH"),
        (lambda tmp: ["--html", tmp], "is a directory"),
        (lambda tmp: ["--json", tmp / "a-new-folder" / "x.json", "--csv", tmp / "f.txt"], "is not a folder"),
    ],
)
def test_report_refuses_bad_outputs_before_reading_in_one_line(capsys, played, tmp_path, make, expected):
    (tmp_path / "f.txt").write_text("x")
    rc, out, err = cli(capsys, "report", played[0], *make(tmp_path))
    assert rc == 2 and expected in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]  # nothing written


def test_report_refuses_a_tampered_save_in_one_line(capsys, played, tmp_path):
    doc = json.loads(played[0].read_text())
    doc["body"]["seed"] += 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    rc, out, err = cli(capsys, "report", bad, "--html", tmp_path / "r.html")
    assert rc == 2 and err.startswith("armistice: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


# --------------------------------------------------------------------------- the debrief's export
def test_the_export_name_is_plain_names_only():
    assert export_name("hanoi-2019", "class-7") == "report-hanoi-2019-class-7.html"
    assert export_name("../../etc", "a/b") == "report-_etc-a_b.html"  # never a path


# --------------------------------------------------------------------------- in a real browser
def test_the_report_renders_in_headless_chromium(played, tmp_path):
    import tools.report_browser as browser

    if browser.find_browser() is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium); the page is checked above")
    shutil.copy(played[0], tmp_path / "game.json")
    shot = browser.render(tmp_path / "game.json", tmp_path / "out", width=1280, height=3000)
    for _, title in SECTIONS:
        assert title in shot.text  # the browser's own rendering of the page, as text
    assert shot.charts == 4 and shot.pages > 1  # it prints, on pages of its own
    from PIL import Image

    with Image.open(shot.png) as image:
        assert image.size == (1280, 3000)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text and charts, not a blank or an error page


def test_the_debriefs_export_button_writes_the_report_into_the_saves_folder_and_says_where(tmp_path):
    from game.ai.runner import make_controllers as brains_for, step
    from game.ui.app import App
    from game.ui.navigation import start_game
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.session import Seat
    from game.ui.settings import Settings
    from test_ui_mouse import click, drawn_text, gui_button

    scenario, _ = open_scenario("tutorial")
    app = App(
        Settings(width=1280, height=800),
        size=(1280, 800),
        persist_settings=False,
        threaded=False,
        saves_dir=tmp_path / "saves",
    )
    game = start_game(app, scenario, 5, None, {a: Seat(a, a is Actor.US, "random") for a in scenario.actors})
    match = game.session.match
    brains = brains_for(match, {a: "random" for a in scenario.actors})
    while not match.over:
        step(match, brains)
    debrief = DebriefScene(app, game.session)
    app.replace(debrief)
    app.step([], 1 / 60)
    app.fonts.recording = []
    click(app, gui_button(app, "Export report").rect.center, frames=1)
    assert any(text.startswith("Writing the after-action report") for text in app.fonts.recording)
    app.fonts.recording = None
    debrief.export_job.join(timeout=600)  # written on a worker thread; the screen goes on meanwhile
    shown = drawn_text(app)
    [path] = (tmp_path / "saves").glob("report-*.html")
    assert path.name == export_name("tutorial", game.session.info.game_id)
    assert f"Report written: {path.name} in " in shown
    assert f'<h2 id="{SECTIONS[0][0]}">' in path.read_text(encoding="utf-8")
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    app.saves.directory = blocked / "saves"  # a folder that cannot be made: said in one line, nothing lost
    click(app, gui_button(app, "Export report").rect.center, frames=1)
    debrief.export_job.join(timeout=600)
    assert "Could not write the report into" in drawn_text(app) and blocked.read_text() == "x"
