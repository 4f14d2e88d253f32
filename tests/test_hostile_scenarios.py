"""Hostile scenarios: every crafted file is refused with one line per problem (``file:line: field:
problem``), fast, without a traceback, a hang or an echo of what the file holds; and random mutations
of the bundled scenarios either load into a game that plays within its invariants or are refused so."""

from __future__ import annotations

import copy
import hashlib
import os
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.runner import make_controllers, step
from game.boundary import MAX_YAML_NODES, text_problem
from game.engine import Match
from game.model.ids import NAME_PATTERN
from game.model.parameters import PARAMETER_DOMAINS, REQUIRED_PARAMETERS
from game.persist import ScenarioRef, open_scenario, resolve_scenario
from game.persist.errors import SaveError
from game.scenario import ScenarioError, load_scenario, parse_scenario
from game.scenario.loader import MAX_PROBLEMS, MAX_SCENARIO_BYTES
from tests.conftest import MINI, ROOT
from tests.test_properties import check_invariants
from tests.helpers import tree_paths

MINI_TEXT = MINI.read_text()
NAME = "bad.yaml"
ONE_LINE = re.compile(r"^bad\.yaml:\d+: \S+: .+$")


def refused(text: str) -> list[str]:
    """The problems of a scenario text that must be refused; each must be one clean line."""
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, NAME)
    problems = err.value.problems
    assert problems
    for p in problems:
        assert ONE_LINE.match(p) or p.startswith("... and "), p
        assert "\n" not in p and text_problem(p) is None, p
    return problems


def edit(old: str, new: str, text: str = MINI_TEXT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def assert_refused_at(text: str, needle: str, *words: str) -> str:
    """Refused, with a problem on the line holding ``needle`` that mentions every word."""
    problems = refused(text)
    line = line_of(text, needle)
    hits = [p for p in problems if p.startswith(f"{NAME}:{line}:") and all(w in p for w in words)]
    assert hits, (line, words, problems)
    return hits[0]


# --------------------------------------------------------------------------- reading the file
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError) as err:
        load_scenario(fifo)
    assert err.value.problems == [f"{fifo}: is not a regular file (a device, pipe or socket)"]


def test_link_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ScenarioError) as err:
        open_scenario(link)
    assert "not a regular file" in err.value.problems[0]


