"""The hidden program: operations on the truth, production, estimates and detection."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Final

from ..model.construct import replaced
from ..model.ids import ACTOR_CODES, Actor, pair_key
from ..model.program import PRODUCING, Declaration, Range, Site
from ..model.scenario import WorldSpec
from .alliances import shares
from .numbers import round_to
from .ratchet import cheating_exposed, retightening
from .work import DPRK, Work

STOCKS: Final = ("warheads", "pu_kg", "heu_kg")
_PRODUCING: Final = PRODUCING  # the model's, as a Final name: compiled, a C static, not a read from the
# module's dict at every site (hidden_sites and produce ask it of each site, several times a turn)
MORATORIUM: Final = "moratorium"  # the flag a scenario sets while the DPRK's test moratorium holds


def observers(work: Work) -> list[Actor]:
    """The actors in play with an estimate of the program, in actor order (but the DPRK)."""
    watching = []
    for a in work.actors:  # a loop, not a comprehension: no function call (asked several times a turn)
        if a is not DPRK and a in work.estimates:
            watching.append(a)
    return watching


def hidden_sites(work: Work) -> list[Site]:
    """The sites with hidden activity, in site order: production the world does not know of, at a covert
    site or at a site claimed shut. One pass over the sites (production, detection and the leaks ask it
    every turn: a call per site was dear)."""
    claims = work.declared.site_status
    hidden = []
    for site in work.sites.values():
        if site.detected or site.status not in _PRODUCING:  # not ``site.producing``: a property is a call
            continue
        if site.covert or site.staged or claims.get(site.id) in _SHUT:
            hidden.append(site)
    return hidden


_SHUT: Final = ("frozen", "dismantled")  # the claims of a site that make its production hidden


# --------------------------------------------------------------------------- operations
# One function per operation, all (work, site, actor, amount, actors, cause); rules.kinds.PROGRAM_OPS
# lists them with their checks, descriptions and what the AI expects of them.
def op_freeze(
    work: Work, site: Site, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _set_site(work, site, status="frozen", staged=False, claim="frozen")


def op_dismantle(
    work: Work, site: Site, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _set_site(work, site, status="dismantled", staged=False, claim="dismantled")


def op_stage_dismantle(
    work: Work, site: Site, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _set_site(work, site, staged=True, claim="dismantled")


def op_restart(
    work: Work, site: Site, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    if site.status in ("frozen", "dismantled"):
        _set_site(work, site, status="restarted")


def op_declare_full(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _declare(work, full=True)


def op_declare_partial(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _declare(work, full=False)


def op_inspect(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _inspect(work, amount, cause)


def op_covert_production(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    work.surge = True


def op_nuclear_test(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    prove_delivery(work, "nuclear_test")
    _reveal_floor(work, "warheads", work.warheads * work.params["nuclear_test_reveal"])


# --- issue 11 (w3a): the missile ladder and what readiness does ------------------------------------------
Operation = Callable[[Work, Site | None, Actor | None, float, list[Actor] | None, str], None]


def delivery_test(test: str) -> Operation:
    """The operation of a missile test of kind ``test`` (``short_range_test``, ``slbm_test``,
    ``mrbm_test``, ``icbm_test``): it proves delivery (``prove_delivery``) and nothing else."""

    def op(
        work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
    ) -> None:
        prove_delivery(work, test)

    return op


def readiness_gain(params: Mapping[str, float], test: str) -> float:
    """Missile readiness one test of kind ``test`` (a program operation: ``short_range_test`` ...
    ``nuclear_test``) adds, its ``<test>_readiness`` parameter: the rung's place on the ladder."""
    return params[f"{test}_readiness"]


def prove_delivery(work: Work, test: str) -> None:
    """A test proves the force: readiness rises by the rung's gain, up to 100."""
    readiness = work.missile_readiness + readiness_gain(work.params, test)
    work.missile_readiness = readiness if readiness < 100.0 else 100.0  # min(100.0, readiness)


