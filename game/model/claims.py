"""The argument the game stages (``CLAIMS.md``): thirteen causal claims, each made a mechanism whose
strength is one or more scenario parameters. A parameter names its claim (``claim: C6``) and the value
that turns the mechanism off (``off_value:``); the lab's ``--compare claim=C6`` plays the scenario with every
parameter of that claim at its off value, and ``armistice validate`` says which claims have none."""

from __future__ import annotations

from typing import Any, Literal, Mapping

ClaimId = Literal["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13"]

CLAIMS: dict[str, str] = {
    "C1": "peace first risks a de facto nuclear state",
    "C2": "the freeze is reversible and temporary",
    "C3": "incomplete declarations and salami slicing",
    "C4": "engagement runs into sanctions",
    "C5": "peace makes sanctions harder to enforce and to reassemble after cheating",
    "C6": "peace drives wedges into the alliances",
    "C7": "South Korea is divided",
    "C8": "peace erodes the institutions that keep the armistice",
    "C9": "Japan fears decoupling",
    "C10": "bilateral blame lets China off easy",
    "C11": "human rights are sidelined by summitry, yet normalization needs them",
    "C12": "summit theatre without working-level substance is fragile",
    "C13": "the precedent matters beyond Korea",
}


def claim_switches(parameters: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """Each claim that has a strength in these parameters (a scenario's ``parameters``), with the
    values that turn it off: ``{"C6": {"wedge_strength": 0.0}}``, claims in the order of ``CLAIMS``."""
    found: dict[str, dict[str, float]] = {}
    for name, spec in parameters.items():
        if spec.claim is not None:
            found.setdefault(spec.claim, {})[name] = spec.off_value
    return {claim: found[claim] for claim in CLAIMS if claim in found}
