"""Apply scenario effects and chance outcomes to a Work."""
from __future__ import annotations

from ..model.ids import ALL_ACTORS, Actor
from ..model.log import Audience
from ..model.scenario import ChanceOutcome, Effect, Visibility
from .conditions import meter_name
from .program import apply_op
from .work import Work, actor_name


def audience_of(visibility: Visibility, actor: Actor | None) -> Audience:
    """Public news, or a private cable to the listed actors (the actor always knows its own deeds)."""
    if visibility == "public":
        return "public"
    listed = () if visibility == "secret" else tuple(visibility)
    if actor is not None and actor not in listed:
        listed = (actor, *listed)
    return listed


def trust_targets(effect: Effect, actor: Actor) -> list[Actor]:
    """Toward whom a trust effect taken by ``actor`` moves its trust."""
    return [a for a in ALL_ACTORS if a is not actor] if effect.toward == "all" else [Actor(effect.toward)]


def capital_recipient(effect: Effect, actor: Actor | None) -> Actor | None:
    """Whose political capital a capital effect taken by ``actor`` changes."""
    return actor if effect.actor == "self" else Actor(effect.actor)


def apply_effects(work: Work, effects: list[Effect], actor: Actor | None, cause: str, label: str,
                  audience: Audience) -> None:
    for effect in effects:
        kind = effect.kind
        if kind == "meter":
            work.add(meter_name(effect.meter, actor), work.number(effect.delta), cause, label, audience)
        elif kind == "flag":
            if effect.set:
                work.flags.add(effect.flag)
            else:
                work.flags.discard(effect.flag)
        elif kind == "trust":
            if actor is None:
                continue
            for other in trust_targets(effect, actor):
                work.add_trust(actor, other, work.number(effect.delta), cause, label)
        elif kind == "capital":
            who = capital_recipient(effect, actor)
            if who is not None:
                work.add_capital(who, work.number(effect.delta))
        elif kind == "program":
            apply_op(work, effect.op, actor, effect.site, work.number(effect.amount), effect.actors, cause)


def roll_chance(work: Work, outcomes: list[ChanceOutcome], actor: Actor | None, cause: str, label: str,
                audience: Audience) -> ChanceOutcome | None:
    """One roll over mutually exclusive outcomes; the remainder is 'nothing further happens'."""
    if not outcomes:
        return None
    roll = work.dice.roll(work.turn, "chance", cause)
    acc = 0.0
    for outcome in outcomes:
        acc += work.number(outcome.p)
        if roll < acc:
            apply_effects(work, outcome.effects, actor, cause, label, audience)
            if outcome.news:
                work.report(fill(outcome.news, actor), audience, cause)
            return outcome
    return None


def fill(text: str, actor: Actor | None) -> str:
    """Put the actor's name into a news line; ``{actor}'s`` becomes a proper possessive ("the United
    States'" style: a name ending in s takes the apostrophe alone)."""
    if actor is None or "{actor}" not in text:
        return text
    name = actor_name(actor)
    return text.replace("{actor}'s", name + ("'" if name.endswith("s") else "'s")).replace("{actor}", name)
