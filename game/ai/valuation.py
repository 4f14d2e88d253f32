"""How much an action is worth to a country, judged from what that country can see.

The scenario's objectives (public rules) say what each country scores; each action's effects and
chance outcomes (public rules too) say what it does. ``Valuer`` turns one Observation into a
``Context`` (the meters now, the actor's estimate, the turns left) and prices any actor's action for
any country in *score points*, the units of ``rules.scoring`` (0-100 per country). Effects are
projected through the scenario's causal parameters — sanctions pressure from enforcement, the economy
from pressure, tension settling toward its baseline — as far ahead as the difficulty allows.

Nothing here sees the game state: the DPRK's production capacity is its own truth only for the DPRK;
everyone else works from public site lists and its private estimate.
"""

from __future__ import annotations

from itertools import islice
from collections.abc import Mapping
from typing import Final

from ..model.memo import Recent
from ..model.ids import METER_BOUNDS, Actor, meter_bounds, pair_key
from ..model.observation import Observation, RulesView
from ..model.scenario import PRECEDENT_METER
from ..rules.alliances import escalation_chance, linked_changes, linked_targets
from ..rules.assessment import peace_erosion, pressure_inputs, pressure_shift, pressure_target
from ..rules.precedent import precedent_cost
from ..rules.ratchet import may_hold_back, retightening
from ..rules.scoring import presence_reference, trust_dprk_divisor
from ..rules.kinds import NOMINAL_SITE_RATE, Expected, expected_effects, expected_op
from ..rules.program import moratorium_share, site_weight
from .personality import Personality

PRODUCING_KINDS: Final = ("reactor", "enrichment", "reprocessing")
DPRK: Final = Actor.DPRK  # in a global: a read from an enum class goes through its metaclass (model/base.py)
NEUTRAL_READINESS: Final = 50.0  # missile readiness assumed by a seat that cannot see the program (issue 11, w3a)

GATE_USE: Final = 0.5  # the share of a gated action's worth that opening its gate is worth (a judgement)

TERM_LABELS: Final = {
    "hedge": "keeping production capacity",
    "war": "avoiding war",
    "alliance": "holding the alliance together",
}


SHUT_OPS: Final = frozenset({"freeze", "dismantle"})
CLAIM: Final = "denuc?"  # a step toward denuclearization no inspector could verify yet: priced at the personality's
# ``verify`` credit (the rules verify a site only when it is declared and inspectors are admitted after it shut)

OP_KEYS: Final = {
    "freeze": frozenset({"hedge", "denuc"}),
    "dismantle": frozenset({"hedge", "denuc"}),
    "restart": frozenset({"hedge", "denuc"}),
    "covert_production": frozenset({"hedge", "denuc"}),
    "declare_full": frozenset({"hedge", "denuc"}),
    "declare_partial": frozenset({"denuc"}),
    "inspect": frozenset({"denuc"}),
    "surrender_warheads": frozenset({"arsenal", "denuc"}),
    # issue 11 (w3a): a test proves delivery, which makes more of the arsenal a deterrent (rules.kinds)
    **{
        op: frozenset({"arsenal"}) for op in ("nuclear_test", "icbm_test", "short_range_test", "slbm_test", "mrbm_test")
    },
}


def war_risk(tension: float, threshold: float) -> float:
    """A smooth judgement of how close the peninsula is to war: 0 far below the threshold, 1 at it."""
    x = (tension - (threshold - 35.0)) / 35.0
    return 0.0 if x <= 0 else (1.0 if x >= 1 else x * x)


def rupture_risk(cohesion: float, threshold: float) -> float:
    x = (threshold + 20.0 - cohesion) / 20.0
    return 0.0 if x <= 0 else (1.0 if x >= 1 else x * x)


# what ``_meter`` asks of a meter for one country (``Valuer._meter_facts``), typed so that the compiled
# build reads it without the generic path: bounds, linking, coefs, gate label, pressure input, rupture,
# plain, whether C5's ratchet may hold it back
MeterFacts = tuple[float, float, bool, list[tuple[float, str]] | None, str | None, bool, bool, bool, bool]


class _Price:
    """The points one quantity's change is worth to one country in a context, compiled (``Valuer._pricer``):
    this one, worth nothing. Native classes, so that the compiled build calls ``of`` directly (a closure
    was called through the generic path)."""

    def of(self, ctx: Context, v: float) -> float:
        return 0.0


class _General(_Price):
    """The marker of a quantity that needs the full treatment: priced with ``Valuer._single``."""

    def of(self, ctx: Context, v: float) -> float:
        raise AssertionError("not a compiled price")


class _PerUnit(_Price):
    """A quantity worth ``coef`` points a unit, whatever the moment (trust, denuclearization)."""

    def __init__(self, coef: float):
        self.coef = coef

    def of(self, ctx: Context, v: float) -> float:
        return self.coef * v


class _Linear(_Price):
    """A plain meter: ``coef`` points a unit within its bounds."""

    def __init__(self, name: str, coef: float, low: float, high: float):
        self.name = name
        self.coef = coef
        self.low = low
        self.high = high

    def of(self, ctx: Context, v: float) -> float:
        old = ctx.m.get(self.name)
        if old is None:
            return 0.0
        new = old + v  # min(high, max(low, new)) without the calls: the same comparisons
        low, high = self.low, self.high
        new = new if new > low else low
        return self.coef * ((new if new < high else high) - old)


class _Ratcheted(_Price):
    """A meter special for some country and plain for this one: exactly what ``_single`` computes of it (its
    terms credited for the change within its bounds, through C5's ratchet)."""

    def __init__(self, name: str, coefs: list[tuple[float, str]], low: float, high: float, params: Mapping[str, float]):
        self.name = name
        self.coefs = coefs
        self.low = low
        self.high = high
        self.params = params

    def of(self, ctx: Context, v: float) -> float:
        m = ctx.m
        name = self.name
        old = m.get(name)
        if old is None:
            return 0.0
        new = old + retightening(m, self.params, ctx.world, name, v, ctx.flags)
        low, high = self.low, self.high
        new = new if new > low else low  # min(high, max(low, new)), as in _meter
        change = (new if new < high else high) - old
        return _credit(0.0, None, self.coefs, change) if change else 0.0


