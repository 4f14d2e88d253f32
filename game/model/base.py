"""The base of every model: frozen, strict about unknown fields, and cheap to copy inside the engine."""

from __future__ import annotations

import sys
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict

from .construct import built, replaced

_MODEL_METACLASS = type(BaseModel)  # pydantic's ModelMetaclass


# Attribute reads on a model class that has a ``__getattr__`` are never specialised by CPython 3.11's
# adaptive interpreter (CPython 3.12 learned to, gh-93911): each ``state.meters`` or ``spec.cost`` takes
# the generic path through the ``__getattr__`` hook. pydantic's ``BaseModel.__getattr__`` serves only
# private attributes and extra fields, and the game's models have neither (``extra="forbid"``, no
# ``PrivateAttr``; tests/test_model_attributes.py checks every model of the game): without it, a missing
# attribute raises the same AttributeError, and the engine runs about 12% fewer instructions.
# A read from a class whose metaclass has a ``__getattr__`` takes the same generic path, about 400
# instructions: an enum class (``Phase.ORDERS``: EnumType, until CPython 3.12), and a model class until its
# metaclass's hook is dropped too (below). Hot paths hold such values in module globals.
if sys.version_info < (3, 12) and getattr(BaseModel.__dict__.get("__getattr__"), "__module__", "") == "pydantic.main":
    delattr(BaseModel, "__getattr__")  # defined only when not type checking: mypy does not see it
# Its metaclass's ``__getattr__`` serves the private attributes of a model class alone: without it, a read from
# a model class (the fields-set ``model.construct.built`` reads at every model it builds) is type's own.
if sys.version_info < (3, 12) and "__getattr__" in _MODEL_METACLASS.__dict__:
    delattr(_MODEL_METACLASS, "__getattr__")


class Frozen(BaseModel):
    """A frozen model. Its fast constructors (``trusted``, ``from_fields``, ``replace``) are ``model.construct``'s,
    for code that runs plain; the compiled rules, views and seats call ``construct.built`` and ``replaced``
    themselves, since these methods stay interpreted (pydantic refuses compiled methods on a model)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    # every field's name: the fields-set each model ``model.construct.built`` makes shares (frozen models never
    # change it in place, and pydantic's copies copy it before they add to it). The class owns it, set once
    # when the class is made: a model's fields are the class's and live as long as it does.
    __every_field__: ClassVar[set[str]]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.__every_field__ = set(cls.__pydantic_fields__)

    @classmethod
    def trusted(cls, **fields: Any) -> Self:
        """Build from values taken from an already validated model (every field given, none extra)."""
        return built(cls, fields)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> Self:
        """``trusted`` from a dict built for it, which the model then owns: passing thirty keyword
        arguments costs about as much as building the model."""
        return built(cls, fields)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``. pydantic validates at the boundaries (scenario files, saves, orders);
        inside the engine the values are already valid, and this is about three times cheaper than
        ``model_copy`` on a path that runs hundreds of times a turn."""
        return replaced(self, changes)
