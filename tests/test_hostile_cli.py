"""Every subcommand on every kind of bad file: exit 2, one line on stderr, no traceback, nothing written
or deleted (in the test's folder or the repository's saves/). Plus the paths a command writes to, the
seats it is given and the text it prints from files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from game.ai.runner import make_controllers, step
from game.cli import build_parser, main
from game.engine import Match
from game.model.ids import Actor
from game.persist import GameInfo, capture, encode, open_scenario, sign

from conftest import MINI, ROOT
from tests.test_hostile_saves import forged

SEATS = {a: "random" for a in Actor}
RANDOM_SEATS = [arg for a in Actor for arg in ("--seat", f"{a.value}=random")]


def cli(capsys, *argv):
    try:
        rc = main([str(a) for a in argv])
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.strip() != "" and "Traceback" not in err


def tree(path):
    """Every entry under ``path`` with its bytes (regular files) or kind: what a command must not change."""
    out = {}
    for p in sorted(path.rglob("*")):
        if p.is_symlink() or not p.is_file():
            out[p.relative_to(path).as_posix()] = "link" if p.is_symlink() else "other"
        else:
            out[p.relative_to(path).as_posix()] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def played():
    """A mini game in the middle of turn 2, played on a copy of the scenario in its own folder."""
    scenario, ref = open_scenario(MINI)
    match = Match(scenario, 6)
    brains = make_controllers(match, SEATS)
    while len(match.turns) < 1 or len(match.log) < 9:
        step(match, brains)
    return match, ref


def body_of(played) -> dict:
    match, ref = played
    return json.loads(encode(capture(match, GameInfo(ref, dict(SEATS)))))["body"]


def with_field(body: dict, key: str, value) -> bytes:
    body[key] = value
    return sign(body)


def bad_file(kind: str, path, played) -> None:
    """Make ``path`` into a bad file of ``kind``."""
    good = sign(body_of(played))
    if kind == "missing":
        return
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero link":
        os.symlink("/dev/zero", path)
    else:
        path.write_bytes(BYTES[kind](good, body_of(played)))


BYTES = {
    "empty": lambda good, body: b"",
    "truncated": lambda good, body: good[: len(good) // 2],
    "not UTF-8": lambda good, body: b"\xff\xfe" + good[2:],
    "NaN JSON": lambda good, body: good.replace(b'"tension":', b'"tension":NaN,"t":', 1),
    "deep nesting": lambda good, body: b"[" * 10_000 + b"]" * 10_000,
    "huge integer": lambda good, body: good.replace(b'"seed":', b'"seed":' + b"7" * 5000 + b',"s":', 1),
    "lone surrogate": lambda good, body: good.replace(b'"label":"manual"', b'"label":"\\udc80"', 1),
    "path-like game_id": lambda good, body: with_field(body, "game_id", "../../outside/report"),
    "unknown variant": lambda good, body: with_field(body, "variant", "no_longer_there"),
    "other scenario id": lambda good, body: with_field(body, "scenario", {**body["scenario"], "id": "hanoi-2019"}),
    "huge AI budget": lambda good, body: with_field(body, "seats", {**body["seats"], "US": "search:2000000000it"}),
    "tampered snapshot": lambda good, body: forged(body, lambda st: st["program"].update(warheads=0)),
    "tampered news": lambda good, body: forged(
        body, lambda st: st["news"].append([st["turn"], "Fake public news.", "public", "forged"])
    ),
}
KINDS = ["missing", "directory", "fifo", "dev-zero link", *BYTES]


def commands(save, scen, work):
    """Each subcommand with the bad file where it takes a file (a save, or a scenario)."""
    return {
        "simulate": ["simulate", "--scenario", scen, "--quiet", *RANDOM_SEATS],
        "lab": ["lab", "--scenario", scen, "--games", 1, "--jobs", 1],
        "validate save": ["validate", save],
        "validate scenario": ["validate", scen],
        "replay": ["replay", save],
        "replay --verify": ["replay", save, "--verify"],
        "branch": ["branch", save, "--turn", 1, "--out", work / "new.json"],
        "resume": ["resume", save, "--autosave-dir", work / "saves", "--save", work / "out.json"],
        "report": ["report", save, "--html", work / "r.html", "--csv", work / "tables", "--json", work / "r.json"],
    }


def test_the_matrix_covers_every_subcommand_the_help_lists(tmp_path):
    listed = set(build_parser()._subparsers._group_actions[0].choices)
    covered = {argv[0] for argv in commands("s", "c", tmp_path).values()}
    assert listed - covered == {"scenarios"}  # it reads no file


@pytest.mark.parametrize("kind", KINDS)
def test_every_subcommand_refuses_every_kind_of_bad_file_in_one_line(capsys, played, tmp_path, kind):
    work = tmp_path / "work"
    work.mkdir()
    bad_file(kind, work / "bad.json", played)
    bad_file(kind, work / "bad.yaml", played)
    before, repo_saves = tree(tmp_path), tree(ROOT / "saves") if (ROOT / "saves").exists() else None
    for name, argv in commands(work / "bad.json", work / "bad.yaml", work).items():
        if kind in ("unknown variant", "huge AI budget") and name.startswith("replay"):
            continue  # a replay needs neither the seats nor (see the next test) a variant it lacks
        rc, out, err = cli(capsys, *argv)
        assert rc == 2, (name, kind, out, err)
        assert one_line(err), (name, kind, err)
        assert tree(tmp_path) == before, f"{name} changed the folder on a {kind} file"
    assert (tree(ROOT / "saves") if (ROOT / "saves").exists() else None) == repo_saves


def test_a_variant_the_scenario_no_longer_has_is_one_line_on_every_save_command(capsys, played, tmp_path):
    path = tmp_path / "g.json"
    path.write_bytes(with_field(body_of(played), "variant", "no_longer_there"))
    for argv in (
        ["replay", path],
        ["replay", path, "--verify"],
        ["branch", path, "--turn", 1, "--out", tmp_path / "b.json"],
        ["resume", path, "--no-autosave"],
        ["validate", path],
    ):
        rc, _out, err = cli(capsys, *argv)
        assert rc == 2 and one_line(err) and "no variant 'no_longer_there'" in err, (argv, err)


def test_a_fifo_named_like_a_save_does_not_hang_a_real_process(tmp_path):
    fifo = tmp_path / "game.json"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "game.cli", "validate", str(fifo)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and one_line(proc.stderr) and "not a regular file" in proc.stderr


# --------------------------------------------------------------------------- outputs
def test_output_paths_are_checked_before_the_game_is_played(capsys, played, tmp_path):
    (tmp_path / "a-file").write_text("x")
    save = tmp_path / "g.json"
    save.write_bytes(sign(body_of(played)))
    scen = tmp_path / "mini.yaml"
    shutil.copy(MINI, scen)
    unwritable = [tmp_path, tmp_path / "a-file" / "out.json"]  # a directory; a folder that is a file
    for target in unwritable:
        for argv in (
            ["simulate", "--scenario", scen, *RANDOM_SEATS, "--json", target],
            ["simulate", "--scenario", scen, *RANDOM_SEATS, "--save", target],
            ["resume", save, "--no-autosave", "--json", target],
            ["resume", save, "--no-autosave", "--save", target],
            ["lab", "--scenario", scen, "--games", 1, "--jobs", 1, "--csv", target],
            ["lab", "--scenario", scen, "--games", 1, "--jobs", 1, "--json", target],
            ["branch", save, "--turn", 1, "--force", "--out", target],
            ["report", save, "--html", target],
            ["report", save, "--json", target],
        ):
            rc, out, err = cli(capsys, *argv)
            assert rc == 2 and one_line(err), (argv, err)
            assert out == "", f"{argv[0]} played before finding its output unwritable"


def test_a_read_only_or_full_autosave_folder_warns_once_and_the_game_goes_on(capsys, played, tmp_path):
    save = tmp_path / "g.json"
    save.write_bytes(sign(body_of(played)))
    (tmp_path / "a-file").write_text("x")
    rc, out, err = cli(capsys, "resume", save, "--quiet", "--autosave-dir", tmp_path / "a-file" / "saves")
    assert rc == 0 and "Outcome:" in out
    assert one_line(err) and "autosave" in err and "goes on" in err


def test_json_written_is_strict(capsys, tmp_path):
    out = tmp_path / "r.json"
    rc, _o, err = cli(capsys, "simulate", "--scenario", MINI, "--quiet", *RANDOM_SEATS, "--json", out)
    assert rc == 0, err
    json.loads(out.read_text(), parse_constant=lambda name: pytest.fail(f"bare {name} in --json output"))


# --------------------------------------------------------------------------- seats and terminal text
@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "--scenario", MINI, "--seat", "XX=random"],
        ["lab", "--scenario", MINI, "--games", 1, "--seat", "XX=random"],
        ["simulate", "--scenario", MINI, "--seat", "US="],
        ["simulate", "--scenario", MINI, "--seat", "US=search:2000000000it"],
        ["simulate", "--scenario", MINI, "--seat", "US=nonsense"],
    ],
)
def test_bad_seats_exit_2_in_one_line(capsys, argv):
    rc, out, err = cli(capsys, *argv)
    assert rc == 2 and one_line(err) and out == "", err


def test_resume_with_an_unknown_seat_exits_2(capsys, played, tmp_path):
    save = tmp_path / "g.json"
    save.write_bytes(sign(body_of(played)))
    rc, _out, err = cli(capsys, "resume", save, "--no-autosave", "--seat", "XX=random")
    assert rc == 2 and one_line(err) and "unknown actor" in err


@pytest.mark.parametrize("text", ["\x1b[2J\x1b]0;owned\x07 cleared your screen", "C1 CSI \x9b2J", "bidi \u202e"])
def test_text_with_escapes_in_a_save_is_refused_at_the_boundary_and_never_echoed(capsys, played, tmp_path, text):
    """A save's text (a rationale or a deal's note is replayed as written, so no replay can catch it) is
    checked like a scenario's when the JSON is read: no control characters, escapes or bidi controls."""
    body = body_of(played)
    body["log"][0]["rationale"] = text
    save = tmp_path / "g.json"
    save.write_bytes(sign(body))
    for argv in (["replay", save, "--rationales"], ["validate", save], ["resume", save, "--no-autosave"]):
        rc, out, err = cli(capsys, *argv)
        assert rc == 2 and one_line(err) and "text holds" in err
        assert not set("\x1b\x9b\u202e") & set(out + err)
    odd = tmp_path / "\x1b[31mred.json"
    rc, _out, err = cli(capsys, "validate", odd)
    assert rc == 2 and one_line(err) and "\x1b" not in err and "\\x1b[31m" in err


