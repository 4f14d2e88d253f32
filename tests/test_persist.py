"""Saves: round trips that continue exactly as the unbroken game, replays checked turn by turn, branches,
autosave rotation, atomic writes, and every kind of bad file refused with a one-line reason."""

from __future__ import annotations

import json
import os
import random
import shutil

import pytest

from game.ai.runner import make_controllers, run, step
from game.engine import Match
from game.model.ids import Actor, Phase
from game.persist import (
    FORMAT,
    VERSION,
    Autosaver,
    GameInfo,
    ReplayMismatch,
    SaveError,
    atomic_write_bytes,
    branch,
    branch_turns,
    capture,
    decode,
    encode,
    list_saves,
    open_scenario,
    read_save,
    replay,
    resolve_scenario,
    restore,
    save_match,
    sign,
    verify,
    write_save,
)
from game.persist import atomic as atomic_mod

from conftest import MINI, ROOT

SEATS = {a: "random" for a in Actor}


@pytest.fixture(scope="module")
def mini_copy(tmp_path_factory):
    """The mini scenario as a private file (tests edit copies, never the shared one)."""
    path = tmp_path_factory.mktemp("scen") / "mini.yaml"
    shutil.copy(MINI, path)
    return path


@pytest.fixture(scope="module")
def hanoi_copy(tmp_path_factory):
    """A private copy of the Hanoi scenario: the bundled file may be edited while tests run."""
    path = tmp_path_factory.mktemp("scen") / "hanoi_2019.yaml"
    shutil.copy(ROOT / "scenarios" / "hanoi_2019.yaml", path)
    return path


def play(scenario, seed, seats=SEATS, moves=None):
    """A match played by AI seats: to the end, or for ``moves`` logged submissions."""
    match = Match(scenario, seed)
    controllers = make_controllers(match, {a: s for a, s in seats.items() if a in scenario.actors})
    if moves is None:
        run(match, controllers)
    else:
        while len(match.log) < moves and step(match, controllers):
            pass
    return match, controllers


def finish(match, seats=SEATS):
    run(match, make_controllers(match, {a: s for a, s in seats.items() if a in match.scenario.actors}))
    return match


def roundtrip(match, ref, tmp_path, name="g.json"):
    path = tmp_path / name
    save_match(match, path, GameInfo(ref, dict(SEATS)))
    return read_save(path)


