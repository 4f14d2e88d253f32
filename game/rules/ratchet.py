"""C5's ratchet: peace makes sanctions harder to reassemble after cheating. The one rule for how far a
re-tightening of sanctions goes while a peace regime stands; the meter effect kind, an exposure's or a
breached declaration's consequences, and the AI's valuation all call it."""

from __future__ import annotations

from collections.abc import Mapping

from ..model.scenario import WorldSpec


def retightening(
    meters: Mapping[str, float], params: Mapping[str, float], world: WorldSpec, meter: str, delta: float
) -> float:
    """How far a change of ``meter`` by ``delta`` really goes: while a peace regime stands, tightening the
    UN regime or the enforcement the peace erodes is slowed (``peace_retightening_rate``) and the regime
    cannot be taken above ``peace_regime_ceiling`` (C5's ratchet: China and Russia block new measures once
    peace is declared, so sanctions dismantled by peace are hard to reassemble after cheating). Rate 1
    and ceiling 100 turn it off."""
    if delta <= 0 or meters["peace_stage"] <= 0:
        return delta
    if meter == "sanctions_regime":
        room = max(0.0, params["peace_regime_ceiling"] - meters[meter])
        return min(delta * params["peace_retightening_rate"], room)
    if meter in _eroded_meters(world):
        return delta * params["peace_retightening_rate"]
    return delta


def _eroded_meters(world: WorldSpec) -> frozenset[str]:
    return world.memo.get("eroded meters", lambda: frozenset(f"enforcement.{a.value}" for a in world.peace_erodes))
