"""The policy lab: seeded batches are reproducible (in one process or several), arms are paired by
seed, the statistics are right, and the command line reports and exports a study."""

import csv
import json
import statistics

import pytest

from game.cli import main as cli
from game.lab.batch import Arm, run_study, seats_for_game
from game.lab.export import to_csv
from game.lab.stats import PairedDifference, Share, Spread, paired_score_differences, report, summarize
from game.model.ids import Actor
from conftest import MINI

SEEDS = range(4)


@pytest.fixture(scope="module")
def study():
    arms = [
        Arm("base", {a: "heuristic" for a in Actor}),
        Arm("random US", {a: "random" if a is Actor.US else "heuristic" for a in Actor}),
        Arm("variant", {a: "heuristic" for a in Actor}, "peace_first"),
    ]
    return arms, run_study(MINI, arms, SEEDS)


def test_every_arm_plays_every_seed_to_the_end(study):
    arms, results = study
    assert [(r.arm, r.seed) for r in results] == [(a.label, s) for a in arms for s in SEEDS]
    assert all(
        r.outcome != "unfinished" and r.turns >= 1 and set(r.scores) == {a.value for a in Actor} for r in results
    )
    assert results[0].final_meters and results[0].state_hash


def test_processes_give_the_same_results_as_one(study):
    arms, results = study
    assert run_study(MINI, arms, SEEDS, jobs=2) == results


def test_an_arm_against_itself_differs_by_nothing(study):
    _, results = study
    base = [r for r in results if r.arm == "base"]
    twin = [type(r)(**{**r.as_dict(), "arm": "twin"}) for r in base]
    diffs = paired_score_differences(base + twin, "base", "twin")
    assert all(d.mean == 0 and d.half_width == 0 and d.pairs == len(SEEDS) for d in diffs.values())


def test_a_changed_seat_changes_the_games(study):
    _, results = study
    by_arm = {}
    for r in results:
        by_arm.setdefault(r.arm, []).append(r.state_hash)
    assert by_arm["base"] != by_arm["random US"] and by_arm["base"] != by_arm["variant"]


def test_any_personality_is_drawn_per_game_and_reproducibly(mini):
    arm = Arm("mixed", {Actor.US: "heuristic:*"})
    drawn = [seats_for_game(mini, arm, seed)[Actor.US] for seed in range(30)]
    assert drawn == [seats_for_game(mini, arm, seed)[Actor.US] for seed in range(30)]
    assert len(set(drawn)) > 1 and all(s.startswith("heuristic:") and "*" not in s for s in drawn)


def test_a_bad_arm_is_refused_before_any_game():
    with pytest.raises(ValueError, match="no variant"):
        run_study(MINI, [Arm("x", {}, "nonesuch")], SEEDS)
    with pytest.raises(ValueError, match="personality"):
        run_study(MINI, [Arm("x", {Actor.US: "heuristic:nobody"})], SEEDS)


def test_statistics_keep_the_old_figures_where_they_were_right():
    """Wilson shares and the quantiles are as the hand-written code had them; the interval of a mean is
    Student's t now (the old 1.96 standard errors was too narrow on small samples) and tends to the old
    figure as the sample grows."""
    low, high = Share(0, 10).interval
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-3)  # Wilson, not the collapsed normal 0-0
    low, high = Share(5, 10).interval
    assert low == pytest.approx(0.2366, abs=1e-3) and high == pytest.approx(0.7634, abs=1e-3)
    assert Share(37, 200).interval == pytest.approx((0.1375, 0.2446), abs=1e-3)
    spread = Spread.of([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (spread.mean, spread.median, spread.p10, spread.p90) == (3.0, 3.0, 1.4, 4.6)
    assert spread.half_width == pytest.approx(2.7764 * 1.5811 / 5**0.5, abs=1e-3)  # t with 4 degrees of freedom
    values = [float(i % 7) for i in range(2000)]
    old = 1.96 * statistics.stdev(values) / len(values) ** 0.5
    assert Spread.of(values).half_width == pytest.approx(old, rel=2e-3)


def test_paired_difference_is_the_paired_t_test():
    d = PairedDifference.of([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (d.mean, d.pairs) == (3.0, 5) and d.clear
    assert d.p_value == pytest.approx(0.01324, abs=1e-4)  # t = 4.243 on 4 degrees of freedom
    assert PairedDifference.of([0.0, 0.0]).p_value == 1.0 and PairedDifference.of([2.0, 2.0]).p_value == 0.0
    one = PairedDifference.of([2.0])
    assert not one.clear and one.p_value == 1.0  # one pair is no evidence either way


def test_summary_and_report(study):
    _, results = study
    summaries = summarize(results)
    assert [s.label for s in summaries] == ["base", "random US", "variant"]
    assert sum(share.count for share in summaries[0].outcomes.values()) == len(SEEDS)
    text = report(results)
    assert "== base: 4 games" in text and "paired score differences against 'base'" in text


def test_csv_has_a_row_per_game(study):
    _, results = study
    rows = list(csv.DictReader(to_csv(results).splitlines()))
    assert len(rows) == len(results)
    assert {"arm", "seed", "outcome", "score.US", "meter.tension", "seat.DPRK"} <= set(rows[0])


def test_cli_lab_runs_a_study_and_exports(tmp_path, capsys):
    out_csv, out_json = tmp_path / "lab.csv", tmp_path / "lab.json"
    code = cli(
        [
            "lab",
            "--scenario",
            str(MINI),
            "--games",
            "3",
            "--jobs",
            "1",
            "--compare",
            "US=random",
            "--compare",
            "variant=peace_first",
            "--csv",
            str(out_csv),
            "--json",
            str(out_json),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "== baseline: 3 games" in printed and "== US=random: 3 games" in printed
    assert len(list(csv.DictReader(out_csv.read_text().splitlines()))) == 9
    assert len(json.loads(out_json.read_text())) == 9


def test_cli_lab_refuses_a_bad_configuration(capsys):
    assert cli(["lab", "--scenario", str(MINI), "--games", "2", "--compare", "variant=nonesuch"]) == 2
    assert "no variant 'nonesuch'" in capsys.readouterr().err
