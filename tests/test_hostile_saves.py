"""Saves crafted by an attacker: the checksum is a plain sha256 anyone can recompute, so every test here
re-signs its edit. Such a save must never write or delete outside its folder, and a snapshot that its
own log does not reproduce (news and history included) is refused on load, not only on replay."""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.ai.registry import MAX_BUDGET, parse_spec
from game.ai.runner import make_controllers, run, step
from game.cli import main
from game.engine import Match, state_hash
from game.model.ids import Actor
from game.model.state import GameState
from game.persist import (
    Autosaver,
    GameInfo,
    SaveError,
    atomic_write_bytes,
    capture,
    decode,
    encode,
    file_name_part,
    inside,
    load_game,
    open_scenario,
    read_save,
    resolve_scenario,
    sign,
)
from game.persist.atomic import STALE_SECONDS, remove_stale_temps
from game.views import rules_view
from tests.test_properties import check_invariants
from tests.helpers import tree_paths

from conftest import MINI

SEATS = {a: "random" for a in Actor}


@pytest.fixture(scope="module")
def game():
    """A game stopped in the middle of turn 3 (moves logged since the last resolution), and its ref."""
    scenario, ref = open_scenario(MINI)
    match = Match(scenario, 4)
    brains = make_controllers(match, SEATS)
    while len(match.turns) < 2 or len(match.log) < 2 * len(match.turns) + 7:
        step(match, brains)
    return scenario, ref, match


@pytest.fixture(scope="module")
def body(game):
    scenario, ref, match = game
    return json.loads(encode(capture(match, GameInfo(ref, dict(SEATS)))))["body"]


def forged(body: dict, edit) -> bytes:
    """``body`` with ``edit(state)`` applied to its snapshot, the snapshot hash recomputed (and the last
    turn record's, when the snapshot is the state that turn ended in) and the file re-signed: it passes
    every check that does not replay the log."""
    body = json.loads(json.dumps(body))
    snap = body["snapshot"]
    old = snap["hash"]
    edit(snap["state"])
    snap["hash"] = state_hash(GameState.model_validate(snap["state"]))
    for record in body["turns"]:
        if record["hash"] == old:
            record["hash"] = snap["hash"]
    return sign(body)


TAMPERED = {
    "no warheads": lambda st: st["program"].update(warheads=0),
    "a million capital": lambda st: st["capital"].update(US=1_000_000),
    "tension moved": lambda st: st["meters"].update(tension=1.0),
    "fake public news": lambda st: st["news"].append([st["turn"], "The DPRK surrenders its arsenal.", "public", "x"]),
    "history rewritten": lambda st: st["history"][0].update(tension=0.0),
    "cables made public": lambda st: st.update(news=[[t, text, "public", src] for t, text, _a, src in st["news"]]),
}


@pytest.mark.parametrize("kind", list(TAMPERED))
def test_a_tampered_re_signed_snapshot_is_refused_on_load(game, body, kind, tmp_path):
    scenario = game[0]
    saved = decode(forged(body, TAMPERED[kind]))  # the cheap checks pass: only a replay can tell
    with pytest.raises(SaveError, match="turn|snapshot"):
        load_game(saved, scenario)
    path = tmp_path / "forged.json"
    path.write_bytes(forged(body, TAMPERED[kind]))
    for argv in (["validate", path], ["resume", path, "--no-autosave"]):
        rc, err = run_cli(argv)
        assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err, err


def test_an_honest_save_loads_verified_to_the_very_same_state(game, body):
    scenario, _ref, match = game
    loaded = load_game(decode(sign(body)), scenario)
    assert loaded.state == match.state and loaded.hash() == match.hash()
    assert loaded.log == match.log and loaded.turns == match.turns


def test_nan_is_refused_and_never_written(game, body):
    text = sign(body).decode().replace('"tension":', '"tension":NaN,"x":', 1)
    with pytest.raises(SaveError, match="not a number JSON allows|corrupted"):
        decode(text.encode())
    bad = json.loads(json.dumps(body))
    bad["snapshot"]["state"]["meters"]["tension"] = float("nan")
    with pytest.raises(ValueError):
        sign(bad)  # a NaN never reaches a file as bare NaN


