"""C13's precedent: a benefit given to the DPRK before verified steps costs the nonproliferation norm.

The rules keep what the world has verified of the program as the public derived meter ``verified_steps``
(0..100): the share of the production program the world knows of (every site not covert) that inspectors
have verified frozen or dismantled, each site weighted by its essential value (``program.site_weight``,
C3), so a token step at a nonessential site counts for little. The assessment re-derives it every turn
(and the start, after a variant's opening moves); a condition reads it like any meter, and the AI reads
it in its Observation. A ``precedent`` effect (``rules.kinds``) charges its norm cost scaled by how little
is verified: ``precedent_cost``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from ..model.program import Site, Verified
from .numbers import round_to
from .program import site_weight
from .work import Work

VERIFIED_STEPS: Final = "verified_steps"  # the derived public meter
SHUT: Final = ("frozen", "dismantled")


def verified_steps(sites: Iterable[Site], verified: Verified, params: Mapping[str, float]) -> float:
    """The share (0..100) of the known program (sites not covert) verified shut, each by its weight. Only
    what is known and verified counts, so it reveals nothing hidden: a covert site exposed joins the
    program it is a share of."""
    if not verified.sites:
        return 0.0  # nothing verified (most turns of most games): no site is shut, whatever they weigh
    total = shut = 0.0
    for s in sites:
        if s.covert:
            continue
        weight = site_weight(s.essential, bool(s.pu_rate or s.heu_rate), params)
        total += weight
        if verified.sites.get(s.id) in SHUT:
            shut += weight
    return round_to(100.0 * shut / total, 3) if total else 0.0


def precedent_cost(delta: float, meters: Mapping[str, float]) -> float:
    """What a benefit's norm cost ``delta`` comes to now: all of it when nothing is verified, nothing once
    the whole known program is verified shut, in proportion between (C13: the norm falls when benefits
    come before verified steps)."""
    return delta * (1.0 - meters[VERIFIED_STEPS] / 100.0)


def derive_verified_steps(work: Work) -> None:
    """Bring the ``verified_steps`` meter up to what the world has verified, with its cause."""
    delta = verified_steps(work.all_sites(), work.verified, work.params) - work.meters[VERIFIED_STEPS]
    if delta:  # most turns nothing is newly verified: no call to record nothing
        work.add(VERIFIED_STEPS, delta, "derived:verified", "steps verified by inspectors")
