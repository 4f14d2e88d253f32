"""Deals: turning accepted proposals into commitments, compliance, verification, breach, snap-back."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Set
from typing import Final

from ..model.construct import built, replaced
from ..model.deals import Commitment, Deal, Proposal
from ..model.ids import Actor
from ..model.scenario import Scenario, WorldSpec
from ..model.state import GameState
from .alliances import alliance_sides
from .conditions import meter_name
from .ratchet import cheating_exposed
from .work import DPRK, Work, actor_name


def accept(state: GameState, proposal: Proposal) -> tuple[Deal, list[Commitment]]:
    """An accepted proposal becomes a deal in force and one commitment per clause (built from the
    proposal's values, which its model validated, every field given: ``construct.built``)."""
    turn = state.turn
    deal = built(
        Deal,
        {
            "id": proposal.id,
            "parties": (proposal.proposer, proposal.recipient),
            "accepted_turn": turn,
            "note": proposal.note,
            "status": "in_force",
        },
    )
    upfront_done = not any(c.sequencing == "upfront" for c in proposal.clauses)
    commitments = []
    for i, clause in enumerate(proposal.clauses):
        waiting = clause.mode == "do" and clause.sequencing == "after_verification" and not upfront_done
        commitments.append(
            built(
                Commitment,
                {
                    "deal_id": proposal.id,
                    "index": i,
                    "clause": clause,
                    "state": "pending" if waiting else "due",
                    "accepted_turn": turn,
                    "due_turn": None if waiting else turn + 1,
                    "ends_turn": turn + clause.duration,
                    "breach_hidden": False,
                },
            )
        )
    return deal, commitments


def deal_name(deal: Deal) -> str:
    """A deal as players read it ("North Korea-United States deal of turn 3"), not its id."""
    a, b = deal.parties
    return f"{actor_name(a)}-{actor_name(b)} deal of turn {deal.accepted_turn}"


def counterpart(deal: Deal, actor: Actor) -> Actor:
    a, b = deal.parties
    return b if actor == a else a


def deal_of(work: Work, deal_id: str) -> Deal:
    for deal in work.deals:  # a loop, not next(...): no generator at every look-up
        if deal.id == deal_id:
            return deal
    raise KeyError(deal_id)


def record_compliance(work: Work, taken: list[tuple[Actor, str, bool]]) -> None:
    """Match this turn's actions against commitments. ``taken``: (actor, clause action it counts as,
    whether it was a deception)."""
    for i, c in enumerate(work.commitments):
        state = c.state  # each model field read once: a read is a slow one
        if state not in ("pending", "due", "fulfilled", "verified"):
            continue
        clause = c.clause
        actor, action = clause.actor, clause.action
        deceptive = _deceptive(taken, actor, action)
        if deceptive is None:  # not taken this turn
            continue
        mode = clause.mode
        if mode == "do" and state in ("pending", "due"):
            work.commitments[i] = replaced(c, {"state": "fulfilled", "breach_hidden": deceptive})
        elif mode == "refrain":
            work.commitments[i] = replaced(c, {"state": "breached", "breach_hidden": deceptive})
            if not deceptive:
                breach_found(
                    work,
                    i,
                    f"{actor_name(actor)} broke its pledge to refrain from: {action_name(work.scenario, action)}",
                )


def _deceptive(taken: list[tuple[Actor, str, bool]], actor: Actor, action: str) -> bool | None:
    """Whether ``actor``'s first action this turn that counts as ``action`` was a deception (None: it took
    none). A scan, not a dict of them all: a turn takes a dozen actions and few commitments are open."""
    for who, action_id, concealed in taken:
        if action_id == action and who == actor:  # the action first: a string compare, and seldom equal
            return concealed
    return None


def action_name(scenario: Scenario, action_id: str) -> str:
    """The action's display name, quoted for use inside a sentence."""
    spec = scenario.action_index.get(action_id)
    return f"'{spec.name}'" if spec else f"'{action_id}'"


def breach_found(work: Work, index: int, text: str) -> None:
    """A breach becomes public: trust falls, the deal breaks, the other side's snap-backs fire."""
    c = work.commitments[index]
    work.commitments[index] = replaced(c, {"state": "breached", "breach_hidden": False})
    deal_id, actor = c.deal_id, c.clause.actor  # each model field read once: a read is a slow one
    deal = deal_of(work, deal_id)
    if deal.status != "in_force":
        return
    other = counterpart(deal, actor)
    cause, name = f"breach:{deal_id}", deal_name(deal)
    work.report(f"Breach of the {name}: {text}.", "public", cause)
    if actor is DPRK:
        cheating_exposed(work.flags)  # C5: the ratchet holds back the sanctions this calls for under peace
    work.add_trust(actor, other, -work.params["breach_trust_loss"], cause, f"breach of the {name}")
    work.deals = [replaced(d, {"status": "broken"}) if d.id == deal_id else d for d in work.deals]
    for j, mine in enumerate(work.commitments):
        if j == index or mine.deal_id != deal_id:
            continue
        state = mine.state  # a snap-back changes no commitment: the same state for both tests
        if state in ("fulfilled", "verified"):
            clause = mine.clause
            if clause.actor == other and clause.snapback:
                snap_back(work, mine)
        if state in ("pending", "due", "fulfilled", "verified"):
            work.commitments[j] = replaced(mine, {"state": "expired"})


def snap_back(work: Work, c: Commitment) -> None:
    spec = work.scenario.action_index[c.clause.action]
    label = f"snap-back: {spec.name} reversed"
    for effect in spec.effects:
        if effect.kind == "meter":
            work.add(
                meter_name(effect.meter, c.clause.actor), -work.number(effect.delta), f"snapback:{c.deal_id}", label
            )
    work.report(f"{actor_name(c.clause.actor)} snaps back: {spec.name} is reversed.", "public", f"snapback:{c.deal_id}")


def verification_chance(method: str, params: Mapping[str, float], inspection_access: float) -> float:
    """The chance per turn that a kept clause is verified by ``method`` (the composer warns with it)."""
    if method == "none":
        return 1.0
    if method == "inspection":
        return params["verify_inspection_p"] * (1.0 if inspection_access > 0 else params["verify_without_access"])
    return params["verify_national_means_p"]


def advance_commitments(work: Work) -> None:
    """Once per turn after resolution: due dates, verification, expiry, completion."""
    turn = work.turn
    dice = work.dice
    for i, c in enumerate(work.commitments):
        state = c.state  # read once: a model's field read is a slow one
        # what happens to it below, asked before the look-up of its deal (most commitments have nothing due)
        if state == "due":
            due_turn = c.due_turn
            if due_turn is None or turn < due_turn or c.clause.mode != "do":
                continue  # not late (a refrain clause is ended by ``_expire``)
        elif state == "breached":
            if not c.breach_hidden:
                continue  # found already
        elif state != "fulfilled":
            continue
        deal = deal_of(work, c.deal_id)
        if deal.status != "in_force":
            continue
        clause = c.clause
        actor = clause.actor
        if state == "due":
            breach_found(
                work,
                i,
                f"{actor_name(actor)} did not carry out its pledge {action_name(work.scenario, clause.action)} in time",
            )
            continue
        if state == "fulfilled":
            p = verification_chance(clause.verification, work.params, work.verified.inspection_access)
            if dice.roll_at(f"{turn}:verify:{c.deal_id}:{c.index}") < p:
                if c.breach_hidden:
                    breach_found(
                        work,
                        i,
                        f"verification shows {actor_name(actor)} only feigned "
                        f"{action_name(work.scenario, clause.action)}",
                    )
                    continue
                work.commitments[i] = replaced(c, {"state": "verified"})
                other = counterpart(deal, actor)
                work.add_trust(
                    actor,
                    other,
                    work.params["compliance_trust_gain"],
                    f"verified:{deal.id}",
                    f"verified compliance with the {deal_name(deal)}",
                )
                work.report(
                    f"Verified: {actor_name(actor)} kept its pledge "
                    f"{action_name(work.scenario, clause.action)} ({deal_name(deal)}).",
                    "public",
                    deal.id,
                )
        else:  # breached, and hidden: a refrain clause broken in secret, which the partner may find out
            other = counterpart(deal, actor)
            est = work.estimates.get(other)
            p = hidden_breach_chance(
                work.params,
                est.intel_effort if est else work.params["baseline_intel_effort"],
                work.verified.inspection_access,
            )
            if dice.roll_at(f"{turn}:breach:{c.deal_id}:{c.index}") < p:
                breach_found(
                    work,
                    i,
                    f"{actor_name(other)} found that {actor_name(actor)} secretly "
                    f"broke its pledge to refrain from {action_name(work.scenario, clause.action)}",
                )
    _summit_theatre(work)
    _release_and_expire(work)


# --------------------------------------------------------------------------- summit theatre (C12)
PREPARED: Final = "working_level_prep"  # flag: a working-level process underpins deals with the DPRK
CONSULTED: Final = "allies_consulted"  # flag: the allies were consulted; used up by the next deal with the DPRK


def unravel_chance(params: Mapping[str, float], flags: Set[str], parties: Collection[Actor]) -> float:
    """Per-turn chance that a deal between ``parties`` unravels: a deal with the DPRK struck at the top
    with no working-level process under it (the ``PREPARED`` flag absent) is fragile (C12)."""
    if DPRK not in parties or PREPARED in flags:
        return 0.0
    return params["unprepared_deal_unravel_p"]


def unconsulted_costs(
    params: Mapping[str, float], world: WorldSpec, flags: Set[str], parties: Collection[Actor]
) -> list[tuple[str, float]]:
    """What a deal between ``parties`` costs the alliances of the DPRK's counterpart when the allies were
    not consulted (the ``CONSULTED`` flag absent), as (cohesion meter, delta) (C12)."""
    if DPRK not in parties or CONSULTED in flags:
        return []
    partner = next(a for a in parties if a is not DPRK)
    return [  # the world's alliances with their sides, built once: no split of each pair at each call
        (f"cohesion.{pair}", -params["unconsulted_deal_cohesion"])
        for pair, sides in alliance_sides(world)
        if partner in sides
    ]


def _summit_theatre(work: Work) -> None:
    """Deals with the DPRK: the allies left out of a new one protest, and one with no working-level
    process under it may unravel (from the turn after it was struck)."""
    for j, deal in enumerate(work.deals):
        if deal.status != "in_force" or DPRK not in deal.parties:
            continue
        if deal.accepted_turn == work.turn:
            costs = unconsulted_costs(work.params, work.world, work.flags, deal.parties)
            cause = f"unconsulted:{deal.id}"
            if costs:
                work.report(
                    f"Allies left out of the {deal_name(deal)} complain they were not consulted.", "public", cause
                )
            for meter, delta in costs:
                work.add(meter, delta, cause, f"allies not consulted on the {deal_name(deal)}")
            work.flags.discard(CONSULTED)  # a consultation is for the deal at hand
            continue
        p = unravel_chance(work.params, work.flags, deal.parties)
        if p and work.dice.roll_at(f"{work.turn}:unravel:{deal.id}") < p:
            work.deals[j] = replaced(deal, {"status": "expired"})
            for i, c in enumerate(work.commitments):
                if c.deal_id == deal.id and c.state in ("pending", "due", "fulfilled"):
                    work.commitments[i] = replaced(c, {"state": "expired"})
            work.report(
                f"The {deal_name(deal)} unravels: struck at the top, with no working-level process under it.",
                "public",
                f"unravel:{deal.id}",
            )


def hidden_breach_chance(params: Mapping[str, float], intel_effort: float, inspection_access: float) -> float:
    """Per-turn chance that the partner finds out a hidden breach of a pledge to refrain: the base rate,
    plus its intelligence effort and inspection access. The AI weighs a secret breach with this."""
    return min(
        params["detect_max"],
        params["detect_base"]
        + params["detect_intel"] * intel_effort / 100
        + params["detect_inspection"] * inspection_access / 100,
    )


def _by_deal(work: Work) -> dict[str, list[int]]:
    """Each deal's commitments, as their places in ``work.commitments`` (which keep their places all turn)."""
    out: dict[str, list[int]] = {}
    for i, c in enumerate(work.commitments):
        deal_id = c.deal_id
        places = out.get(deal_id)  # not setdefault(..., []): a list made and dropped for every commitment
        if places is None:
            out[deal_id] = [i]
        else:
            places.append(i)
    return out


def _in_force(work: Work) -> bool:
    """Whether any deal is in force: most turns of most games have none, and then the by-deal passes
    below have nothing to do."""
    for deal in work.deals:  # a loop, not any(...): no generator each turn
        if deal.status == "in_force":
            return True
    return False


def _release_and_expire(work: Work) -> None:
    """Release the clauses whose upfront part is verified, then end what has run its course. Neither
    changes a deal's status before the other asks which are in force, so one index of each deal's
    commitments serves both (they read the commitments themselves afresh)."""
    if not _in_force(work):
        _expire_refrains(work)
        return
    by_deal = _by_deal(work)  # one pass, not one per deal: a deal changes only its own commitments
    _release_after_verification(work, by_deal)
    _expire_refrains(work)
    _expire_deals(work, by_deal)


def _release_after_verification(work: Work, by_deal: dict[str, list[int]]) -> None:
    commitments = work.commitments
    for deal in work.deals:
        if deal.status != "in_force":
            continue
        mine = [(i, commitments[i]) for i in by_deal.get(deal.id, ())]
        upfront_ok = True  # all(...) of the upfront clauses to do, as a loop: no generator, each clause read once
        for _, c in mine:
            clause = c.clause
            if clause.sequencing == "upfront" and clause.mode == "do" and c.state != "verified":
                upfront_ok = False
                break
        if not upfront_ok:
            continue
        for i, c in mine:
            if c.state == "pending":
                commitments[i] = replaced(
                    c, {"state": "due", "due_turn": work.turn + int(work.params["release_delay"])}
                )


def _expire_refrains(work: Work) -> None:
    """A pledge to refrain that has run its course unbroken counts as kept."""
    for i, c in enumerate(work.commitments):
        if c.state in ("pending", "due") and c.clause.mode == "refrain" and work.turn >= c.ends_turn:
            work.commitments[i] = replaced(c, {"state": "verified"})


def _expire_deals(work: Work, by_deal: dict[str, list[int]]) -> None:
    commitments = work.commitments
    for j, deal in enumerate(work.deals):
        if deal.status != "in_force":
            continue
        mine = [commitments[i] for i in by_deal.get(deal.id, ())]
        if all(c.state in ("verified", "expired") for c in mine):
            work.deals[j] = replaced(deal, {"status": "completed"})
        elif all(c.ends_turn <= work.turn for c in mine):
            work.deals[j] = replaced(deal, {"status": "expired"})
