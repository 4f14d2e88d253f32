"""A mutable working copy of one state, used inside a single rules call and then frozen again.

Rules stay pure from the outside (state in, new state out); inside, mutating a few dicts is far
cheaper than rebuilding frozen models at every effect. Every meter change is recorded with its cause.
"""

from __future__ import annotations

from collections.abc import Callable, ValuesView
from typing import Any, Final

from ..model.construct import built, replaced
from ..model.ids import ACTOR_NAMES, DEFAULT_BOUNDS, METER_BOUNDS, PAIR_KEYS, Actor
from ..model.log import Audience, MeterChange, NewsItem
from ..model.program import Estimate, Range, Site
from ..model.scenario import Number, Scenario
from ..model.state import GameState
from .dice import Dice
from .numbers import resolve_number, rounded_to_thousandths
from .sheet import MeterSheet


class Work(MeterSheet):
    def __init__(self, state: GameState, scenario: Scenario, dice: Dice):
        self.state = state
        self.scenario = scenario
        self.dice = dice
        self.actors = state.actors  # read dozens of times a turn: attributes, not properties
        self.world = scenario.world
        self.estimate_updates: dict[Actor, int] = {}  # per learner this turn: keys its estimate noise
        self.turn = state.turn
        self.params = state.parameters
        self.meters = dict(state.meters)
        self.capital = dict(state.capital)
        self.trust = dict(state.trust)
        self.flags = set(state.flags)
        self.sites: dict[str, Site] = {s.id: s for s in state.program.sites}
        self.warheads = state.program.warheads
        self.pu_kg = state.program.pu_kg
        self.heu_kg = state.program.heu_kg
        self.missile_readiness = state.program.missile_readiness
        self.surge = False
        self.declared = state.declared
        self.verified = state.verified
        self.estimates = {actor: Belief(est) for actor, est in state.estimates.items()}
        self.commitments = list(state.commitments)
        self.deals = list(state.deals)
        self.last_taken = dict(state.last_taken)
        self.fired_events = set(state.fired_events)
        self.news: list[NewsItem] = []
        self.changes: list[MeterChange] = []

    # ----------------------------------------------------------------- condition view
    def site(self, site_id: str) -> Site:
        return self.sites[site_id]

    def site_status(self, site_id: str) -> str:
        return self.sites[site_id].status

    def stock(self, name: str) -> float:
        if name == "inspection_access":
            return self.verified.inspection_access
        stock: float = getattr(self, name)  # one of the program stocks the Work holds (warheads, pu_kg, ...)
        return stock

    def all_sites(self) -> ValuesView[Site]:
        return self.sites.values()

    def any_detected(self) -> bool:
        return any(s.detected for s in self.sites.values())

    # ----------------------------------------------------------------- numbers
    def number(self, value: Number) -> float:
        if type(value) is float:  # most numbers are literals: skip the resolver's call
            return value
        return resolve_number(value, self.params)

    def param(self, name: str) -> float:
        return self.params[name]

    # ----------------------------------------------------------------- meters
    def add(self, meter: str, delta: float, cause: str, label: str, audience: Audience = "public") -> float:
        """Add ``delta`` to a meter within its bounds; record and return the change actually made."""
        if not delta:
            return 0.0
        old = self.meters[meter]
        low, high = METER_BOUNDS.get(meter, DEFAULT_BOUNDS)  # meter_bounds, inlined (dozens of calls a turn)
        new = old + delta
        if new > high:
            new = high
        elif new < low:
            new = low
        actual = new - old
        if actual:
            self.meters[meter] = new
            self.changes.append(
                _new_tuple(MeterChange, (meter, rounded_to_thousandths(actual), cause, label, audience))
            )
        return actual

    def set_derived(self, meter: str, value: float, explain: Callable[[], list[tuple[str, str, float]]]) -> None:
        """Set a meter derived from others (sanctions pressure); ``explain()`` gives the (cause, label,
        delta) terms of its change, recorded as its causes."""
        terms = explain()  # read before the meter moves: the terms start from its old value
        self.meters[meter] = value
        for cause, label, delta in terms:  # round3, inlined: no call for each term
            self.changes.append(
                _new_tuple(
                    MeterChange, (meter, rounded_to_thousandths(delta) if delta else delta, cause, label, "public")
                )
            )

    def add_trust(
        self, a: Actor, b: Actor, delta: float, cause: str, label: str, audience: Audience = "public"
    ) -> None:
        """Move the (public) trust between two actors; the change records who may know its cause, like
        ``add``: a private action's trust effect must not reveal the action in others' views."""
        self.add_trust_key(PAIR_KEYS[a, b], delta, cause, label, audience)

    def add_trust_key(self, key: str, delta: float, cause: str, label: str, audience: Audience = "public") -> None:
        """``add_trust`` for the pair ``key`` (``ids.pair_key``), for effects compiled with their pairs."""
        old = self.trust.get(key, 50.0)
        new = old + delta  # within 0..100: comparisons, not min and max calls (keyword-parsing builtins)
        if new <= 0.0:
            new = 0.0
        elif new >= 100.0:
            new = 100.0
        if new != old:
            self.trust[key] = new
            change = rounded_to_thousandths(new - old)  # nonzero: new != old
            self.changes.append(_new_tuple(MeterChange, (f"trust.{key}", change, cause, label, audience)))

    def add_capital(self, actor: Actor, delta: int | float) -> None:  # an int stays one when compiled
        # most deltas are costs and incomes, ints: round() is a dear builtin call. Capital stays an int (the
        # state's are, and so is the cap): no int() call to make it one
        step = delta if type(delta) is int else round(delta)
        capital = self.capital.get(actor, 0) + step  # within 0..cap, as ``add_trust_key``
        if capital <= 0:
            capital = 0
        elif capital >= self.scenario.capital_cap:
            capital = self.scenario.capital_cap
        self.capital[actor] = capital

    def report(self, text: str, audience: Audience = "public", source: str = "") -> None:
        if text:
            self.news.append(_new_tuple(NewsItem, (self.turn, text, audience, source)))

    # ----------------------------------------------------------------- freeze
    def freeze(
        self, history_row: dict[str, float] | None = None, changes: tuple[MeterChange, ...] | None = None, **extra: Any
    ) -> GameState:
        sites = tuple(self.sites.values())
        old_sites = self.state.program.sites
        if _same_items(sites, old_sites):
            sites = old_sites  # unchanged: keep the same object, so views can reuse their work
        program = replaced(
            self.state.program,
            {
                "warheads": self.warheads,
                "pu_kg": self.pu_kg,
                "heu_kg": self.heu_kg,
                "missile_readiness": self.missile_readiness,
                "sites": sites,
                "surge": self.surge,
            },
        )
        update = {
            "meters": self.meters,
            "capital": self.capital,
            "trust": self.trust,
            "flags": frozenset(self.flags),
            "program": program,
            "declared": self.declared,
            "verified": self.verified,
            "estimates": {actor: belief.frozen() for actor, belief in self.estimates.items()},
            "commitments": tuple(self.commitments),
            "deals": tuple(self.deals),
            "last_taken": self.last_taken,
            "fired_events": frozenset(self.fired_events),
            **self.state.with_log(tuple(self.news), history_row, changes),
        }
        update.update(extra)
        return replaced(self.state, update)


