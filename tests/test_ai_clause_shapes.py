"""The heuristic builds its menu clauses unvalidated (``heuristic._shaped_clause``): each shape it can build
must be the model pydantic validates from the same values, field for field and in its saved form."""

from __future__ import annotations

import itertools

from game.ai.heuristic import _shaped_clause
from game.model.deals import Clause
from game.views import rules_view


def _validated(actor, action: str, mode: str, verification: str, duration: int, doubted: bool) -> Clause:
    """The clause as the heuristic built it before, through validation."""
    if mode == "refrain":
        return Clause(actor=actor, action=action, mode=mode).replace(duration=duration, verification=verification)
    return Clause(actor=actor, action=action).replace(
        sequencing="after_verification" if doubted else "upfront",
        verification=verification,
        duration=duration,
        snapback=doubted,
    )


def test_every_menu_clause_shape_is_the_validated_clause(hanoi):
    rules = rules_view(hanoi)
    checked = 0
    for spec in rules.actions:
        for actor, mode, verification, duration, doubted in itertools.product(
            spec.actors, ("do", "refrain"), ("inspection", "national_means"), (2, 5, 13, 24), (False, True)
        ):
            built = _shaped_clause(actor, spec.id, mode, verification, duration, doubted)
            expected = _validated(actor, spec.id, mode, verification, duration, doubted)
            assert built == expected
            assert built.model_dump(mode="json") == expected.model_dump(mode="json")
            assert list(built.__dict__) == list(expected.__dict__)
            assert Clause.model_validate(built.model_dump()) == built
            checked += 1
    assert checked
