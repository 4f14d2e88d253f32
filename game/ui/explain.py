"""Why a meter moved, as a viewer may be told: the causes it can see, what it cannot explain, and
numbers that add up on screen.

The screens show changes to a tenth. Rounding each cause on its own would let the shown causes miss
the shown change ("Tension -10" over causes summing to -12), so the causes are rounded together
(largest remainder) to the tenth-rounded change, and whatever does not fit in the lines given is one
"N more causes" line with its sum. pygame-free: the resolution screen, the meters' tooltips and the
tests all call ``explain``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.ids import Actor

UNKNOWN = "causes not known to you"


@dataclass(frozen=True)
class Term:
    tenths: int  # the shown delta, in tenths
    label: str

    @property
    def text(self) -> str:
        return tenths_text(self.tenths)


@dataclass(frozen=True)
class Explanation:
    tenths: int  # the shown change of the meter, in tenths
    terms: tuple[Term, ...]  # they sum to ``tenths`` exactly

    @property
    def text(self) -> str:
        return tenths_text(self.tenths)


def tenths_text(tenths: int) -> str:
    """+12, -0.3: a whole number without its decimal; the minus sign is a real one."""
    text = f"{tenths / 10:+.0f}" if tenths % 10 == 0 else f"{tenths / 10:+.1f}"
    return text.replace("-", "\u2212")


def may_see(audience, viewer: Actor | None) -> bool:
    return audience == "public" or (viewer is not None and viewer in audience)


def explain(meter: str, before: float, after: float, changes, viewer: Actor | None, *, limit: int = 6) -> Explanation:
    """The change of ``meter`` from ``before`` to ``after`` and its causes that ``viewer`` may see
    (``changes``: MeterChange records of any meter and audience; ``viewer`` None is the public)."""
    sums: dict[str, float] = {}
    for c in changes:
        if c.meter == meter and may_see(c.audience, viewer):
            sums[c.label] = sums.get(c.label, 0.0) + c.delta
    unexplained = (after - before) - sum(sums.values())
    if abs(unexplained) >= 0.05:
        sums[UNKNOWN] = sums.get(UNKNOWN, 0.0) + unexplained
    total = round((after - before) * 10)
    shown = _apportion(total, sums)
    terms = sorted((Term(t, label) for label, t in shown.items() if t), key=lambda t: (-abs(t.tenths), t.label))
    if len(terms) > limit:
        rest = terms[limit - 1 :]
        terms = terms[: limit - 1] + [Term(sum(t.tenths for t in rest), f"{len(rest)} more causes")]
    return Explanation(total, tuple(terms))


def _apportion(total: int, values: dict[str, float]) -> dict[str, int]:
    """Round ``values`` (in units) to tenths that sum to ``total``: each to its nearest tenth, then the
    difference handed out one tenth at a time to the values rounding cut most."""
    exact = {k: v * 10 for k, v in values.items()}
    shown = {k: round(v) for k, v in exact.items()}
    gap = total - sum(shown.values())
    step = 1 if gap > 0 else -1
    while gap and exact:
        # the value rounding cut most in the needed direction, never one a tenth would push across zero
        keep_sign = [k for k in exact if (shown[k] + step) * exact[k] >= 0] or list(exact)
        key = max(keep_sign, key=lambda k: (exact[k] - shown[k]) * step)
        shown[key] += step
        gap -= step
    if gap:  # nothing to apportion: the whole change is unexplained
        shown[UNKNOWN] = gap
    return shown
