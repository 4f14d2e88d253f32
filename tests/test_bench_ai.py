"""bench/ai.py's modes run (issue 10: no option of a bench may crash). The plausibility mode read a table
of test operations that the lab had since made a set, and failed at its first game unnoticed."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "ai.py"


def test_the_plausibility_mode_plays_and_prints(hanoi, capsys):
    spec = importlib.util.spec_from_file_location("bench_ai", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = bench.plausibility(hanoi, 2)
    bench.print_plausibility(report)
    out = capsys.readouterr().out
    assert report["games"] == 2 and "== plausibility: 2 games" in out
    # the DPRK's tests are counted by kind, each kind named by its program operation
    assert all(
        k.removeprefix("dprk_tests_") in {"any", "short_range", "slbm", "mrbm", "icbm", "nuclear"}
        for k in report["stats"]
        if k.startswith("dprk_tests_")
    )