# --------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_save_at_any_point_restores_the_same_game_and_continues_identically(mini_copy, tmp_path, seed):
    scenario, ref = open_scenario(mini_copy)
    unbroken, _ = play(scenario, seed)
    total = len(unbroken.log)
    for moves in sorted({0, 1, 5, 6, total // 2, total - 7, total - 1, total}):
        match, _ = play(scenario, seed, moves=moves)
        saved = roundtrip(match, ref, tmp_path)
        restored = restore(saved, resolve_scenario(saved.scenario))
        assert restored.hash() == match.hash()
        assert restored.log == match.log and restored.turns == match.turns
        assert restored.rationales == match.rationales and restored.start_hash == match.start_hash
        finish(restored)
        assert restored.hash() == unbroken.hash(), f"resumed after {moves} moves diverged"
        assert [t.hash for t in restored.turns] == [t.hash for t in unbroken.turns]


def test_hanoi_game_mid_turn_round_trip_and_verify(hanoi_copy, tmp_path):
    scenario, ref = open_scenario(hanoi_copy)
    unbroken, _ = play(scenario, 11)
    middle, _ = play(scenario, 11, moves=len(unbroken.log) // 2 + 3)
    assert middle.phase is not Phase.PROPOSE or middle.state.submitted  # genuinely mid-turn
    saved = roundtrip(middle, ref, tmp_path)
    assert saved.snapshot.state == middle.state
    assert verify(saved, scenario).ok
    restored = finish(restore(saved, scenario))
    assert restored.hash() == unbroken.hash()
    assert restored.state.news == unbroken.state.news


def test_save_holds_settings_log_rationales_and_snapshot(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 4)
    seats = {Actor.US: "human", Actor.DPRK: "random"}
    path = tmp_path / "g.json"
    save_match(match, path, GameInfo(ref, seats, game_id="abc"), label="manual")
    doc = json.loads(path.read_text())
    assert doc["format"] == FORMAT and doc["version"] == VERSION
    body = doc["body"]
    assert body["scenario"]["id"] == "mini" and body["scenario"]["hash"] == ref.hash
    assert body["seed"] == 4 and body["variant"] is None and body["seats"] == {"US": "human", "DPRK": "random"}
    assert len(body["log"]) == len(match.log) and all("rationale" in e for e in body["log"])
    assert any(e["rationale"] for e in body["log"])
    assert body["snapshot"]["hash"] == match.hash() and len(body["turns"]) == scenario.turns
    saved = read_save(path)
    assert saved.info().seats == seats and saved.game_id == "abc"


def test_variant_is_kept(hanoi_copy, tmp_path):
    scenario, ref = open_scenario(hanoi_copy)
    if not scenario.variants:
        pytest.skip("the scenario has no variants")
    variant = next(iter(scenario.variants))
    match = Match(scenario, 2, variant)
    finish(match)
    saved = roundtrip(match, ref, tmp_path)
    assert saved.variant == variant and verify(saved, scenario).ok


# --------------------------------------------------------------------------- replay and verify
def resign(saved, edit):
    body = json.loads(json.dumps(saved.model_dump(mode="json")))
    edit(body)
    return body


def test_verify_names_the_first_turn_that_differs(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 5)
    saved = capture(match, GameInfo(ref))
    report = verify(saved, scenario)
    assert report.ok and [r.turn for r in report.checked] == list(range(1, scenario.turns + 1))

    def wrong_turn_hash(body):
        body["turns"][2]["hash"] = "0" * 64

    bad = decode(sign(resign(saved, wrong_turn_hash)))
    report = verify(bad, scenario)
    assert not report.ok and report.mismatch.turn == 3 and [r.turn for r in report.checked] == [1, 2]


def test_verify_catches_an_edited_order(mini_copy):
    """An order changed in the log (and the file re-signed): the replay diverges at that turn."""
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 6)
    saved = capture(match, GameInfo(ref))
    index = next(i for i, e in enumerate(saved.log) if e.turn == 2 and e.phase is Phase.ORDERS)
    entry = saved.log[index]

    def edit(body):
        body["log"][index]["orders"] = []  # the actor "did nothing" instead

    if not entry.orders:

        def edit(body):  # noqa: F811 - an idle actor instead "did" its cheapest action
            body["log"][index]["orders"] = [
                {"kind": "action", "actor": entry.actor.value, "action": scenario.actions_by_actor[entry.actor][0].id}
            ]

    bad = decode(sign(resign(saved, edit)))
    report = verify(bad, scenario)
    assert not report.ok and report.mismatch.turn == 2


def test_verify_with_a_different_seed_differs_from_turn_one(mini_copy):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 7)
    saved = capture(match, GameInfo(ref))
    bad = decode(sign(resign(saved, lambda b: b.update(seed=8))))
    report = verify(bad, scenario)
    assert not report.ok and report.mismatch.turn == 1


def test_replay_until_a_turn_stops_at_its_start(mini_copy):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 9)
    saved = capture(match, GameInfo(ref))
    for turn in range(1, scenario.turns + 1):
        rewound = replay(saved, scenario, until_turn=turn)
        assert rewound.state.turn == turn and rewound.phase is Phase.PROPOSE and not rewound.state.submitted
        expected = saved.start_hash if turn == 1 else saved.turns[turn - 2].hash
        assert rewound.hash() == expected


# --------------------------------------------------------------------------- branch
def test_branch_is_the_game_at_the_start_of_turn_n_and_replays(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 10)
    saved = capture(match, GameInfo(ref, dict(SEATS)))
    assert list(branch_turns(saved)) == list(range(1, scenario.turns + 1))
    for turn in branch_turns(saved):
        branched = branch(saved, scenario, turn, source="g.json")
        assert branched.snapshot.turn == turn and branched.snapshot.phase is Phase.PROPOSE
        assert all(e.turn < turn for e in branched.log) and len(branched.turns) == turn - 1
        assert branched.branched_from.game_id == saved.game_id and branched.branched_from.turn == turn
        assert branched.game_id != saved.game_id and branched.label == "branch" and branched.seats == saved.seats
        path = tmp_path / f"b{turn}.json"
        write_save(branched, path)
        again = read_save(path)
        assert verify(again, scenario).ok
        # The same seats from the branch point replay the original future exactly.
        assert finish(restore(again, scenario)).hash() == match.hash()


