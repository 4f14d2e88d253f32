"""Words for a game's record shared by the screens (``ui.describe``) and the after-action report, so both
name a meter, a clause and a commitment's state the same way."""

from __future__ import annotations

from ..model.deals import Clause
from ..model.ids import ACTOR_SHORT, METER_LABELS, Actor

STATE_TEXT = {
    "pending": "pending",
    "due": "due",
    "fulfilled": "kept (unverified)",
    "verified": "verified kept",
    "breached": "BREACHED",
    "expired": "expired",
}


def meter_label(name: str) -> str:
    if name in METER_LABELS:
        return METER_LABELS[name]
    base, _, who = name.partition(".")
    names = "-".join(ACTOR_SHORT[Actor(a)] if a in Actor.__members__ else a for a in who.split("-")) if who else ""
    return f"{base.replace('_', ' ').capitalize()} {names}".strip()


def clause_text(clause: Clause, scenario_actions: dict) -> str:
    spec = scenario_actions.get(clause.action)
    name = spec.name if spec else clause.action
    verb = "will" if clause.mode == "do" else "will not"
    seq = "up front" if clause.sequencing == "upfront" else "after verification"
    ver = {"none": "no verification", "national_means": "national means", "inspection": "inspection"}[
        clause.verification
    ]
    snap = ", snap-back" if clause.snapback else ""
    return f"{ACTOR_SHORT[clause.actor]} {verb}: {name} ({seq}, {clause.duration} turns, {ver}{snap})"