class _Arsenal(_Price):
    """Warheads: ``coef`` points each, over the arsenal held (at least one)."""

    def __init__(self, coef: float):
        self.coef = coef

    def of(self, ctx: Context, v: float) -> float:
        held = ctx.warheads + ctx.surrendered  # max(1.0, held) without the call, as in _meter
        return -self.coef * v / (held if held > 1.0 else 1.0)


class _Hedge(_Price):
    """Production capacity kept: ``coef`` points a unit, over the warheads (at least ten)."""

    def __init__(self, coef: float):
        self.coef = coef

    def of(self, ctx: Context, v: float) -> float:
        return self.coef * v / (ctx.warheads if ctx.warheads > 10.0 else 10.0)  # max(10.0, warheads)


_ZERO: Final = _Price()
_GENERAL: Final = _General()


# how ``action_value`` prices an action (``Valuer._recipe``): a plan alone; a plan, then what the program moves;
# whole at each moment, its price kept for the decision or for the moment
_STATIC: Final = 0  # (Final: the compiled build inlines them, where a global would be looked up)
_PROGRAM: Final = 1
_PRIVATE: Final = 2
_PUBLIC: Final = 3
# the steps of a plan (``Valuer._plan``): the full treatment, a linear meter inline, a number, a compiled price
_FULL: Final = 0
_LINEAR: Final = 1
_NUMBER: Final = 2
_CALL: Final = 3


def _credit(points: float, explain: list | None, coefs: list[tuple[float, str]] | None, change: float) -> float:
    """``points`` plus each term's points for ``change`` (in the terms' order), noted in ``explain``; no terms
    (None: a metric ``who`` has none of) add nothing."""
    if coefs is None:
        return points
    for c, label in coefs:  # (a list: the compiled build walks it by index)
        p = c * change
        points += p
        if explain is not None and p:
            explain.append((p, label))
    return points


class _Step:
    """One step of a plan (``Valuer._plan``), its facts in typed fields (the compiled build reads them
    without the generic path): how it is priced (_FULL, _LINEAR, _NUMBER, _CALL), its change (a _NUMBER's:
    its price), and for _FULL the price's cache key, whether it is public, whether it is a meter (priced by
    ``_meter``, else ``_single``), the quantity (a meter's name) and the valuation table; for _LINEAR the
    meter, its points per unit and bounds; for _CALL the compiled price."""

    def __init__(
        self, how: int, v: float, key: tuple | None = None, public: bool = False, meter: bool = False, name: str = ""
    ):
        self.how = how
        self.v = v
        self.key = key
        self.public = public
        self.meter = meter
        self.name = name
        self.table: dict | None = None
        self.coef = 0.0
        self.low = 0.0
        self.high = 0.0
        self.pricer: _Price | None = None


class _Special:
    """The terms of one country's objectives that ``_meter`` reads by name when it treats a meter apart (a
    table's ``"special"``, ``Valuer.table``): each looked up once when the table is compiled, not at every
    change; None where the country has no such term."""

    def __init__(self, meters: dict[str, list[tuple[float, str]]], metrics: dict[str, list[tuple[float, str]]]):
        self.tension = meters.get("tension")
        self.no_war = metrics.get("no_war")
        self.pressure = meters.get("sanctions_pressure")
        self.relief = metrics.get("sanctions_relief")
        self.economy = meters.get("dprk_economy")
        self.rupture = metrics.get("rupture")


# how ``Valuer.action_value`` prices an action (``Valuer._recipe``): (how, its plan, the changes the plan covers)
Recipe = tuple[int, tuple[_Step, ...], int]


class Context:
    """One decision's view of the world, shared by every valuation made for it."""

    def __init__(self, obs: Observation, rules: RulesView, viewer: Actor, horizon: int):
        self.obs: Observation | None = obs  # None in a neutral context
        self.viewer = viewer
        self.params: Mapping[str, float] = rules.parameters
        self.m = obs.meters
        self.trust = obs.trust
        self.turn = obs.turn
        self.left = max(0, obs.turns_total - obs.turn)  # turns after this one
        self.horizon = self.left if horizon < 0 else min(horizon, self.left)
        self.world = rules.world
        self.flags = obs.flags
        self.pressure = pressure_target(self.m, self.params, self.world)
        self.cache: dict = {}
        # Prices of public quantities (meters, trust) depend only on public facts, the same for every
        # seat: memoised under a fingerprint of those facts, so five seats price each change once.
        valuer = Valuer.shared(rules)
        last = valuer.last_moment
        if last is not None and last[0] is self.m and last[1] is self.trust and last[2] == (obs.turn, self.horizon):
            self.public: dict = last[3]
        else:
            moment = (obs.turn, self.horizon, tuple(self.m.items()), tuple(self.trust.items()))
            self.public = valuer.public_prices.get(moment, dict)
            valuer.last_moment = (self.m, self.trust, (obs.turn, self.horizon), self.public)
        # What this country knows of the program.
        program = obs.program
        self.knows_program = program is not None
        surrendered = obs.verified.warheads_surrendered
        per_pu, per_heu = self.params["pu_per_warhead"], self.params["heu_per_warhead"]
        running = moratorium_share(self.params, obs.flags)  # C2: production under a test moratorium
        if program is not None:
            self.warheads = float(program.warheads)
            self.site_rate = {s.id: running * (s.pu_rate / per_pu + s.heu_rate / per_heu) for s in program.sites}
            self.site_status: dict[str, str] = {s.id: s.status for s in program.sites}
            self.producing_sites = [s.id for s in program.sites if s.pu_rate or s.heu_rate]
            self.covert_rate = sum(self.site_rate[s.id] for s in program.sites if s.covert and s.producing)
        else:
            est = obs.estimates.get(viewer)
            self.warheads = est.warheads.mid if est else sum(rules.start_warheads_public) / 2
            self.producing_sites = []
            self.site_status = {}
            for s in obs.sites:  # one pass: the sites of a kind that produces, and each site's public status
                if s.kind in PRODUCING_KINDS:
                    self.producing_sites.append(s.id)
                self.site_status[s.id] = s.public_status or "active"
            self.site_rate = dict.fromkeys(self.producing_sites, running * NOMINAL_SITE_RATE)
            self.covert_rate = 0.0
        self.surrendered = float(surrendered)  # a count, only ever added to the warheads
        self.readiness = program.missile_readiness if program is not None else NEUTRAL_READINESS  # w3a
        self.n_producing = max(1, len(self.producing_sites))
        # one pass over the known sites: each one's weight toward the sites' half of verified denuclearization
        # (C3), those declared, and the producing ones declared shut but not verified
        produces = set(self.producing_sites)
        params = self.params
        weights: dict[str, float] = {}
        declared: list[str] = []
        unverified_shut = 0
        for s in obs.sites:
            sid = s.id
            producing = sid in produces
            weights[sid] = site_weight(s.essential, producing, params)
            if s.declared:
                declared.append(sid)
                if producing and not s.verified and s.public_status in ("frozen", "dismantled"):
                    unverified_shut += 1
        total = sum(weights.values())
        self.site_share = {sid: w / total for sid, w in weights.items()} if total else {}
        self.access = obs.verified.inspection_access
        self.declared_sites = frozenset(declared)
        self.unverified_shut = unverified_shut

    @staticmethod
    def neutral(rules: RulesView, viewer: Actor) -> Context:
        """A context from the rules alone (the start meters, tension at its baseline, trust even): used
        to rank options before pricing them properly, never to decide."""
        return _NeutralContext(rules, viewer)

    def verifying(self, inspection: float, sites: frozenset[str]) -> Context:
        """This moment as it would be with ``sites`` declared and inspectors admitted (``inspection``
        points of access): a package that verifies a step is priced in it. Public prices are shared;
        what depends on the program is priced afresh."""
        ctx = self.copy()
        ctx.cache = {}
        ctx.access = max(self.access, inspection)
        ctx.declared_sites = self.declared_sites | sites
        return ctx

    def copy(self) -> Context:
        """A shallow copy: the same facts (the very objects), to be changed in part (``verifying``)."""
        return _CopiedContext(self)

    def trust_in(self, a: Actor, b: Actor) -> float:
        return self.trust.get(pair_key(a, b), 50.0)


