"""Apply scenario effects and chance outcomes to a Work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model.ids import Actor
from ..model.log import Audience
from ..model.scenario import ChanceOutcome, Effect, Visibility
from ..model.control import white_cell
from .kinds import Step, fuse_effects, run_effects
from .numbers import Reader, number_reader, read
from .work import Work, actor_name


def audience_of(visibility: Visibility, actor: Actor | None) -> Audience:
    """Public news, or a private cable to the listed actors (the actor always knows its own deeds)."""
    if visibility == "public":
        return "public"
    listed = () if visibility == "secret" else tuple(visibility)
    if actor is not None and actor not in listed:
        listed = (actor, *listed)
    return listed


@dataclass(slots=True)  # slotted and never changed once compiled, as rules.compiled's records
class Outcome:
    """One chance outcome compiled for an actor: its probability (``numbers.number_reader``), its
    effects and its news line with the actor's name filled in ("" for none)."""

    p: Reader
    effects: tuple[Step, ...]
    news: str


def compile_effects(effects: Sequence[Effect], actor: Actor | None) -> tuple[Step, ...]:
    """``effects`` compiled for ``actor``, their plain writes fused (``kinds.fuse_effects``)."""
    return fuse_effects(effects, actor)


def compile_chance(outcomes: Sequence[ChanceOutcome], actor: Actor | None) -> tuple[Outcome, ...]:
    return tuple(
        Outcome(number_reader(o.p), compile_effects(o.effects, actor), fill(o.news, actor) if o.news else "")
        for o in outcomes
    )


def apply_effects(
    work: Work, effects: Sequence[Effect], actor: Actor | None, cause: str, label: str, audience: Audience
) -> None:
    """Each effect, in order, as its kind applies it (rules.kinds)."""
    run_effects(work, compile_effects(effects, actor), cause, label, audience)


def roll_chance(
    work: Work,
    outcomes: list[ChanceOutcome],
    actor: Actor | None,
    cause: str,
    label: str,
    audience: Audience,
    round_: int = 1,
) -> ChanceOutcome | None:
    """One roll over mutually exclusive outcomes (``roll_outcomes`` of them compiled for ``actor``)."""
    rolled = roll_outcomes(work, compile_chance(outcomes, actor), cause, label, audience, round_)
    return None if rolled is None else outcomes[rolled]


def roll_outcomes(
    work: Work, outcomes: tuple[Outcome, ...], cause: str, label: str, audience: Audience, round_: int = 1
) -> int | None:
    """One roll over mutually exclusive outcomes; the remainder is 'nothing further happens'. Returns
    the index of the outcome that happened. ``round_``: the repeat of an action within one turn
    (max_per_turn), which rolls its own die."""
    if not outcomes:
        return None
    # the first round keeps the key every single order has
    roll = work.dice.roll_at(f"{work.turn}:chance:{cause}:{round_}" if round_ > 1 else f"{work.turn}:chance:{cause}")
    acc = 0.0
    rolled = None
    for index, outcome in enumerate(outcomes):
        acc += read(outcome.p, work.params)
        if roll < acc:
            rolled = index
            break
    ruling = work.state.control.chance.get(cause) if work.state.control is not None else None
    if ruling is not None:  # the white cell has ruled on this roll
        ruled = ruling.outcome if ruling.ruling == "force" else None if rolled == ruling.outcome else rolled
        if ruled != rolled:
            rolled, cause, label = ruled, white_cell(ruling.reason), white_cell(ruling.reason)
    if rolled is None:
        return None
    outcome = outcomes[rolled]
    run_effects(work, outcome.effects, cause, label, audience)
    if outcome.news:
        work.report(outcome.news, audience, cause)
    return rolled


def fill(text: str, actor: Actor | None) -> str:
    """Put the actor's name into a news line; ``{actor}'s`` becomes a proper possessive ("the United
    States'" style: a name ending in s takes the apostrophe alone)."""
    if actor is None or "{actor}" not in text:
        return text
    name = actor_name(actor)
    return text.replace("{actor}'s", name + ("'" if name.endswith("s") else "'s")).replace("{actor}", name)
