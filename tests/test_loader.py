"""Scenario loading: valid files load; malformed ones are refused with file:line: field: problem."""

import re
import subprocess
import sys

import pytest

from game.scenario import ScenarioError, bundled, initial_state, load_scenario, parse_scenario
from tests.conftest import MINI, ROOT


def mini_text() -> str:
    return MINI.read_text()


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "bad.yaml")
    return err.value.problems


def test_bundled_scenarios_load_and_build():
    ids = {sid for sid, _, _ in bundled()}
    assert {"hanoi-2019", "tutorial"} <= ids
    for _sid, _title, path in bundled():
        scenario = load_scenario(path)
        state = initial_state(scenario)
        assert state.turn == 1 and set(state.actors) == set(scenario.actors)


def test_hanoi_meets_its_brief(hanoi):
    assert hanoi.turns == 12 and hanoi.calendar.months_per_turn == 2
    assert hanoi.date_label(1) == "Mar 2019"
    assert len(hanoi.actions) >= 40
    assert {a for spec in hanoi.actions for a in spec.actors} == set(hanoi.actors)
    assert sum(e.kind == "calendar" for e in hanoi.events) >= 10
    assert sum(e.kind == "random" and bool(e.when) for e in hanoi.events) >= 15
    assert set(hanoi.objectives) == set(hanoi.actors)


def test_unknown_field_names_line_and_field():
    text = mini_text().replace("  - {id: summit, name: Summit,", "  - {id: summit, nmae: Summit, name: Summit,")
    problems = problems_of(text)
    line = next(i + 1 for i, line_text in enumerate(text.splitlines()) if "nmae" in line_text)
    assert any(p.startswith(f"bad.yaml:{line}: actions.0.nmae:") for p in problems), problems


def test_wrong_type_is_reported_with_line():
    text = mini_text().replace("turns: 4", "turns: four")
    problems = problems_of(text)
    assert problems[0].startswith("bad.yaml:5: turns:"), problems


def test_unknown_references_are_caught_at_load():
    text = mini_text().replace("meter: enforcement.self, delta: 10}", "meter: enforcment.self, delta: 10}")
    text = text.replace('delta: "-$summit_relief"', 'delta: "-$summit_relif"')
    text = text.replace("op: freeze, site: yongbyon", "op: freeze, site: yongbyonn")
    problems = "\n".join(problems_of(text))
    assert "unknown meter 'enforcment.self'" in problems
    assert "unknown parameter '-$summit_relif'" in problems
    assert "unknown site 'yongbyonn'" in problems
    assert re.search(r"bad\.yaml:\d+: actions\.\d+\.effects\.0\.meter", problems)


def test_missing_required_parameter_is_named():
    text = "\n".join(ln for ln in mini_text().splitlines() if not ln.strip().startswith("detect_max:"))
    assert any("missing required parameter 'detect_max'" in p for p in problems_of(text))


def test_yaml_syntax_error_names_line():
    text = mini_text().replace("turns: 4", "turns: [4")
    problems = problems_of(text)
    assert problems[0].startswith("bad.yaml:") and "yaml:" in problems[0]


def test_unsafe_yaml_tags_are_refused():
    text = "!!python/object/apply:os.system ['echo hacked']\n"
    assert problems_of(text)[0].startswith("bad.yaml:1: yaml:")


def test_validate_cli_exit_codes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mini_text().replace("turns: 4", "turns: -1"))
    ok = subprocess.run(
        [sys.executable, "-m", "game.cli", "validate", str(MINI)], capture_output=True, text=True, cwd=ROOT
    )
    assert ok.returncode == 0, ok.stderr
    res = subprocess.run(
        [sys.executable, "-m", "game.cli", "validate", str(bad), str(MINI)], capture_output=True, text=True, cwd=ROOT
    )
    assert res.returncode == 2
    assert f"{bad}:5: turns:" in res.stderr and "Traceback" not in res.stderr


def test_trust_pairs_and_estimates_are_checked():
    text = mini_text().replace("trust: {US-DPRK: 30}", "trust: {US-NK: 30}")
    text = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("JPN: {warheads:"))
    problems = "\n".join(problems_of(text))
    assert "'US-NK' is not a pair of two actors" in problems
    assert "no starting estimate of the DPRK program for JPN" in problems