def test_directory_is_refused(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(ScenarioError) as err:
        load_scenario(folder)
    assert err.value.problems == [f"{folder}: is a directory, not a file"]


def test_huge_file_is_refused_at_the_cap(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:  # sparse: 2 GB of nothing on disk
        f.truncate(2 * 1024**3)
    with pytest.raises(ScenarioError) as err:
        load_scenario(big)
    assert err.value.problems == [f"{big}: is larger than {MAX_SCENARIO_BYTES // 2**20} MB, too large to be read"]


def test_non_utf8_names_its_line(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(MINI_TEXT.replace("title: Mini test scenario", "title: Mini caf\xe9").encode("latin-1"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    assert err.value.problems[0].startswith(f"{bad}:3: not UTF-8 text")


def test_save_pointing_at_a_fifo_a_huge_or_another_file_is_refused_in_one_line(tmp_path):
    _scenario, ref = open_scenario(MINI)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(SaveError) as err:
        resolve_scenario(ref.model_copy(update={"path": str(fifo)}), override=fifo)
    assert str(err.value) == f"scenario 'mini' not found at {fifo}; give its file with --scenario"
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(2 * 1024**3)
    with pytest.raises(SaveError) as err:
        resolve_scenario(ref.model_copy(update={"path": str(big)}))
    assert str(err.value) == f"cannot read scenario: {big}: is larger than 4 MB, too large to be read"
    other = tmp_path / "other.txt"
    other.write_text("secret: hunter2\n")
    with pytest.raises(SaveError) as err:
        resolve_scenario(ref, override=other)
    assert hashlib.sha256(b"secret: hunter2\n").hexdigest()[:12] not in str(err.value)  # no oracle on any file
    assert "hunter2" not in str(err.value)


@pytest.mark.parametrize(
    "field", [{"id": "../../x"}, {"path": "/etc/shadow"}, {"path": "x\x1b[2J.yaml"}, {"title": "\x1b]0;owned\x07"}]
)
def test_a_saves_scenario_reference_is_a_name_and_a_scenario_path(field):
    with pytest.raises(ValueError):
        ScenarioRef(**{"id": "mini", "hash": "0" * 64, **field})


# --------------------------------------------------------------------------- the YAML itself
def test_alias_bomb_fails_at_its_first_anchor():
    levels = ["id: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]  # 9^12 lols if expanded
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 12)]
    bomb = "\n".join(levels) + "\n"
    problems = refused(bomb)
    assert problems == [f"{NAME}:1: yaml: an anchor (&l0) is not allowed in a game file"]


def test_alias_without_anchor_is_refused():
    assert "alias (*x)" in refused(edit("turns: 4", "turns: *x"))[0]


def test_duplicate_keys_name_both_lines():
    text = edit("turns: 4", "turns: 4\ntitle: Again")
    assert refused(text) == [f"{NAME}:6: yaml: duplicate key 'title' (first on line 3)"]


@pytest.mark.parametrize(
    "value, what",
    [
        ("!!set {a, b}", "tag:yaml.org,2002:set"),
        ("2019-02-27", "a date or time"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!!python/object/apply:os.system [echo]", "python/object"),
        ("!custom x", "'!custom'"),
    ],
)
def test_non_json_types_are_refused(value, what):
    text = edit("description: For tests only.", f"description: {value}")
    assert what in assert_refused_at(text, "description:", "yaml:", "not allowed")


def test_deep_nesting_is_refused_not_recursed():
    text = edit("flags: [moratorium]", "flags: " + "[" * 10_000 + "]" * 10_000)
    assert_refused_at(text, "flags:", "nested more than")


def test_five_thousand_digit_integer_is_refused():
    assert_refused_at(edit("turns: 4", "turns: " + "7" * 5000), "turns:", "5000 digits")


def test_too_many_values_are_refused_before_validation():
    text = edit("flags: [moratorium]", "flags: [" + "1, " * MAX_YAML_NODES + "1]")
    assert_refused_at(text, "flags: [1, 1", f"more than {MAX_YAML_NODES:,} values")


def test_non_text_keys_are_refused():
    assert_refused_at(edit("turns: 4", "turns: 4\n? [a, b]\n: 1"), "? [a, b]", "a key must be text")


# --------------------------------------------------------------------------- numbers
NUMBER_FIELDS = [  # (the text to replace, a template with {x}): every kind of number a scenario holds
    ("tension: 35", "tension: {x}"),  # a start meter
    ('delta: "-$summit_relief"', "delta: {x}"),  # an effect's delta
    ("p: 0.3", "p: {x}"),  # an event's chance
    ("weight: 2, metric: denuclearization", "weight: {x}, metric: denuclearization"),  # an objective's weight
    ("trust: {US-DPRK: 30}", "trust: {{US-DPRK: {x}}}"),
    ("suspicion: {hidden: 0.2}", "suspicion: {{hidden: {x}}}"),
    ("lat: 39.8", "lat: {x}"),
    ("warheads: 30", "warheads: {x}"),
    ("pu_kg: 40", "pu_kg: {x}"),
    ("heu_rate: 12", "heu_rate: {x}"),
    ("capital: {US: 5,", "capital: {{US: {x},"),
    ("detect_max: {value: 0.85", "detect_max: {{value: {x}"),  # a required parameter
    ("summit_relief: {value: 6", "summit_relief: {{value: {x}"),  # a scenario's own, used as a delta
    ("parameters: {peace_enforcement_erosion: 4}", "parameters: {{peace_enforcement_erosion: {x}}}"),  # a variant's
    ("op: inspect, amount: 40", "op: inspect, amount: {x}"),
    (
        "{warheads: {low: 20, high: 60, confidence: 0.4}, pu_kg: {low: 25, high: 50, confidence: 0.5}, heu_kg: {low: 200, "
        "high: 800, confidence: 0.3}}\n    ROK",
        "{{warheads: {{low: 20, high: 60, confidence: {x}}}, pu_kg: {{low: 25, "
        "high: 50, confidence: 0.5}}, heu_kg: {{low: 200, high: 800, confidence: 0.3}}}}\n    ROK",
    ),
]


@pytest.mark.parametrize("x", [".nan", "-.inf", "1.0e308", "-1.0e308"])
@pytest.mark.parametrize("old, template", NUMBER_FIELDS, ids=[f[0][:24] for f in NUMBER_FIELDS])
def test_non_finite_and_huge_numbers_are_refused_everywhere(old, template, x):
    new = template.format(x=x)
    assert_refused_at(edit(old, new), new.splitlines()[0])


@pytest.mark.parametrize("x", ["5", "-1"])
def test_chances_outside_zero_one_are_refused(x):
    assert "outside 0..1" in assert_refused_at(edit("p: 0.3", f"p: {x}"), f"p: {x}", "events.1.p")
    text = edit("  summit_relief:", "  odds: {value: " + x + ", doc: odds}\n  summit_relief:")
    text = edit(
        "effects: [{kind: program, op: leak, actors: [ROK]}]}",
        'effects: [{kind: program, op: leak, actors: [ROK]}], chance: [{p: "$odds"}]}',
        text,
    )
    assert f"$odds is {float(x):g}" in assert_refused_at(text, '"$odds"', "events.1.chance.0.p")


def test_exclusive_chances_adding_past_one_are_refused():
    text = edit(
        "effects: [{kind: program, op: leak, actors: [ROK]}]}",
        "effects: [{kind: program, op: leak, actors: [ROK]}], chance: [{p: 0.6}, {p: 0.6}]}",
    )
    assert_refused_at(text, "{p: 0.6}", "events.1.chance", "add up to 1.2")


@pytest.mark.parametrize(
    "old, new, needle, words",
    [
        ("capital: {US: 5,", "capital: {US: -3,", "capital: {US", ("start.capital.US",)),
        ("capital: {US: 5,", "capital: {US: 50,", "capital: {US", ("above the capital cap 12",)),
        ("capital_income: {US: 4,", "capital_income: {US: -4,", "capital_income:", ("capital_income.US",)),
        ("turns: 4", "turns: 4\ncapital_cap: -1", "capital_cap:", ("capital_cap",)),
        ("turns: 4", "turns: 4\nmax_proposals: -2", "max_proposals:", ("max_proposals",)),
        ("cost: 2, news:", "cost: -2, news:", "holds a summit", ("actions.0.cost",)),
    ],
)
def test_negative_capital_costs_and_caps_are_refused(old, new, needle, words):
    assert_refused_at(edit(old, new), needle, *words)


@pytest.mark.parametrize(
    "override, words",
    [
        ("meters: {tension: -9999}", ("variants.peace_first.meters.tension", "outside the meter's bounds 0..100")),
        ("meters: {thaad: 2}", ("variants.peace_first.meters.thaad",)),
        ("meters: {tension: .nan}", ("not finite",)),
        ("parameters: {detect_max: 5}", ("variants.peace_first.parameters.detect_max", "outside 0..1")),
        ("parameters: {summit_relief: 500}", ("actions.0.effects.0.delta", "in variant 'peace_first'", "-100..100")),
        ("meters: {nonsense: 1}", ("unknown meter 'nonsense'",)),
    ],
)
def test_variant_overrides_are_checked_like_the_start(override, words):
    text = edit("parameters: {peace_enforcement_erosion: 4}}", override + "}")
    problems = "\n".join(refused(text))
    assert all(w in problems for w in words), problems


def test_effect_delta_beyond_the_meters_span_is_refused():
    assert_refused_at(
        edit("meter: human_rights, delta: 5}", "meter: human_rights, delta: 101}"),
        "delta: 101",
        "events.0.effects.0.delta",
        "outside -100..100",
    )
    assert_refused_at(
        edit("meter: tension, delta: 10}", "meter: thaad, delta: 1.5}"),
        "delta: 1.5",
        "actions.7.effects.0.delta",
        "outside -1..1",
    )
    assert_refused_at(
        edit("{kind: trust, toward: DPRK, delta: 5}", "{kind: trust, toward: DPRK, delta: -250}"),
        "delta: -250",
        "actions.0.effects.1.delta",
    )


@pytest.mark.parametrize(
    "old, new, needle",
    [
        ("turns: 4", "turns: true", "turns:"),
        ("cost: 2, news:", "cost: true, news:", "holds a summit"),
        ("warheads: 30", "warheads: 30.5", "warheads: "),
        ("start_year: 2019", "start_year: yes", "calendar:"),
        ("cooldown: 1", "cooldown: 1.0", "id: missile_test"),
    ],
)
def test_integers_are_integers(old, new, needle):
    assert_refused_at(edit(old, new), needle, "valid integer")


def test_booleans_are_not_numbers():
    assert_refused_at(edit("tension: 35", "tension: true"), "tension: true", "start.meters.tension", "valid number")
    assert_refused_at(
        edit("enforcement.self, delta: 10}", "enforcement.self, delta: true}"), "delta: true", "expected a number"
    )


# --------------------------------------------------------------------------- actors, ids, references
@pytest.mark.parametrize("actors", ["[]", "[US]"])
def test_fewer_than_two_actors_are_refused(actors):
    assert_refused_at(edit("actors: [US, DPRK, ROK, JPN, PRC]", f"actors: {actors}"), "actors:", "at least 2")


def test_duplicate_actors_and_ids_are_refused():
    text = edit("actors: [US, DPRK, ROK, JPN, PRC]", "actors: [US, DPRK, ROK, JPN, PRC, US]")
    assert_refused_at(text, "actors:", "actors:", "'US' is listed twice")
    text = edit("  - {id: tighten,", "  - {id: summit,")
    assert_refused_at(text, "Tighten enforcement", "actions.1", "duplicate action id 'summit'")
    text = edit("  - {id: defector,", "  - {id: review,")
    assert_refused_at(text, "A defector talks", "events.1", "duplicate event id 'review'")
    text = edit("{id: hidden, name: Hidden hall", "{id: yongbyon, name: Hidden hall")
    assert_refused_at(text, "Hidden hall", "start.program.sites.1", "duplicate site id 'yongbyon'")
    text = edit(
        "{label: Arsenal, weight: 2, metric: arsenal}, {label: Relief",
        "{label: Arsenal, weight: 2, metric: arsenal}, {label: Arsenal",
    )
    assert_refused_at(text, "DPRK: [{label: Arsenal", "objectives.DPRK.1", "duplicate objective label")
    text = edit("  peace_first: {", "  hawk: {name: Hawk, description: d}\n  hawk: {")
    assert_refused_at(text, "  hawk: {name: Peace", "duplicate key 'hawk'")
    text = edit("trust: {US-DPRK: 30}", "trust: {US-DPRK: 30, DPRK-US: 40}")
    assert_refused_at(text, "trust:", "given twice")


def test_trust_toward_oneself_is_refused():
    text = edit("actors: [US, DPRK], category: diplomacy", "actors: [DPRK], category: diplomacy")
    assert_refused_at(text, "toward: DPRK", "actions.0.effects.1.toward", "toward itself")


def test_counts_as_cycle_is_refused():
    text = edit(
        "category: program, cost: 2, once: true,\n     requires: [{site: yongbyon, status: [active]}]",
        "category: program, cost: 2, once: true, counts_as: stage_dismantle,\n"
        "     requires: [{site: yongbyon, status: [active]}]",
    )
    problem = assert_refused_at(text, "id: freeze_yongbyon", "actions.4.counts_as", "cycle")
    assert "freeze_yongbyon -> stage_dismantle -> freeze_yongbyon" in problem


@pytest.mark.parametrize(
    "old, new, needle, field",
    [
        ("id: mini", "id: ../../x", "id: ../", "id"),
        ("id: mini", "id: Mini Scenario", "id: Mini", "id"),
        ("  peace_first: {", "  ../peace: {", "  ../peace", "variants"),
        ("  - {id: summit,", "  - {id: ../summit,", "{id: ../summit", "actions.0.id"),
        ("{id: yongbyon, name:", "{id: /etc/yongbyon, name:", "/etc/yongbyon", "start.program.sites.0.id"),
    ],
)
def test_ids_are_names_not_paths(old, new, needle, field):
    problem = assert_refused_at(edit(old, new), needle, "should match pattern")
    assert f": {field}" in problem and NAME_PATTERN in problem


@pytest.mark.parametrize("escape", [r"\e[31m", r"\x1b]0;owned\x07", r"\x9b2J", r"\x00", r"\ud800", "\\u202e\\x85"])
def test_text_refuses_escapes_and_control_characters(escape):
    text = edit('news: "{actor} holds a summit."', f'news: "{{actor}} holds {escape}a summit."')
    problem = assert_refused_at(text, "holds", "yaml:")
    assert "\x1b" not in problem


def test_raw_control_characters_name_their_line():
    text = edit("title: Mini test scenario", "title: Mini \x1b[31mred")
    assert refused(text) == [
        f"{NAME}:3: yaml: invalid YAML: the character #x001b is not allowed (control characters are not allowed)"
    ]
    assert "bidirectional" in refused(edit("title: Mini test scenario", "title: \u202eoiranecs"))[0]


# --------------------------------------------------------------------------- messages
def test_problems_are_capped():
    text = MINI_TEXT.replace("cost: 1,", "cost: 99,").replace("cost: 2,", "cost: 99,")
    text = text.replace("confidence: 0.", "confidence: 9.")
    problems = refused(text)
    assert len(problems) == MAX_PROBLEMS + 1 and re.fullmatch(r"\.\.\. and \d+ more problems", problems[-1])


def test_long_and_binary_keys_are_shown_short_and_escaped():
    problems = refused(edit("turns: 4", "turns: 4\n" + "k" * 500 + "\ud55c: 1"))
    assert problems == [f"{NAME}:6: '{'k' * 40}...': Extra inputs are not permitted"]
    assert refused(edit("turns: 4", '"\\x7fkey": 2')) == [
        f"{NAME}:5: yaml: text holds a control character (\\x7f) at position 0"
    ]


def test_non_scenario_files_are_not_echoed(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.write_text("root: $6$s3cr3tsalt$hashhashhash:19000:0:99999:7:::\ndaemon: '*:19000:0:99999:7:::'\n")
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n")
    res = subprocess.run(
        [sys.executable, "-m", "game.cli", "validate", str(shadow), str(passwd)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 2 and "Traceback" not in res.stderr
    lines = res.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == [str(shadow), str(passwd)]
    for secret in ("s3cr3t", "hash", "daemon", "alice", "/bin/", "root"):
        assert secret not in res.stderr.replace(str(tmp_path), "")
    keys_only = tmp_path / "keys.yaml"
    keys_only.write_text("root: x\ndaemon: y\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(keys_only)
    assert err.value.problems == [
        f"{keys_only}:1: scenario: not a scenario file (none of its top-level keys is a "
        "scenario field such as id, title or actions)"
    ]


def test_every_required_parameter_has_a_domain():
    assert set(PARAMETER_DOMAINS) == set(REQUIRED_PARAMETERS)


# --------------------------------------------------------------------------- random mutations
BUNDLED = {path.stem: path.read_text() for path in (MINI, ROOT / "scenarios" / "tutorial.yaml")}
BUNDLED_DATA = {name: yaml.safe_load(text) for name, text in BUNDLED.items()}
HOSTILE_VALUES = [
    float("nan"),
    float("inf"),
    -1e308,
    1e308,
    10**30,
    -5,
    5,
    -1,
    0,
    0.5,
    101,
    True,
    False,
    None,
    "",
    "../x",
    "..\\..\\x",
    "\x1b[31mred\x1b[0m",
    "\x9b2J",
    "$nope",
    "-$summit_relief",
    "US",
    [],
    {},
    [1, 2],
    {"kind": "meter"},
    "x" * 300,
]


def _plausible(value, draw):
    """Another value of the same kind, often valid: the mutations that load exercise the game."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return draw(st.integers(0, 12))
    if isinstance(value, float):
        return draw(st.floats(0, 100) if value > 1 else st.floats(0, 1))
    if isinstance(value, str):
        return draw(st.sampled_from([value.upper(), value + "_2", "US", "tension", "$summit_relief", "secret", ""]))
    return value


def _mutate(doc, draw) -> None:
    """One random change to a scenario document: drop, duplicate or replace a value, add a key."""
    paths = [p for p, _ in tree_paths(doc) if p]
    path = draw(st.sampled_from(paths))
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    how = draw(st.sampled_from(["replace", "drop", "duplicate", "swap", "add_key", "replace", "replace"]))
    if how == "drop":
        del parent[key]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))  # a copy: the same object would dump as an alias
    elif how == "swap":  # the same value in another type
        value = parent[key]
        parent[key] = str(value) if not isinstance(value, str) else ([value] if draw(st.booleans()) else len(value))
    elif how == "add_key" and isinstance(parent, dict):
        parent[draw(st.sampled_from(["../k", "id", "extra", "\x1bkey"]))] = draw(st.sampled_from(HOSTILE_VALUES))
    elif how == "replace" and draw(st.integers(0, 3)):
        parent[key] = _plausible(parent[key], draw)
    else:
        parent[key] = draw(st.sampled_from(HOSTILE_VALUES))


def _text_mutation(text: str, draw) -> str:
    """A change only text can make: a duplicate key, an anchor and alias, a tag, a stray byte."""
    lines = text.splitlines()
    i = draw(st.integers(0, len(lines) - 1))
    extra = draw(
        st.sampled_from(
            [
                "turns: 3",
                "x: &a [1]\ny: *a",
                "title: !!set {a}",
                "id: 2019-01-01",
                'title: "\\e[2J"',
                "\t- broken: [",
                "description: " + "[" * 200,
            ]
        )
    )
    return "\n".join([*lines[:i], extra, *lines[i:]]) if draw(st.booleans()) else text + "\n" + extra + "\n"


def _play_briefly(scenario, seed: int, variant: str | None) -> None:
    match = Match(scenario, seed, variant)
    brains = make_controllers(match, {a: "random" for a in scenario.actors})
    while not match.over and match.state.turn <= 3:
        assert step(match, brains)
    check_invariants(match)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BUNDLED)), data=st.data(), seed=st.integers(0, 1000))
def test_mutated_scenarios_play_or_are_refused_in_one_line_each(name, data, seed):
    if data.draw(st.integers(0, 5)) == 5:
        text = _text_mutation(BUNDLED[name], data.draw)
    else:
        doc = copy.deepcopy(BUNDLED_DATA[name])
        for _ in range(data.draw(st.integers(1, 2))):
            _mutate(doc, data.draw)
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10**6)
    try:
        scenario = parse_scenario(text, "mutated.yaml")
    except ScenarioError as exc:
        assert exc.problems
        for p in exc.problems:
            assert re.match(r"^mutated\.yaml:\d+: \S+: .+$", p) or p.startswith("... and "), p
            assert "\n" not in p and text_problem(p) is None and len(p) < 400, p
        return
    variant = data.draw(st.sampled_from([None, *scenario.variants]))
    _play_briefly(scenario, seed, variant)


@pytest.mark.parametrize(
    "old, new, needle, words",
    [
        (
            "actors: [US, DPRK], category: diplomacy",
            "actors: [US, DPRK, US], category: diplomacy",
            "id: summit",
            ("actions.0.actors", "'US' is listed twice"),
        ),
        (
            "actors: [US, DPRK], category: diplomacy",
            "actors: [], category: diplomacy",
            "id: summit",
            ("actions.0.actors", "at least 1"),
        ),
        ("op: leak, actors: [ROK]", "op: leak, actors: [ROK, ROK]", "op: leak", ("actors", "listed twice")),
        (
            "Restart Yongbyon, actors: [DPRK], category: program, cost: 1, visibility: secret,",
            "Restart Yongbyon, actors: [DPRK], category: program, cost: 1, visibility: [US, US],",
            "id: restart_yongbyon",
            ("visibility", "listed twice"),
        ),
    ],
)
def test_every_list_of_actors_holds_each_once_and_someone(old, new, needle, words):
    assert_refused_at(edit(old, new), needle, *words)


@pytest.mark.parametrize(
    "condition, words",
    [
        ("{meter: tension, min: 90, max: 10}", ("min and max", "can never hold")),
        ("{turn_min: 5, turn_max: 2}", ("turn_min and turn_max", "can never hold")),
        ("{site: yongbyon, status: [active, active]}", ("status", "listed twice")),
    ],
)
def test_a_condition_that_can_never_hold_is_refused(condition, words):
    text = edit(
        "effects: [{kind: program, op: leak, actors: [ROK]}]}",
        f"when: [{condition}], effects: [{{kind: program, op: leak, actors: [ROK]}}]}}",
    )
    assert_refused_at(text, "when:", *words)


@pytest.mark.parametrize("terms", ["[]", "[{label: Arsenal, weight: 0, metric: arsenal}]"])
def test_objectives_must_weigh_something(terms):
    text = edit(
        "DPRK: [{label: Arsenal, weight: 2, metric: arsenal}, {label: Relief, weight: 2, metric: sanctions_relief}]",
        f"DPRK: {terms}",
    )
    assert_refused_at(text, f"DPRK: {terms}", "objectives.DPRK", "no objective with a weight above 0")


def test_a_parameters_plausible_range_stays_within_what_the_rules_accept():
    """A sensitivity study plays every value of the range: 1e308 as a chance would be played too."""
    text = edit("detect_base: {value: 0.03, doc:", "detect_base: {value: 0.03, range: [0.01, 1.0e+308], doc:")
    assert_refused_at(text, "detect_base:", "parameters.detect_base.range", "reaches outside 0..1")


@pytest.mark.parametrize(
    "literal", ["0x" + "f" * 5000, "0" + "7" * 5000, "0x" + "f" * 19], ids=["hex", "octal", "hex19"]
)
def test_hex_and_octal_integers_are_capped_like_decimal_ones(literal):
    """Their digits are letters too: a 5,000-digit hex literal was a ValueError traceback in the message."""
    problems = refused(edit("turns: 4", f"turns: {literal}"))
    assert len(problems) == 1 and "digits is too long" in problems[0]


def test_text_is_bounded_names_and_titles_are_one_line_long():
    assert "too long (at most 10,000)" in refused(edit("turns: 4", f'turns: 4\nextra: "{"x" * 10_001}"'))[0]
    problems = refused(edit("id: summit, name: Summit,", f"id: summit, name: {'S' * 121},"))
    assert len(problems) == 1 and "actions.0.name" in problems[0] and "at most 120" in problems[0]
    assert "title" in refused(edit("title: Mini test scenario", 'title: ""'))[0]


def test_a_site_condition_names_its_statuses():
    """A site condition without statuses could never hold (and its description had nothing to say)."""
    from game.model.scenario import Condition

    with pytest.raises(ValueError, match="names both a site and the statuses"):
        Condition(site="yongbyon")
    with pytest.raises(ValueError, match="names both a site and the statuses"):
        Condition(meter="tension", min=1, status=["active"])
    assert Condition(site="yongbyon", status=["active"]).status == ["active"]


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("alliances: [US-ROK", "alliances: [$nope", "world.alliances.0: '$nope' is not a cohesion pair"),
        ("patron: PRC-DPRK", "patron: DPRK-PRC", "world.patron: 'DPRK-PRC' is not a cohesion pair"),
    ],
)
def test_the_worlds_pairs_are_cohesion_meters(old, new, problem):
    """The alliances and the patron name the cohesion meters the rules read every turn; a pair the model
    has no meter for is refused at its line, not found by a KeyError in play (found by the mutation test)."""
    text = MINI.read_text()
    assert old in text
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text.replace(old, new, 1), "mini.yaml")
    assert len(err.value.problems) == 1 and problem in err.value.problems[0]


def test_an_unknown_effect_kind_is_named_short_not_echoed_whole():
    """pydantic's message for an unknown union tag quotes the whole tag; the loader shows it as it shows
    every value from a file: quoted, escaped and cut short."""
    text = MINI.read_text()
    old = "effects: [{kind: meter,"
    assert old in text
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text.replace(old, "effects: [{kind: " + "x" * 5000 + ",", 1), "mini.yaml")
    problem = err.value.problems[0]
    assert "kind 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not one of 'meter', 'flag'" in problem
    assert len(problem) < 300


@pytest.mark.parametrize(
    ("condition", "words"),
    [("while.no_such_flag: 1", ("unknown flag", "no_such_flag")), ("while.moratorium: 7", ("must be 1",))],
)
def test_a_personality_that_holds_while_a_flag_names_a_known_flag_and_0_or_1(condition, words):
    """C7's ``while.FLAG`` key: a flag no rule or effect knows would make the personality never hold, and
    any value but 1 or 0 has no meaning; both are refused on the personality's line."""
    text = MINI_TEXT + f"personalities:\n  ROK:\n    progressive: {{deal: 1.2, {condition}}}\n"
    assert_refused_at(text, "progressive:", *words)