def test_lone_surrogates_huge_numbers_and_deep_nesting_are_one_line(body):
    text = sign(body).decode()
    cases = [
        text.replace('"label":"manual"', '"label":"\\ud800"', 1).encode(),
        text.replace('"seed":', '"seed":' + "9" * 5000 + ',"x":', 1).encode(),
        b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
        text.replace('"seed":', '"seed":1e400,"x":', 1).encode(),
        text.replace('"label":"manual"', '"label":"\\ud83d\\ude00","x":{"\\udfff":1}', 1).encode(),
    ]
    for data, expected in zip(
        cases, ("lone surrogate", "too many digits", "nested more than", "1e400 is not finite", "lone surrogate")
    ):
        with pytest.raises(SaveError, match=expected) as err:
            decode(data)
        assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda b: b.__setitem__("seed", True), "seed"),
        (lambda b: b.__setitem__("seed", 3.0), "seed"),
        (lambda b: b.__setitem__("seed", 2**60), "seed"),
        (lambda b: b.__setitem__("facilitator", "yes"), "facilitator"),
        (lambda b: b.__setitem__("variant", "../../x"), "variant"),
        (lambda b: b.__setitem__("branched_from", {"game_id": "../../etc/x", "turn": 2}), "branched_from.game_id"),
        (lambda b: b.__setitem__("game_id", "ABC"), "game_id"),  # a name differing only in case is another file
    ],
    ids=["seed-bool", "seed-float", "seed-huge", "facilitator-text", "variant-path", "branched-from-path", "upper"],
)
def test_every_field_of_a_save_has_its_type_and_names_are_names(body, edit, expected):
    edited = json.loads(json.dumps(body))
    edit(edited)
    with pytest.raises(SaveError, match=f"invalid save: {expected}"):
        decode(sign(edited))


@pytest.mark.parametrize("text", ["\x1b[2J", "\x9b31m", "a\u202eb", "\x07"])
@pytest.mark.parametrize("field", ["saved_at", "app_version", "rationale", "news"])
def test_text_anywhere_in_a_save_refuses_control_characters(body, field, text):
    """One rule at the boundary for every string of the JSON, raw or escaped: a rationale or a note is
    replayed as written, so no replay can tell it from the player's own."""
    edited = json.loads(json.dumps(body))
    target = {"saved_at": edited, "app_version": edited, "rationale": edited["log"][0]}.get(field)
    if target is None:
        edited["snapshot"]["state"]["news"][0][1] = text
    else:
        target[field] = text
    for data in (sign(edited), sign(edited).replace(text.encode(), json.dumps(text).strip('"').encode())):
        with pytest.raises(SaveError, match="text holds") as err:
            decode(data)
        assert text not in str(err.value)


def test_a_json_key_given_twice_is_refused(body):
    data = sign(body).replace(b'"format": "armistice-save"', b'"format": "x", "format": "armistice-save"', 1)
    with pytest.raises(SaveError, match="duplicate key 'format'"):
        decode(data)


# --------------------------------------------------------------------------- names are never paths
@pytest.mark.parametrize("game_id", ["../../../x/report", "/etc/passwd", "a/b", ".hidden", "-rf", "a" * 65, "é", ""])
def test_a_path_like_game_id_is_refused_where_it_enters(body, game_id):
    edited = json.loads(json.dumps(body))
    edited["game_id"] = game_id
    with pytest.raises(SaveError, match="game_id"):
        decode(sign(edited))
    with pytest.raises(ValueError):
        GameInfo(decode(sign(body)).scenario, {}, game_id=game_id)


def test_file_names_cannot_leave_their_folder(tmp_path):
    for name in ("../../etc/passwd", "/abs", "..", ".", "a\x1bb", "-x", ""):
        part = file_name_part(name)
        assert part and "/" not in part and not part.startswith((".", "-"))
        assert inside(tmp_path, f"save-{part}.json").parent == tmp_path
    with pytest.raises(ValueError, match="leave the folder"):
        inside(tmp_path, "../x.json")


