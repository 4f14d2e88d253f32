"""North Korea's program in three layers (truth, declared, verified) and the others' estimates."""

from __future__ import annotations

from typing import Literal, NamedTuple

from .base import Frozen

SiteStatus = Literal["active", "frozen", "dismantled", "restarted"]


class Site(Frozen):
    id: str
    name: str
    kind: str
    status: SiteStatus
    covert: bool  # unknown to the world at the start
    declared: bool = False
    staged: bool = False  # shown as dismantled while it still runs
    pu_rate: float
    heu_rate: float
    lat: float
    lon: float
    covert_turns: int = 0  # turns of hidden activity so far: the cheater's risk accumulates
    detected: bool = False  # hidden activity here has been publicly exposed
    essential: float = 1.0  # 0..1: how much of the program's capacity rests on it (C3: salami slicing
    # offers the nonessential ones); public, an analysts' judgement

    @property
    def producing(self) -> bool:
        return self.status in PRODUCING


PRODUCING = ("active", "restarted")  # the statuses of a producing site (``Site.producing``; the rules' hot
# paths test ``site.status in PRODUCING`` themselves: a property is a Python call)


class ProgramTruth(Frozen):
    """Only the DPRK and the engine see this."""

    warheads: int
    pu_kg: float
    heu_kg: float
    missile_readiness: float
    sites: tuple[Site, ...]
    surge: bool = False  # covert production surge ordered this turn

    def site(self, site_id: str) -> Site:
        for s in self.sites:
            if s.id == site_id:
                return s
        raise KeyError(site_id)


class Declaration(Frozen):
    """Public once made: what the DPRK chose to declare."""

    made: bool = False
    complete: bool = False  # hidden: whether it matched the truth (never shown to others)
    warheads: int | None = None
    pu_kg: float | None = None
    heu_kg: float | None = None
    sites: tuple[str, ...] = ()
    site_status: dict[str, SiteStatus] = {}  # what the DPRK claims of each known site
    omitted: dict[str, float] = {}  # hidden like ``complete``: the stocks the declaration left out, as
    # they stood when it was made (what an inspection may later establish)
    breaches: tuple[str, ...] = ()  # public: the omissions shown so far (site ids, "stocks"), each once


class Verified(Frozen):
    """Public: what inspections and observed dismantlement actually confirmed."""

    inspection_access: float = 0.0  # 0..100
    sites: dict[str, SiteStatus] = {}
    warheads_surrendered: int = 0
    inspections: int = 0


class Range(NamedTuple):
    """A stock estimate: low and high bounds and the holder's confidence (0..1). A tuple, because the
    engine builds dozens a turn; pydantic still validates it at the boundaries."""

    low: float
    high: float
    confidence: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


class Estimate(Frozen):
    """One actor's private belief about the program."""

    warheads: Range
    pu_kg: Range
    heu_kg: Range
    suspicion: dict[str, float]  # site id -> 0..1, only sites this actor knows or suspects
    intel_effort: float = 20.0  # 0..100: how hard this actor is looking