class _NeutralContext(Context):
    """``Context.neutral``: a context from the rules alone, with no observation to read."""

    def __init__(self, rules: RulesView, viewer: Actor):
        self.obs = None
        self.viewer = viewer
        self.params = rules.parameters
        # the scenario's start (mid-range where it sets none): at mid-range evasion, sanctions pressure is
        # nil and no relief would be worth anything to rank
        self.m = {k: (lo + hi) / 2 for k, (lo, hi) in METER_BOUNDS.items()} | dict(rules.start_meters)
        self.m["tension"] = rules.parameters.get("tension_baseline", 25.0)
        self.flags = frozenset()
        self.trust = {}
        self.turn = 1
        self.left = rules.turns - 1
        self.horizon = 1
        self.world = rules.world
        self.pressure = pressure_target(self.m, self.params, self.world)
        self.cache, self.public = {}, {}
        self.warheads = sum(rules.start_warheads_public) / 2
        self.site_rate, self.site_status, self.producing_sites = {}, {}, []
        self.covert_rate, self.surrendered, self.n_producing, self.access, self.unverified_shut = 0.3, 0.0, 2, 0.0, 0
        self.site_share = {}
        self.readiness = NEUTRAL_READINESS  # w3a
        self.declared_sites = frozenset()
        self.knows_program = False


class _CopiedContext(Context):
    """``Context.copy``: every fact of ``source``, the very objects."""

    def __init__(self, source: Context):
        self.obs = source.obs
        self.viewer = source.viewer
        self.params = source.params
        self.m = source.m
        self.trust = source.trust
        self.turn = source.turn
        self.left = source.left
        self.horizon = source.horizon
        self.world = source.world
        self.flags = source.flags
        self.pressure = source.pressure
        self.cache = source.cache
        self.public = source.public
        self.knows_program = source.knows_program
        self.warheads = source.warheads
        self.site_rate = source.site_rate
        self.site_status = source.site_status
        self.producing_sites = source.producing_sites
        self.covert_rate = source.covert_rate
        self.surrendered = source.surrendered
        self.readiness = source.readiness
        self.n_producing = source.n_producing
        self.site_share = source.site_share
        self.access = source.access
        self.declared_sites = source.declared_sites
        self.unverified_shut = source.unverified_shut


