"""Saves from the command line, and the promise that matters most: a process killed while saving leaves
the previous save intact, and a bad file is refused (exit 2, one line, no traceback) without touching
anything on disk."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time

import pytest

from game.ai.runner import make_controllers, run
from game.cli import main
from game.engine import Match
from game.model.ids import Actor
from game.persist import GameInfo, atomic_write_bytes, capture, list_saves, open_scenario, read_save, save_match, sign

from conftest import MINI, ROOT

RANDOM_SEATS = [arg for a in Actor for arg in ("--seat", f"{a.value}=random")]


@pytest.fixture
def scen(tmp_path):
    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    return path


def cli(capsys, *argv):
    try:
        rc = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse and the *_or_exit helpers
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


def simulate(capsys, scen, seed, save, json_out=None):
    args = ["simulate", "--scenario", scen, "--seed", seed, "--quiet", "--save", save, *RANDOM_SEATS]
    if json_out:
        args += ["--json", json_out]
    rc, out, err = cli(capsys, *args)
    assert rc == 0, err
    return out


def snapshot_dir(path):
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- the commands
def test_simulate_save_replay_verify_branch_resume(capsys, scen, tmp_path):
    full, result = tmp_path / "full.json", tmp_path / "full-result.json"
    simulate(capsys, scen, 3, full, result)
    saved = read_save(full)
    assert saved.label == "simulate" and saved.over and saved.seats == {a: "random" for a in Actor}

    rc, out, err = cli(capsys, "replay", full, "--verify")
    assert rc == 0, err
    assert out.count(" ok") == len(saved.turns) and "verified" in out

    rc, out, _ = cli(capsys, "replay", full, "--rationales")
    assert rc == 0 and "== Turn 1" in out and "Outcome:" in out

    rc, out, err = cli(capsys, "validate", full, scen)
    assert rc == 0 and "full.json: ok" in out and "mini.yaml: ok" in out, err

    branched = tmp_path / "b3.json"
    rc, out, err = cli(capsys, "branch", full, "--turn", 3, "--out", branched)
    assert rc == 0, err
    b = read_save(branched)
    assert b.snapshot.turn == 3 and b.branched_from.turn == 3 and b.branched_from.game_id == saved.game_id

    autosaves = tmp_path / "autosaves"
    resumed = tmp_path / "resumed.json"
    rc, out, err = cli(
        capsys,
        "resume",
        branched,
        "--quiet",
        "--autosave-dir",
        autosaves,
        "--save",
        resumed,
        "--json",
        tmp_path / "r.json",
    )
    assert rc == 0, err
    # The resumed branch, with the same AI seats, plays out exactly as the unbroken game did.
    assert (
        json.loads((tmp_path / "r.json").read_text())["final_state_hash"]
        == json.loads(result.read_text())["final_state_hash"]
    )
    files = sorted(autosaves.iterdir())
    assert 1 <= len(files) <= 5 and all(read_save(f).game_id == b.game_id for f in files)
    assert read_save(resumed).label == "resume"
    rc, out, err = cli(capsys, "replay", resumed, "--verify")
    assert rc == 0, err

    rc, out, _ = cli(capsys, "resume", full, "--no-autosave")
    assert rc == 0 and "The game is over" in out


def test_replay_verify_exits_2_naming_the_first_turn_that_differs(capsys, scen, tmp_path):
    good = tmp_path / "g.json"
    simulate(capsys, scen, 4, good)
    body = json.loads(good.read_text())["body"]
    body["turns"][1]["hash"] = "f" * 64
    bad = tmp_path / "bad.json"
    bad.write_bytes(sign(body))
    rc, out, err = cli(capsys, "replay", bad, "--verify")
    assert rc == 2  # a save its own log does not reproduce is a bad save (issue 9)
    assert "turn 2" in err and err.count("\n") == 1 and "Traceback" not in err
    assert "turn   1" in out and "turn   2" not in out


def test_branch_never_overwrites(capsys, scen, tmp_path):
    save = tmp_path / "g.json"
    simulate(capsys, scen, 5, save)
    taken = tmp_path / "taken.json"
    taken.write_text("precious")
    rc, _, err = cli(capsys, "branch", save, "--turn", 2, "--out", taken)
    assert rc == 2 and "already exists" in err and taken.read_text() == "precious"
    before = save.read_bytes()
    rc, _, err = cli(capsys, "branch", save, "--turn", 2, "--out", save, "--force")
    assert rc == 2 and save.read_bytes() == before
    rc, _, err = cli(capsys, "branch", save, "--turn", 99, "--out", tmp_path / "x.json")
    assert rc == 2 and "cannot branch at turn 99" in err and not (tmp_path / "x.json").exists()
    rc, _, err = cli(capsys, "branch", save, "--turn", 2, "--out", taken, "--force")
    assert rc == 0 and read_save(taken).snapshot.turn == 2


def test_resume_needs_an_ai_for_every_human_seat(capsys, scen, tmp_path):
    scenario, ref = open_scenario(scen)
    match = Match(scenario, 6)
    seats = {a: "random" for a in Actor}
    seats[Actor.US] = "human"
    path = tmp_path / "class.json"
    save_match(match, path, GameInfo(ref, seats))
    rc, _, err = cli(capsys, "resume", path, "--no-autosave", "--quiet")
    assert rc == 2 and "US is a human seat" in err and "--seat US=" in err
    rc, _, err = cli(capsys, "resume", path, "--no-autosave", "--quiet", "--seat", "US=random")
    assert rc == 0, err
    rc, _, err = cli(capsys, "resume", path, "--no-autosave", "--quiet", "--seat", "US=genius")
    assert rc == 2 and "unknown controller" in err


# --------------------------------------------------------------------------- bad input
def bad_files(good: bytes, scen_text: str) -> dict:
    doc = json.loads(good)
    edited = json.loads(good)
    edited["body"]["snapshot"]["state"]["capital"]["US"] = 99
    future = json.loads(good)
    future["version"] = 7
    rng = random.Random(5)
    corrupt = bytearray(good)
    for pos in rng.sample(range(200, len(good) - 10), 5):
        corrupt[pos] = ord("#")
    return {
        "empty": (b"", "empty"),
        "truncated": (good[: len(good) * 2 // 3], "truncated"),
        "corrupted": (bytes(corrupt), ""),
        "binary": (os.urandom(64) + good, ""),
        "hand-edited": (json.dumps(edited).encode(), "edited or corrupted"),
        "future-version": (json.dumps(future).encode(), "newer Armistice"),
        "scenario-text": (scen_text.encode(), ""),
        "not-a-save": (json.dumps({**doc, "format": "other"}).encode(), "not an Armistice save"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "truncated",
        "corrupted",
        "binary",
        "hand-edited",
        "future-version",
        "scenario-text",
        "not-a-save",
        "scenario-changed",
    ],
)
def test_bad_saves_are_refused_with_one_line_and_exit_2_touching_nothing(capsys, scen, tmp_path, kind):
    work = tmp_path / "work"
    work.mkdir()
    own_scen = work / "mine.yaml"
    shutil.copy(scen, own_scen)
    scenario, ref = open_scenario(own_scen)
    match = Match(scenario, 2)
    run(match, make_controllers(match, {a: "random" for a in Actor}))
    good = capture(match, GameInfo(ref, {a: "random" for a in Actor}))
    from game.persist import encode

    path = work / "game.json"
    if kind == "scenario-changed":
        path.write_bytes(encode(good))
        own_scen.write_text(own_scen.read_text().replace("Mini test scenario", "Mini test scenario, revised"))
        expected = "has changed since this game was saved"
    else:
        data, expected = bad_files(encode(good), scen.read_text())[kind]
        path.write_bytes(data)
    before = snapshot_dir(work)
    commands = [
        ["validate", path],
        ["replay", path, "--verify"],
        ["replay", path],
        ["branch", path, "--turn", 1, "--out", work / "new.json"],
        ["resume", path, "--autosave-dir", work / "saves", "--save", work / "out.json"],
    ]
    for argv in commands:
        rc, out, err = cli(capsys, *argv)
        assert rc == 2, (argv, out, err)
        assert err.count("\n") == 1 and err.strip() and "Traceback" not in err, err
        assert expected in err, err
        assert snapshot_dir(work) == before, f"{argv[0]} changed the directory"


def test_a_bad_save_run_as_a_program_prints_no_traceback(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{"format": "armistice-save", "version": 1, "checksum": "00", "body": {"scen')
    proc = subprocess.run(
        [sys.executable, "-m", "game.cli", "replay", str(path), "--verify"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "truncated" in proc.stderr and "Traceback" not in proc.stderr
    assert path.read_text().endswith('"scen')


# --------------------------------------------------------------------------- killed while saving
CHILD = r"""
import os, sys, time
sys.path.insert(0, sys.argv[4])
from game.ai.runner import make_controllers, run
from game.engine import Match
from game.model.ids import Actor
from game.persist import GameInfo, open_scenario, save_match
from game.persist import atomic

