"""The default AI: a utility-based negotiator per country.

Each decision prices the options in *score points* against the country's scenario objectives
(valuation.Valuer), adds its personality's leanings, weighs its pledges (keeping a deal is worth what
the partner still owes plus the trust a breach would cost) and, for hidden moves, the cheater's risk as
the country can judge it. Deals are built from corresponding measures: what the other side values most
that costs us least, against what we value most from them, sequenced by trust (the side trusted less
moves first), with snap-back on our relief when we doubt them. After a detected breach it walks away
from the breaker for a while (the personality's ``grudge``).

Every decision returns a one-line rationale in plain words.
"""

from __future__ import annotations

import math
import random
from typing import Final

from ..model.deals import Clause, Commitment
from ..model.ids import ACTOR_NAMES, Actor, Phase, pair_key
from ..model.observation import Observation, RulesView
from ..model.orders import ActionOrder, ProposeOrder, RespondOrder
from ..model.program import ProgramTruth, Site
from ..model.scenario import ActionSpec
from ..rules.alliances import decoupling
from ..rules.deals import unconsulted_costs, unravel_chance
from ..rules.legality import room_for
from ..rules.program import declaration_breach_consequences, detection_is_public, exposure_consequences, learners
from .base import Decision, PhaseController
from .personality import DIFFICULTIES, Personality, build_personality, in_office
from .reading import Judged, breach_odds, breaches_by, detection_odds, plausible_judged, taken
from .determinize import PHANTOM_SITE_P
from .valuation import SHUT_OPS, Context, Valuer


CAPITAL_PRICE: Final = 0.25  # score points a unit of political capital is worth saved for a later turn
MIN_GAIN: Final = 0.3  # below this a clause is not worth putting on the table
TRUST_WORTH: Final = 0.05  # score points a point of trust is worth for the deals it makes possible
MENU: Final = 3  # clauses offered and asked, best first, combined into packages
RANKED: Final = 6  # actions per side priced each turn when building a menu (ranked by their static value)
# Enum members held in globals: a read from an enum class goes through its metaclass (base.py's note); Final,
# so that the compiled build reads them (and the constants above) without a look-up in the module's globals
DPRK: Final = Actor.DPRK
US: Final = Actor.US
RESPOND: Final = Phase.RESPOND
OWN: Final = "own"  # where a decision's context keeps what ``own_value`` found, by action id
_trusted_clause: Final = Clause.trusted  # a method read from a model class is a generic attribute read
# our orders are built unvalidated too: every value is valid by construction (our actor, a recipient among the
# other countries, an open proposal's id, our answer, menu clauses; tuples, as the models hold them); the
# rules check every order as they check any seat's (rules.legality)
_trusted_propose: Final = ProposeOrder.trusted
_trusted_respond: Final = RespondOrder.trusted


# A package's terms (``HeuristicController._terms``): its clauses' shapes, its DPRK steps, the countries it has
# move first and the allies' stakes it holds; its facts (``package_facts``); a side's sheet (``_sheet``). Typed
# so that the compiled build reads them without the generic path.
Terms = tuple[tuple, tuple, tuple, tuple]
PackageFacts = tuple[Context | None, tuple | None, tuple, tuple]
Sheet = tuple[dict, float, float, Actor, Actor, float, bool, bool, Context | None]
# the best package for a partner (``_best_package``): its score, its worth to us and to the partner, the partner,
# its clauses
Package = tuple[float, float, float, Actor, tuple[Clause, ...]]
# what ``_extras`` reads of an action (``_extras_facts``): what it passes for, whether it is secret, its program moves
ExtrasFacts = tuple[str | None, bool, tuple[tuple[str | None, str], ...]]


def _as_deltas(consequences: list[tuple[str, float]]) -> dict[str, float]:
    """The rules' (meter, delta) consequences, trust as ``trust.A-B``, as valuation deltas."""
    return {("t:" + k[6:] if k.startswith("trust.") else "m:" + k): v for k, v in consequences}


def _flags(ctx: Context) -> frozenset[str]:
    """The public flags of the moment (none in a neutral context, which has no observation)."""
    return ctx.obs.flags if ctx.obs is not None else frozenset()


def _joined(a: Terms, b: Terms) -> Terms:
    """The terms (``HeuristicController._terms``) of two parts of a package, as one package's."""
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]


def _sigmoid(x: float) -> float:
    if x > 30:
        return 1.0
    if x < -30:
        return 0.0
    return 1 / (1 + math.exp(-x))


def _partner_in(key: str, me: str) -> str | None:
    """The other country in a trust quantity ("t:DPRK-ROK") that involves ``me``, else None."""
    a, _, b = key[2:].partition("-")
    if a == me and b != me:
        return b
    if b == me and a != me:
        return a
    return None


