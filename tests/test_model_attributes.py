"""game.model.base drops pydantic's ``BaseModel.__getattr__`` on CPython 3.11 (which cannot specialise
attribute reads on a class that has one): it serves only private attributes and extra fields, so every
model of the game must have neither."""

import importlib
import pkgutil

import pytest
from pydantic import BaseModel

import game
from game.model.state import GameState


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_no_model_of_the_game_has_private_attributes_or_extra_fields():
    for info in pkgutil.walk_packages(game.__path__, "game."):
        importlib.import_module(info.name)
    models = [m for m in _subclasses(BaseModel) if m.__module__.startswith("game.")]
    assert len(models) > 50  # every package was imported
    for model in models:
        assert not model.__private_attributes__, model
        assert model.model_config.get("extra") != "allow", model


def test_a_missing_attribute_is_still_an_attribute_error(hanoi):
    from game.scenario.setup import initial_state

    state: GameState = initial_state(hanoi, None)
    with pytest.raises(AttributeError, match="no_such_field"):
        state.no_such_field  # noqa: B018
    assert getattr(state, "no_such_field", None) is None and state.turn == 1


def test_a_missing_class_attribute_is_still_an_attribute_error():
    """game.model.base also drops the ``__getattr__`` of pydantic's model metaclass on CPython 3.11 (it serves
    only private attributes, which no model of the game has)."""
    with pytest.raises(AttributeError, match="no_such_name"):
        GameState.no_such_name  # noqa: B018
    assert getattr(GameState, "no_such_name", None) is None


def test_every_model_class_owns_the_names_of_all_its_fields():
    """``model.construct.built`` gives each model it makes its class's ``__every_field__`` as its fields-set."""
    from game.model.base import Frozen

    for info in pkgutil.walk_packages(game.__path__, "game."):
        importlib.import_module(info.name)
    models = _subclasses(Frozen)
    assert len(models) > 40  # every package was imported
    for model in models:
        assert model.__every_field__ == set(model.model_fields), model
