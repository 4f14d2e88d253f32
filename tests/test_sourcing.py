"""Sourcing you can check: every figure of a bundled scenario carries a source, or a judgement with a
plausible range, and `armistice validate` lists by file:line the figures of any scenario that do not."""

import re

import pytest

from game.cli import main
from game.model.claims import CLAIMS, claim_switches
from game.model.scenario import start_figures
from game.scenario import ScenarioError, bundled, load_scenario, parse_scenario
from game.scenario.sourcing import scenario_figures, sourcing_report
from tests.conftest import MINI, ROOT

BUNDLED = [path for _sid, _title, path in bundled()]


def with_provenance(entries: str) -> str:
    """mini.yaml with a provenance block (flow-style entries) added to its start."""
    return MINI.read_text().replace("\nactions:\n", f"\n  provenance: {{{entries}}}\nactions:\n", 1)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "bad.yaml")
    return err.value.problems


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_figure_is_sourced_or_a_judgement_with_a_range(path):
    figures = scenario_figures(load_scenario(path))
    assert len(figures) > 100
    incomplete = [f.key for f in figures if f.status not in ("sourced", "judgement")]
    assert incomplete == []
    for f in figures:
        if f.range is not None:
            assert f.range[0] <= f.value <= f.range[1], f.key
        if f.status == "judgement":
            assert len(f.judgement.split()) >= 3, f"{f.key}: a judgement says why this number"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_docs_say_what_the_assumption_is_and_leave_sourcing_to_its_fields(path):
    for name, spec in load_scenario(path).parameters.items():
        assert "judgement" not in spec.doc.lower(), name


def test_start_figures_follow_the_documented_rule(mini):
    figures = start_figures(dict(mini.start))
    assert figures["meters.cohesion.US-ROK"].value == 50
    assert figures["capital.US"].loc == ("start", "capital", "US")
    assert figures["trust.US-DPRK"].value == 30
    assert figures["program.warheads"].value == 30
    # rates a site states are figures; a rate left unwritten (Yongbyon's heu_rate) is not
    assert "program.sites.yongbyon.pu_rate" in figures and "program.sites.yongbyon.heu_rate" not in figures
    assert figures["program.sites.hidden.heu_rate"].loc == ("start", "program", "sites", 1, "heu_rate")
    assert figures["estimates.PRC.suspicion.hidden"].value == 0.2
    assert figures["estimates.US.heu_kg.high"].value == 800
    assert not any(key.endswith((".lat", ".lon")) or key.startswith("flags") for key in figures)
    assert len(figures) == len(mini.start.meters) + 5 + 1 + 4 + 2 + 4 * 9 + 1


def test_validate_lists_each_unsourced_figure_with_its_line(tmp_path, capsys):
    text = with_provenance(
        'meters.tension: {judgement: "post-summit strain", range: [25, 50]}, '
        'program.warheads: {source: "SIPRI Jan 2019"}, '
        'capital.US: {judgement: "a turn and a bit"}'
    )
    lines = text.splitlines()
    text = text.replace("  summit_relief: {value: 6,", "  summit_relief: {value: 6, source: 'a study',", 1)
    path = tmp_path / "mini.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    scenario = load_scenario(path)
    total = len(scenario.parameters) + len(start_figures(dict(scenario.start)))
    assert out[1].startswith(f"{path}: figures: {total} ")
    assert (
        "2 sourced, 1 judgements with a range (0 also citing a source), 1 judgements without a range, "
        f"{total - 4} with neither" in out[1]
    )
    strengths = claim_switches(scenario.parameters)
    assert out[2] == f"{path}: claims: {len(strengths)} of 13 have a strength parameter; none for " + ", ".join(
        c for c in CLAIMS if c not in strengths
    )
    listed = out[3:]
    assert len(listed) == total - 3
    tension = next(i + 1 for i, line in enumerate(lines) if line.startswith("  meters:"))
    assert f"{path}:{tension}: start.meters.peace_stage: no source or judgement" in listed
    capital = next(i + 1 for i, line in enumerate(lines) if line.startswith("  capital:"))
    assert f"{path}:{capital}: start.capital.US: a judgement needs a finite plausible range" in listed
    assert not any(
        "meters.tension:" in line or "program.warheads:" in line or "summit_relief" in line for line in listed
    )


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_validate_reports_no_unsourced_figure_in_the_bundled_scenarios(path, capsys):
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[1].endswith("not figures") and " 0 with neither" in out[1], out
    assert out[2].startswith(f"{path}: claims: ")


