"""C5's ratchet: peace makes sanctions harder to reassemble after cheating. The one rule for how far a
re-tightening of sanctions goes once the DPRK's cheating has been exposed while a peace regime stands;
the meter effect kind, an exposure's or a breached declaration's consequences, and the AI's valuation all
call it. The state it reads is the public flag ``CHEATING_EXPOSED``, set where cheating is established:
a public exposure of hidden activity (``rules.exposure``), a declaration shown incomplete
(``rules.program.declaration_breached``) and a breach of the DPRK's pledge found (``rules.deals``)."""

from __future__ import annotations

from collections.abc import Mapping, MutableSet, Set
from typing import Final

from ..model.scenario import WorldSpec

CHEATING_EXPOSED: Final = "cheating_exposed"  # public flag: the DPRK has been caught cheating (it stays)


def cheating_exposed(flags: MutableSet[str]) -> None:
    """Record that the DPRK's cheating is publicly established: from now on, sanctions tightened under a
    peace regime are being reassembled after cheating, and the ratchet holds them back."""
    flags.add(CHEATING_EXPOSED)


def retightening(
    meters: Mapping[str, float],
    params: Mapping[str, float],
    world: WorldSpec,
    meter: str,
    delta: float,
    flags: Set[str],
) -> float:
    """How far a change of ``meter`` by ``delta`` really goes: once cheating has been exposed
    (``CHEATING_EXPOSED``), while a peace regime stands, tightening the UN regime or the enforcement the
    peace erodes is slowed (``peace_retightening_rate``) and the regime cannot be taken above
    ``peace_regime_ceiling`` (C5's ratchet: China and Russia block new measures once peace is declared, so
    sanctions dismantled by peace are hard to reassemble after cheating). Tightening before peace, or under
    peace with no cheating exposed, goes all the way (the erosion under peace is C5's other half, in
    ``rules.assessment.peace_erosion``). Rate 1 and ceiling 100 turn it off."""
    if delta <= 0 or meters["peace_stage"] <= 0 or CHEATING_EXPOSED not in flags:
        return delta
    if meter == "sanctions_regime":
        room = max(0.0, params["peace_regime_ceiling"] - meters[meter])
        return min(delta * params["peace_retightening_rate"], room)
    if meter in _eroded_meters(world):
        return delta * params["peace_retightening_rate"]
    return delta


def may_hold_back(meter: str) -> bool:
    """Whether ``retightening`` can ever slow a change of ``meter``, in any world and moment: the UN regime,
    and the enforcement meters (those a peace regime erodes are among them). For every other meter it
    returns the change as given, so compiled effects skip the call (rules.kinds)."""
    return meter == "sanctions_regime" or meter.startswith(_ENFORCEMENT)


_ENFORCEMENT: Final = "enforcement."  # the prefix of every meter ``_eroded_meters`` names


def _eroded_meters(world: WorldSpec) -> frozenset[str]:
    return world.memo.get("eroded meters", lambda: frozenset(f"{_ENFORCEMENT}{a.value}" for a in world.peace_erodes))