def test_branch_refuses_turns_the_game_never_reached(mini_copy):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 12, moves=8)  # still in turn 1 or 2
    saved = capture(match, GameInfo(ref))
    allowed = branch_turns(saved)
    assert allowed.stop - 1 == match.state.turn
    for turn in (0, -1, match.state.turn + 1):
        with pytest.raises(SaveError, match="cannot branch"):
            branch(saved, scenario, turn)


# --------------------------------------------------------------------------- scenario checks
def test_changed_scenario_is_refused_and_the_original_accepted(mini_copy, tmp_path):
    own = tmp_path / "mine.yaml"
    shutil.copy(mini_copy, own)
    scenario, ref = open_scenario(own)
    match, _ = play(scenario, 3)
    saved = roundtrip(match, ref, tmp_path)
    own.write_text(own.read_text() + "\n# a harmless-looking edit\n")
    with pytest.raises(SaveError, match="has changed since this game was saved") as err:
        resolve_scenario(saved.scenario)
    assert "\n" not in str(err.value)
    assert resolve_scenario(saved.scenario, mini_copy).id == "mini"  # the original, given explicitly
    own.unlink()
    with pytest.raises(SaveError, match="not found"):
        resolve_scenario(saved.scenario)


def test_restore_refuses_another_scenario(mini_copy, hanoi_copy):
    scenario, ref = open_scenario(mini_copy)
    other, _ = open_scenario(hanoi_copy)
    saved = capture(play(scenario, 1, moves=3)[0], GameInfo(ref))
    with pytest.raises(SaveError):
        restore(saved, other)


# --------------------------------------------------------------------------- bad files
@pytest.fixture(scope="module")
def good_bytes(mini_copy):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 2, moves=20)
    return encode(capture(match, GameInfo(ref, dict(SEATS))))


def refused(data: bytes, match: str | None = None) -> str:
    with pytest.raises(SaveError) as err:
        decode(data)
    reason = str(err.value)
    assert reason and "\n" not in reason and "Traceback" not in reason
    if match:
        assert match in reason, reason
    return reason


def test_empty_and_non_text_files(good_bytes):
    refused(b"", "empty")
    refused(b"   \n", "empty")
    refused(b"\xff\xfe\x00garbage" + good_bytes[:100], "not UTF-8")
    refused(b"id: mini\ntitle: a scenario\n", "invalid JSON")
    refused(b"[1, 2, 3]", "not an Armistice save")
    refused(b'{"format": "something-else", "version": 1}', "not an Armistice save")


