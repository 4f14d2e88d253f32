"""Where and how a study runs: a Dask LocalCluster gives the same rows as local processes, Ctrl+C stops
cleanly and keeps what was played, the progress bar stays off the output, and the HTML report is
self-contained and renders in headless Chromium."""

import csv
import re
import shutil
import subprocess

import pytest

import game.lab.cli
from game.cli import main as cli
from game.lab.batch import Arm, StudyInterrupted, run_study
from game.lab.cluster import DaskBackend, connect
from game.lab.report import Setup, render
from game.lab.sweep import Axis, arms_for, grid
from conftest import MINI

SWEEP = ["--param", "tension_decay=1,4", "--param", "peace_enforcement_erosion=0,3"]


def test_a_local_dask_cluster_gives_the_same_rows_as_local_processes(tmp_path, capsys):
    on_processes, on_dask = tmp_path / "jobs.csv", tmp_path / "dask.csv"
    common = ["lab", "--scenario", "tutorial", "--games", "3", "--quiet", "--jobs", "2", *SWEEP]
    assert cli(common + ["--csv", str(on_processes)]) == 0
    assert cli(common + ["--dask", "local", "--csv", str(on_dask)]) == 0
    rows = on_dask.read_text(encoding="utf-8")
    assert rows == on_processes.read_text(encoding="utf-8") and len(rows.splitlines()) == 1 + 4 * 3
    assert "Traceback" not in capsys.readouterr().err


def test_a_scheduler_address_runs_study_after_study(tmp_path):
    """``--dask ADDRESS`` on a running scheduler (here a LocalCluster's), and one backend running two
    studies of the same scenario (its text is scattered once)."""
    arms = [Arm("a", {}), Arm("b", {}, parameters={"tension_decay": 5.0})]
    local, remote = tmp_path / "local.csv", tmp_path / "remote.csv"
    args = ["lab", "--scenario", str(MINI), "--games", "3", "--quiet", "--param", "tension_decay=1,5"]
    assert cli(args + ["--jobs", "1", "--csv", str(local)]) == 0
    with connect("local", 2) as client:
        assert cli(args + ["--dask", client.scheduler.address, "--csv", str(remote)]) == 0
        backend = DaskBackend(client)
        first = run_study(MINI, arms, range(3), backend=backend)
        again = run_study(MINI, arms, range(3), backend=backend)
    assert remote.read_text() == local.read_text()
    assert first == again == run_study(MINI, arms, range(3))


def test_an_unreachable_scheduler_is_one_line(monkeypatch, capsys):
    monkeypatch.setattr("game.lab.cluster.CONNECT_TIMEOUT", "1s")
    assert cli(["lab", "--scenario", str(MINI), "--games", "1", "--dask", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("armistice: lab: --dask tcp://127.0.0.1:9:")


def interrupt_after(n: int):
    seen = []

    def on_game(result):
        seen.append(result)
        if len(seen) == n:
            raise KeyboardInterrupt

    return on_game


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_the_study_and_keeps_the_games_played(jobs):
    arms = [Arm("a", {}), Arm("b", {}, parameters={"tension_decay": 5.0})]
    with pytest.raises(StudyInterrupted) as stopped:
        run_study(MINI, arms, range(12), jobs=jobs, on_game=interrupt_after(3))
    kept = stopped.value.results
    assert 3 <= len(kept) < 24
    whole = run_study(MINI, arms, range(12))
    order = [(r.arm, r.seed) for r in whole]
    assert [order.index((r.arm, r.seed)) for r in kept] == sorted(order.index((r.arm, r.seed)) for r in kept)
    assert all(r == whole[order.index((r.arm, r.seed))] for r in kept)  # whole games, as they would have ended


class InterruptingBar:
    """The CLI's progress bar, interrupted as Ctrl+C would interrupt it on the third game."""

    def __init__(self, *args, **kwargs):
        self.done = 0

    def update(self, n):
        self.done += n
        if self.done == 3:
            raise KeyboardInterrupt

    def close(self):
        pass


def test_cli_writes_what_was_played_when_interrupted(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(game.lab.cli, "_progress", InterruptingBar)
    out, report = tmp_path / "part.csv", tmp_path / "part.html"
    code = cli(
        [
            "lab",
            "--scenario",
            str(MINI),
            "--games",
            "4",
            "--jobs",
            "1",
            *SWEEP,
            "--csv",
            str(out),
            "--report",
            str(report),
        ]
    )
    assert code == 130
    assert len(list(csv.DictReader(out.read_text().splitlines()))) == 3
    assert "Interrupted" in report.read_text()
    assert "interrupted; 3 of 16 games played, and written" in capsys.readouterr().err


def test_the_progress_bar_shows_only_on_a_terminal(monkeypatch):
    assert game.lab.cli._progress(10, quiet=False).disable  # pytest's stderr is not a terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert not game.lab.cli._progress(10, quiet=False).disable
    assert game.lab.cli._progress(10, quiet=True).disable


@pytest.fixture(scope="module")
def page():
    arms = arms_for(
        grid([Axis("tension_decay", values=(1.0, 5.0)), Axis("start.tension", values=(20.0, 70.0))], 2), {}, None
    )
    results = run_study("tutorial", arms, range(4))
    return render(Setup("A <sweep> & its report", [("scenario", "tutorial")], [(a.label, "") for a in arms]), results)


def test_the_report_is_self_contained_with_every_section(page):
    for section in ("Set-up", "Outcome shares", "Score differences", "Score distributions", "Meters over time"):
        assert f"<h2>{section}" in page
    assert page.count("<svg") == 3  # outcome shares, scores, meters over time
    assert "A &lt;sweep&gt; &amp; its report" in page  # text from outside is escaped
    assert not re.search(r'(src|href)="(?!#)', page) and "<link" not in page and not re.search(r"url\((?!#)", page)


def test_the_report_renders_in_headless_chromium(page, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium); the page is checked above")
    html, png = tmp_path / "report.html", tmp_path / "report.png"
    html.write_text(page, encoding="utf-8")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1280,2000",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from PIL import Image

    with Image.open(png) as shot:
        assert shot.size == (1280, 2000)
        colours = shot.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text and charts, not a blank or error page
