"""A study as tidy rows, one per game (point, seed, parameters, seats, outcome, scores, every end
meter), written as CSV or Parquet. The same results always give the same bytes."""

from __future__ import annotations

from ..report.aar import csv_text
from .batch import GameResult


def rows(results: list[GameResult]) -> list[dict]:
    """One flat dict per game; every row has every column (a count no game reached is 0, a swept value
    is present in every row), so the table is rectangular."""
    points: dict[str, int] = {}
    out = []
    for r in results:
        point = points.setdefault(r.arm, len(points))
        out.append(
            {
                "point": point,
                "arm": r.arm,
                "seed": r.seed,
                **{f"param.{k}": v for k, v in r.overrides.items()},
                **{f"seat.{k}": v for k, v in r.seats.items()},
                "outcome": r.outcome,
                "turns": r.turns,
                **{f"score.{k}": v for k, v in r.scores.items()},
                **{f"meter.{k}": v for k, v in r.final_meters.items()},
                "warheads": r.warheads,
                "detections": r.detections,
                "dprk_tests": r.dprk_tests,
                "first_test_turn": r.first_test_turn,
                "deals": sum(r.deals.values()),
                **{f"deals.{k}": v for k, v in sorted(r.deals.items())},
                "state_hash": r.state_hash,
            }
        )
    columns: list[str] = []
    for row in out:
        columns.extend(c for c in row if c not in columns)
    return [{c: row.get(c, 0) for c in columns} for row in out]


def to_csv(results: list[GameResult]) -> str:
    return csv_text(rows(results))


def to_parquet(results: list[GameResult]) -> bytes:
    """The rows as a Parquet file (pyarrow); a missing value (no DPRK test) is null."""
    import pyarrow
    import pyarrow.parquet

    table = rows(results)
    columns = {c: [row[c] for row in table] for c in (table[0] if table else {})}
    for name in columns:
        if name.startswith("param."):  # a swept value is a float even where it was written as 2
            columns[name] = [float(v) for v in columns[name]]
    buffer = pyarrow.BufferOutputStream()
    pyarrow.parquet.write_table(pyarrow.table(columns), buffer)
    return buffer.getvalue().to_pybytes()
