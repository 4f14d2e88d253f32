"""What happened and why: meter changes with causes, news, cables and the turn record."""

from __future__ import annotations

from typing import Literal, NamedTuple, Union

from .base import Frozen
from .ids import Actor

Audience = Union[Literal["public"], tuple[Actor, ...]]


# MeterChange and NewsItem are tuples: a turn makes dozens of each, and they are plain records.
# pydantic validates them where the state is validated (saves); in JSON they are arrays.
class MeterChange(NamedTuple):
    """One contribution to a meter's change: ``cause`` is an order or event id, ``label`` prose."""

    meter: str
    delta: float
    cause: str
    label: str
    audience: Audience = "public"


class NewsItem(NamedTuple):
    turn: int
    text: str
    audience: Audience = "public"  # public news, or a private cable to these actors
    source: str = ""  # action or event id


class Rationale(Frozen):
    actor: Actor
    turn: int
    text: str
