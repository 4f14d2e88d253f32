"""An exposure of hidden activity and what follows from it: the detection step of resolution, and the
white cell's scripted detections (the ``detection`` effect kind), run this one function."""

from __future__ import annotations

from ..model.ids import Actor
from ..model.program import Site
from . import deals as deal_rules
from .program import (
    apply_consequences,
    declaration_breached,
    detection_is_public,
    expose,
    exposure_consequences,
    omitted_from_declaration,
)
from .ratchet import cheating_exposed
from .work import DPRK, Work, actor_name


def apply_detection(work: Work, detector: Actor, site: Site, cause: str = "", label: str = "") -> None:
    """``detector`` finds the hidden activity at ``site``: its estimate (and those it shares with) learn
    it; a public detector's finding is news, with its consequences, and proves any pledge about the site
    false. ``cause``/``label`` name it in the ledger (by default the detection itself)."""
    audience = expose(work, detector, site)
    cause = cause or f"detection:{site.id}"
    label = label or f"hidden activity at {site.name} exposed"
    if not detection_is_public(detector, work.world):
        # China keeps its own counsel: its estimate changes, nothing public moves.
        work.report(f"Our intelligence has found hidden activity at {site.name}.", audience, cause)
        return
    work.report(f"{actor_name(detector)} intelligence exposes hidden activity at {site.name}.", "public", cause)
    cheating_exposed(work.flags)  # C5: sanctions tightened from now on are reassembled after cheating
    apply_consequences(work, exposure_consequences(work.params, work.world, detector, audience), cause, label)
    if omitted_from_declaration(work.declared, site):  # issue 11, C3: the declaration left it out
        declaration_breached(work, site.id, f"it left out {site.name}, now exposed")
    # Exposure proves any pledge about this site false.
    for i, c in enumerate(work.commitments):
        if c.clause.actor is not DPRK or c.state not in ("fulfilled", "verified", "breached"):
            continue
        if c.state == "breached" and not c.breach_hidden:
            continue
        spec = work.scenario.action_index[c.clause.action]
        touches_site = any(e.kind == "program" and e.site == site.id for e in spec.effects)
        if touches_site or c.breach_hidden:
            deal_rules.breach_found(
                work,
                i,
                f"hidden activity at {site.name} contradicts the DPRK's pledge "
                f"{deal_rules.action_name(work.scenario, c.clause.action)}",
            )
