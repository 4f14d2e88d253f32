"""The one registry of effect kinds and program operations (rules.kinds): every kind the schema allows
has an entry, and every entry has its four parts."""

import typing

from game.model import effect_refs
from game.model.ids import Actor
from game.model.scenario import Effect, ProgramOp
from game.rules.kinds import EFFECT_KINDS, PROGRAM_OPS, describe_effect, expected_effects


def _schema_kinds() -> set[str]:
    union = typing.get_args(typing.get_args(Effect)[0])
    return {typing.get_args(cls.model_fields["kind"].annotation)[0] for cls in union}


def test_every_effect_kind_and_program_operation_has_all_four_parts():
    assert set(EFFECT_KINDS) == _schema_kinds() == set(effect_refs.CHECKS)
    for kind in EFFECT_KINDS.values():
        for part in ("check", "compile", "describe", "expect"):
            assert callable(getattr(kind, part)), (kind.name, part)
    assert set(PROGRAM_OPS) == set(typing.get_args(ProgramOp))
    for op in PROGRAM_OPS.values():
        assert callable(op.apply) and callable(op.expect) and op.text, op.name
    assert effect_refs.SITE_OPS <= set(PROGRAM_OPS)


def test_every_effect_of_the_bundled_scenario_is_checked_described_and_expected(hanoi):
    """The loader runs each kind's check (a bundled scenario passes); a program operation on a site
    without one is refused by its entry."""
    from game.scenario.loader import cross_check

    assert cross_check(hanoi) == []
    params = {k: p.value for k, p in hanoi.parameters.items()}
    for spec in hanoi.actions:
        actor = spec.actors[0]
        for effect in [*spec.effects, *(e for c in spec.chance for e in c.effects)]:
            assert describe_effect(effect, actor, params), (spec.id, effect)
        expected_effects(spec, actor, params)
    i, freeze = next(
        (i, s) for i, s in enumerate(hanoi.actions) if any(e.kind == "program" and e.op == "freeze" for e in s.effects)
    )
    j = next(j for j, e in enumerate(freeze.effects) if e.kind == "program" and e.op == "freeze")
    effects = list(freeze.effects)
    effects[j] = effects[j].model_copy(update={"site": None})
    actions = list(hanoi.actions)
    actions[i] = freeze.model_copy(update={"effects": effects})
    broken = hanoi.model_copy(update={"actions": actions})
    assert (("actions", i, "effects", j), "program op 'freeze' needs a site") in cross_check(broken)
    assert describe_effect(freeze.effects[j], Actor.DPRK, params).startswith("freezes ")
