"""The process-wide collector setting the game's entry points make (game/process.py)."""

import gc

import pytest

from game.process import YOUNG_THRESHOLD, tune_collector


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ((700, 10, 10), (YOUNG_THRESHOLD, 10, 10)),  # CPython's default is raised
        ((700, 3, 7), (YOUNG_THRESHOLD, 3, 7)),  # the older generations keep theirs
        ((YOUNG_THRESHOLD * 4, 10, 10), (YOUNG_THRESHOLD * 4, 10, 10)),  # a higher one stays
        ((0, 10, 10), (0, 10, 10)),  # a collector switched off stays off
    ],
)
def test_the_collector_runs_less_often_and_no_setting_is_lowered(thresholds, before, after):
    gc.set_threshold(*before)
    tune_collector()
    assert gc.get_threshold() == after
    tune_collector()  # main.py and the command both call it: twice is once
    assert gc.get_threshold() == after


def test_the_entry_points_set_it(thresholds, tmp_path, monkeypatch):
    import game.cli

    gc.set_threshold(700, 10, 10)
    monkeypatch.chdir(tmp_path)
    assert game.cli.main(["scenarios"]) == 0
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
