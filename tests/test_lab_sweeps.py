"""The lab's sweeps and sensitivity studies: overrides reach the rules through a variant the scenario's
own schema checks, every point plays the same seeds, the rows are tidy and the same on a re-run, and
bad options are refused in one line before any game is played."""

import csv
import re

import pyarrow.parquet
import pytest

from game.cli import main as cli
from game.engine import Match
from game.lab.batch import Arm, playable, run_study
from game.lab.sensitivity import Metric, effects
from game.lab.sweep import Axis, arms_for, defaults, grid, latin_hypercube, one_at_a_time
from game.scenario import find_scenario, load_scenario
from game.views import rules_view
from conftest import MINI

RANGES = {"peace_enforcement_erosion": "[0, 4]", "tension_decay": "[1, 5]"}


@pytest.fixture(scope="module")
def ranged(tmp_path_factory):
    """The tutorial with plausible ranges on two of its parameters only, so that a sensitivity study of
    every documented parameter stays small."""
    text = re.sub(r", range: \[[^\]]*\]", "", find_scenario("tutorial").read_text(encoding="utf-8"))
    for name, span in RANGES.items():
        text, found = re.subn(rf"^(  {name}: \{{value: [^,]+, )", rf"\1range: {span}, ", text, flags=re.MULTILINE)
        assert found == 1, name
    path = tmp_path_factory.mktemp("scenario") / "tutorial_ranged.yaml"
    path.write_text(text, encoding="utf-8")
    assert {n for n, p in load_scenario(path).parameters.items() if p.range} == set(RANGES)
    return path


def rows_of(path):
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_overrides_reach_the_rules_and_the_ais_view_as_a_variant_does(mini):
    arm = Arm("p", {}, "peace_first", parameters={"tension_decay": 7.5}, meters={"tension": 61.0})
    scenario, variant = playable(mini, arm)
    state = Match(scenario, 3, variant).state
    assert state.parameters["tension_decay"] == 7.5 and state.meters["tension"] == 61.0
    assert rules_view(scenario, variant).parameters["tension_decay"] == 7.5
    # the arm's own variant stays beneath the overrides
    for name, value in mini.variants["peace_first"].parameters.items():
        assert state.parameters[name] == value
    assert mini.variants.keys() == {"peace_first"}  # the loaded scenario is not changed


def test_each_arm_s_ais_see_that_arm_s_parameters(mini):
    """Two arms in one process: the second's rules view is its own, not the first one's memo."""
    for value in (7.5, 1.5):
        scenario, variant = playable(mini, Arm("p", {}, parameters={"tension_decay": value}))
        assert rules_view(scenario, variant).parameters["tension_decay"] == value


def test_an_arm_s_games_share_its_derived_scenario(mini):
    """Deriving an arm's scenario is done once per arm, not per game (its compiled rules and the AI's
    tables live on it); another arm, even with the same values under another label, gets its own."""
    arm = Arm("p", {}, parameters={"tension_decay": 7.5})
    first, variant = playable(mini, arm)
    again, same_variant = playable(mini, Arm("p", {}, parameters={"tension_decay": 7.5}))
    assert again is first and same_variant == variant
    assert playable(mini, Arm("p", {}, parameters={"tension_decay": 1.5}))[0] is not first
    assert playable(mini, Arm("q", {}, parameters={"tension_decay": 7.5}))[0] is not first
    assert playable(mini, Arm("p", {}, meters={"tension": 61.0}))[0] is not first


def test_an_override_the_schema_refuses_is_named(mini):
    with pytest.raises(ValueError, match="unknown parameter 'nonesuch'"):
        playable(mini, Arm("p", {}, parameters={"nonesuch": 1.0}))
    with pytest.raises(ValueError, match="unknown meter 'nonesuch'"):
        playable(mini, Arm("p", {}, meters={"nonesuch": 1.0}))