def test_truncated_anywhere(good_bytes):
    rng = random.Random(1)
    cuts = [1, 10, 80, len(good_bytes) // 2, len(good_bytes) - 3, len(good_bytes) - 2]
    cuts += rng.sample(range(1, len(good_bytes) - 1), 40)
    for cut in cuts:
        reason = refused(good_bytes[:cut])
        assert "truncated" in reason or "corrupted" in reason or "checksum" in reason, (cut, reason)


def test_corrupted_bytes_are_refused_or_harmless(good_bytes):
    rng = random.Random(2)
    original = decode(good_bytes)
    for pos in rng.sample(range(len(good_bytes)), 150):
        data = bytearray(good_bytes)
        data[pos] = (data[pos] + rng.randrange(1, 255)) % 256
        try:
            loaded = decode(bytes(data))
        except SaveError as exc:
            assert "\n" not in str(exc)
            continue
        assert loaded == original  # only a change that means nothing (e.g. whitespace) may load


def test_hand_edited_save_is_refused(good_bytes):
    doc = json.loads(good_bytes)
    doc["body"]["snapshot"]["state"]["meters"]["tension"] = 1.0
    refused(json.dumps(doc).encode(), "checksum mismatch")
    doc = json.loads(good_bytes)
    doc["body"]["seed"] = 99
    refused(json.dumps(doc).encode(), "edited or corrupted")


def test_pretty_printing_a_save_keeps_it_valid(good_bytes):
    """Reformatting (e.g. python -m json.tool) changes no value, so it is not an edit."""
    assert decode(json.dumps(json.loads(good_bytes), indent=2).encode()) == decode(good_bytes)


def test_future_and_unknown_versions(good_bytes):
    doc = json.loads(good_bytes)
    doc["version"] = VERSION + 1
    reason = refused(json.dumps(doc).encode(), "newer Armistice")
    assert f"format {VERSION + 1}" in reason
    doc["version"] = 0
    refused(json.dumps(doc).encode(), "unknown save format version")
    doc["version"] = 1  # a shared random stream's state, which keyed dice cannot continue
    refused(json.dumps(doc).encode(), "earlier Armistice (save format 1)")
    doc["version"] = "one"
    refused(json.dumps(doc).encode(), "not a number")


def test_resigned_but_invalid_contents_are_refused(good_bytes):
    body = json.loads(good_bytes)["body"]
    cases = [
        (lambda b: b.update(seed="five"), "seed"),
        (lambda b: b.pop("snapshot"), "snapshot"),
        (lambda b: b["log"][0].update(phase="lunch"), "log.0.phase"),
        (lambda b: b["snapshot"]["state"]["meters"].update(tension=3.5), "does not match its recorded state hash"),
        (lambda b: b["snapshot"].update(rng=[3, [1, 2, 3], None]), "snapshot.rng"),
        (lambda b: b["turns"].reverse() if len(b["turns"]) > 1 else b["turns"].append(b["turns"][0]), "turn"),
        (lambda b: b["snapshot"]["state"].update(scenario_id="other"), "scenario"),
        (lambda b: b.update(extra_field=1), "extra_field"),
    ]
    for edit, expected in cases:
        changed = json.loads(json.dumps(body))
        edit(changed)
        refused(sign(changed), expected)


def test_read_save_reports_missing_files_and_directories(tmp_path):
    with pytest.raises(SaveError, match="no such file"):
        read_save(tmp_path / "nope.json")
    with pytest.raises(SaveError, match="directory"):
        read_save(tmp_path)


def test_refusing_a_bad_file_changes_nothing_on_disk(good_bytes, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(good_bytes[: len(good_bytes) // 3])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(SaveError):
        read_save(bad)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# --------------------------------------------------------------------------- atomic writes
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "save.json"
    atomic_write_bytes(target, b"old contents")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_mod.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new contents" * 100000)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]


def test_atomic_write_creates_directories_and_replaces(tmp_path):
    target = tmp_path / "a" / "b" / "save.json"
    atomic_write_bytes(target, b"1")
    atomic_write_bytes(target, b"2" * 200000)
    assert target.read_bytes() == b"2" * 200000
    assert sorted(p.name for p in target.parent.iterdir()) == ["save.json"]


# --------------------------------------------------------------------------- autosave
def test_autosave_keeps_the_last_five_of_this_game_only(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "manual.json").write_bytes(b"mine")
    (saves / "notes.txt").write_text("keep me")
    (saves / "autosave-mini-otherotherot-t01-0001.json").write_bytes(b"another game's")
    info = GameInfo(ref, dict(SEATS))
    saver = Autosaver(saves, info)
    match = Match(scenario, 3)
    controllers = make_controllers(match, SEATS)
    written = []

    def each_turn(record):
        written.append(saver.after_turn(match))

    run(match, controllers, on_turn=each_turn)
    # mini has 4 turns: add quit saves to exceed the limit
    written.append(saver.on_quit(match))
    more = Match(scenario, 4)
    for _ in range(3):
        step(more, make_controllers(more, SEATS))
        written.append(Autosaver(saves, info).on_quit(more))
    kept = saver.files()
    assert len(kept) == 5 and kept[-1] == written[-1]
    assert (saves / "manual.json").read_bytes() == b"mine" and (saves / "notes.txt").exists()
    assert (saves / "autosave-mini-otherotherot-t01-0001.json").exists()
    for path in kept:
        assert read_save(path).game_id == info.game_id
    assert read_save(written[-1]).label == "quit"


def test_autosave_after_every_turn_labels_and_restores(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    saver = Autosaver(tmp_path, GameInfo(ref, dict(SEATS)), keep=10)
    match = Match(scenario, 8)
    run(match, make_controllers(match, SEATS), on_turn=lambda record: saver.after_turn(match))
    files = saver.files()
    assert len(files) == scenario.turns
    for turn, path in enumerate(files, start=1):
        saved = read_save(path)
        assert saved.label == "autosave" and len(saved.turns) == turn
        assert restore(saved, scenario).hash() == saved.turns[-1].hash


def test_list_saves_reports_good_and_bad(mini_copy, tmp_path):
    scenario, ref = open_scenario(mini_copy)
    match, _ = play(scenario, 1, moves=10)
    save_match(match, tmp_path / "good.json", GameInfo(ref))
    (tmp_path / "bad.json").write_text('{"format": "armistice-save", "version": 9}')
    (tmp_path / ".good.json.x.tmp").write_text("partial")
    found = {s.path.name: s for s in list_saves(tmp_path)}
    assert set(found) == {"good.json", "bad.json"}
    assert found["good.json"].ok and found["good.json"].saved.snapshot.turn == match.state.turn
    assert not found["bad.json"].ok and "newer" in found["bad.json"].reason
    assert list_saves(tmp_path / "missing") == []


def test_capture_refuses_a_mismatched_reference(mini_copy, hanoi_copy):
    scenario, _ = open_scenario(mini_copy)
    _, other_ref = open_scenario(hanoi_copy)
    with pytest.raises(ValueError):
        capture(Match(scenario, 1), GameInfo(other_ref))
    with pytest.raises(ValueError):
        capture(Match(scenario, 1), GameInfo(open_scenario(mini_copy)[1]), label="whatever")


def test_replay_mismatch_is_a_save_error():
    exc = ReplayMismatch(4, "state hash differs")
    assert isinstance(exc, SaveError) and exc.turn == 4 and str(exc) == "turn 4: state hash differs"
    assert os.linesep not in str(SaveError("two\nlines"))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_state_of_a_game_survives_the_json_round_trip(hanoi_copy, seed):
    """A snapshot must hash like the live state it was taken from, at every point of a game: a value of the
    wrong type (an int where the schema says float) would otherwise change the hash after a reload."""
    from game.engine import state_hash
    from game.model.state import GameState

    scenario, _ = open_scenario(hanoi_copy)
    match = Match(scenario, seed)
    controllers = make_controllers(match, SEATS)
    while True:
        text = match.state.model_dump_json()
        back = GameState.model_validate_json(text)
        assert back.model_dump_json() == text and state_hash(back) == match.hash(), f"after {len(match.log)} moves"
        if not step(match, controllers):
            break


def test_a_moved_save_finds_its_bundled_scenario_by_content(hanoi_copy):
    """The recorded path is only a hint: on another machine (or from another folder) the bundled file
    with the same text is found."""
    from game.persist import ScenarioRef
    from game.scenario.loader import content_hash

    text = (ROOT / "scenarios" / "hanoi_2019.yaml").read_text(encoding="utf-8")
    ref = ScenarioRef(id="hanoi-2019", hash=content_hash(text), path="/elsewhere/on/a/laptop/hanoi_2019.yaml")
    assert resolve_scenario(ref).id == "hanoi-2019"
    stale = ScenarioRef(id="hanoi-2019", hash="0" * 64, path=None)
    with pytest.raises(SaveError, match="has changed since this game was saved"):
        resolve_scenario(stale)


def test_a_save_from_an_incompatible_engine_says_so(good_bytes):
    body = json.loads(good_bytes)["body"]
    assert body["engine_schema"]
    body["engine_schema"] = "0123456789ab"
    body["snapshot"]["state"]["a_field_this_engine_never_had"] = 1
    reason = refused(sign(body), "not compatible")
    assert "0123456789ab" in reason
    body["engine_schema"] = json.loads(good_bytes)["body"]["engine_schema"]  # same engine: the field is named
    refused(sign(body), "a_field_this_engine_never_had")


def test_atomic_write_gives_the_mode_a_plain_write_would(tmp_path):
    """Reports, CSVs and saves are shared: not left 0600 as the temporary file is made."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        written = atomic_write_bytes(tmp_path / "r.csv", b"a,b\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
