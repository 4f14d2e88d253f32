"""What a package of clauses commits the viewer to, and the traps in it, in words for the composer.

pygame-free. The rules decide (``rules.deals.verification_chance``, ``rules.legality``); this module
only reads them: an "after verification" clause waits until every up-front clause of the deal is
verified, so it can stay pending for turns, or for ever when an up-front clause can never be kept.
"""

from __future__ import annotations

import math
import re

from ..model.deals import Clause
from ..model.ids import ACTOR_SHORT, Actor
from ..model.scenario import Scenario
from ..rules.deals import verification_chance
from ..rules.legality import orders_cost

METHOD_TEXT = {"national_means": "national means", "inspection": "inspection", "none": "no verification"}


def over_budget(clauses, me: Actor, capital: int, scenario: Scenario) -> str | None:
    """Why the package asks more of ``me`` than its political capital allows (its own "do" clauses, priced
    as the rules price orders), or None."""
    cost = orders_cost(scenario, [c.action for c in clauses if c.actor is me and c.mode == "do"])
    if cost > capital:
        return f"your side of this package costs {cost} political capital and you have {capital}: you could not keep it"
    return None


def package_warnings(
    clauses: tuple[Clause, ...] | list[Clause],
    index: dict,
    params: dict[str, float],
    inspection_access: float,
    blockers: dict[str, str | None],
    me: Actor,
) -> list[str]:
    """The traps of a package as its clauses stand: "after verification" clauses that wait on slow or
    impossible verification. ``blockers``: why each of ``me``'s actions cannot be ordered now."""
    later = [c for c in clauses if c.mode == "do" and c.sequencing == "after_verification"]
    first = [c for c in clauses if c.mode == "do" and c.sequencing == "upfront"]
    if not later:
        return []
    if not first:
        return ["Nothing in the package is up front, so the 'after verification' clauses are due at once."]
    out = []
    never = [c for c in first if c.actor is me and blockers.get(c.action)]
    for c in never:
        out.append(
            f"Can never be verified: you cannot take {index[c.action].name} ({blockers[c.action]}), so the "
            "'after verification' clauses would never come due."
        )
    chances = [(c, verification_chance(c.verification, params, inspection_access)) for c in first]
    slow = [(c, p) for c, p in chances if p < 0.9]
    if slow:
        worst = min(p for _, p in slow)
        what = "; ".join(
            f"{index[c.action].name} ({ACTOR_SHORT[c.actor]}, by {METHOD_TEXT[c.verification]}, {p * 100:.0f}% a turn)"
            for c, p in slow
        )
        wait = math.ceil(1 / worst)
        out.append(
            f"The 'after verification' clauses wait until every up-front clause is kept and verified: "
            f"{what}. Expect {wait} turns or more of waiting."
        )
        short = [c for c in later if c.duration <= wait]
        if short:
            out.append(
                "They may run out first: "
                + ", ".join(
                    f"{index[c.action].name} lasts {c.duration} turn{'s' if c.duration != 1 else ''}" for c in short
                )
                + "."
            )
    return out


def public_reason(note: str) -> str | None:
    """The part of an AI's note on its answer that the proposer may be told: the kind of reason
    ("it asks what we cannot do", a broken deal), never its private valuation ("worth -2.1 to us") or
    its restatement of the clauses. None for a note that gives no reason (a random seat's)."""
    head, sep, reason = note.partition(": ")
    if not sep or not head.startswith(("rejected", "walked away", "accepted")):
        return None
    if re.fullmatch(r"worth [+\-\u2212]?[\d.]+ to us", reason.strip()):
        return "not worth enough to us" if head.startswith("rejected") else None
    return reason.strip()
