"""Scenario numbers: a literal, or the name of a causal parameter ("$name", negated as "-$name").

The one resolver: the rules, the AI's expectations and the UI's descriptions all read a number here."""

from __future__ import annotations

from collections.abc import Mapping

from ..model.scenario import Number


def resolve_number(value: Number, params: Mapping[str, float]) -> float:
    """The number ``value`` stands for under ``params``; KeyError names a parameter that is not defined."""
    if isinstance(value, str):
        if value.startswith("-"):
            return -params[value[2:]]
        return params[value[1:]]
    return float(value)
