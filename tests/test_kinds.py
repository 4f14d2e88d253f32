"""The one registry of effect kinds and program operations (rules.kinds): every kind the schema allows
has an entry, and every entry has its four parts."""
import typing

from game.model import effect_refs
from game.model.ids import Actor, METER_BOUNDS
from game.model.scenario import Effect, ProgramOp
from game.rules.kinds import EFFECT_KINDS, PROGRAM_OPS, describe_effect, expected_effects


def _schema_kinds() -> set[str]:
    union = typing.get_args(typing.get_args(Effect)[0])
    return {typing.get_args(cls.model_fields["kind"].annotation)[0] for cls in union}


def test_every_effect_kind_and_program_operation_has_all_four_parts():
    assert set(EFFECT_KINDS) == _schema_kinds() == set(effect_refs.CHECKS)
    for kind in EFFECT_KINDS.values():
        for part in ("check", "apply", "describe", "expect"):
            assert callable(getattr(kind, part)), (kind.name, part)
    assert set(PROGRAM_OPS) == set(typing.get_args(ProgramOp))
    for op in PROGRAM_OPS.values():
        assert callable(op.apply) and callable(op.expect) and op.text, op.name
    assert effect_refs.SITE_OPS <= set(PROGRAM_OPS)


def test_every_effect_of_the_bundled_scenario_is_checked_described_and_expected(hanoi):
    names = effect_refs.Names(meter_known=lambda m: m.replace(".self", ".US") in METER_BOUNDS,
                              sites=frozenset(s.id for s in hanoi.start.program.sites),
                              parameters=frozenset(hanoi.parameters))
    params = {k: p.value for k, p in hanoi.parameters.items()}
    for spec in hanoi.actions:
        actor = spec.actors[0]
        for effect in [*spec.effects, *(e for c in spec.chance for e in c.effects)]:
            assert effect_refs.effect_problems(effect, names) == [], (spec.id, effect)
            assert describe_effect(effect, actor, params), (spec.id, effect)
        expected_effects(spec, actor, params)
    freeze = next(e for s in hanoi.actions for e in s.effects if e.kind == "program" and e.op == "freeze")
    assert effect_refs.effect_problems(freeze.model_copy(update={"site": None}), names) == [
        ("", "program op 'freeze' needs a site")]
    assert describe_effect(freeze, Actor.DPRK, params).startswith("freezes ")