scen, target, mode = sys.argv[1:4]
scenario, ref = open_scenario(scen)
match = Match(scenario, 99)
run(match, make_controllers(match, {a: "random" for a in Actor}))
info = GameInfo(ref, {}, game_id="newgame")
if mode == "pause":
    def paused(fd):  # the data is written, not yet synced or renamed: die here
        print("PAUSED", flush=True)
        time.sleep(120)
    atomic.os.fsync = paused
    save_match(match, target, info)
else:
    print("LOOP", flush=True)
    labels = ("manual", "autosave")
    i = 0
    while True:
        save_match(match, target, info, label=labels[i % 2])
        i += 1
"""


def start_child(scen, target, mode):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(scen), str(target), mode, str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    line = proc.stdout.readline().decode().strip()
    if not line:
        proc.wait(timeout=30)
        pytest.fail(f"the saving process died early: {proc.stderr.read().decode()[-2000:]}")
    return proc, line


@pytest.fixture
def previous(scen, tmp_path):
    scenario, ref = open_scenario(scen)
    match = Match(scenario, 1)
    run(match, make_controllers(match, {a: "random" for a in Actor}))
    target = tmp_path / "game.json"
    save_match(match, target, GameInfo(ref, {}, game_id="original"))
    return target, target.read_bytes()


def test_killed_in_the_middle_of_a_save_the_previous_save_is_intact(scen, previous):
    target, before = previous
    proc, line = start_child(scen, target, "pause")
    assert line == "PAUSED"
    proc.kill()
    proc.wait(timeout=30)
    assert target.read_bytes() == before
    assert read_save(target).game_id == "original"
    leftovers = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers and leftovers[0].stat().st_size > 0  # the new save really was half done
    assert [s.path.name for s in list_saves(target.parent)] == ["game.json"]
    # The next save into the folder removes the leftover once it is stale (a fresh one may be a save
    # under way in another process, and is left alone).
    from game.persist.atomic import STALE_SECONDS

    atomic_write_bytes(target.parent / "other.json", b"{}")
    assert all(p.exists() for p in leftovers)
    for path in leftovers:
        os.utime(path, (time.time() - STALE_SECONDS - 1,) * 2)
    atomic_write_bytes(target.parent / "other.json", b"{}")
    assert not any(p.exists() for p in leftovers) and read_save(target).game_id == "original"


@pytest.mark.parametrize("delay", [0.02, 0.13, 0.31])
def test_killed_at_a_random_moment_while_saving_repeatedly_the_file_is_always_whole(scen, previous, delay):
    target, _ = previous
    proc, line = start_child(scen, target, "loop")
    assert line == "LOOP"
    time.sleep(delay)
    proc.kill()
    proc.wait(timeout=30)
    assert read_save(target).game_id in ("original", "newgame")