class Valuer:
    """Prices actions for every country, from one country's knowledge. Static parts are built once,
    and shared by every controller playing under the same rules (``Valuer.shared``); so are the prices
    of public quantities at one moment of a game (``public_prices``), which every seat needs alike."""

    @classmethod
    def shared(cls, rules: RulesView) -> "Valuer":
        """The one Valuer of these rules, owned by them (``rules.memo``)."""
        return rules.memo.get("ai.valuer", lambda: cls(rules))

    def __init__(self, rules: RulesView):
        self.rules = rules
        self.params = rules.parameters
        self.pressure_inputs = pressure_inputs(rules.world)
        self.alliance_meters = tuple(f"cohesion.{pair}" for pair in rules.world.alliances)
        self.allied = {Actor(a) for pair in rules.world.alliances for a in pair.split("-")}
        self.actions = {a.id: a for a in rules.actions}
        self._effects: dict[tuple[Actor, str], Expected] = {}
        self.objectives = {Actor(k): v for k, v in rules.objectives.items()}
        self.total_weight = {a: sum(abs(t.weight) for t in terms) or 1.0 for a, terms in self.objectives.items()}
        self.mean_weight = {a: self.total_weight[a] / max(1, len(terms)) for a, terms in self.objectives.items()}
        self._tables: dict = {}
        self._pricers: dict = {}  # (who, personality) -> {quantity: its compiled price (_pricer)}
        self._static_deltas: dict = {}
        self._made: dict = {}  # ("d", actor, action) -> its effects and static changes (_static_part)
        self._plans: dict = {}  # ("v", who, actor, action, personality) -> how it is priced (_recipe)
        # (who, personality, "m:meter") -> (meter, points per unit, bounds) of the meters _pricer finds linear
        self._linear: dict[tuple, tuple] = {}
        self._neutral: Context | None = None
        # C11: the gates (flags that hold while a meter is high enough) and the actions that need each
        self.gates = {
            gate.meter: (gate, [a for a in rules.actions if any(c.flag == gate.flag and c.present for c in a.requires)])
            for gate in rules.world.gates
        }
        # moment (turn, horizon, public meters and trust) -> prices of public quantities; a few moments
        # at a time (a search samples many worlds, each its own moment)
        self.public_prices = Recent(64)
        # the moment the last context was built at: its meters and trust (the very objects: observations of one
        # phase share their public facts), turn and horizon, and its public prices; the next seat's context at
        # that moment takes them without building the moment's fingerprint and looking it up (``Context``)
        self.last_moment: tuple | None = None
        # the meters that set others moving (rules.alliances.linked_targets): only these are worth asking
        # linked_changes about, in the valuation's innermost loop
        self.linking = frozenset(name for name in METER_BOUNDS if linked_targets(name, rules.world))

    def effects(self, actor: Actor, action_id: str) -> Expected:
        key: tuple = (actor, action_id)
        found = self._effects.get(key)
        if found is None:
            found = self._effects[key] = expected_effects(self.actions[action_id], actor, self.params)
        return found

    # ------------------------------------------------------------------ deltas
    def deltas(self, ctx: Context, actor: Actor, action_id: str) -> dict[str, float]:
        """What ``actor`` taking the action changes, in the quantities objectives read."""
        key: tuple = ("d", actor, action_id)
        found = self._static_deltas.get(key) or ctx.cache.get(key) or ctx.public.get(key)
        if found is not None:
            return found
        made: tuple[Expected, dict[str, float]] | None = self._made.get(key)
        if made is None:
            made = self._made[key] = self._static_part(actor, action_id)
        fx, static = made
        if not (fx.ops or fx.incidents or fx.precedents):
            self._static_deltas[key] = static
            return static
        d = dict(static)  # the same changes in the same order, then what the moment adds to them
        if fx.ops:
            access, declared = ctx.access > 0, ctx.declared_sites
            for op, site, amount in fx.ops:
                verifiable = op not in SHUT_OPS or (access and site in declared)
                for quantity, delta in expected_op(ctx, actor, op, site, amount):
                    if quantity == "denuc" and not verifiable:
                        quantity = CLAIM
                    d[quantity] = d.get(quantity, 0.0) + delta
        if fx.incidents:  # an incident escalates with the moment's chance (rules.alliances)
            chance = escalation_chance(ctx.m, self.params, ctx.flags)
            d["m:tension"] = d.get("m:tension", 0.0) + sum(t + chance * e for t, e in fx.incidents)
        if fx.precedents:  # a precedent costs the norm as far as nothing is verified yet (rules.precedent, C13)
            d["m:" + PRECEDENT_METER] += precedent_cost(fx.precedents, ctx.m) - fx.precedents
        if fx.ops or fx.incidents:
            ctx.cache[key] = d  # program effects are judged from this seat's knowledge, incidents by the flags
        else:
            ctx.public[key] = d  # judged from the moment's public meters alone: the same for every seat
        return d

    def _static_part(self, actor: Actor, action_id: str) -> tuple[Expected, dict[str, float]]:
        """The action's expected effects and the changes they make at every moment (meters, trust and
        capital, in that order; ``deltas`` adds what the moment makes of the rest), worked out once."""
        fx = self.effects(actor, action_id)
        d: dict[str, float] = {}
        for name, delta in fx.meters.items():
            d["m:" + name] = delta
        for pair, delta in fx.trust.items():
            d["t:" + pair] = delta
        if fx.capital:
            d["cap:" + actor.value] = fx.capital
        return fx, d

    # ------------------------------------------------------------------ value
    def table(self, who: Actor, personality: Personality | None) -> dict:
        """``who``'s objectives compiled once: points per unit change of each meter, and the weights of
        the terms that are not linear in a meter (war, alliance rupture, hedge, denuclearization...)."""
        key: tuple = (who, personality.name if personality else None)
        found = self._tables.get(key)
        if found is not None:
            return found
        total_w = self.total_weight.get(who, 1.0)
        mean_w = self.mean_weight.get(who, 1.0)
        scale = 100.0 / total_w
        meters: dict[str, list[tuple[float, str]]] = {}  # meter -> [(points per unit, label)]
        metrics: dict[str, list[tuple[float, str]]] = {}

        def on_meter(name: str, weight: float, label: str) -> None:
            low, high = meter_bounds(name)
            meters.setdefault(name, []).append((scale * weight / (high - low), label))

        for term in self.objectives.get(who, ()):
            w = abs(term.weight) * (-1.0 if term.invert else 1.0)
            if term.meter is not None:
                on_meter(term.meter.replace(".self", "." + who.value), w, term.label)
            elif term.metric == "peace_regime":
                on_meter("peace_stage", w, term.label)
            elif term.metric == "us_presence":
                meters.setdefault("us_troops", []).append(
                    (scale * w * 0.5 / presence_reference(self.rules.start_meters), term.label)
                )
                meters.setdefault("exercises", []).append((scale * w * 0.5 / 100, term.label))
            else:
                metrics.setdefault(term.metric, []).append((scale * w, term.label))
        if personality is not None:
            for name, weight in personality.meter_weights.items():
                name = name.replace(".self", "." + who.value)
                on_meter(name, weight, f"{personality.name} line on {name.split('.')[0].replace('_', ' ')}")
        on_meter(f"support.{who.value}", 0.3 * mean_w, "domestic support")
        aversion = personality.knob("war_aversion") if personality else 3.0
        metrics.setdefault("no_war", []).append((scale * aversion * mean_w, TERM_LABELS["war"]))
        if who in self.allied:
            metrics["rupture"] = [(scale * 2.0 * mean_w, TERM_LABELS["alliance"])]
        if who is DPRK:
            hedge = personality.knob("hedge") if personality else 1.0
            metrics["hedge"] = [(scale * hedge * mean_w, TERM_LABELS["hedge"])]
        verify = personality.knob("verify") if personality else 1.0
        # "facts": what _single needs to know of each meter for ``who``, worked out on first use (_meter_facts);
        # "special": the terms _meter reads by name (_Special)
        found = self._tables[key] = {
            "meters": meters,
            "metrics": metrics,
            "verify": verify,
            "facts": {},
            "special": _Special(meters, metrics),
        }
        return found

    def priced_as(self, who: Actor, personality: Personality | None) -> Personality | None:
        """``personality`` as ``who``'s valuations see it: None when its objectives compile to the
        scenario's own (no meter weights of its own, the war, hedge and verify knobs as they stand), so
        the seat's prices are the ones every other seat reading ``who`` uses, and each is priced once."""
        if personality is None:
            return None
        own, plain = self.table(who, personality), self.table(who, None)
        same = all(own[part] == plain[part] for part in ("meters", "metrics", "verify"))
        return None if same else personality

    def value(
        self,
        ctx: Context,
        who: Actor,
        d: dict[str, float],
        personality: Personality | None = None,
        explain: list | None = None,
    ) -> float:
        """Score points ``who`` gains from the changes ``d``, projected ahead by the difficulty's horizon.
        Changes to different quantities add up; each is priced exactly (bounds, derived meters, the
        war and rupture risks). ``explain`` (a list) collects (points, label) contributions."""
        if not d:
            return 0.0
        if explain is None:
            return self._add_prices(ctx, who, personality, d, 0, 0.0)
        table = self.table(who, personality)
        return sum(self._single(ctx, who, table, k, v, explain) for k, v in d.items() if v)

    def _add_prices(
        self, ctx: Context, who: Actor, personality: Personality | None, d: dict[str, float], skip: int, total: float
    ) -> float:
        """``total`` plus the points of each (quantity, change) of ``d`` after its first ``skip``, added in their
        order (``value``)."""
        pname = personality.name if personality else None
        public, private = ctx.public, ctx.cache
        pricers: dict[str, _Price] = self._pricers.get((who, pname)) or self._pricers_of(who, pname)
        for k, v in d.items():
            if skip:
                skip -= 1
                continue
            if not v:
                continue
            pricer = pricers.get(k)
            if pricer is None:
                pricer = self._pricer(who, personality, k)
            if pricer is _ZERO:
                continue  # as in _plan: adding 0.0 to this sum changes no bit
            if pricer is not _GENERAL:
                total += pricer.of(ctx, v)
                continue
            ck: tuple = (who, pname, k, v)
            cache = public if k[1] == ":" else private
            p: float | None = cache.get(ck)
            if p is None:
                p = cache[ck] = self._single(ctx, who, self.table(who, personality), k, v, None)
            total += p
        return total

    def _pricer(self, who: Actor, personality: Personality | None, k: str) -> _Price:
        """A compiled price for one quantity when it is linear (plain meters within their bounds, trust,
        program quantities); ``_GENERAL`` when it needs the full treatment (tension and war, sanctions
        pressure and what it drives, alliance rupture)."""
        pname = personality.name if personality else None
        table = self.table(who, personality)
        meters, metrics = table["meters"], table["metrics"]
        pricer: _Price = _GENERAL
        if k.startswith("m:"):
            name = k[2:]
            if not self._special(table, name):
                coef = sum(c for c, _ in meters.get(name, ()))
                low, high = meter_bounds(name)
                if not coef:
                    pricer = _ZERO
                else:
                    pricer = _Linear(name, coef, low, high)
                    self._linear[who, pname, k] = (name, coef, (low, high))
            elif (table["facts"].get(name) or self._meter_facts(who, table, name))[7]:
                # special for some country, plain for this one: exactly what _single computes of it
                low, high, _, coefs, *_ = table["facts"][name]
                pricer = _Ratcheted(name, coefs, low, high, self.params) if coefs else _ZERO
        elif k.startswith("t:"):
            coef = 0.0
            if "trust_dprk" in metrics and "DPRK" in k:
                if who is DPRK:
                    coef = sum(c for c, _ in metrics["trust_dprk"]) / trust_dprk_divisor(
                        who, len(self.rules.actors) - 1
                    )
                elif k == "t:" + pair_key(who, DPRK):
                    coef = sum(c for c, _ in metrics["trust_dprk"]) / 100
            pricer = _PerUnit(coef) if coef else _ZERO
        elif k in ("denuc", CLAIM):
            coef = sum(c for c, _ in metrics.get("denuclearization", ())) * (table["verify"] if k == CLAIM else 1.0)
            pricer = _PerUnit(coef) if coef else _ZERO
        elif k == "arsenal":
            coef = sum(c for c, _ in metrics.get("arsenal", ()))
            pricer = _Arsenal(coef) if coef else _ZERO
        elif k == "hedge":
            coef = sum(c for c, _ in metrics.get("hedge", ()))
            pricer = _Hedge(coef) if coef else _ZERO
        else:
            pricer = _ZERO
        self._pricers_of(who, pname)[k] = pricer
        return pricer

    def _special(self, table: dict, name: str) -> bool:
        """Whether a meter is special for some country (``_single`` treats it apart: tension, pressure and its
        inputs, what sets others moving, the alliances, the gates), so its compiled price, if any, is ``who``'s
        plain one (the meter's facts); a meter special for nobody is priced at its summed points per unit."""
        return (
            name in self.pressure_inputs
            or name in ("tension", "peace_stage", "sanctions_pressure")
            or (name == "inter_korean" and "dprk_economy" in table["meters"])
            or (name in self.alliance_meters and "rupture" in table["metrics"])
            or bool(linked_targets(name, self.rules.world))
            or name in self.gates
        )

    def _pricers_of(self, who: Actor, pname: str | None) -> dict[str, _Price]:
        """``who``'s compiled prices (``_pricer``) by quantity, under personality ``pname``."""
        found = self._pricers.get((who, pname))
        if found is None:
            found = self._pricers[(who, pname)] = {}
        return found

    def single(self, ctx: Context, who: Actor, k: str, v: float, personality: Personality | None = None) -> float:
        """Points for one changed quantity (cached per decision context)."""
        if not v:
            return 0.0
        pname = personality.name if personality else None
        pricers: dict[str, _Price] | None = self._pricers.get((who, pname))
        pricer = (pricers.get(k) if pricers is not None else None) or self._pricer(who, personality, k)
        if pricer is not _GENERAL:
            return pricer.of(ctx, v)
        ck: tuple = (who, pname, k, v)
        cache = ctx.public if k[1] == ":" else ctx.cache  # "m:..." and "t:..." are public quantities
        p = cache.get(ck)
        if p is None:
            p = cache[ck] = self._single(ctx, who, self.table(who, personality), k, v, None) if v else 0.0
        return p

    def relevant_keys(self, who: Actor, personality: Personality | None = None) -> frozenset[str]:
        """The quantities that can move ``who``'s valuation at all (static)."""
        key: tuple = ("rel", who, personality.name if personality else None)
        found = self._tables.get(key)
        if found is None:
            table = self.table(who, personality)
            keys = {"m:" + m for m in table["meters"]} | {"m:tension"}
            metrics = table["metrics"]
            if (
                "sanctions_pressure" in table["meters"]
                or "sanctions_relief" in metrics
                or "dprk_economy" in table["meters"]
            ):
                keys |= {"m:" + m for m in self.pressure_inputs} | {"m:peace_stage"}
            if "dprk_economy" in table["meters"]:
                keys.add("m:inter_korean")
            if "rupture" in metrics:
                keys |= {"m:" + name for name in self.alliance_meters}
            keys |= {
                "m:" + name
                for name in METER_BOUNDS  # what sets a valued meter moving (rules.alliances)
                if set(linked_targets(name, self.rules.world)) & set(table["meters"])
            }
            if "trust_dprk" in metrics:
                keys |= {"t:" + pair_key(a, DPRK) for a in Actor if a is not DPRK}
            keys |= {"m:" + meter for meter in self.gates}
            for metric, k in (("denuclearization", "denuc"), ("arsenal", "arsenal"), ("hedge", "hedge")):
                if metric in metrics:
                    keys.add(k)
            if "denuclearization" in metrics:
                keys.add(CLAIM)
            found = self._tables[key] = frozenset(keys)
        return found

    def prior(self, who: Actor, actor: Actor, action_id: str, personality: Personality | None = None) -> float:
        """The action's value to ``who`` in a neutral world (static): for ranking options only."""
        key: tuple = ("prior", who, actor, action_id, personality.name if personality else None)
        found = self._tables.get(key)
        if found is None:
            if self._neutral is None:
                self._neutral = Context.neutral(self.rules, who)
            ctx = self._neutral
            found = self._tables[key] = self.value(ctx, who, self.deltas(ctx, actor, action_id), personality)
        return found

    def touches(self, who: Actor, actor: Actor, action_id: str, personality: Personality | None = None) -> bool:
        """Whether ``actor`` taking the action can matter to ``who`` at all (static, cached)."""
        key: tuple = ("touch", who, actor, action_id, personality.name if personality else None)
        found = self._tables.get(key)
        if found is None:
            rel = self.relevant_keys(who, personality)
            fx = self.effects(actor, action_id)
            found = any("m:" + m in rel for m in fx.meters) or any("t:" + t in rel for t in fx.trust)
            if not found:
                for op, _, _ in fx.ops:
                    if OP_KEYS.get(op, frozenset()) & rel:
                        found = True
                        break
            self._tables[key] = found
        return found

    def _single(self, ctx: Context, who: Actor, table: dict, k: str, v: float, explain: list | None) -> float:
        if k.startswith("m:"):
            return self._meter(ctx, who, table, k[2:], v, explain)
        points = 0.0
        metrics: dict = table["metrics"]
        if k.startswith("t:"):
            if "trust_dprk" in metrics and "DPRK" in k:
                if who is DPRK:
                    points = _credit(
                        points, explain, metrics["trust_dprk"], v / trust_dprk_divisor(who, len(self.rules.actors) - 1)
                    )
                elif k == "t:" + pair_key(who, DPRK):
                    points = _credit(points, explain, metrics["trust_dprk"], v / 100)
            return points
        if k == "denuc":
            points = _credit(points, explain, metrics.get("denuclearization"), v)
        elif k == CLAIM:
            points = _credit(points, explain, metrics.get("denuclearization"), v * table["verify"])
        elif k == "arsenal":
            points = _credit(points, explain, metrics.get("arsenal"), -v / max(1.0, ctx.warheads + ctx.surrendered))
        elif k == "hedge":
            points = _credit(points, explain, metrics.get("hedge"), v / max(10.0, ctx.warheads))
        return points

    def _meter(self, ctx: Context, who: Actor, table: dict, name: str, v: float, explain: list | None) -> float:
        """``_single`` of a change ``v`` of the meter ``name`` (the quantity "m:" + name)."""
        m = ctx.m
        params = self.params
        old = m.get(name)
        if old is None:
            return 0.0
        known: dict = table["facts"]
        facts: MeterFacts = known.get(name) or self._meter_facts(who, table, name)
        low, high, linking, coefs, gate_label, pressure_input, rupture, plain, held_back = facts
        # a re-tightening under a peace regime goes only as far as the rules' ratchet lets it (C5): asked only
        # of a meter it can ever slow (about one change in ten)
        new = old + (retightening(m, params, ctx.world, name, v, ctx.flags) if held_back else v)
        # min(high, max(low, new)) without the calls: the same comparisons, so the same float (max keeps its
        # first argument unless the second is greater, min unless the second is less)
        new = new if new > low else low
        change = (new if new < high else high) - old
        if not change:
            return 0.0
        if plain:
            return _credit(0.0, explain, coefs, change) if coefs else 0.0
        points = 0.0
        special: _Special = table["special"]
        if linking:
            links_key: tuple = ("links", name, change)  # what it sets moving: the moment's, whoever prices it
            links: dict[str, float] | None = ctx.public.get(links_key)
            if links is None:
                links = ctx.public[links_key] = linked_changes(name, change, m, params, ctx.world, ctx.horizon)
            for linked, delta in links.items():
                points += self._meter(ctx, who, table, linked, delta, explain)
        if name == "sanctions_pressure":
            return 0.0  # derived each turn from enforcement, regime and evasion: a direct push is undone
        if name == "tension":
            thr = params["war_threshold"]
            # where tension ends and the war risk stand without the change
            now: tuple[float, float] | None = ctx.public.get("tension now")
            if now is None:
                now = ctx.public["tension now"] = (self._tension_end(ctx, old), war_risk(old, thr))
            if special.tension is not None:
                points = _credit(points, explain, special.tension, self._tension_end(ctx, old + change) - now[0])
            points = _credit(points, explain, special.no_war, -(war_risk(old + change, thr) - now[1]))
            return points
        if coefs:
            points = _credit(points, explain, coefs, change)
        if gate_label is not None:
            points = _credit(points, explain, [(self._gate_worth(ctx, who, name, old, old + change), gate_label)], 1.0)
        dp = 0.0
        if pressure_input:
            # pressure is linear in each of its inputs: the rules' shift for one point, once a moment
            key: tuple = ("pressure slope", name)  # public meters alone: shared by every seat at the moment
            slope: float | None = ctx.public.get(key)
            if slope is None:
                slope = ctx.public[key] = pressure_shift(m, params, ctx.world, {name: 1.0})
            dp = slope * change
        elif name == "peace_stage" and ctx.horizon:
            # the enforcement a higher stage erodes over the horizon, down to each meter's floor
            eroded = {
                k: max(d, meter_bounds(k)[0] - m[k])
                for k, d in peace_erosion(change * ctx.horizon, params, ctx.world).items()
            }
            dp = pressure_shift(m, params, ctx.world, eroded)
        if dp:
            dp += ctx.pressure  # min(100.0, max(0.0, pressure + dp)) - pressure, as for the change above
            dp = dp if dp > 0.0 else 0.0
            dp = (dp if dp < 100.0 else 100.0) - ctx.pressure
            points = _credit(points, explain, special.pressure, dp)
            points = _credit(points, explain, special.relief, -dp / 100)
            if ctx.horizon and special.economy is not None:
                points = _credit(points, explain, special.economy, -ctx.horizon * params["economy_sanctions_drag"] * dp)
        if name == "inter_korean" and ctx.horizon and special.economy is not None:
            points = _credit(points, explain, special.economy, ctx.horizon * params["economy_inter_korean"] * change)
        if rupture:
            thr = params["rupture_threshold"]
            points = _credit(
                points, explain, special.rupture, -(rupture_risk(old + change, thr) - rupture_risk(old, thr))
            )
        return points

    def _meter_facts(self, who: Actor, table: dict, name: str) -> MeterFacts:
        """What ``_single`` asks of a meter for ``who`` on every change, asked once (static): its bounds,
        whether it sets moving other meters that ``who`` cares about (rules.alliances.linked_targets),
        ``who``'s points per unit of it, the words for the gate it opens (C11), whether it feeds sanctions
        pressure, whether it is one of ``who``'s alliances, whose rupture it fears, whether it is plain
        for ``who`` (none of those treatments applies), and whether C5's ratchet can ever slow a change of it
        (``rules.ratchet.may_hold_back``: for every other meter ``retightening`` returns the change as given)."""
        low, high = meter_bounds(name)
        treatment = (
            low,
            high,
            # only when something it sets moving is worth anything to ``who`` (else the links add nothing)
            name in self.linking and any(self._counts(who, table, t) for t in linked_targets(name, self.rules.world)),
            table["meters"].get(name),
            f"what {self.gates[name][0].flag.replace('_', ' ')} opens" if name in self.gates else None,
            name in self.pressure_inputs,
            name in self.alliance_meters and who.value in name and "rupture" in table["metrics"],
        )
        _, _, linking, coefs, gate_label, pressure_input, rupture = treatment
        # plain: all _single does with a change of it for ``who`` is credit ``coefs`` (no link, gate, pressure,
        # rupture, nor one of the meters it treats apart): it returns that at once, and _pricer may compile it
        plain = not (
            linking
            or gate_label is not None
            or pressure_input
            or rupture
            or name in ("tension", "sanctions_pressure", "peace_stage", "inter_korean")
        )
        facts: MeterFacts = (*treatment, plain, may_hold_back(name))
        table["facts"][name] = facts
        return facts

    def _counts(self, who: Actor, table: dict, name: str) -> bool:
        """Whether ``_single`` can find a change of the meter worth anything to ``who``: False only when
        none of its branches would credit ``who`` a point."""
        facts = table["facts"].get(name) or self._meter_facts(who, table, name)
        _, _, linking, coefs, gate_label, pressure_input, rupture, _, _ = facts
        special = name in ("tension", "peace_stage", "inter_korean")
        return bool(linking or coefs or gate_label is not None or pressure_input or rupture or special)

    def _gate_worth(self, ctx: Context, who: Actor, meter: str, old: float, new: float) -> float:
        """C11: what opening the gate on ``meter`` (its flag holds from a threshold up, or down to one: the
        world's gates, read with the gate's own ``holds``) is worth to ``who``: the actions it needs (normalization, a treaty) that ``who`` or an ally
        may take, at what they are worth to ``who`` now, half of it (they may not come in time); closing
        it loses as much."""
        # whether the change opens (1) or closes (-1) the gate, the same for every seat pricing it: kept with the
        # moment's public prices (the gate's ``holds`` is an interpreted call, and most changes leave it as it is)
        key: tuple = ("gate opened", meter, old, new)
        opened: int | None = ctx.public.get(key)
        if opened is None:
            gate = self.gates[meter][0]
            opened = ctx.public[key] = gate.holds({meter: new}, self.params) - gate.holds({meter: old}, self.params)
        busy: tuple = ("gate", who, meter)  # a gated action that itself moves the meter is not priced twice over
        if not opened or ctx.obs is None or ctx.cache.get(busy):
            return 0.0
        gated = self.gates[meter][1]
        ctx.cache[busy] = True
        try:
            worth = sum(
                max(0.0, self.action_value(ctx, who, actor, a.id))
                for a in gated
                for actor in a.actors
                if actor is who or pair_key(actor, who) in ctx.world.alliances
            )
        finally:
            del ctx.cache[busy]
        return opened * GATE_USE * worth

    def _tension_end(self, ctx: Context, t: float) -> float:
        """Tension at the horizon: it settles toward the baseline by the decay each turn."""
        if not ctx.horizon:
            return t
        base, decay = self.params["tension_baseline"], self.params["tension_decay"] * ctx.horizon
        if t > base:  # max(base, t - decay) and min(base, t + decay), without the calls
            t -= decay
            return t if t > base else base
        t += decay
        return t if t < base else base

    def action_value(
        self, ctx: Context, who: Actor, actor: Actor, action_id: str, personality: Personality | None = None
    ) -> float:
        """Points ``who`` gains when ``actor`` takes the action (cached per decision)."""
        pname = personality.name if personality else None
        key: tuple = ("v", who, actor, action_id, pname)
        # asked first: most calls find their price, and an action's key lives in one of the two caches only
        found = ctx.public.get(key)
        if found is None:
            found = ctx.cache.get(key)
        if found is not None:
            return found
        recipe: Recipe | None = self._plans.get(key)
        if recipe is None:
            recipe = self._recipe(ctx, who, actor, action_id, personality, key)
        how, plan, static = recipe
        if how == _STATIC:  # the same changes at every moment: the plan alone, priced in the moment
            found = ctx.public[key] = self._run_plan(ctx, who, plan)
            return found
        d = self.deltas(ctx, actor, action_id)
        if how == _PROGRAM:
            # program effects alone: its meters, trust and capital come first in its changes and are the same at
            # every moment (the plan); what the program moves follows, priced in this seat's moment
            total = self._run_plan(ctx, who, plan)
            found = ctx.cache[key] = self._add_prices(ctx, who, personality, d, static, total)
            return found
        # an incident or a precedent: priced whole at each moment, from this seat's knowledge (program effects;
        # an incident's escalation chance reads flags the public moment does not hold) or, for a precedent
        # alone, from public quantities only, alike for every seat at the moment (C13)
        cache = ctx.public if how == _PUBLIC else ctx.cache
        found = cache[key] = self.value(ctx, who, d, personality)
        return found

    def _recipe(
        self, ctx: Context, who: Actor, actor: Actor, action_id: str, personality: Personality | None, key: tuple
    ) -> Recipe:
        """How ``action_value`` prices the action for ``who``, worked out on its first call and kept in
        ``_plans``: (how, plan, the number of its changes the plan covers). An action with an incident or a
        precedent is priced whole at each moment: none of them may become a plan built once from one moment."""
        fx = self.effects(actor, action_id)
        if fx.incidents or fx.precedents:
            recipe: Recipe = (_PRIVATE if fx.ops or fx.incidents else _PUBLIC, (), 0)
        elif fx.ops:
            static = len(fx.meters) + len(fx.trust) + (1 if fx.capital else 0)
            d = self.deltas(ctx, actor, action_id)
            recipe = (_PROGRAM, self._plan(ctx, who, personality, dict(islice(d.items(), static))), static)
        else:
            recipe = (_STATIC, self._plan(ctx, who, personality, self.deltas(ctx, actor, action_id)), 0)
        self._plans[key] = recipe
        return recipe

    def _plan(
        self, ctx: Context, who: Actor, personality: Personality | None, d: dict[str, float]
    ) -> tuple[_Step, ...]:
        """``value`` for a fixed set of changes, compiled once: one step per quantity (``_Step``: how, its
        change and the facts for it that ``_run_plan`` reads), a trust price as its number (no moment changes
        it); quantities worth nothing are left out."""
        pname = personality.name if personality else None
        pricers = self._pricers_of(who, pname)
        plan: list[_Step] = []
        for k, v in d.items():
            if not v:
                continue
            pricer = pricers.get(k) or self._pricer(who, personality, k)
            if pricer is _ZERO:
                continue  # adds nothing: a sum started at +0.0 never holds -0.0, so adding 0.0 changes no bit
            if k.startswith("t:"):  # a trust price reads no moment, only its points per unit
                plan.append(_Step(_NUMBER, pricer.of(ctx, v)))
            elif pricer is _GENERAL:
                # the full treatment, its price kept for the moment (public quantities) or the decision
                meter = k.startswith("m:")
                step = _Step(_FULL, v, (who, pname, k, v), k[1] == ":", meter, k[2:] if meter else k)
                step.table = self.table(who, personality)
                plan.append(step)
            elif (who, pname, k) in self._linear:  # a plain meter's points per unit within its bounds, inline
                name, coef, (low, high) = self._linear[who, pname, k]
                step = _Step(_LINEAR, v, None, False, True, name)
                step.coef, step.low, step.high = coef, low, high
                plan.append(step)
            else:
                step = _Step(_CALL, v)
                step.pricer = pricer
                plan.append(step)
        return tuple(plan)

    def _run_plan(self, ctx: Context, who: Actor, plan: tuple[_Step, ...]) -> float:
        """Exactly what ``value`` computes (same terms, same order), without the lookups: a linear meter as
        its compiled price (``_pricer``) computes it, a meter missing from the moment adding nothing (the
        sum, started at +0.0, never holds -0.0, so adding 0.0 changes no bit)."""
        total = 0.0
        for step in plan:
            how, v = step.how, step.v
            if how == _FULL:  # its price kept for the moment (public quantities) or the decision
                cache = ctx.public if step.public else ctx.cache
                key = step.key
                p: float | None = cache.get(key)
                if p is None:
                    table = step.table
                    assert table is not None
                    if step.meter:
                        p = cache[key] = self._meter(ctx, who, table, step.name, v, None)
                    else:
                        p = cache[key] = self._single(ctx, who, table, step.name, v, None)
                total += p
            elif how == _LINEAR:  # the meter's points per unit within its bounds
                old = ctx.m.get(step.name)
                if old is not None:
                    new = old + v  # min(high, max(low, new)), as in _meter
                    low, high = step.low, step.high
                    new = new if new > low else low
                    total += step.coef * ((new if new < high else high) - old)
            elif how == _NUMBER:  # a price the same at every moment
                total += v
            else:  # the compiled price
                pricer = step.pricer
                assert pricer is not None
                total += pricer.of(ctx, v)
        return total
