"""``numbers.round_to`` is ``round(x, ndigits)`` exactly: the same double, sign of zero included."""

from __future__ import annotations

import math
import random
import struct

import pytest

from game.rules.numbers import round_to, rounded_to_thousandths


def _bits(x: float) -> bytes:
    return struct.pack(">d", x)


def _cases() -> list[float]:
    rng = random.Random(7)
    values = [0.0, -0.0, 0.004, -0.004, -0.00004, 0.5, -0.5, 1.5, 2.5, 0.125, 0.375, 1e-9, -1e-9]
    values += [2.0**31, -(2.0**31), 1e12, -1e300]
    values += [k / 1000 + 0.0005 for k in range(-2000, 2000)]  # ties and near-ties in decimal
    values += [k / 200 for k in range(-400, 400)]
    values += [rng.uniform(-1000, 1000) for _ in range(20000)]
    values += [rng.uniform(0, 1) for _ in range(20000)]
    values += [math.nextafter(v, math.inf) for v in values[:4000]]
    # scaled + 0.5 a hair from an integer (round_to's floor of it): next to halves, up to 2**31
    values += [math.nextafter(k + 0.5, d) for k in (0, 7, 12345, 2**30, 2**31 - 2) for d in (-math.inf, math.inf)]
    return values


@pytest.mark.parametrize("ndigits", [0, 1, 2, 3, 4, 6])
def test_round_to_is_round(ndigits: int) -> None:
    for x in _cases():
        assert _bits(round_to(x, ndigits)) == _bits(round(x, ndigits)), (x, ndigits)


def test_rounded_to_thousandths_is_round3() -> None:
    """round(x, 3): the same double for a float (its sign kept at zero), an int for an int."""
    for x in [*_cases(), 1, -7, 50, 10**12]:
        expected = round(x, 3)
        got = rounded_to_thousandths(x)
        assert type(got) is type(expected) and _bits(got) == _bits(expected), x