def test_resuming_a_path_like_game_id_writes_nothing_anywhere(body, tmp_path):
    edited = json.loads(json.dumps(body))
    edited["game_id"] = "../../outside/report"
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    (work / "g.json").write_bytes(sign(edited))
    rc, err = run_cli(["resume", work / "g.json", "--autosave-dir", work / "saves"])
    assert rc == 2 and "game_id" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b", "g.json"]


def test_rotation_deletes_only_this_games_own_files(game, tmp_path):
    scenario, ref, match = game
    saves = tmp_path / "saves"
    saves.mkdir()
    info = GameInfo(ref, dict(SEATS), game_id="g1")
    saver = Autosaver(saves, info, keep=1)
    outside = tmp_path / "precious.json"
    outside.write_text("keep me")
    prefix = saver.prefix
    decoys = [
        f"{prefix}t01-0001.json.bak",
        f"{prefix}tXX-0001.json",
        f"{prefix}t01-0001.jsonx",
        f"autosave-{file_name_part(ref.id)}-g10-t01-0001.json",
        f"x{prefix}t01-0001.json",
        "notes.txt",
    ]
    for name in decoys:
        (saves / name).write_text("not an autosave of g1")
    os.symlink(outside, saves / f"{prefix}t00-0000.json")  # named like ours, but a link out of the folder
    moving = Match(scenario, 4)
    brains = make_controllers(moving, SEATS)
    for _ in range(3):
        step(moving, brains)
        saver.after_turn(moving)
    left = {p.name for p in saves.iterdir()}
    assert set(decoys) <= left and f"{prefix}t00-0000.json" in left
    assert outside.read_text() == "keep me"
    assert saver.files() == [saver.last]  # the newest of ours kept, the older two rotated away


def test_crash_leftovers_are_cleaned_at_the_next_save_and_nothing_else(tmp_path):
    old = time.time() - STALE_SECONDS - 60
    ours_old = tmp_path / ".game.json.ab12cd_3.tmp"
    ours_new = tmp_path / ".game.json.zz99yy00.tmp"  # a save under way in another process
    others = [tmp_path / "game.json.ab12cd34.tmp", tmp_path / ".other.tmp", tmp_path / ".x.json.ABCDEFGH.tmp"]
    for path in (ours_old, ours_new, *others):
        path.write_text("partial")
    for path in (ours_old, *others):
        os.utime(path, (old, old))
    os.mkdir(tmp_path / ".dir.json.abcdefgh.tmp")
    os.utime(tmp_path / ".dir.json.abcdefgh.tmp", (old, old))
    atomic_write_bytes(tmp_path / "game.json", b"{}")
    assert not ours_old.exists() and ours_new.exists() and all(p.exists() for p in others)
    assert (tmp_path / ".dir.json.abcdefgh.tmp").is_dir()
    assert remove_stale_temps(tmp_path) == []


# --------------------------------------------------------------------------- budgets
def test_ai_budgets_are_bounded_where_the_spec_is_parsed(game, body):
    rules = rules_view(game[0])
    for spec in (
        "search:2000000000it",
        "search:0ms",
        f"search:{MAX_BUDGET['ms'] + 1}ms",
        f"search:{MAX_BUDGET['it'] + 1}it",
        "search:" + "9" * 40 + "it",
    ):
        with pytest.raises(ValueError):
            parse_spec(spec, Actor.US, rules)
    assert parse_spec(f"search:{MAX_BUDGET['it']}it", Actor.US, rules)["budget"] == (MAX_BUDGET["it"], "it")
    edited = json.loads(json.dumps(body))
    edited["seats"]["US"] = "search:2000000000it"
    with pytest.raises(SaveError, match="seats.US: .*out of range"):
        load_game(decode(sign(edited)), game[0])


# --------------------------------------------------------------------------- any mutation
def run_cli(argv) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            rc = main([str(a) for a in argv])
        except SystemExit as exc:
            rc = exc.code
    return rc, err.getvalue()


def _set_path(doc, path: list, value):
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


