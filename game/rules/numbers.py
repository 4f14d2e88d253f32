"""Scenario numbers: a literal, or the name of a causal parameter ("$name", negated as "-$name").

The one resolver: the rules, the AI's expectations and the UI's descriptions all read a number here.
Compiled effects parse a number once (``number_reader``) and read it at each application (``read``)."""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Final

from ..model.scenario import Number

Reader = tuple[float | None, str, bool]  # (literal, parameter, negated): see number_reader


def number_reader(value: Number) -> Reader:
    """``value`` parsed: the literal's value (and no parameter), or None and the parameter a ``"$name"``
    or ``"-$name"`` names, and whether it is negated."""
    if isinstance(value, str):
        negated = value.startswith("-")
        return None, value[2:] if negated else value[1:], negated
    return float(value), "", False


def read(number: Reader, params: Mapping[str, float]) -> float:
    """The value of a parsed number under ``params``; KeyError names a parameter that is not defined."""
    literal, name, negated = number
    if literal is not None:
        return literal
    return -params[name] if negated else params[name]


def resolve_number(value: Number, params: Mapping[str, float]) -> float:
    """The number ``value`` stands for under ``params``; KeyError names a parameter that is not defined."""
    return read(number_reader(value), params)


_SCALES: Final = tuple(10.0**n for n in range(7))  # exact doubles
_EXACT_BELOW: Final = 2.0**31  # a scaled value this small is within 2**-22 of its true product
_SHORT_OF_TIE: Final = 0.5 - 1e-6
_ABOVE: Final = -_EXACT_BELOW  # negated once, not at every call
_UNDER: Final = -_SHORT_OF_TIE


def round_to(x: float, ndigits: int) -> float:
    """``round(x, ndigits)`` (0 <= ndigits <= 6), exactly, without its decimal string conversion (a few
    thousand instructions a call; the estimates round dozens of numbers a turn). ``round`` gives the
    double nearest to k / 10**ndigits, k the integer nearest to the exact x * 10**ndigits (ties to
    even): x * 10**ndigits in floating point is within 2**-22 of it when below 2**31, so unless it lies
    that close to a tie its ``round`` is k, and k / 10**ndigits (both exact doubles) is correctly
    rounded. Near a tie, or out of that range, ``round`` itself decides (tests/test_rules_numbers.py).
    k is taken as floor(scaled + 0.5), not ``round(scaled)`` (a keyword-parsing builtin, dearer): the two
    differ only where scaled + 0.5 lies within 2**-22 of an integer, that is near a tie, which the test
    below sends to ``round``."""
    scale = _SCALES[ndigits]
    scaled = x * scale
    if _ABOVE < scaled < _EXACT_BELOW:
        k = math.floor(scaled + 0.5)
        if _UNDER < scaled - k < _SHORT_OF_TIE:  # |scaled - k| <= 0.5: not near a tie
            return k / scale if k else x * 0.0  # a zero keeps the sign of x, as in ``round``
    return round(x, ndigits)


def rounded_to_thousandths(x: int | float) -> int | float:  # int | float, and int(x): an int stays one compiled
    """``round(x, 3)`` for a float (``round_to``), an int as itself."""
    return round_to(x, 3) if type(x) is float else int(x)