def test_designs():
    axes = [Axis("a", values=(0.0, 2.0, 4.0)), Axis("b", span=(1.0, 3.0))]
    assert grid(axes, 3) == [{"a": a, "b": b} for a in (0.0, 2.0, 4.0) for b in (1.0, 2.0, 3.0)]
    points = latin_hypercube([Axis("a", span=(0.0, 10.0)), Axis("b", span=(1.0, 2.0))], 5, seed=0)
    assert len(points) == 5 and points == latin_hypercube(
        [Axis("a", span=(0.0, 10.0)), Axis("b", span=(1.0, 2.0))], 5, seed=0
    )
    assert sorted(int(p["a"] // 2) for p in points) == [0, 1, 2, 3, 4]  # one point in each fifth of the span
    assert sorted(int((p["b"] - 1) * 5) for p in points) == [0, 1, 2, 3, 4]
    base = {"a": 2.0, "b": 1.0}
    assert one_at_a_time(axes, base) == [base, {"a": 0.0, "b": 1.0}, {"a": 4.0, "b": 1.0}, {"a": 2.0, "b": 3.0}]
    assert [a.label for a in arms_for(one_at_a_time(axes, base), {}, None, base)] == ["defaults", "a=0", "a=4", "b=3"]


def test_a_grid_sweep_plays_every_point_on_the_same_seeds_and_rewrites_the_same_rows(tmp_path, capsys):
    args = [
        "lab",
        "--scenario",
        "tutorial",
        "--games",
        "3",
        "--param",
        "peace_enforcement_erosion=0,2,4",
        "--param",
        "tension_decay=1,3",
        "--quiet",
    ]
    first, again, parquet, parquet_again = (tmp_path / n for n in ("a.csv", "b.csv", "a.parquet", "b.parquet"))
    assert cli(args + ["--jobs", "1", "--csv", str(first), "--parquet", str(parquet)]) == 0
    assert cli(args + ["--jobs", "2", "--csv", str(again), "--parquet", str(parquet_again)]) == 0
    assert first.read_bytes() == again.read_bytes() and parquet.read_bytes() == parquet_again.read_bytes()
    rows = rows_of(first)
    points = {(r["param.peace_enforcement_erosion"], r["param.tension_decay"]) for r in rows}
    assert points == {(str(float(e)), str(float(d))) for e in (0, 2, 4) for d in (1, 3)}
    by_point = {}
    for r in rows:
        by_point.setdefault(r["point"], []).append(r["seed"])
    assert len(by_point) == 6 and all(seeds == ["0", "1", "2"] for seeds in by_point.values())
    assert {"outcome", "score.US", "seat.DPRK", "meter.tension", "meter.peace_stage"} <= set(rows[0])
    table = pyarrow.parquet.read_table(parquet).to_pylist()
    assert [str(t["score.US"]) for t in table] == [r["score.US"] for r in rows]
    assert table[0]["param.tension_decay"] == 1.0
    assert "== peace_enforcement_erosion=0, tension_decay=1: 3 games" in capsys.readouterr().out


def test_a_start_meter_is_swept_like_a_parameter(tmp_path):
    out = tmp_path / "m.csv"
    assert (
        cli(
            [
                "lab",
                "--scenario",
                "tutorial",
                "--games",
                "2",
                "--jobs",
                "1",
                "--param",
                "start.tension=20,70",
                "--quiet",
                "--csv",
                str(out),
            ]
        )
        == 0
    )
    rows = rows_of(out)
    assert [r["param.start.tension"] for r in rows] == ["20.0", "20.0", "70.0", "70.0"]
    assert rows[0]["meter.tension"] != rows[2]["meter.tension"]


def test_range_from_scenario_and_a_latin_hypercube(ranged, tmp_path):
    out = tmp_path / "r.csv"
    assert (
        cli(
            [
                "lab",
                "--scenario",
                str(ranged),
                "--games",
                "1",
                "--jobs",
                "1",
                "--quiet",
                "--param",
                "tension_decay",
                "--range-from-scenario",
                "--csv",
                str(out),
            ]
        )
        == 0
    )
    assert [r["param.tension_decay"] for r in rows_of(out)] == ["1.0", "3.0", "5.0"]
    assert (
        cli(
            [
                "lab",
                "--scenario",
                str(ranged),
                "--games",
                "1",
                "--jobs",
                "1",
                "--quiet",
                "--range-from-scenario",
                "--design",
                "lhs",
                "--points",
                "4",
                "--csv",
                str(out),
            ]
        )
        == 0
    )
    rows = rows_of(out)
    assert len(rows) == 4
    assert all(
        0 <= float(r["param.peace_enforcement_erosion"]) <= 4 and 1 <= float(r["param.tension_decay"]) <= 5
        for r in rows
    )


def test_sensitivity_ranks_every_documented_parameter(ranged, tmp_path, capsys):
    report = tmp_path / "s.html"
    assert (
        cli(
            [
                "lab",
                "--scenario",
                str(ranged),
                "--games",
                "4",
                "--jobs",
                "1",
                "--quiet",
                "--sensitivity",
                "--outcome",
                "meter.tension",
                "--outcome",
                "score.US",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "== sensitivity of meter.tension" in out and "== sensitivity of score.US" in out
    ranked = re.findall(r"^\s+\d\. (\w+)", out.split("== sensitivity of meter.tension")[1].split("==")[0], re.M)
    assert sorted(ranked) == sorted(RANGES)
    page = report.read_text(encoding="utf-8")
    assert "<h2>Sensitivity</h2>" in page and "tension_decay" in page


def test_a_sensitivity_point_the_scenario_refuses_is_left_out_and_said(tmp_path, capsys):
    report = tmp_path / "s.html"
    assert (
        cli(
            [
                "lab",
                "--scenario",
                "tutorial",
                "--games",
                "2",
                "--jobs",
                "1",
                "--quiet",
                "--sensitivity",
                "--param",
                "detect_base=0.01:2",
                "--param",
                "tension_decay=1:5",
                "--outcome",
                "meter.tension",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "not played" in captured.err and "detect_base=2" in captured.err
    assert re.search(r"detect_base +0.01..2: +\S+ \+-\S+ +/  not played", captured.out)
    assert "not played" in report.read_text(encoding="utf-8")


def test_sensitivity_effects_are_paired_differences_from_the_defaults(ranged):
    scenario = load_scenario(ranged)
    axes = [Axis("tension_decay", span=(1.0, 5.0))]
    base = defaults(scenario, None, axes)
    arms = arms_for(one_at_a_time(axes, base), {}, None, base)
    results = run_study(ranged, arms, range(3))
    [effect] = effects(results, axes, base, Metric("meter.tension"))
    tension = {(r.arm, r.seed): r.final_meters["tension"] for r in results}
    expected = sum(tension[("tension_decay=5", s)] - tension[("defaults", s)] for s in range(3)) / 3
    assert effect.at_high.mean == pytest.approx(expected) and effect.at_high.pairs == 3
    assert effect.at_low.mean != effect.at_high.mean


def test_sensitivity_without_documented_ranges_says_so_in_one_line(capsys):
    assert cli(["lab", "--scenario", str(MINI), "--games", "2", "--sensitivity"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "documents no plausible range for any parameter" in err


@pytest.mark.parametrize(
    "options, problem",
    [
        (["--jobs", "-3"], "--jobs: '-3' is outside 1..256"),
        (["--games", "0"], "--games: '0' is outside 1..1000000"),
        (["--games", "many"], "--games: 'many' is not an integer"),
        (["--points", "0"], "--points: '0' is outside 1..10000"),
        (["--dask", "not an address"], "--dask: expected 'local' or a scheduler address"),
        (["--design", "random"], "--design: invalid choice"),
        (["--param", "tension_decay=1,x"], "'x' is not a number"),
        (["--param", "tension_decay=nan,1"], "not a finite number"),
        (["--param", "tension_decay=3:1"], "low end must be below its high end"),
        (["--param", "nonesuch=1,2"], "has no parameter 'nonesuch'"),
        (["--param", "tension_decay"], "give values"),
        (["--param", "tension_decay", "--range-from-scenario"], "documents no plausible range for it"),
        (["--param", "start.tension=20,200"], "must lie within 0..100"),
        (["--param", "tension_decay=1:3", "--design", "lhs", "--param", "detect_base=0.1,0.2"], "needs a range"),
        (["--param", "tension_decay=1,2", "--compare", "US=random"], "cannot be combined"),
        (["--outcome", "score.US"], "add --sensitivity"),
        (["--sensitivity", "--param", "tension_decay=1:3", "--outcome", "score.XX"], "--outcome score.XX"),
        (["--variant", "nonesuch"], "no variant 'nonesuch'"),
        (["--csv", f"{MINI}/x.csv"], "is not a folder"),
        (["--report", str(MINI.parent)], "is a directory"),
    ],
)
def test_bad_options_are_refused_in_one_line(options, problem, capsys):
    try:
        code = cli(["lab", "--scenario", str(MINI), "--games", "2", "--quiet"] + options)
    except SystemExit as exc:  # argparse's own checks end the parse
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and problem in err and "Traceback" not in err, err


def test_without_the_lab_libraries_the_command_says_how_to_install_them(monkeypatch, capsys):
    monkeypatch.setattr("game.lab.cli.LAB_LIBRARIES", ("armistice_no_such_library",))
    assert cli(["lab", "--scenario", str(MINI), "--games", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'armistice[lab]'" in err