FREE_TEXT = ("rationale", "saved_at", "app_version", "title")
JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_any_mutation_of_a_real_save_is_a_valid_game_or_one_line(game, body, tmp_path, data):
    """Byte-level or JSON-level damage, re-signed so the checksum passes: ``validate`` either says 0 and
    the loaded game keeps every invariant, or says 2 in one line; never a traceback, never another code."""
    if data.draw(st.booleans(), label="json-level"):
        doc = json.loads(json.dumps(body))
        leaves = [list(p) for p, v in tree_paths(doc) if not isinstance(v, (dict, list))]
        # Half the edits hit free text the replay does not check (rationales, save times, titles), so that
        # both outcomes occur: a save still valid after the edit, and one refused.
        free = [p for p in leaves if p[-1] in FREE_TEXT]
        for _ in range(data.draw(st.integers(1, 3), label="edits")):
            if data.draw(st.booleans(), label="free text"):
                _set_path(doc, data.draw(st.sampled_from(free), label="where"), data.draw(st.text(max_size=20)))
            else:
                _set_path(doc, data.draw(st.sampled_from(leaves), label="where"), data.draw(JSON_VALUES))
        raw = sign(doc)
    else:
        raw = bytearray(sign(body))
        for _ in range(data.draw(st.integers(1, 4), label="edits")):
            pos = data.draw(st.integers(0, len(raw) - 1), label="pos")
            raw[pos] = data.draw(st.integers(0, 255), label="byte")
        raw = bytes(raw)
    path = tmp_path / "mutated.json"
    path.write_bytes(raw)
    rc, err = run_cli(["validate", path])
    event(f"exit {rc}")
    assert rc in (0, 2) and "Traceback" not in err
    if rc == 2:
        assert err.count("\n") == 1, err
        return
    saved = read_save(path)
    match = load_game(saved, resolve_scenario(saved.scenario))
    check_invariants(match)
    run(match, make_controllers(match, SEATS))
    check_invariants(match)


# --------------------------------------------------------------------------- the UI's doors
def test_the_uis_load_and_continue_verify_the_save(game, body, tmp_path):
    from game.ui.saves import Saves

    saves = Saves(tmp_path)
    honest, forged_path = tmp_path / "honest.json", tmp_path / "forged.json"
    honest.write_bytes(sign(body))
    forged_path.write_bytes(forged(body, TAMPERED["fake public news"]))
    os.utime(forged_path, (time.time() + 5, time.time() + 5))  # the newest: what Continue would open
    assert saves.load_session(honest, threaded=False).match.state == game[2].state
    assert saves.latest().path == forged_path  # listed (it reads fine) ...
    with pytest.raises(SaveError, match="news differ"):
        saves.load_session(forged_path, threaded=False)  # ... but refused when opened


@pytest.mark.parametrize("failure", ["read-only", "full"])
def test_the_uis_autosave_into_an_unwritable_folder_is_a_message_not_a_crash(game, tmp_path, monkeypatch, failure):
    import errno

    from game.ui.saves import Saves
    from game.ui.session import Seat, Session

    scenario, ref = game[0], game[1]
    if failure == "read-only":
        (tmp_path / "a-file").write_text("x")
        saves = Saves(tmp_path / "a-file" / "saves")  # cannot be created: as a read-only folder
    else:
        saves = Saves(tmp_path / "saves")

        def disk_full(_fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("game.persist.atomic.os.fsync", disk_full)
    seats = {a: Seat(a, False, "random") for a in scenario.actors}
    session = Session(Match(scenario, 2), seats, threaded=False, on_turn=saves.autosave_hook())
    session.info = saves.info_for(ref, seats)
    session.pump()
    assert session.match.turns and session.error.startswith("autosave failed") and "\n" not in session.error
    while not session.match.over:  # the game goes on to its end (the UI shows each turn, then moves on)
        session.mark_shown(len(session.match.turns))
        assert session.pump() or session.match.over
    if failure == "full":
        assert not list((tmp_path / "saves").iterdir())  # no partial file left behind


def test_a_save_over_the_size_cap_is_refused_before_it_is_parsed(tmp_path):
    from game.persist.saves import MAX_BYTES

    path = tmp_path / "big.json"
    with open(path, "wb") as fh:
        fh.write(b'{"format": "armistice-save", "pad": "')
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(SaveError, match="too large"):
        read_save(path)
