"""The engine's fast constructors of frozen models (``Frozen.trusted``, ``from_fields`` and ``replace`` call
these): a model built from values that are valid already, without pydantic's validation. This module is
compiled with the rules (game/native.py): a turn builds and copies dozens of models, and compiled, a copy's
dict merge and slot writes run without the interpreter's dispatch (an engine turn 2% fewer instructions).

Frozen models refuse attribute assignment; these set BaseModel's four slots with ``object.__setattr__``, as
pydantic's own ``model_construct`` does. Compiled, mypyc makes each a direct C call of
``PyObject_GenericSetAttr``; a slot descriptor's bound ``__set__`` (a method-wrapper) was a generic Python call
that packs its arguments into a tuple, about five times the instructions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:
    from .base import Frozen

M = TypeVar("M", bound="Frozen")

_new: Final = object.__new__


def built(cls: type[M], fields: dict[str, Any]) -> M:
    """A ``cls`` holding ``fields``, which must name every field of it; the model owns the dict from then on.
    Only their number is checked here (TypeError, naming the odd ones): comparing the names at every build
    cost about 2.5% of an engine turn, and tests/test_construct_fields.py holds every build in the game's
    code to its model's names."""
    every_field = cls.__every_field__  # the class's (Frozen): one set shared by its models
    if len(fields) != len(every_field):
        raise TypeError(
            f"{cls.__name__}.trusted: fields differ from the model's: "
            f"{sorted(fields.keys() ^ cls.__pydantic_fields__.keys())}"
        )
    new: M = _new(cls)
    object.__setattr__(new, "__dict__", fields)
    object.__setattr__(new, "__pydantic_fields_set__", every_field)  # shared, as in ``replaced``
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new


def replaced(model: M, changes: dict[str, Any]) -> M:
    """A copy of ``model`` with ``changes`` (field names of it, with valid values)."""
    new: M = _new(model.__class__)
    object.__setattr__(new, "__dict__", {**model.__dict__, **changes})
    fields_set: set[str] = model.__pydantic_fields_set__
    if not fields_set.issuperset(changes):  # usually every field is set already: share the set
        fields_set = fields_set | changes.keys()  # (frozen models never change it in place)
    object.__setattr__(new, "__pydantic_fields_set__", fields_set)
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new
