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