def test_an_error_never_shows_the_hash_of_a_file_a_save_points_to(capsys, played, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: mini\npassword: hunter2\n")
    body = body_of(played)
    body["scenario"]["path"] = str(secret)
    save = tmp_path / "g.json"
    save.write_bytes(sign(body))
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    for argv in (["validate", save], ["replay", save], ["resume", save, "--no-autosave"]):
        rc, out, err = cli(capsys, *argv)
        assert digest[:8] not in err + out and "hunter2" not in err + out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["simulate", "--seed", "9" * 5000], "outside"),
        (["simulate", "--seed", "1.5"], "not an integer"),
        (["simulate", "--seed", str(2**53 + 1)], "outside"),
        (["branch", "x.json", "--turn", "9" * 5000, "--out", "y.json"], "outside 1..1000"),
        (["simulate", "--seat", "US=search:" + "9" * 5000 + "it"], "is not a level"),
        (["simulate", "--seat", "X" * 5000 + "=random"], "unknown actor"),
    ],
    ids=["seed-digits", "seed-float", "seed-2^53", "turn-digits", "seat-digits", "seat-actor"],
)
def test_out_of_range_options_exit_2_in_one_short_line(capsys, argv, words):
    """Bounded where parsed, and a hostile value is shown by its start only, never echoed whole."""
    rc, _out, err = cli(capsys, *argv)
    assert rc == 2 and words in err and "Traceback" not in err and len(err) < 400


def test_what_the_game_writes_from_a_file_name_never_makes_its_own_save_unreadable(capsys, played, tmp_path):
    """A save's text may hold no escape: a scenario file named with one is refused in one line (its path
    would be recorded), and a branch of a save named with one records the name escaped."""
    odd = tmp_path / "odd\x1b[31m.yaml"
    shutil.copy(MINI, odd)
    rc, _out, err = cli(capsys, "simulate", "--scenario", odd, "--save", tmp_path / "s.json")
    assert rc == 2 and one_line(err) and "the file name holds an escape character" in err and "\x1b" not in err
    assert not (tmp_path / "s.json").exists()
    save = tmp_path / "g\x1b[2J.json"
    save.write_bytes(sign(body_of(played)))
    assert cli(capsys, "branch", save, "--turn", 1, "--out", tmp_path / "b.json")[0] == 0
    rc, out, _err = cli(capsys, "validate", tmp_path / "b.json")
    assert rc == 0 and "ok" in out
