"""What happened and why: meter changes with causes, news, cables and the turn record."""

from __future__ import annotations

import hashlib
import threading
from typing import Any, Literal, NamedTuple, Union

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

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


class LogDigest:
    """The running sha256 over a game's logs (news, the history of meters, each turn's changes), which the
    state hash covers instead of reserialising the logs every turn: each step's digest is the sha256 of the
    previous digest's hex and that step's records, encoded as their fields joined by control characters.

    Computed when read (a save, a replay's check, the lab's hashes): a step keeps its records and its
    predecessor until then, so a game nobody hashes never encodes or hashes its logs. Equal digests have
    equal hex. In a model it validates from and serialises to its hex string, as the plain ``str`` field
    it replaces did, so saves and state hashes are unchanged."""

    __slots__ = ("_hex", "_parent", "_step")

    def __init__(self, hex_digest: str = "") -> None:
        self._hex: str | None = hex_digest
        self._parent: LogDigest | None = None
        self._step: tuple[tuple[NewsItem, ...], dict[str, float] | None, tuple[MeterChange, ...] | None] | None = None

    def extended(
        self,
        news: tuple[NewsItem, ...],
        history_row: dict[str, float] | None,
        changes: tuple[MeterChange, ...] | None,
    ) -> LogDigest:
        """The digest after one more step of the logs (a step with no records still advances it)."""
        new = LogDigest.__new__(LogDigest)
        new._hex, new._parent, new._step = None, self, (news, history_row, changes)
        return new

    @property
    def hex(self) -> str:
        if self._hex is not None:
            return self._hex
        with _HASHING:  # the UI's AI worker and its window may read the same chain
            pending = []  # the steps not yet hashed, newest first: walked, not recursed (a long game is a long chain)
            node: LogDigest = self
            while node._hex is None:
                pending.append(node)
                assert node._parent is not None  # only the root has no parent, and it has its hex
                node = node._parent
            hex_digest = node._hex
            for node in reversed(pending):
                assert node._step is not None
                hex_digest = _digest_step(hex_digest, *node._step)
                node._hex, node._parent, node._step = hex_digest, None, None  # drop the records once hashed
            return hex_digest

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LogDigest):
            return self is other or self.hex == other.hex
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.hex)

    def __repr__(self) -> str:
        return f"LogDigest({self.hex!r})"

    def __reduce__(self) -> tuple[type[LogDigest], tuple[str]]:
        return LogDigest, (self.hex,)  # pickled (the lab's processes) and copied as its hex alone

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        from_text = core_schema.no_info_after_validator_function(cls, core_schema.str_schema())
        return core_schema.json_or_python_schema(
            json_schema=from_text,
            python_schema=core_schema.union_schema([core_schema.is_instance_schema(cls), from_text]),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda digest: digest.hex, return_schema=core_schema.str_schema()
            ),
        )


_HASHING = threading.Lock()  # one chain is worked out at a time


def _digest_step(
    previous: str,
    news: tuple[NewsItem, ...],
    history_row: dict[str, float] | None,
    changes: tuple[MeterChange, ...] | None,
) -> str:
    digest = hashlib.sha256(previous.encode())
    if news:
        digest.update(
            "\x1e".join([f"{t}\x1f{text}\x1f{_audience(a)}\x1f{source}" for t, text, a, source in news]).encode()
        )
    if history_row is not None:
        digest.update("\x1e".join([f"{k}\x1f{v!r}" for k, v in sorted(history_row.items())]).encode())
    if changes is not None:
        digest.update(
            (
                "\x1d"
                + "\x1e".join(
                    [f"{m}\x1f{d!r}\x1f{cause}\x1f{label}\x1f{_audience(a)}" for m, d, cause, label, a in changes]
                )
            ).encode()
        )
    return digest.hexdigest()


def _audience(audience: Audience) -> str:
    """An audience in the log digest: "public", or its actors' codes. The digest encodes a record as
    its fields joined by control characters, which no field holds: several times cheaper than repr
    (whose enum and named-tuple reprs run in Python), and as unambiguous."""
    return audience if audience.__class__ is str else ",".join(audience)