class Belief:
    """One actor's estimate of the program as a turn works on it: refined, widened and suspected again
    several times a turn, it becomes a frozen ``Estimate`` once, in ``Work.freeze``. Its suspicion dict is
    the state's until a rule replaces it (rules build a new dict, never change it in place)."""

    __slots__ = ("warheads", "pu_kg", "heu_kg", "suspicion", "intel_effort")

    def __init__(self, est: Estimate):
        self.warheads: Range = est.warheads
        self.pu_kg: Range = est.pu_kg
        self.heu_kg: Range = est.heu_kg
        self.suspicion: dict[str, float] = est.suspicion
        self.intel_effort: float = est.intel_effort

    def frozen(self) -> Estimate:
        return built(
            Estimate,
            {
                "warheads": self.warheads,
                "pu_kg": self.pu_kg,
                "heu_kg": self.heu_kg,
                "suspicion": self.suspicion,
                "intel_effort": self.intel_effort,
            },
        )


def _same_items(new: tuple[Site, ...], old: tuple[Site, ...]) -> bool:
    """Whether ``new`` holds the very objects of ``old``, in order (a loop: no generator each turn)."""
    if len(new) != len(old):
        return False
    for a, b in zip(new, old):
        if a is not b:
            return False
    return True


# A MeterChange or NewsItem built from a tuple of all its fields, skipping the named tuple's keyword-taking
# __new__ (a turn makes dozens).
_new_tuple: Final = tuple.__new__


def actor_name(actor: Actor) -> str:
    return ACTOR_NAMES[actor]


DPRK: Final[Actor] = Actor.DPRK  # the actor the rules single out, as a module global: a read from the enum class takes
# CPython 3.11's generic path (model/base.py); program, deals and exposure rules read it every turn