def rust_readiness(work: Work) -> None:
    """An unproven force loses credibility: readiness falls by ``readiness_decay`` every turn (crews
    unexercised, designs untested), so only tests keep it up. Runs with production, after the orders."""
    readiness = work.missile_readiness - work.params["readiness_decay"]
    work.missile_readiness = readiness if readiness > 0.0 else 0.0  # max(0.0, readiness)


def deterrent_credibility(params: Mapping[str, float], readiness: float) -> float:
    """How much of the arsenal counts as a deterrent (0..1): the share ``readiness_deterrence`` of it that
    rests on proven delivery counts in proportion to missile readiness, the rest regardless. Scales the
    ``arsenal`` objective (rules.scoring); at ``readiness_deterrence`` 0 readiness is worth nothing."""
    share = params["readiness_deterrence"]
    readiness = readiness if readiness < 100.0 else 100.0  # max(0.0, min(100.0, readiness)) by comparisons
    readiness = readiness if readiness > 0.0 else 0.0
    return 1.0 - share + share * readiness / 100.0


# --- end w3a ------------------------------------------------------------------------------------------------


def op_surrender_warheads(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _surrender(work, int(amount))


def op_intel_collection(
    work: Work, site: Site | None, actor: Actor, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    _collect(work, actor, amount)


def op_leak(
    work: Work, site: Site | None, actor: Actor | None, amount: float, actors: list[Actor] | None, cause: str
) -> None:
    hidden = hidden_sites(work)  # refining estimates moves no site: the same for every learner
    for learner in actors or observers(work):
        if learner in work.estimates:
            refine(work, learner, work.params["intel_quality"])
            _raise_suspicion(work, learner, work.params["leak_suspicion"], hidden)


def _set_site(
    work: Work, site: Site, status: str | None = None, staged: bool | None = None, claim: str | None = None
) -> None:
    update: dict[str, str | bool] = {}
    if status is not None:
        update["status"] = status
    if staged is not None:
        update["staged"] = staged
    if claim is not None and not site.covert:
        work.declared = replaced(work.declared, {"site_status": {**work.declared.site_status, site.id: claim}})
    work.sites[site.id] = replaced(site, update)


def _declare(work: Work, full: bool) -> None:
    """Record what the declaration claims: the sites listed and a share of the stocks. What it leaves
    out (the covert sites, the rest of the stocks) is what detection and inspection may later expose
    as a breach of it (``declaration_breached``)."""
    fraction = 1.0 if full else work.params["partial_declaration_fraction"]
    listed = [s for s in work.sites.values() if full or not s.covert]
    for s in listed:
        work.sites[s.id] = replaced(s, {"declared": True, "covert": False})
    hidden_left = any(s.covert for s in work.sites.values())
    claimed = {
        "warheads": int(work.warheads * fraction),
        "pu_kg": round(work.pu_kg * fraction, 1),
        "heu_kg": round(work.heu_kg * fraction, 1),
    }
    work.declared = replaced(
        work.declared,
        {
            "made": True,
            "complete": full and not hidden_left,
            **claimed,
            "sites": tuple(s.id for s in listed),
            "site_status": {
                **{s.id: s.status if s.status != "restarted" else "frozen" for s in listed},
                **work.declared.site_status,
            },
            "omitted": {
                stock: round(float(getattr(work, stock) - amount), 3)
                for stock, amount in claimed.items()
                if getattr(work, stock) - amount > 1e-9
            },
        },
    )
    # A declaration is a floor for every estimate: nobody believes the DPRK overstates.
    for stock in STOCKS:
        _reveal_floor(work, stock, getattr(work.declared, stock))


def _inspect(work: Work, amount: float, cause: str) -> None:
    access = max(0.0, min(100.0, work.verified.inspection_access + amount))
    if amount <= 0:  # inspectors expelled or restricted: access falls, nothing is inspected
        work.verified = replaced(work.verified, {"inspection_access": access})
        return
    statuses = dict(work.verified.sites)
    for site_id in work.declared.sites:
        site = work.sites[site_id]
        if site.staged or site.status == "restarted":
            continue  # inspectors cannot confirm what is not so; detection may expose it
        statuses[site_id] = site.status
    work.verified = replaced(
        work.verified, {"inspection_access": access, "sites": statuses, "inspections": work.verified.inspections + 1}
    )
    quality = access / 100 * work.params["inspection_quality"]
    for learner in observers(work):
        refine(work, learner, quality)
    _audit_declaration(work, quality)


def _audit_declaration(work: Work, quality: float) -> None:
    """Inspectors compare the declared stocks with what they find: with a chance of the inspection's
    quality, they establish the stocks a partial declaration left out (once)."""
    declared = work.declared
    if not declared.omitted or "stocks" in declared.breaches:
        return
    if work.dice.roll(work.turn, "audit", work.verified.inspections) < quality:
        shown = ", ".join(f"{amount:g} {STOCK_WORDS[stock]}" for stock, amount in declared.omitted.items())
        declaration_breached(work, "stocks", f"inspectors find stocks it left out ({shown})")


STOCK_WORDS: Final = {"warheads": "warheads", "pu_kg": "kg of plutonium", "heu_kg": "kg of enriched uranium"}


# --------------------------------------------------------------------------- declarations (C3)
def omitted_from_declaration(declared: Declaration, site: Site) -> bool:
    """Whether a declaration has been made that leaves ``site`` out, not yet shown."""
    return declared.made and site.id not in declared.sites and site.id not in declared.breaches


def declaration_breach_consequences(params: Mapping[str, float], audience: Iterable[Actor]) -> list[tuple[str, float]]:
    """What a declaration shown incomplete costs the DPRK, as (meter, delta) with trust as ``trust.A-B``:
    the trust of everyone told, the nonproliferation norm it mocked, and the sanctions regime (a
    declaration proven false makes new measures easier). The sizes are C3's parameters."""
    out = [
        ("npt_norm", -params["declaration_breach_norm"]),
        ("sanctions_regime", params["declaration_breach_sanctions"]),
    ]
    out += [(f"trust.{pair_key(learner, DPRK)}", -params["declaration_breach_trust_loss"]) for learner in audience]
    return out


def declaration_breached(work: Work, omission: str, text: str) -> None:
    """An omission from the DPRK's declaration is established (a covert site exposed, stocks found by
    inspectors): a named breach of the declaration, in the news and the ledger, with its consequences."""
    work.declared = replaced(work.declared, {"breaches": (*work.declared.breaches, omission)})
    cause = f"declaration:{omission}"
    label = "breach of the declaration: it omitted " + ("stocks" if omission == "stocks" else work.sites[omission].name)
    work.report(f"North Korea's declaration is shown to be incomplete: {text}.", "public", cause)
    cheating_exposed(work.flags)  # C5: the ratchet holds back the sanctions this calls for under peace
    apply_consequences(work, declaration_breach_consequences(work.params, observers(work)), cause, label)


def apply_consequences(work: Work, consequences: list[tuple[str, float]], cause: str, label: str) -> None:
    """Apply public (meter, delta) consequences, trust written ``trust.A-B``, with their cause; a tightening
    of sanctions goes as far as C5's ratchet lets it (``rules.ratchet``)."""
    for meter, delta in consequences:
        if meter.startswith("trust."):
            work.add_trust_key(meter[6:], delta, cause, label)  # a pair key already (``ids.pair_key``)
        else:
            work.add(meter, retightening(work.meters, work.params, work.world, meter, delta, work.flags), cause, label)


def _surrender(work: Work, count: int) -> None:
    count = max(0, min(count, work.warheads))
    if not count:
        return
    work.warheads -= count
    work.verified = replaced(work.verified, {"warheads_surrendered": work.verified.warheads_surrendered + count})
    for learner in observers(work):
        belief = work.estimates[learner]
        w = belief.warheads
        belief.warheads = Range(max(0.0, w.low - count), max(0.0, w.high - count), w.confidence)


def _collect(work: Work, actor: Actor, amount: float) -> None:
    belief = work.estimates.get(actor)
    if belief is None:
        return
    effort = belief.intel_effort + amount
    effort = belief.intel_effort = effort if effort < 100.0 else 100.0  # min(100.0, effort)
    refine(work, actor, work.params["intel_quality"] * (0.5 + effort / 200))
    _raise_suspicion(work, actor, work.params["collection_suspicion"] * effort / 100, hidden_sites(work))


def _reveal_floor(work: Work, stock: str, floor: float | None) -> None:
    if floor is None:
        return
    floor = float(floor)  # a declared count is an int; an int in a Range would change the hash after a save
    for learner in observers(work):
        belief = work.estimates[learner]
        r: Range = getattr(belief, stock)
        if r.low < floor:
            setattr(belief, stock, Range(floor, max(r.high, floor), r.confidence))


def _raise_suspicion(work: Work, learner: Actor, amount: float, hidden: list[Site]) -> None:
    """``learner`` suspects each site of ``hidden`` (``hidden_sites``) ``amount`` more, up to 1."""
    if not hidden:
        return
    belief = work.estimates[learner]
    suspicion = dict(belief.suspicion)
    for site in hidden:
        raised = suspicion.get(site.id, 0.0) + amount
        suspicion[site.id] = raised if raised < 1.0 else 1.0  # min(1.0, raised)
    belief.suspicion = suspicion


# --------------------------------------------------------------------------- estimates
def refine(work: Work, learner: Actor, quality: float) -> None:
    """Move ``learner``'s ranges toward the truth by ``quality`` (0..1), with noise."""
    if not quality <= 1.0:  # max(0.0, min(1.0, quality)) by comparisons (a NaN, too, becomes 1.0)
        quality = 1.0
    elif not quality > 0.0:
        quality = 0.0
    belief = work.estimates[learner]
    n = work.estimate_updates[learner] = work.estimate_updates.get(learner, 0) + 1
    doubt = 1 - quality
    sigma, spread, dice = 0.25 * doubt, 0.15 + 0.5 * doubt, work.dice
    key = f"{work.turn}:estimate:{ACTOR_CODES[learner]}:{n}:"  # + the stock: Dice.gauss's key, joined once
    # one stock at a time, each with its own keyed draw (the draws do not depend on their order)
    belief.warheads = _refined(belief.warheads, work.warheads, quality, spread, dice.gauss_at(sigma, key + "warheads"))
    belief.pu_kg = _refined(belief.pu_kg, work.pu_kg, quality, spread, dice.gauss_at(sigma, key + "pu_kg"))
    belief.heu_kg = _refined(belief.heu_kg, work.heu_kg, quality, spread, dice.gauss_at(sigma, key + "heu_kg"))


def _refined(old: Range, truth: float, quality: float, spread: float, noise: float) -> Range:
    """One stock's range moved toward ``truth`` by ``quality``, its centre off by ``noise`` (a share of it).
    ``truth`` is a float here (the warheads, an int, enter only products with floats, which convert them
    as they are converted here); the bounds by comparisons: min and max are keyword-parsing builtins."""
    old_low, old_high, old_confidence = old[0], old[1], old[2]  # by index: unpacking a named tuple iterates it
    center = truth * (1 + noise)
    half = truth * spread
    if not half > 1.0:  # max(1.0, half)
        half = 1.0
    low = old_low + quality * (center - half - old_low)
    high = old_high + quality * (center + half - old_high)
    if high < low:  # low = max(0.0, min(low, high))
        low = high
    if not low > 0.0:
        low = 0.0
    top = high if high > low else low  # max(low, high)
    confidence = round_to(old_confidence + quality * (1 - old_confidence) * 0.6, 4)
    return _new_tuple(Range, (round_to(low, 2), round_to(top, 2), confidence))


def widen_estimates(work: Work) -> None:
    """Without news, uncertainty grows: the program may have produced more since."""
    widening = work.params["estimate_widening"]
    wider, surer = 1 + widening, 1 - widening  # the same factors for every stock of every learner
    for learner in observers(work):
        belief = work.estimates[learner]
        # each stock's high end grows by what it may add a turn (a warhead, 2 kg of plutonium, 2 of uranium);
        # the three Ranges read by index and rebuilt in place, not read by name (a generic attribute read) nor
        # unpacked (compiled, a named tuple is unpacked by iterating it)
        w, p, h = belief.warheads, belief.pu_kg, belief.heu_kg
        w_low, w_high, w_confidence = w[0], w[1], w[2]
        p_low, p_high, p_confidence = p[0], p[1], p[2]
        h_low, h_high, h_confidence = h[0], h[1], h[2]
        belief.warheads = _new_tuple(Range, (w_low, round_to(w_high * wider + 1, 2), round_to(w_confidence * surer, 4)))
        belief.pu_kg = _new_tuple(Range, (p_low, round_to(p_high * wider + 2, 2), round_to(p_confidence * surer, 4)))
        belief.heu_kg = _new_tuple(Range, (h_low, round_to(h_high * wider + 2, 2), round_to(h_confidence * surer, 4)))


# A Range built from a tuple of its fields, skipping the named tuple's keyword-taking __new__ (a turn's
# estimates make dozens).
_new_tuple: Final = tuple.__new__


# --------------------------------------------------------------------------- production
def produce(work: Work) -> None:
    """Active sites produce material; material is assembled into warheads."""
    surge = work.params["surge_multiplier"] if work.surge else 1.0
    share = moratorium_share(work.params, work.flags)
    hidden = [s.id for s in hidden_sites(work)]  # counting a site's hidden turns hides no other site
    for site in work.sites.values():  # replacing a site's value is no change of the dict's size
        if site.status not in _PRODUCING:
            continue
        factor = share * (surge if (site.covert or site.status == "restarted") else 1.0)
        work.pu_kg += site.pu_rate * factor
        work.heu_kg += site.heu_rate * factor
        if site.id in hidden:
            work.sites[site.id] = replaced(site, {"covert_turns": site.covert_turns + 1})
    pu_per, heu_per = work.params["pu_per_warhead"], work.params["heu_per_warhead"]
    for _ in range(int(work.params["assembly_per_turn"])):
        if work.pu_kg >= pu_per:
            work.pu_kg -= pu_per
        elif work.heu_kg >= heu_per:
            work.heu_kg -= heu_per
        else:
            break
        work.warheads += 1
    work.pu_kg = round_to(work.pu_kg, 3)
    work.heu_kg = round_to(work.heu_kg, 3)
    work.surge = False


def moratorium_share(params: Mapping[str, float], flags: Collection[str]) -> float:
    """Share of the sites' production that goes on this turn: all of it, unless a test moratorium holds
    and ``moratorium_production`` (C2) says a freeze of testing also slows production (at 0, stops it)."""
    return params["moratorium_production"] if MORATORIUM in flags else 1.0


def site_weight(essential: float, produces: bool, params: Mapping[str, float]) -> float:
    """How much one site counts toward verified denuclearization (C3): its essential value at
    ``essential_weighting`` 1; at 0, one production site among others, and nothing if it produces nothing."""
    w = params["essential_weighting"]
    return w * essential + (1 - w) * (1.0 if produces else 0.0)


# --------------------------------------------------------------------------- detection
def detection_hazard(
    params: Mapping[str, float],
    inspection_access: float,
    declared: bool,
    suspicion: float,
    intel_effort: float,
    covert_turns: int,
) -> float:
    """Per-turn chance that one observer finds hidden activity at one site: it grows with inspection
    access (a quarter as much at an undeclared site), intelligence effort times the observer's
    suspicion of the site, and the time the activity has gone on. The AI weighs its risk with this."""
    access = inspection_access / 100 if declared else inspection_access / 400
    hazard = (
        params["detect_base"]
        + params["detect_intel"] * intel_effort / 100 * suspicion
        + params["detect_inspection"] * access
    ) * (1 + params["detect_time_growth"] * covert_turns)
    cap = params["detect_max"]
    return hazard if hazard < cap else cap  # min(cap, hazard)


def detection_chance(work: Work, observer: Actor, site: Site) -> float:
    """``detection_hazard`` for ``observer`` and ``site`` in this turn's world."""
    est = work.estimates[observer]
    return detection_hazard(
        work.params,
        work.verified.inspection_access,
        site.declared,
        est.suspicion.get(site.id, 0.1),
        est.intel_effort,
        site.covert_turns,
    )


def run_detection(work: Work) -> list[tuple[Actor, Site]]:
    """Roll detection for every hidden activity and every observer, in fixed order.
    Returns (detector, site) for each exposure; the caller applies consequences."""
    found: list[tuple[Actor, Site]] = []
    watching = observers(work)  # the rolls change no estimate: the same observers for every site
    for site in hidden_sites(work):
        for observer in watching:
            if work.estimates[observer].suspicion.get(site.id, 0.0) >= 1.0:
                continue  # already knows
            roll = work.dice.roll_at(f"{work.turn}:detect:{site.id}:{ACTOR_CODES[observer]}")
            if roll < detection_chance(work, observer, site):
                found.append((observer, site))
                break
    return found


def detection_is_public(detector: Actor, world: WorldSpec) -> bool:
    """Whether an exposure by ``detector`` is made public (``world.private_detectors`` keep theirs)."""
    return detector not in world.private_detectors


def learners(detector: Actor, actors: Iterable[Actor], world: WorldSpec, flags: Collection[str]) -> tuple[Actor, ...]:
    """Who learns of what ``detector`` finds (itself and those it shares with, ``world``, while the pact
    a pair's sharing needs stands: ``rules.alliances.shares``), among ``actors`` (those in play with an
    estimate)."""
    sharers = (a for a in world.intelligence_sharing.get(detector, ()) if shares(world, detector, a, flags))
    return tuple(a for a in (detector, *sharers) if a in actors)


def exposure_consequences(
    params: Mapping[str, float], world: WorldSpec, detector: Actor, audience: tuple[Actor, ...]
) -> list[tuple[str, float]]:
    """The public consequences of an exposure by ``detector`` told to ``audience``, as (meter, delta)
    with trust as ``trust.A-B``: tension and the UN regime rise, the alliances close ranks, the patron
    cools toward the DPRK, and everyone told trusts the DPRK less. Nothing moves when a private
    detector finds it."""
    if not detection_is_public(detector, world):
        return []
    cohesion = params["detection_cohesion"]
    out = [
        ("tension", params["detection_tension"]),
        ("sanctions_regime", params["detection_sanctions"]),
        *((f"cohesion.{pair}", cohesion) for pair in world.alliances),
        (f"cohesion.{world.patron}", -cohesion),
    ]
    out += [(f"trust.{pair_key(learner, DPRK)}", -params["detection_trust_loss"]) for learner in audience]
    return out


def expose(work: Work, detector: Actor, site: Site) -> tuple[Actor, ...]:
    """Apply a detection: who learns, what they believe now. Returns the audience."""
    audience = learners(detector, work.estimates, work.world, work.flags)
    if detection_is_public(detector, work.world):
        work.sites[site.id] = replaced(site, {"detected": True, "covert": False})
    for learner in audience:
        belief = work.estimates[learner]
        belief.suspicion = {**belief.suspicion, site.id: 1.0}
        refine(work, learner, work.params["intel_quality"])
    return audience