def _short(name: str) -> str:
    """An action's name inside a sentence: "Freeze Yongbyon" -> "freeze Yongbyon"; acronyms stay."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _static_tables(rules: RulesView, actor: Actor) -> dict:
    valuer = Valuer.shared(rules)
    intel = {s.id for s in rules.actions if any(e.kind == "program" and e.op == "intel_collection" for e in s.effects)}
    dprk = [s for s in rules.actions if DPRK in s.actors and s.counts_as is None]

    def admits(spec) -> float:  # the inspection access an action admits, as the rules expect it
        return sum(amount for op, _, amount in valuer.effects(DPRK, spec.id).ops if op == "inspect")

    admitted = {s.id: admits(s) for s in dprk if not s.once and admits(s) > 0}
    return {
        "valuer": valuer,
        "specs": {a.id: a for a in rules.actions},
        "spec facts": {a.id: (a.id, a.counts_as, a.once, a.cost) for a in rules.actions},
        "pledgeable": {a: [s for s in rules.actions if a in s.actors and s.counts_as is None] for a in rules.actors},
        "intel": intel,
        # Our actions that need more than their effects priced: program moves (the cheater's risk,
        # inspections) and intelligence collection.
        "special": {
            s.id
            for s in rules.actions
            if actor in s.actors
            and (
                s.id in intel
                or any(e.kind == "program" for e in s.effects)
                or s.visibility == "secret"
                or s.counts_as is not None
            )
        },
        "rank": {},
        # what the allies want a deal with the DPRK to hold (C9: rules.alliances.decoupling reads no more)
        "stakes": frozenset(a for stakes in rules.world.ally_stakes.values() for a in stakes),
        # The DPRK's steps that inspectors can verify, with their sites, and what verifies them: the rules
        # (rules.program) confirm the status of declared sites only, when inspectors are admitted.
        "steps": {
            s.id: frozenset(e.site for e in s.effects if e.kind == "program" and e.op in SHUT_OPS and e.site)
            for s in dprk
            if any(op in SHUT_OPS for op, _, _ in valuer.effects(DPRK, s.id).ops)
        },
        "inspections": sorted(((amount, a) for a, amount in admitted.items()), reverse=True),
        "admits": admitted,  # action -> the inspection access it admits
        "declarations": [
            s.id
            for s in sorted(dprk, key=lambda s: s.cost)
            if any(op.startswith("declare") for op, _, _ in valuer.effects(DPRK, s.id).ops)
        ],
    }


def _shaped_clause(actor: Actor, action: str, mode: str, verification: str, duration: int, doubted: bool) -> Clause:
    """A menu clause of one shape. Clauses are immutable: one is built per distinct shape (a few hundred a
    game, as the duration follows the turns left; ``HeuristicController._shaped`` keeps them), unvalidated: every value is valid by construction (an
    Actor, a known action, "do" or "refrain", "inspection" or "national_means", 2 to 24 turns), and
    tests/test_ai_clause_shapes.py holds each shape to the validated model. A refrain clause moves nobody
    first and snaps nothing back; a doubted ``do`` moves once the other side is verified, and snaps back."""
    do = mode == "do"
    return _trusted_clause(
        actor=actor,
        action=action,
        mode=mode,
        sequencing="after_verification" if do and doubted else "upfront",
        duration=duration,
        verification=verification,
        snapback=do and doubted,
    )


def _extras_facts(spec) -> ExtrasFacts:
    """What ``_extras`` reads of an action (static): what it passes for, whether it is secret (hidden, or
    passing for another), and the (site, op) of each of its program effects, in their order."""
    counts_as = spec.counts_as
    moves = tuple((e.site, e.op) for e in spec.effects if e.kind == "program")
    return counts_as, spec.visibility == "secret" or counts_as is not None, moves


def _gauss(rng: random.Random, mu: float, sigma: float) -> float:
    """``rng.gauss(mu, sigma)``: the same draws, in the same order, and the same float (CPython's
    ``random.Random.gauss``, written out so that the compiled build calls it without an interpreted frame;
    tests/test_ai_gauss.py holds it to the library's, draw by draw)."""
    z: float | None = rng.gauss_next  # type: ignore[attr-defined]  # (not in typeshed)
    if z is None:  # (the library clears gauss_next first, then sets it here: the same state after)
        if type(rng) is _RANDOM:  # (a generator of a class of its own is asked its own draws)
            x2pi, u = _draw(rng) * _TWOPI, _draw(rng)
        else:
            x2pi, u = rng.random() * _TWOPI, rng.random()
        g2rad = math.sqrt(-2.0 * math.log(1.0 - u))
        z = math.cos(x2pi) * g2rad
        rng.gauss_next = math.sin(x2pi) * g2rad  # type: ignore[attr-defined]
    else:
        rng.gauss_next = None  # type: ignore[attr-defined]
    return mu + z * sigma


_TWOPI: Final = 2.0 * math.pi  # random.TWOPI
# ``rng.random()``: the C generator's method itself, called with the generator (compiled, ``rng.random()`` looks the
# method up on the generator's Python class at every draw)
_draw: Final = random.Random.random
_RANDOM: Final = random.Random


class _Option:
    """An order ``decide`` weighs: its capital cost, its changes ``d``, the points it adds besides them
    (instinct, pledges, risks, noise, trust staked), the terms its rationale names, whether a pledge has
    it due, and its gain on top of the orders chosen so far (None until worked out, or once a chosen order
    moved one of its quantities)."""

    def __init__(self, order: ActionOrder, cost: int, d: dict[str, float], add: float, terms: tuple, due: bool):
        self.order = order
        self.cost = cost
        self.d = d
        self.add = add
        self.terms = terms
        self.due = due
        self.gain: float | None = None


class _Shaped:
    """A menu clause (``HeuristicController._shaped``) with what the deal loop reads of it, worked out once
    per shape and shared like the clause: its terms (``_terms``), and its actor, action, mode,
    (actor, action, mode), the key ``_menu`` looks up in the pledges open, and (action, mode), as ``_fits``
    reads a side, read from the model once (a read from a model is dear on CPython 3.11), not once per
    package."""

    def __init__(self, clause: Clause, terms: Terms):
        self.clause = clause
        self.terms = terms
        self.actor: Actor = clause.actor
        self.action: str = clause.action
        self.mode: str = clause.mode
        self.pledge: tuple[Actor, str, str] = (self.actor, self.action, self.mode)
        self.side: tuple[str, str] = (self.action, self.mode)  # as ``_fits`` reads our side


# a menu (``HeuristicController._menu``): the clauses we could offer and those we could ask, each with its worth;
# our open pledges by action id, with the partner each is owed to (``_pledges``). Typed, so that the compiled build
# unpacks their items without the generic path.
Menu = tuple[list[tuple[float, _Shaped]], list[tuple[float, _Shaped]]]
Pledges = dict[str, list[tuple[Commitment, Actor]]]


class HeuristicController(PhaseController):
    name = "heuristic"

    def __init__(self, actor: Actor, rules: RulesView, personality: str | None = None, difficulty: str = "normal"):
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty '{difficulty}' (easy, normal, hard)")
        self.actor = actor
        self.rules = rules
        self.level = DIFFICULTIES[difficulty]
        self.difficulty = difficulty
        self.params = rules.parameters
        self._bound_memo: tuple | None = None  # (observation, what binds us in it): see ``_bound``
        self._open_memo: tuple | None = None  # (observation, the pledges open in it): see ``_open_pledges``
        self._adopt(build_personality(actor, rules, personality))
        self.chosen = self.personality.name  # the personality the seat was given

    def _adopt(self, personality: Personality) -> None:
        """Play with ``personality`` from now on (at the start, and when the government changes, C7)."""
        self.personality = personality
        self._ctx: Context | None = None
        self._served: Observation | None = None  # the observation ``context`` last served
        rules, actor = self.rules, self.actor
        # What follows depends on the rules alone: built once and shared by every controller of the
        # same seat, personality and level (a tournament builds thousands), owned by the rules.
        static = rules.memo.get(
            ("ai.heuristic", actor, personality.name, self.difficulty), lambda: _static_tables(rules, actor)
        )
        self.valuer: Valuer = static["valuer"]
        self.specs: dict[str, ActionSpec] = static["specs"]
        # (id, what it passes for, once-only, cost) of each action, as ``decide`` reads them of every legal order
        self._spec_facts: dict[str, tuple[str, str | None, bool, int]] = static["spec facts"]
        self.pledgeable = static["pledgeable"]
        self.intel_actions: set[str] = static["intel"]
        self._special: set[str] = static["special"]  # typed, as the tables below: the compiled build asks them directly
        self._static = static
        # the menu clauses built so far by shape (``_shaped``), shared by every seat playing under these rules
        # (their terms read only the rules' allies' stakes, the same for every seat)
        self._clauses: dict[tuple, _Shaped] = rules.memo.get("ai.heuristic clauses", dict)
        # the personality's leaning on each action (static) and the knobs asked of every package, read once
        bias = static.get("bias")
        if bias is None:
            bias = static["bias"] = {a.id: personality.bias(a) for a in rules.actions}
        self._bias: dict[str, float] = bias
        # the personality our options are priced with (None when it leaves the objectives as they are)
        self._priced_as = self.valuer.priced_as(actor, personality)
        self._appetite = personality.knob("deal")
        self._margin = personality.knob("margin")

    # ------------------------------------------------------------------ shared
    def context(self, obs: Observation) -> Context:
        """One Context per turn: meters, trust, sites and estimates do not move between phases. The
        personality is the government in office (C7: ``personality.in_office``). The observation it last
        served is remembered: a decision asks for its context several times."""
        ctx = self._ctx
        if ctx is not None and self._served is obs:
            return ctx
        governing = in_office(self.actor, self.rules, self.personality, obs.flags)
        if governing is not self.personality:
            self._adopt(governing)
        ctx = self._ctx
        if (
            ctx is None
            or ctx.obs is None
            or ctx.turn != obs.turn
            # (the very dict, as the observations of a turn share it, is equal: compared item by item only if not)
            or (ctx.m is not obs.meters and ctx.m != obs.meters)
            or (ctx.trust is not obs.trust and ctx.trust != obs.trust)
            # (the same object, as the observations of a turn mostly share it, is equal: pydantic's __eq__,
            # an interpreted call, is asked only of two objects)
            or (ctx.obs.verified is not obs.verified and ctx.obs.verified != obs.verified)
            or ctx.obs.scenario_id != obs.scenario_id
        ):
            ctx = self._ctx = Context(obs, self.rules, self.actor, self.level.horizon)
        self._served = obs
        return ctx

    def own_value(self, ctx: Context, action_id: str) -> float:
        """Points we gain from taking the action ourselves, with our personality's leanings."""
        # by action id in a table of their own (OWN): the id's hash is kept with it, where a tuple key of
        # ("own", action_id) was built and hashed at every call
        # (typed locals, not Optional ones narrowed: compiled, a narrowed local is still read generically)
        cached = ctx.cache.get(OWN)
        known: dict[str, float] = ctx.cache.setdefault(OWN, {}) if cached is None else cached
        price = known.get(action_id)
        if price is not None:
            return price
        value = self.valuer.action_value(ctx, self.actor, self.actor, action_id, self._priced_as)
        value += self._bias[action_id]
        known[action_id] = value
        return value

    def facts(self, ctx: Context, obs: Observation) -> tuple[dict[str, int], dict[Actor, int]]:
        """Per-turn readings of the news: actions known taken, and the countries we hold a grudge
        against (deals break and news arrives only at resolution, so one reading serves the turn)."""
        found = ctx.cache.get("facts")
        if found is None:
            span = self.personality.knob("grudge")
            grudges = {a: t for a, t in breaches_by(obs, self.actor).items() if obs.turn - t <= span}
            found = ctx.cache["facts"] = (taken(obs), grudges)
        return found

    def grudges(self, obs: Observation) -> dict[Actor, int]:
        return self.facts(self.context(obs), obs)[1]

    def can(self, ctx: Context, obs: Observation, actor: Actor, action_id: str) -> bool:
        """``reading.plausible``, once a turn per actor and action (by id: the menu reads its actions' ids from
        the models once): what it reads of the action is kept with the static tables (``reading.Judged``), what
        it reads of the observation once a turn (its actors, turn, whether it shows the program and its
        meters, the actions known taken: a turn's observations agree on them)."""
        key: tuple = ("can", actor, action_id)
        cache = ctx.cache
        found = cache.get(key)
        if found is None:
            judged: Judged | None = self._static.get(key)
            if judged is None:
                judged = self._static[key] = Judged(self.specs[action_id], actor)
            seen: tuple[frozenset[Actor], int, bool, dict[str, float], dict[str, int]] | None = cache.get("can reads")
            if seen is None:
                seen = cache["can reads"] = (
                    frozenset(obs.actors),
                    obs.turn,
                    obs.program is not None,
                    obs.meters,
                    self.facts(ctx, obs)[0],  # the actions known taken, read with the rest
                )
            actors, turn, knows_program, meters, done = seen
            found = cache[key] = plausible_judged(obs, actor, judged, done, actors, turn, knows_program, meters)
        return found

    def p_keep(self, ctx: Context, who: Actor, other: Actor, grudges: dict[Actor, int]) -> float:
        """How likely ``who`` judges ``other`` to keep its side of a deal."""
        key: tuple = ("pk", who, other)
        found = ctx.cache.get(key)
        if found is None:
            trust = ctx.trust_in(who, other) + (self.personality.knob("trust") if who is self.actor else 0.0)
            trust = trust if trust < 100.0 else 100.0  # max(0.0, min(100.0, trust)) without the calls
            found = 0.25 + 0.7 * (trust if trust > 0.0 else 0.0) / 100
            if who is self.actor and other in grudges:
                found *= 0.4
            found *= 1 - unravel_chance(ctx.params, _flags(ctx), (who, other))  # C12: summit theatre
            ctx.cache[key] = found
        return found

    # ------------------------------------------------------------------ orders
    def decide(self, obs: Observation, legal_orders: list[ActionOrder], rng: random.Random) -> Decision:
        ctx = self.context(obs)
        me = self.actor
        budget = obs.capital.get(me, 0)
        last_turn = ctx.left == 0
        price = 0.0 if last_turn else CAPITAL_PRICE
        pledges = self._pledges(obs)
        income = self.rules.capital_income.get(me, 0)
        if budget + income > self.rules.capital_cap:
            price = 0.0  # what is not spent now would be lost at the cap
        # A pledge due that costs more than we hold: save for it, spending only what leaves enough.
        saving = [
            self.specs[a].cost
            for a, items in pledges.items()
            if any(c.clause.mode == "do" and c.state == "due" for c, _ in items) and self.specs[a].cost > budget
        ]
        if saving and ctx.left:
            budget = max(0, min(budget, budget + income - max(saving)))
        options: list[_Option] = []
        specs, biases, special, facts_of = self.specs, self._bias, self._special, self._spec_facts
        noise, valuer, priced_as = self.level.noise, self.valuer, self._priced_as
        for order in legal_orders:
            aid, counts_as, once, cost = facts_of[order.action]
            bias = biases[aid]
            # only an action pledged (or what it passes for) or special has extras (``_extras``)
            pledged = aid in pledges or counts_as in pledges
            extra = self._extras(ctx, obs, specs[aid], pledges, None) if pledged or aid in special else 0.0
            add = bias + extra + _gauss(rng, 0.0, noise)
            stake = self.trust_stake(ctx, aid) if once else 0.0  # (a repeatable act stakes none)
            if stake:
                add += stake
            alone = add + valuer.action_value(ctx, me, me, aid, priced_as)  # priced once a turn
            # Saturating meters and the convex risks of war and rupture only shrink a gain when orders
            # are combined: an order not worth its price alone is not worth it in company.
            if alone - price * cost > 0:
                due = pledged and any(c.clause.mode == "do" and c.state == "due" for c, _ in pledges.get(aid, ()))
                d = valuer.deltas(ctx, me, aid)
                options.append(_Option(order, cost, d, add, (bias, stake), due))
        # Greedy over order sets: each step adds the order whose effect *on top of those chosen* is
        # worth most, so opposite or saturating orders are not both taken. An option's gain is
        # recomputed only when a chosen order moved one of its quantities.
        chosen = []
        merged: dict[str, float] = {}
        spent = 0
        # quantity -> change -> its points, once a decision (nested, not keyed by (quantity, change) pairs: a
        # pair is built, hashed and compared at every look-up, a string's hash is kept and a float's is cheap)
        priced: dict[str, dict[float, float]] = {}

        while options:
            best: _Option | None = None
            best_due, best_net, best_gain = False, 0.0, 0.0
            for opt in options:
                cost = opt.cost
                if spent + cost > budget:
                    continue
                # (a float local, not opt.gain's Optional narrowed: compiled, that one was added generically)
                worked_out = opt.gain
                if worked_out is not None:
                    gain = worked_out
                else:
                    gain = opt.add
                    for k, v in opt.d.items():  # values add up across quantities: only the changed ones count
                        old = merged.get(k, 0.0)
                        # the prices read from ``priced`` inline, without a closure call: this loop asks them all
                        prices = priced.get(k)
                        if prices is None:
                            prices = priced[k] = {}
                        # (each price in a float local: compiled, an Optional one narrowed is added generically)
                        if old:
                            new = old + v
                            known = prices.get(new)
                            if known is None:
                                after = prices[new] = valuer.single(ctx, me, k, new, priced_as)
                            else:
                                after = known
                            known = prices.get(old)
                            if known is None:
                                before = prices[old] = valuer.single(ctx, me, k, old, priced_as)
                            else:
                                before = known
                            gain += after - before
                        else:  # a quantity unchanged so far is worth nothing yet (single prices no change at 0)
                            known = prices.get(v)
                            if known is None:
                                after = prices[v] = valuer.single(ctx, me, k, v, priced_as)
                            else:
                                after = known
                            gain += after
                    opt.gain = gain
                net = gain - price * cost
                # pledges due come first: capital is reserved for them before anything else ((due, net) compared
                # as tuples compare: by ``due`` unless equal, then by ``net``)
                if net > 0 and (best is None or (opt.due > best_due if opt.due != best_due else net > best_net)):
                    best, best_due, best_net, best_gain = opt, opt.due, net, gain
            if best is None:
                break
            opt = best
            options = [o for o in options if o is not opt]  # not list.remove: it compares orders field by field
            for k, v in opt.d.items():
                merged[k] = merged.get(k, 0.0) + v
            moved = opt.d
            for other in options:
                if other.gain is not None:
                    # whether the chosen order moved one of its quantities: a loop the compiled build runs itself
                    # (``keys().isdisjoint``, a method of the view, is called through the generic path)
                    for k in other.d:
                        if k in moved:
                            other.gain = None
                            break
            spent += opt.cost
            chosen.append((best_gain, opt.order, opt.terms, opt.d))
            # --- issue 11 (w3a): an action the rules let us order again this turn (max_per_turn) is offered
            # once more, its gain recomputed on top of the rounds chosen, so it repeats while that pays; a
            # repeat carries the instinct for the action and its own noise, not the pledges the first round settled
            spec = self.specs[opt.order.action]
            if room_for(spec, [c[1].action for c in chosen]):
                bias = self._bias[spec.id]
                options.append(
                    _Option(opt.order, opt.cost, opt.d, bias + _gauss(rng, 0.0, self.level.noise), (bias,), False)
                )
        return Decision([c[1] for c in chosen], self._orders_rationale(ctx, obs, chosen, pledges, budget - spent))

    def _reasons(self, ctx: Context, obs: Observation, action_id: str, pledges, terms: tuple, d) -> list:
        """The (points, words) behind a chosen order, in the order ``decide`` added them up: the instinct,
        the pledges and risks (``_extras``) and the trust staked, or for a repeat (``terms`` holds only its
        bias) the instinct alone; then the objectives its changes ``d`` move. Worded only for the orders the
        rationale names: ``decide`` prices every legal order with the same figures and no words."""
        explain: list[tuple[float, str]] = []
        bias = terms[0]
        if bias:
            explain.append((bias, f"{self.personality.name} instinct"))
        if len(terms) > 1:
            self._extras(ctx, obs, self.specs[action_id], pledges, explain)
            stake = terms[1]
            if stake:
                explain.append((stake, self._trust_label(action_id, stake)))
        self.valuer.value(ctx, self.actor, d, self._priced_as, explain)
        return explain

    def trust_stake(self, ctx: Context, action_id: str) -> float:
        """What an irreversible act of ours (a once-only action: it cannot be repeated, nor undone by us)
        forecloses: the trust our future deals with that partner rest on, at ``TRUST_WORTH`` a point (the
        price ``keep_value`` sets on trust), counting only the trust there is still to lose. Blowing up
        a channel forecloses the deals it would have carried; once talks have collapsed and trust is
        gone, it forecloses nothing, and the act costs only what it scores. A once-only gesture that
        builds trust forecloses nothing: it is priced by the objectives alone. Repeatable acts (tests,
        sanctions steps) are left to the objectives too: their trust effects are the give and take of the
        repeated game. (Pricing every trust move, gains included, made the DPRK dismantle Sohae by turn 3
        and all but stop testing, and the US ease on turn 1 twice as often with mixed characters.)"""
        if not self.specs[action_id].once:
            return 0.0
        stake = 0.0
        for pair, _, delta in self._trust_moves(action_id):
            if delta < 0:
                old = ctx.trust.get(pair, 50.0)
                new = old + delta  # max(0.0, new) without the call: the same comparison
                stake += TRUST_WORTH * ((new if new > 0.0 else 0.0) - old)
        return stake

    def _trust_moves(self, action_id: str) -> tuple[tuple[str, str | None, float], ...]:
        """(pair, partner, change) for each trust between us and another country the action moves (static)."""
        key: tuple = ("trust", action_id)
        found: tuple[tuple[str, str | None, float], ...] | None = self._static.get(key)
        if found is None:
            me = self.actor.value
            found = self._static[key] = tuple(
                (pair, _partner_in("t:" + pair, me), delta)
                for pair, delta in self.valuer.effects(self.actor, action_id).trust.items()
                if delta and _partner_in("t:" + pair, me) is not None
            )
        return found

    def _trust_label(self, action_id: str, stake: float) -> str:
        _, other, _ = min(self._trust_moves(action_id), key=lambda m: m[2])
        return f"the trust deals with {ACTOR_NAMES[Actor(other)]} rest on"

    def _pledges(self, obs: Observation) -> Pledges:
        """Our open pledges by action id: (commitment, partner)."""
        out: Pledges = {}
        in_force = {d.id: d for d in obs.deals if d.status == "in_force"}
        for c in obs.commitments:
            deal = in_force.get(c.deal_id)
            if deal is None or c.clause.actor is not self.actor:
                continue
            if c.state in ("due", "pending") or (c.clause.mode == "refrain" and c.state in ("fulfilled", "verified")):
                partner = deal.parties[1] if deal.parties[0] is self.actor else deal.parties[0]
                out.setdefault(c.clause.action, []).append((c, partner))
        return out

    def keep_value(self, ctx: Context, obs: Observation, deal_id: str, partner: Actor) -> float:
        """What keeping a deal is worth to us: what the partner still owes, the snap-backs a breach would
        trigger, and the trust a breach would cost."""
        key: tuple = ("keep", deal_id)
        found = ctx.cache.get(key)
        if found is not None:
            return found
        me = self.actor
        # The worth of being known to keep one's word: honour, and the trust future deals rest on.
        value = self.personality.knob("honor") + TRUST_WORTH * self.params["breach_trust_loss"]
        loss = {"t:" + pair_key(me, partner): -self.params["breach_trust_loss"]}
        value -= self.valuer.value(ctx, me, loss, self._priced_as)
        for c in obs.commitments:
            if c.deal_id != deal_id or c.clause.actor is not partner:
                continue
            u = self.valuer.action_value(ctx, me, partner, c.clause.action)
            if c.clause.mode == "do" and c.state in ("pending", "due"):
                value += max(0.0, u)
            elif c.clause.mode == "do" and c.clause.snapback and c.state in ("fulfilled", "verified"):
                value += max(0.0, u)
            elif c.clause.mode == "refrain":
                value += max(0.0, -u) * 0.5
        ctx.cache[key] = value
        return value

    def _exposure(self, detector: Actor, obs: Observation) -> dict[str, float]:
        """The public consequences of an exposure by ``detector`` (rules.program), as valuation deltas."""
        world = self.rules.world
        told = learners(detector, [a for a in obs.actors if a is not DPRK], world, obs.flags)
        return _as_deltas(exposure_consequences(self.params, world, detector, told))

    def _declaration_breach(self, obs: Observation) -> dict[str, float]:
        """The consequences of a declaration shown incomplete (rules.program, C3), as valuation deltas."""
        return _as_deltas(declaration_breach_consequences(self.params, [a for a in obs.actors if a is not DPRK]))

    def detection_cost(self, ctx: Context, obs: Observation) -> float:
        """Points the DPRK loses when hidden activity is exposed: tension, trust, the deals it holds, and
        the declaration it made shown incomplete."""
        found = ctx.cache.get("detcost")
        if found is not None:
            return found
        me = self.actor
        d = self._exposure(US, obs)  # most exposures come from the US and its allies
        if obs.declared.made:
            for k, v in self._declaration_breach(obs).items():
                d[k] = d.get(k, 0.0) + v
        if self.level.risk_model == "full":  # the others will tighten in answer
            for other in ("US", "ROK", "JPN"):
                d[f"m:enforcement.{other}"] = 10.0
        cost = -self.valuer.value(ctx, me, d, self._priced_as)
        for deal in obs.deals:
            if deal.status == "in_force" and me in deal.parties:
                partner = deal.parties[1] if deal.parties[0] is me else deal.parties[0]
                cost += self.keep_value(ctx, obs, deal.id, partner)
        cost = max(0.5, cost)
        ctx.cache["detcost"] = cost
        return cost

    def _extras(self, ctx: Context, obs: Observation, spec, pledges: Pledges, explain: list | None) -> float:
        """Pledges, the cheater's risk and the value of knowing more, for one of our own actions; their words
        go to ``explain`` when it is a list (``_reasons``). An action neither pledged (nor what it passes
        for) nor special has none (``decide`` does not ask of those)."""
        aid = spec.id  # read once: a read from a model is dear on CPython 3.11
        read: ExtrasFacts | None = self._static.get(("extras", aid))
        if read is None:
            read = self._static[("extras", aid)] = _extras_facts(spec)
        counts_as, secret, program_moves = read
        if aid not in pledges and counts_as not in pledges and aid not in self._special:
            return 0.0
        extra = 0.0
        me = self.actor
        risk = self.personality.knob("risk")  # max(0.1, risk) and max(1, left), without the calls
        risk_tolerance = risk if risk > 0.1 else 0.1
        left = ctx.left if ctx.left > 1 else 1
        # Pledges to take this action (or what it passes for), and pledges not to.
        for action_id in (aid, counts_as):
            if not action_id:
                continue
            for c, partner in pledges.get(action_id, []):  # (a list either way: compiled, its items unpack directly)
                keep = self.keep_value(ctx, obs, c.deal_id, partner)
                if c.clause.mode == "do" and c.state == "due":
                    extra += keep
                    if explain is not None:
                        explain.append((keep, f"our pledge to {ACTOR_NAMES[partner]} (deal {c.deal_id})"))
                elif c.clause.mode == "refrain":
                    if secret:
                        p = breach_odds(obs, self.rules, self.level.risk_model, partner, left, self.intel_actions)
                        cost = p * (keep + self.detection_cost(ctx, obs)) / risk_tolerance
                        if explain is not None:
                            explain.append((-cost, f"a {p:.0%} chance of being caught breaking deal {c.deal_id}"))
                    else:
                        cost = keep + self.detection_cost(ctx, obs) * 0.5
                        if explain is not None:
                            explain.append((-cost, f"it would break our pledge to {ACTOR_NAMES[partner]}"))
                    extra -= cost
        program = obs.program
        if program is not None and me is DPRK and program_moves:
            sites = self._program_sites(ctx, program)
            for where, op in program_moves:
                site = sites.get(where) if where else None
                new_hidden = site is not None and (
                    (op == "restart" and site.status in ("frozen", "dismantled"))
                    or (op == "stage_dismantle" and site.producing)
                )
                if new_hidden and site is not None:  # (a new hidden activity is at a site)
                    p = detection_odds(
                        obs,
                        self.rules,
                        self.level.risk_model,
                        site.declared or not site.covert,
                        site.covert_turns,
                        left,
                        self.intel_actions,
                    )
                    cost = p * self.detection_cost(ctx, obs) / risk_tolerance
                    extra -= cost
                    if explain is not None:
                        explain.append(
                            (
                                -cost,
                                f"judged a {p:.0%} risk of detection worth it"
                                if cost < 2
                                else f"a {p:.0%} risk of detection",
                            )
                        )
                elif op == "declare_partial":  # C3: what it leaves out may be exposed, a breach of it
                    hidden = [s for s in program.sites if s.covert and s.producing and not s.detected]
                    if hidden:
                        worst = max(hidden, key=lambda s: s.covert_turns)
                        p = detection_odds(
                            obs, self.rules, self.level.risk_model, False, worst.covert_turns, left, self.intel_actions
                        )
                        cost = (
                            -p
                            * self.valuer.value(ctx, me, self._declaration_breach(obs), self._priced_as)
                            / risk_tolerance
                        )
                        extra -= cost
                        if explain is not None:
                            explain.append((-cost, f"a {p:.0%} risk that what we leave out is exposed"))
                elif op == "inspect":
                    hidden = [
                        s
                        for s in program.sites
                        if s.producing
                        and not s.detected
                        and (s.covert or s.staged or obs.declared.site_status.get(s.id) in ("frozen", "dismantled"))
                    ]
                    if hidden:
                        amount = self.valuer.deltas(ctx, me, aid).get("inspect", 0.0)
                        worst = max(hidden, key=lambda s: s.staged or not s.covert)
                        declared = worst.staged or not worst.covert
                        before = detection_odds(
                            obs,
                            self.rules,
                            self.level.risk_model,
                            declared,
                            worst.covert_turns,
                            left,
                            self.intel_actions,
                        )
                        after = detection_odds(
                            obs,
                            self.rules,
                            self.level.risk_model,
                            declared,
                            worst.covert_turns,
                            left,
                            self.intel_actions,
                            extra_access=amount,
                        )
                        cost = (after - before) * self.detection_cost(ctx, obs) / risk_tolerance
                        extra -= cost
                        if explain is not None:
                            explain.append((-cost, "inspectors could find what we hide"))
        if aid in self.intel_actions and me is not DPRK:
            v, why = self.intel_value(ctx, obs, aid)
            extra += v
            if explain is not None:
                explain.append((v, why))
        return extra

    def _program_sites(self, ctx: Context, program: ProgramTruth) -> dict[str, Site]:
        """The program's sites by id (ids are unique: the loader checks them), as ``_extras`` looks them up:
        read once for the program the decision context last looked at."""
        found: tuple[ProgramTruth, dict[str, Site]] | None = ctx.cache.get("program sites")
        if found is None or found[0] is not program:
            found = ctx.cache["program sites"] = (program, {site.id: site for site in program.sites})
        return found[1]

    def intel_value(self, ctx: Context, obs: Observation, action_id: str) -> tuple[float, str]:
        """What one more intelligence collection is worth to us, in score points: the exposures of hidden
        activity it makes likelier (its effort stays, so over the turns left), each worth what a public
        exposure does to our objectives (tension, the UN regime, China-DPRK ties; nothing public when
        China finds it), plus what knowing helps with a deal that needs checking. A collection when
        our effort is already at its ceiling only narrows the estimate."""
        key: tuple = ("intel", action_id)
        found = ctx.cache.get(key)
        if found is not None:
            return found
        me = self.actor
        p = self.params
        est = obs.estimates.get(me)
        if est is None or not ctx.left:
            found = ctx.cache[key] = (0.0, "too late to use what we would learn")
            return found
        amount = self.valuer.deltas(ctx, me, action_id).get("intel", 0.0)
        gain = (min(100.0, est.intel_effort + amount) - est.intel_effort) / 100
        # Sites we half-suspect, and an enrichment hall nobody has found (the prior determinize uses).
        suspects = [s.suspicion for s in obs.sites if 0.0 < s.suspicion < 1.0]
        suspects.append(PHANTOM_SITE_P * 0.1)
        found_more = 0.0
        for susp in suspects:
            floor = 0.1 if 0.1 > susp else susp  # max(susp, 0.1), and min(1.0, share) below, without the calls
            hazard = p["detect_intel"] * gain * floor
            share = susp / floor
            found_more += (share if share < 1.0 else 1.0) * (1 - (1 - hazard) ** ctx.left)
        # what a public exposure by us is worth to us: the same for every collection, so once a turn
        exposure = ctx.cache.get("intel exposure")
        if exposure is None:
            exposure = 0.0
            if detection_is_public(me, self.rules.world):
                exposure = max(0.0, self.valuer.value(ctx, me, self._exposure(me, obs), self._priced_as))
            ctx.cache["intel exposure"] = exposure
        stake = 0.5 if any(DPRK in d.parties and me in d.parties and d.status == "in_force" for d in obs.deals) else 0.0
        w = est.warheads
        uncertainty = (w.high - w.low) / max(1.0, w.mid)
        v = self.personality.knob("intel") * (found_more * exposure + stake + 0.1 * uncertainty)
        if stake:
            why = "a deal with North Korea to check"
        elif found_more * exposure > 0.1:
            why = f"a better chance of exposing what North Korea hides ({found_more:.0%} more)"
        else:
            why = f"our estimate of {w.low:.0f}–{w.high:.0f} warheads is {'wide' if uncertainty > 0.5 else 'uncertain'}"
        found = ctx.cache[key] = (v, why)
        return found

    def _orders_rationale(self, ctx: Context, obs: Observation, chosen, pledges, left_capital: int) -> str:
        if not chosen:
            return f"held back: nothing worth its political capital this turn{self._mood(obs)}"
        parts = []
        for u, order, terms, d in sorted(chosen, key=lambda c: -c[0])[:3]:
            explain = self._reasons(ctx, obs, order.action, pledges, terms, d)
            name = _short(self.specs[order.action].name)
            reasons = [label for p, label in sorted(explain, key=lambda e: -abs(e[0]))[:2] if abs(p) >= 0.05]
            parts.append(f"{name} ({'; '.join(reasons)})" if reasons else name)
        more = len(chosen) - 3
        text = ", ".join(parts) + (f" and {more} more" if more > 0 else "")
        if left_capital and ctx.left:
            text += f"; kept {left_capital} capital in reserve"
        return text + self._mood(obs)

    def _mood(self, obs: Observation) -> str:
        if self.personality.name != self.chosen:
            return f"; the {self.personality.name} camp governs now" + self._trust_word(obs)
        return self._trust_word(obs)

    def _trust_word(self, obs: Observation) -> str:
        if self.actor is DPRK:
            return ""
        trust = obs.trust.get(pair_key(self.actor, DPRK), 50.0)
        word = "low" if trust < 35 else "high" if trust > 65 else "middling"
        return f"; trust in North Korea {word} ({trust:.0f})"

    # ------------------------------------------------------------------ deals
    def propose(self, obs: Observation, rng: random.Random) -> Decision:
        ctx = self.context(obs)
        if ctx.left == 0:
            return Decision([], "last turn: no deal could pay off in time")
        grudges = self.grudges(obs)
        packages = []
        for other in self._partners(obs, grudges):
            best = self._best_package(ctx, obs, other, grudges, rng)
            if best is not None:
                packages.append(best)
        packages.sort(key=lambda p: -p[0])
        orders: list[ProposeOrder] = []
        notes: list[str] = []
        offered: list[Clause] = []  # our side of the packages already chosen: either may be accepted
        for score, ev_me, ev_other, other, clauses in packages:
            if len(orders) >= self.rules.max_proposals:
                break
            if not self._affordable(obs, clauses, offered):
                continue
            offered.extend(c for c in clauses if c.actor is self.actor)
            note = self._describe(clauses)
            orders.append(
                _trusted_propose(kind="propose", actor=self.actor, recipient=other, clauses=tuple(clauses), note=note)
            )
            notes.append(f"offered {ACTOR_NAMES[other]} {note}")
        if grudges:
            notes.append("no talks with " + ", ".join(ACTOR_NAMES[a] for a in grudges) + " after their breach")
        if not orders and not grudges:
            return Decision([], "no package both sides would gain from")
        return Decision(orders, "; ".join(notes))

    def _open_deal_with(self, obs: Observation) -> set[Actor]:
        """Partners with whom a deal of ours still has steps to take: one package at a time."""
        live = {d.id: d for d in obs.deals if d.status == "in_force" and self.actor in d.parties}
        out: set[Actor] = set()
        for c in obs.commitments:
            deal = live.get(c.deal_id)
            if deal is not None and c.clause.mode == "do" and c.state in ("pending", "due"):
                out.update(a for a in deal.parties if a is not self.actor)
        return out

    def _affordable(self, obs: Observation, clauses, in_flight=()) -> bool:
        """Whether we can pay for our side on top of what we have already pledged, and whether it fits
        with our other pledges (no promise to tighten while pledged to ease): a deal we cannot keep is a
        breach waiting to happen. ``in_flight``: our side of this turn's packages that may still become
        deals (offers and counters not yet answered, offers we accept in the same answer), which bind
        us as much as the deals in force."""
        me = self.actor
        return self._fits(obs, [(c.action, c.mode) for c in clauses if c.actor is me], in_flight)

    def _fits(self, obs: Observation, mine: list[tuple[str, str]], in_flight=()) -> bool:
        """``_affordable`` of our side given as (action, mode) pairs (a menu clause's ``side``, read once)."""
        costs, static = self._spec_facts, self._static
        pledged, owed, room = self._bound(obs)
        if in_flight:
            pledged = pledged + tuple((c.action, c.mode) for c in in_flight)
            for c in in_flight:
                if c.mode == "do":
                    owed += costs[c.action][3]
        for action, mode in mine:
            if mode == "do":
                owed += costs[action][3]
        if owed > room:
            return False
        for action, mode in mine:
            do = mode == "do"
            for p_action, p_mode in pledged:
                if action == p_action and mode != p_mode:
                    return False
                if do and p_mode == "do":
                    opposed = static.get(("opp", action, p_action))
                    if opposed is None:
                        opposed = self._opposed(action, p_action)
                    if opposed:
                        return False
        return True

    def _bound(self, obs: Observation) -> tuple[tuple[tuple[str, str], ...], int, int]:
        """Our side of the deals in force that still binds us, as (action, mode) pairs, the capital its steps
        cost, and the most we can pay for them (``_fits``): the same for every package of a decision, so
        worked out once per observation (a decision asks it of dozens of packages)."""
        found = self._bound_memo
        if found is None or found[0] is not obs:
            me = self.actor
            live = {d.id for d in obs.deals if d.status == "in_force"}
            pledged = tuple(
                (c.clause.action, c.clause.mode)
                for c in obs.commitments
                if c.deal_id in live and c.clause.actor is me and c.state in ("pending", "due", "fulfilled", "verified")
            )
            owed = sum(self._spec_facts[action][3] for action, mode in pledged if mode == "do")
            room = max(obs.capital.get(me, 0), self.rules.capital_income.get(me, 0))
            found = self._bound_memo = (obs, pledged, owed, room)
        return found[1], found[2], found[3]

    def _opposed(self, a: str, b: str) -> bool:
        """Two of our actions that push a shared meter in opposite directions (tighten and ease), kept
        with the static tables under ``("opp", a, b)`` (``_affordable`` looks there first)."""
        fa = self.valuer.effects(self.actor, a).meters
        fb = self.valuer.effects(self.actor, b).meters
        found = self._static[("opp", a, b)] = any(
            m in fb and fa[m] * fb[m] < 0 for m in fa if not m.startswith("support.")
        )
        return found

    def _partners(self, obs: Observation, grudges) -> list[Actor]:
        """Whom to negotiate with this turn: the country with the most at stake between us every turn,
        and one other in rotation (a government works a few channels at a time, not all at once)."""
        stake = self._static.get("stake")
        if stake is None:
            stake = self._static["stake"] = self._stakes()
        busy = self._open_deal_with(obs)
        ranked = sorted(
            (a for a in obs.actors if a is not self.actor and a not in grudges and a not in busy),
            # the member itself, not its ``value`` (an enum property, an interpreted call): a str enum's member
            # compares as the string it is, its value
            key=lambda a: (-stake.get(a, 0), a),
        )
        if len(ranked) <= 2:
            return ranked
        rest = ranked[1:]
        return [ranked[0], rest[obs.turn % len(rest)]]

    def _stakes(self) -> dict[Actor, int]:
        """How many of each other country's actions matter to us and of ours to it (static, ``_partners``).
        The valuer's method called directly: held in a local, the compiled build would call it generically."""
        me, valuer, priced_as = self.actor, self.valuer, self._priced_as
        stakes: dict[Actor, int] = {}
        for other in self.rules.actors:
            if other is me:
                continue
            count = 0
            for a in self.pledgeable.get(other, ()):
                if valuer.touches(me, other, a.id, priced_as):
                    count += 1
            for a in self.pledgeable.get(me, ()):
                if valuer.touches(other, me, a.id):
                    count += 1
            stakes[other] = count
        return stakes

    def _open_pledges(self, obs: Observation) -> set[tuple[Actor, str, str]]:
        """(actor, action, mode) of every clause of a deal in force still pending, due or fulfilled: the same
        for every menu of a decision, so worked out once per observation."""
        found = self._open_memo
        if found is None or found[0] is not obs:
            live = {d.id for d in obs.deals if d.status == "in_force"}
            pledges = {
                (c.clause.actor, c.clause.action, c.clause.mode)
                for c in obs.commitments
                if c.deal_id in live and c.state in ("pending", "due", "fulfilled")
            }
            found = self._open_memo = (obs, pledges)
        return found[1]

    def _menu(self, ctx: Context, obs: Observation, other: Actor) -> Menu:
        """Clauses we could offer ``other`` and clauses we could ask of it (``_Shaped``), each with what it is
        worth to us and (as far as we read them) to the other side; best first. Built once a turn."""
        key: tuple = ("menu", other)
        cached = ctx.cache.get(key)
        found: Menu = self._build_menu(ctx, obs, other) if cached is None else cached
        if cached is None:
            ctx.cache[key] = found
        open_ = self._open_pledges(obs)
        if not open_:
            return found[0][:MENU], found[1][:MENU]
        offers: list[tuple[float, _Shaped]] = []
        requests: list[tuple[float, _Shaped]] = []
        for o in found[0]:
            if o[1].pledge not in open_:
                offers.append(o)
        for r in found[1]:
            if r[1].pledge not in open_:
                requests.append(r)
        return offers[:MENU], requests[:MENU]

    def _build_menu(self, ctx: Context, obs: Observation, other: Actor) -> Menu:
        me = self.actor
        read = self.level.reads_partner
        offers: list[tuple[float, str, str]] = []
        requests: list[tuple[float, str, str]] = []
        mine_ranked, theirs_ranked = self._ranked(other)
        for spec in mine_ranked:
            aid = spec.id  # read once: a read from a model is dear on CPython 3.11
            if not self.can(ctx, obs, me, aid):
                continue
            # what it is worth to us is priced only for an action we would offer (most touch the other little)
            theirs = self.valuer.action_value(ctx, other, me, aid) if read else 0.5
            if theirs > MIN_GAIN:
                mine = self.own_value(ctx, aid)
                # min(0.0, mine) and below max(0.0, mine), written out: a built-in call is dear on CPython 3.11
                offers.append((theirs + (mine if mine < 0.0 else 0.0), aid, "do"))
            elif read and theirs < -MIN_GAIN:
                mine = self.own_value(ctx, aid)
                would = _sigmoid(mine)
                if would > 0.15:
                    offers.append((-theirs * would - (mine if mine > 0.0 else 0.0) * would, aid, "refrain"))
        for spec in theirs_ranked:
            aid = spec.id
            if not self.can(ctx, obs, other, aid):
                continue
            gain = self.valuer.action_value(ctx, me, other, aid, self._priced_as)
            if gain > MIN_GAIN:
                requests.append((gain, aid, "do"))
            elif gain < -MIN_GAIN:
                would = _sigmoid(self.valuer.action_value(ctx, other, other, aid))
                if would > 0.15:
                    requests.append((-gain * would, aid, "refrain"))
        offers.sort(key=lambda o: -o[0])
        requests.sort(key=lambda r: -r[0])
        doubt = self.p_keep(ctx, me, other, self.facts(ctx, obs)[1]) < 0.65
        return (
            self._shaped(ctx, me, offers[: MENU + 3], doubt),
            self._shaped(ctx, other, requests[: MENU + 3], False),
        )

    def _ranked(self, other: Actor) -> tuple[list, list]:
        """Our actions that matter most to ``other`` and theirs that matter most to us, by their value in a
        neutral world (static, from the rules): only these are priced for a package each turn."""
        found = self._static["rank"].get(other)
        if found is None:
            me, v = self.actor, self.valuer
            read = self.level.reads_partner
            mine = [s for s in self.pledgeable.get(me, ()) if not read or v.touches(other, me, s.id)]
            if read:
                mine.sort(key=lambda s: -abs(v.prior(other, me, s.id)))
            # read under our personality as our prices see it (``priced_as``): where it leaves the objectives as
            # they are, these are the figures another seat ranking its own actions for us has worked out already
            theirs = [s for s in self.pledgeable.get(other, ()) if v.touches(me, other, s.id, self._priced_as)]
            theirs.sort(key=lambda s: -abs(v.prior(me, other, s.id, self._priced_as)))
            found = self._static["rank"][other] = (mine[:RANKED], theirs[:RANKED])
        return found

    def _shaped(
        self, ctx: Context, actor: Actor, entries: list[tuple[float, str, str]], doubted: bool
    ) -> list[tuple[float, _Shaped]]:
        """``entries`` (value, action, mode) as (value, ``_Shaped``): ``actor``'s clause with its sequencing,
        verification, duration and snap-back, by how far we trust the other side (``doubted``: our side, in
        doubt, moves only once theirs is verified, and our relief snaps back on a breach), and its terms.
        Clauses are immutable: one is built per distinct shape, its terms with it."""
        programs = self._static.get("program clauses")
        if programs is None:  # the actions a clause of which inspectors can verify
            programs = self._static["program clauses"] = {
                a: any(e.kind == "program" for e in spec.effects) for a, spec in self.specs.items()
            }
        inspected = ctx.access > 0
        left = ctx.left if ctx.left > 1 else 1
        duration = left + 1 if left + 1 < 24 else 24  # min(24, max(1, ctx.left) + 1), written out
        made = self._clauses
        shaped: list[tuple[float, _Shaped]] = []
        for value, action, mode in entries:
            verification = "inspection" if inspected and programs[action] else "national_means"
            shape: tuple = (actor, action, mode, verification, duration, doubted)
            found = made.get(shape)
            if found is None:  # (two threads may both build one: the same clause and terms, either kept)
                clause = _shaped_clause(actor, action, mode, verification, duration, doubted)
                found = made[shape] = _Shaped(clause, self._terms(clause))
            shaped.append((value, found))
        return shaped

    def _best_package(
        self, ctx: Context, obs: Observation, other: Actor, grudges: dict[Actor, int], rng: random.Random
    ) -> Package | None:
        """The best package for ``other`` and us: each offer with each request, and, where the pair holds a
        DPRK step no inspector could verify, the same pair with what would verify it. Each clause's terms
        (``_terms``) are read once per shape (``_Shaped``), not once per package it is in; the noise is drawn per
        package in order."""
        offers, requests = self._menu(ctx, obs, other)
        if not offers or not requests:
            return None
        margin = self._margin
        me = self.actor
        doubt = self.p_keep(ctx, me, other, grudges) < 0.65
        noise = self.level.noise * 0.5
        reads_partner = self.level.reads_partner
        best: Package | None = None
        for _, offer in offers:
            mine = offer.clause
            if not self._fits(obs, [offer.side] if offer.actor is me else []):  # _affordable(obs, (mine,))
                continue
            ours = offer.terms
            for _, request in requests:
                wanted = request.terms
                pair: tuple = (mine, request.clause)
                terms = _joined(ours, wanted)
                packages: list[tuple[tuple, Terms]] = [(pair, terms)]  # a longer pair may follow
                added = self._verifying_clauses(ctx, obs, terms[1], doubt)
                if added is not None:
                    verified = pair + added[0]
                    if me is not DPRK or self._affordable(obs, verified):
                        packages.append((verified, _joined(terms, added[1])))
                for clauses, terms in packages:
                    facts = self.package_facts(ctx, terms)
                    ev_me = self._priced(ctx, me, other, grudges, facts, terms) + _gauss(rng, 0, noise)
                    if ev_me <= margin:
                        continue
                    if reads_partner:
                        ev_other = self._priced(ctx, other, me, grudges, facts, terms)
                        if ev_other <= 0:
                            continue
                        score = ev_me * ev_other
                    else:
                        ev_other = 0.0
                        score = ev_me
                    if best is None or score > best[0]:
                        best = (score, ev_me, ev_other, other, clauses)
        return best

    def _verified(self, ctx: Context, obs: Observation, clauses, doubt: bool):
        """``clauses`` with what lets inspectors verify the DPRK's step in it: an inspection, and a
        declaration of the step's sites if none is made (rules.program confirms declared sites only).
        None when it holds no step, already verifies it, or verifying is out of the DPRK's reach."""
        added = self._verifying_clauses(ctx, obs, self._package_terms(clauses)[1], doubt)
        return None if added is None else tuple(clauses) + added[0]

    def _verifying_clauses(
        self, ctx: Context, obs: Observation, dprk_steps: tuple[str, ...], doubt: bool
    ) -> tuple[tuple[Clause, ...], Terms] | None:
        """The clauses ``_verified`` adds to a package with these DPRK steps and their terms, or None: the
        same for every package with these steps, worked out once a decision."""
        key: tuple = ("verified by", dprk_steps, doubt)
        added = ctx.cache.get(key, False)  # (False: not worked out yet)
        if added is False:
            shaped = self._verification(ctx, obs, dprk_steps, doubt)
            if shaped is None:
                added = ctx.cache[key] = None
            else:
                terms: Terms = ((), (), (), ())  # joined as ``_package_terms`` joins them
                for s in shaped:
                    terms = _joined(terms, s.terms)
                added = ctx.cache[key] = (tuple(s.clause for s in shaped), terms)
        return added

    def _verification(
        self, ctx: Context, obs: Observation, dprk_steps: tuple[str, ...], doubt: bool
    ) -> tuple[_Shaped, ...] | None:
        """The clauses ``_verified`` adds to a package with these DPRK steps (``_Shaped``), or None."""
        # loops over typed tables, not generators: compiled, each generator and unpacked item took the generic path
        steps: dict[str, frozenset[str]] = self._static["steps"]
        sites: frozenset[str] = frozenset()
        for a in dprk_steps:
            if a in steps:
                sites = sites | steps[a]
        if not sites or self._verifying_steps(ctx, dprk_steps) is not None:
            return None
        ours = self.actor is DPRK
        inspections: list[tuple[float, str]] = self._static["inspections"]
        possible: list[str] = []
        for _, a in inspections:  # the first the DPRK can take (the largest access)
            if self.can(ctx, obs, DPRK, a):
                possible.append(a)
                break
        if not possible:
            return None
        if not sites <= ctx.declared_sites:
            if obs.declared.made:
                return None  # its one declaration left them out
            declaration = next((a for a in self._static["declarations"] if self.can(ctx, obs, DPRK, a)), None)
            if declaration is None:
                return None
            possible.append(declaration)
        shaped = self._shaped(ctx, DPRK, [(0.0, a, "do") for a in possible], ours and doubt)
        return tuple([s for _, s in shaped])

    def _verifying_steps(self, ctx: Context, dprk_steps: tuple[str, ...]) -> Context | None:
        """The moment as inspectors would see it once a package with these DPRK steps had its inspection and
        declaration done, if they would verify a step (else None): once a decision for every package (and
        both sides' pricing of each) that holds them."""
        if not dprk_steps:
            return None
        key: tuple = ("verifying steps", dprk_steps)
        found = ctx.cache.get(key, False)
        if found is False:
            found = ctx.cache[key] = self._verifying_context(ctx, dprk_steps)
        return found

    def _verifying_context(self, ctx: Context, dprk_steps: tuple[str, ...]) -> Context | None:
        """The moment with the steps' sites declared and the package's inspection admitted, if inspectors
        could then verify a step; else None."""
        # the access the steps admit, their sites and whether one declares them hang on the steps alone
        read = self._static.get(("inspected", dprk_steps))
        if read is None:
            steps, admitted = self._static["steps"], self._static["admits"]
            read = self._static[("inspected", dprk_steps)] = (
                max((admitted.get(a, 0.0) for a in dprk_steps), default=0.0),
                frozenset().union(*(steps[a] for a in dprk_steps if a in steps)),
                any(a in self._static["declarations"] for a in dprk_steps),
            )
        inspection, sites, declares = read
        if not inspection or not sites:
            return None
        if not sites <= ctx.declared_sites and not declares:
            return None
        key: tuple = ("verifying", inspection, sites)
        found = ctx.cache.get(key)
        if found is None:
            found = ctx.cache[key] = ctx.verifying(inspection, sites)
        return found

    def _assurance(self, ctx: Context, access: float) -> float:
        """The chance that cheating on a step inspectors watch (a declared site, ``access`` points of
        inspection) comes out before the game ends, by the rules' detection hazard as we can judge it:
        what inspection adds to the trust a deal with the DPRK rests on."""
        key: tuple = ("assure", access)
        found = ctx.cache.get(key)
        if found is None:
            obs = ctx.obs
            found = ctx.cache[key] = (
                detection_odds(
                    obs, self.rules, self.level.risk_model, True, 0, ctx.left, self.intel_actions, access - ctx.access
                )
                if obs is not None
                else 0.0
            )
        return found

    def _terms(self, c: Clause) -> Terms:
        """What pricing a package reads of one of its clauses, as four tuples (a package's terms are its
        clauses' joined, ``_joined``): its shape (actor, action, mode, sequencing, snap-back: all that its
        worth to a side depends on besides the side's sheet, and its key there); the DPRK step it pledges;
        the country it has move first (a ``do`` clause ``upfront``); the allies' stake it holds."""
        # each field read once: a read from a model is dear on CPython 3.11
        actor, action, mode, sequencing = c.actor, c.action, c.mode, c.sequencing
        do = mode == "do"
        return (
            ((actor, action, mode, sequencing, c.snapback),),
            (action,) if do and actor is DPRK else (),
            (actor,) if do and sequencing == "upfront" else (),
            (action,) if action in self._static["stakes"] else (),
        )

    def _package_terms(self, clauses) -> Terms:
        """A package's terms (``_terms``)."""
        terms: Terms = ((), (), (), ())
        for c in clauses:
            terms = _joined(terms, self._terms(c))
        return terms

    def package_facts(self, ctx: Context, terms: Terms) -> PackageFacts:
        """What pricing a package reads of its ``terms`` besides its clauses' shapes, whichever side prices
        it: the moment its DPRK steps are priced in as inspectors would confirm them (``_verifying_steps``,
        or None) and that moment's access and declared sites, the countries that move first, and the allies'
        stakes it holds (C9, ``_decoupled``). A package priced for both sides passes them to both."""
        verifying = self._verifying_steps(ctx, terms[1]) if terms[1] else None
        verified_as = None if verifying is None else (verifying.access, verifying.declared_sites)
        return verifying, verified_as, terms[2], terms[3]

    def package_value(self, ctx: Context, who: Actor, clauses, other: Actor, grudges) -> float:
        """Expected points ``who`` gains from a package with ``other``: what ``other`` does, discounted by
        the chance it keeps its word, minus what ``who`` gives, which it pays only when it moves first."""
        terms = self._package_terms(clauses)
        return self._priced(ctx, who, other, grudges, self.package_facts(ctx, terms), terms)

    def _priced(self, ctx: Context, who: Actor, other: Actor, grudges, facts: PackageFacts, terms: Terms) -> float:
        """``package_value`` from the package's ``package_facts`` and its ``_terms``."""
        verifying, verified_as, upfront, stakes = facts
        # what pricing reads besides the clauses is set by the package's facts: one sheet per set of them
        cache = ctx.cache
        sheet_key: tuple = ("sheet", who, other, other in upfront, who in upfront, verified_as)
        found: Sheet | None = cache.get(sheet_key)
        if found is None:
            sheet = cache[sheet_key] = self._sheet(ctx, who, other, grudges, verifying, upfront)
        else:
            sheet = found
        values, appetite, unconsulted = sheet[0], sheet[1], sheet[2]
        decoupled: float | None | bool = cache.get(("C9", who, other, stakes), False)
        if decoupled is False:
            decoupled = self._decoupled(ctx, who, other, stakes)
        gains = costs = 0.0
        for shape in terms[0]:
            v: float | None = values.get(shape)
            if v is None:
                v = values[shape] = self._clause_value(ctx, sheet, shape)
            if v > 0:
                gains += v
            else:
                costs += v
        costs += unconsulted
        if decoupled is not None:
            costs += decoupled
        return gains * appetite + costs

    def _sheet(self, ctx: Context, who: Actor, other: Actor, grudges, verifying, upfront) -> Sheet:
        """What ``package_value`` reads besides the clauses and the allies' stakes they hold, for one side
        and one set of package facts: the clause values priced so far (a clause's worth is set by its
        terms and these facts), the appetite, the allies left out of any deal of the pair (``_unconsulted``),
        and what a clause's pricing needs (the chance ``other`` keeps its word, who moves first, the moment
        its DPRK steps are priced in)."""
        pk = self.p_keep(ctx, who, other, grudges)
        if verifying is not None and other is DPRK:  # its DPRK steps priced as inspectors would confirm them
            pk += (1 - pk) * self._assurance(ctx, verifying.access)  # trust, but verify
        appetite = self._appetite if who is self.actor else 1.0
        unconsulted = self._unconsulted(ctx, who, other)
        return {}, appetite, unconsulted, who, other, pk, other in upfront, who in upfront, verifying

    def _clause_value(self, ctx: Context, sheet: Sheet, shape: tuple) -> float:
        """One clause's worth to the sheet's side (``package_value``), from its shape (``_terms``)."""
        # item by item, not a slice or an unpacking of the shape: compiled, each item keeps its declared type
        who, other, pk, their_upfront, my_upfront, verifying = (
            sheet[3],
            sheet[4],
            sheet[5],
            sheet[6],
            sheet[7],
            sheet[8],
        )
        actor: Actor = shape[0]
        action: str = shape[1]
        mode: str = shape[2]
        sequencing: str = shape[3]
        snapback: bool = shape[4]
        cx = verifying if verifying is not None and actor is DPRK and action in self._static["steps"] else ctx
        if actor is who:
            u = self.own_value(cx, action) if who is self.actor else self.valuer.action_value(cx, who, who, action)
            if mode == "do":
                paid = 1.0 if sequencing == "upfront" or not their_upfront else pk
                v = u * paid
                if v < 0 and snapback:
                    v *= 1 - 0.5 * (1 - pk)
                return v
            return -(u if u > 0.0 else 0.0) * _sigmoid(u)  # max(0.0, u), written out
        u = self.valuer.action_value(cx, who, other, action)
        if mode == "do":
            delay = 0.85 if sequencing == "after_verification" and my_upfront else 1.0
            return u * pk * delay
        return -(u if u < 0.0 else 0.0) * _sigmoid(self.valuer.action_value(ctx, other, other, action)) * pk

    def _unconsulted(self, ctx: Context, who: Actor, other: Actor) -> float:
        """What a deal of ``who`` with ``other`` costs ``who`` in its alliances, whatever its terms: the
        allies left out of a deal with the DPRK (C12: rules.deals), once a decision per pair."""
        key: tuple = ("C12", who, other)
        found = ctx.cache.get(key)
        if found is None:
            costs = dict(unconsulted_costs(ctx.params, ctx.world, _flags(ctx), (who, other)))
            found = ctx.cache[key] = self.valuer.value(ctx, who, costs)
        return found

    def _decoupled(self, ctx: Context, who: Actor, other: Actor, stakes: tuple[str, ...]) -> float | None:
        """When a deal of ``who`` with ``other`` leaves an ally's stakes out, the cohesion that costs ``who``
        (C9: rules.alliances; None when nothing), once per pair and set of the allies' stakes the clauses
        hold (``stakes``: all that rule reads of them): ``_priced`` looks it up first."""
        left_out = decoupling(self.rules.world, self.params, (who, other), stakes)
        decoupled = ctx.cache[("C9", who, other, stakes)] = (
            self.valuer.value(ctx, who, {"m:" + k: v for k, v in left_out.items()}) if left_out else None
        )
        return decoupled

    def _feasible(self, ctx: Context, obs: Observation, clauses) -> bool:
        """We never accept to do what we cannot (a once-only action already taken, a failed condition)."""
        return all(
            c.actor is not self.actor or c.mode == "refrain" or self.can(ctx, obs, self.actor, c.action)
            for c in clauses
        )

    def respond(self, obs: Observation, legal: list[RespondOrder], rng: random.Random) -> Decision:
        ctx = self.context(obs)
        grudges = self.grudges(obs)
        margin = self._margin
        by_id = {p.id: p for p in obs.proposals}
        me = self.actor
        # Our offers and counters still unanswered bind us as soon as their recipient accepts: what we
        # accept now must fit with them, and with what we accept or offer earlier in this answer.
        in_flight = [
            c
            for p in obs.proposals
            if p.proposer is me and p.id not in obs.responses
            for c in p.clauses
            if c.actor is me
        ]
        answers: dict[str, tuple[RespondOrder, str]] = {}
        weighed = []
        for pid in obs.awaiting_response:
            prop = by_id[pid]
            other = prop.proposer
            name = ACTOR_NAMES[other]
            if other in grudges:
                answers[pid] = (
                    _trusted_respond(kind="respond", actor=me, proposal_id=pid, answer="reject", counter=()),
                    f"walked away from {name}: it broke a deal with us on turn {grudges[other]}",
                )
                continue
            if not self._feasible(ctx, obs, prop.clauses):
                answers[pid] = (
                    _trusted_respond(kind="respond", actor=me, proposal_id=pid, answer="reject", counter=()),
                    f"rejected {name}'s offer: it asks what we cannot do",
                )
                continue
            if not self._affordable(obs, prop.clauses, in_flight):
                answers[pid] = (
                    _trusted_respond(kind="respond", actor=me, proposal_id=pid, answer="reject", counter=()),
                    f"rejected {name}'s offer: we could not pay for our side, or it contradicts our other pledges",
                )
                continue
            ev = self.package_value(ctx, me, prop.clauses, other, grudges) + _gauss(rng, 0, self.level.noise * 0.5)
            if other in self._open_deal_with(obs):
                ev -= margin  # one package at a time: a second one must be worth twice the bar
            weighed.append((ev, pid, prop, other, name))
        # The best offers are settled first; a later one that contradicts them is turned down.
        for ev, pid, prop, other, name in sorted(weighed, key=lambda w: -w[0]):
            if ev > margin:
                if self._affordable(obs, prop.clauses, in_flight):
                    in_flight.extend(c for c in prop.clauses if c.actor is me)
                    answers[pid] = (
                        _trusted_respond(kind="respond", actor=me, proposal_id=pid, answer="accept", counter=()),
                        f"accepted {name}'s offer ({self._describe(prop.clauses)}): worth {ev:+.1f} to us",
                    )
                else:
                    answers[pid] = (
                        _trusted_respond(kind="respond", actor=me, proposal_id=pid, answer="reject", counter=()),
                        f"rejected {name}'s offer ({self._describe(prop.clauses)}): it contradicts, or we "
                        f"could not also pay for, what we agreed this turn",
                    )
                continue
            counter = None
            if self.level.counters and obs.phase is RESPOND:
                counter = self._counter(ctx, obs, prop, grudges, margin, in_flight)
            if counter is not None:
                in_flight.extend(c for c in counter if c.actor is me)
                answers[pid] = (
                    _trusted_respond(
                        kind="respond", actor=me, proposal_id=pid, answer="counter", counter=tuple(counter)
                    ),
                    f"countered {name}: {self._describe(counter)}",
                )
            else:
                answers[pid] = (
                    _trusted_respond(kind="respond", actor=me, proposal_id=pid, answer="reject", counter=()),
                    f"rejected {name}'s offer ({self._describe(prop.clauses)}): worth {ev:+.1f} to us",
                )
        ordered = [answers[pid] for pid in obs.awaiting_response]
        return Decision([o for o, _ in ordered], "; ".join(n for _, n in ordered) or "nothing to answer")

    def _counter(self, ctx, obs, prop, grudges, margin, in_flight=()):
        """Counter-offers: the same measures with the other side moving first; our costliest clause swapped
        for a cheaper one; or one more thing asked of them. Never one we could not keep alongside our
        pledges and this turn's other offers (``in_flight``)."""
        me, other = self.actor, prop.proposer
        clauses = tuple(prop.clauses)
        variants = []
        doubt = self.p_keep(ctx, me, other, grudges) < 0.65
        flipped = tuple(
            c.replace(sequencing="after_verification", snapback=True)
            if c.actor is me and c.mode == "do"
            else c.replace(sequencing="upfront")
            if c.mode == "do"
            else c
            for c in clauses
        )
        if flipped != clauses:
            variants.append(flipped)
        verified = self._verified(ctx, obs, clauses, doubt)
        if verified is not None:
            variants.append(verified)
        offers, requests = self._menu(ctx, obs, other)
        mine = [c for c in clauses if c.actor is me]
        if mine:
            costliest = min(mine, key=lambda c: self.own_value(ctx, c.action) if c.mode == "do" else 0.0)
            for _, offer in offers[:2]:
                if offer.action != costliest.action:
                    replaced = tuple(c for c in clauses if c is not costliest) + (offer.clause,)
                    variants.append(replaced)
        if len(clauses) < 6:
            for _, request in requests[:2]:
                if all(c.action != request.action or c.actor is not request.actor for c in clauses):
                    variants.append(clauses + (request.clause,))
        best = None
        for v in variants:
            if doubt:
                v = tuple(
                    c.replace(sequencing="after_verification", snapback=True) if c.actor is me and c.mode == "do" else c
                    for c in v
                )
            if not self._affordable(obs, v, in_flight):
                continue
            terms = self._package_terms(v)
            facts = self.package_facts(ctx, terms)
            ev_me = self._priced(ctx, me, other, grudges, facts, terms)
            if ev_me <= margin:
                continue
            ev_other = self._priced(ctx, other, me, grudges, facts, terms) if self.level.reads_partner else 1.0
            if ev_other <= 0:
                continue
            score = ev_me * ev_other
            if best is None or score > best[0]:
                best = (score, v)
        return best[1] if best else None

    def _describe(self, clauses) -> str:
        mine = [c for c in clauses if c.actor is self.actor]
        theirs = [c for c in clauses if c.actor is not self.actor]

        def say(c: Clause) -> str:
            name = _short(self.specs[c.action].name)
            text = f"a pledge not to {name}" if c.mode == "refrain" else name
            if c.mode == "do" and c.sequencing == "after_verification":
                text += " once verified"
            return text

        left = ", ".join(say(c) for c in mine) or "nothing"
        right = ", ".join(say(c) for c in theirs) or "nothing"
        return f"{left} for {right}"