@pytest.mark.parametrize(
    "entry, problem",
    [
        ("meters.tensoin: {judgement: typo, range: [0, 50]}", "meters.tensoin: names no start figure (keys look like"),
        ("program.sites.nowhere.pu_rate: {source: x}", "program.sites.nowhere.pu_rate: names no start figure"),
        ("program.sites.yongbyon.lat: {source: x}", "program.sites.yongbyon.lat: names no start figure"),
        (
            "meters.tension: {judgement: too high, range: [40, 60]}",
            "meters.tension.range: value 35.0 lies outside its plausible range [40.0, 60.0]",
        ),
        (
            "meters.tension: {judgement: inverted, range: [50, 20]}",
            "meters.tension: Value error, range [50.0, 20.0] is",
        ),
        ("meters.tension: {range: [20, 50]}", "meters.tension: Value error, a provenance entry needs a source or a"),
        ("meters.tension: {source: '  '}", "meters.tension: Value error, a provenance entry needs a source or a"),
        ("meters.tension: {source: x, note: y}", "meters.tension.note: Extra inputs are not permitted"),
    ],
)
def test_bad_provenance_is_refused_at_its_own_line(entry, problem):
    """Each bad entry is named with the line it is on, among good entries (block style, one a line)."""
    block = ["meters.peace_stage: {source: no declaration}", entry, "meters.thaad: {source: deployed 2017}"]
    text = MINI.read_text().replace(
        "\nactions:\n", "\n  provenance:\n" + "".join(f"    {e}\n" for e in block) + "actions:\n", 1
    )
    line = next(i + 1 for i, ln in enumerate(text.splitlines()) if ln == f"    {entry}")
    problems = problems_of(text)
    assert len(problems) == 1 and problems[0].startswith(f"bad.yaml:{line}: start.provenance.{problem}"), problems


def test_every_misnamed_provenance_key_is_reported(mini):
    problems = problems_of(with_provenance("meters.tensoin: {source: x}, capital.USA: {source: y}"))
    assert [p.split(": ")[1] for p in problems] == ["start.provenance.meters.tensoin", "start.provenance.capital.USA"]


def test_the_report_counts_a_judgement_citing_a_source_as_a_judgement(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(
        with_provenance('meters.tension: {source: "Guardian 2018", judgement: "strained", range: [25, 50]}')
    )
    scenario = load_scenario(path)
    tension = next(f for f in scenario_figures(scenario) if f.key == "start.meters.tension")
    assert tension.status == "judgement"
    assert "1 judgements with a range (1 also citing a source)" in sourcing_report(path, scenario)[0]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_readme_gives_todays_counts(path):
    figures = scenario_figures(load_scenario(path))
    statuses = [f.status for f in figures]
    backed = sum(1 for f in figures if f.status == "judgement" and f.source)
    params = sum(1 for f in figures if f.key.startswith("parameters."))
    row = (
        f"| `{path.name}` | {len(figures)} ({params} parameters, {len(figures) - params} start) | "
        f"{statuses.count('sourced')} | {statuses.count('judgement')} ({backed}) | {statuses.count('unsourced')} |"
    )
    assert row in (ROOT / "README.md").read_text()


def test_a_range_end_that_breaks_the_rules_is_refused_where_the_chance_is_written():
    """A sensitivity study plays each end of a range: an end that makes exclusive chances add past 1 (the
    block outcome's chance is a literal) is refused at load, not found by the lab mid-study."""
    text = (ROOT / "scenarios" / "hanoi_2019.yaml").read_text()
    old = 'pass after provocations.", range: [0.1, 0.35]'
    assert old in text
    problems = problems_of(text.replace(old, 'pass after provocations.", range: [0.1, 0.6]'))
    assert len(problems) == 1 and "$new_resolution_p at 0.6, an end of its plausible range" in problems[0]
    assert "add up to 1.25, more than 1" in problems[0]


def test_a_claims_strength_names_its_off_value_and_the_lab_plays_it_off():
    """A parameter that is a claim's strength carries ``claim:`` and ``off:`` together; the lab's
    ``--compare claim=CN`` arm sets every parameter of that claim to its off_value."""
    from game.lab.cli import _claim_off

    # the scenario's own claims taken out, so the one written here is the only one
    text = re.sub(r"claim: C\d+, off_value: [-\d.]+, ", "", (ROOT / "scenarios" / "hanoi_2019.yaml").read_text())
    old = "  tension_decay: {value: 1, "
    assert old in text
    assert (
        "names both its claim and its off_value"
        in problems_of(text.replace(old, "  tension_decay: {claim: C8, value: 1, "))[0]
    )
    assert (
        "-1 is outside 0..100"
        in problems_of(text.replace(old, "  tension_decay: {claim: C8, off_value: -1, value: 1, "))[0]
    )
    scenario = parse_scenario(text.replace(old, "  tension_decay: {claim: C8, off_value: 0, value: 1, "), "s.yaml")
    assert claim_switches(scenario.parameters)["C8"] == {"tension_decay": 0.0}
    assert _claim_off(scenario, "c8") == {"tension_decay": 0.0}
    with pytest.raises(ValueError, match="no parameter for C9"):
        _claim_off(scenario, "C9")
