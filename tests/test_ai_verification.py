"""Verified steps (issue 11, item 7): what inspectors can confirm is what the AI pays for, a hawk
credits little else, the deal composer offers the inspection and declaration a step needs, and the lab
counts the steps inspectors verified."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

from game.ai import HeuristicController
from game.ai.valuation import Context
from game.engine import Match
from game.lab.batch import verified_steps
from game.model.deals import Clause
from game.model.ids import Actor
from game.rules.turn import start_state
from game.views import rules_view

YONGBYON = frozenset({"yongbyon_reactor", "yongbyon_enrichment", "yongbyon_reprocessing"})


def _us(hanoi, personality):
    brain = HeuristicController(Actor.US, rules_view(hanoi), personality)
    obs = Match(hanoi, 3).observe(Actor.US)
    return brain, obs, brain.context(obs)


def test_a_hawk_credits_a_freeze_inspectors_cannot_verify_at_a_fraction(hanoi):
    """Nothing is declared and no inspector is in: the freeze is a claim. The hawk (verify 0.3) credits
    its denuclearization at 30%, the dealmaker (verify 1) in full; once the sites are declared and
    inspectors admitted both price it alike, higher than the claim."""
    worth = {}
    for name in ("dealmaker", "hawk"):
        brain, obs, ctx = _us(hanoi, name)
        claim = brain.valuer.action_value(ctx, Actor.US, Actor.DPRK, "freeze_yongbyon", brain.personality)
        verified = brain.valuer.action_value(
            ctx.verifying(25, YONGBYON), Actor.US, Actor.DPRK, "freeze_yongbyon", brain.personality
        )
        worth[name] = (claim, verified)
        assert verified > claim
    assert worth["hawk"][0] < worth["dealmaker"][0]
    assert abs(worth["hawk"][1] - worth["dealmaker"][1]) < 1e-9


def test_the_composer_adds_what_verifies_a_step(hanoi):
    """A package with a DPRK freeze gains an inspection and (nothing declared yet) a declaration; with
    them, the freeze is priced as verified and the partner's word counts for more (a cheat would be
    found), so the hawk values the verified package above the bare one by more than its added clauses."""
    brain, obs, ctx = _us(hanoi, "hawk")
    offer = Clause(actor=Actor.US, action="sanctions_exemption")
    freeze = Clause(actor=Actor.DPRK, action="freeze_yongbyon")
    package = brain._verified(ctx, obs, (offer, freeze), doubt=True)
    assert [c.action for c in package] == [
        "sanctions_exemption",
        "freeze_yongbyon",
        "accept_inspectors",
        "declare_partial",
    ]
    assert brain._verified(ctx, obs, package, doubt=True) is None  # already verifies its step
    bare = brain.package_value(ctx, Actor.US, (offer, freeze), Actor.DPRK, {})
    added = brain.package_value(ctx, Actor.US, (offer, *package[2:]), Actor.DPRK, {})
    alone = brain.package_value(ctx, Actor.US, (offer,), Actor.DPRK, {})
    assert brain.package_value(ctx, Actor.US, package, Actor.DPRK, {}) > bare + (added - alone)


def test_no_verification_for_sites_a_declaration_left_out(hanoi):
    """The DPRK's one declaration is made and left the sites out: inspectors could not verify them,
    so the composer adds nothing."""
    brain, obs, ctx = _us(hanoi, "hawk")
    obs = obs.model_copy(update={"declared": obs.declared.model_copy(update={"made": True})})
    ctx = Context(obs, brain.rules, Actor.US, brain.level.horizon)
    offer = Clause(actor=Actor.US, action="sanctions_exemption")
    assert brain._verified(ctx, obs, (offer, Clause(actor=Actor.DPRK, action="freeze_yongbyon")), True) is None


def _context_facts() -> list[str]:
    """The facts ``Context.__init__`` sets (``self.name = ...``), read from its source."""
    tree = ast.parse((Path(__file__).parents[1] / "game" / "ai" / "valuation.py").read_text())
    context = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Context")
    init = next(n for n in context.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    names = []
    for node in ast.walk(init):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                    names.append(t.attr)
    return sorted(set(names))


def test_a_verifying_context_holds_every_fact_of_the_moment_and_a_neutral_one_sets_each(hanoi):
    """``Context.copy`` (what ``verifying`` starts from) and ``Context.neutral`` set each fact a context
    built from an observation has: the copy the very objects (the same number, where a compiled context
    keeps it unboxed), but the cache and what verifying changes."""

    def same(a, b) -> bool:
        return a is b or (type(a) in (int, float) and type(a) is type(b) and a == b)

    brain, obs, ctx = _us(hanoi, "hawk")
    facts = _context_facts()
    assert len(facts) > 20 and "declared_sites" in facts
    verifying = ctx.verifying(25, YONGBYON)
    changed = {"cache", "access", "declared_sites"}
    assert all(same(getattr(verifying, name), getattr(ctx, name)) for name in facts if name not in changed)
    assert verifying.cache == {} and verifying.access == 25 and verifying.declared_sites == YONGBYON
    assert all(same(getattr(ctx.copy(), name), getattr(ctx, name)) for name in facts)
    neutral = Context.neutral(brain.rules, Actor.US)
    assert all(hasattr(neutral, name) for name in facts) and neutral.obs is None


def test_the_lab_counts_production_sites_verified_shut(hanoi):
    """A verified step is a site producing at the start, shut and verified so. The reactor, idle from
    the start, is none; a verified site secretly restarted is none any more."""
    match = Match(hanoi, 0)
    start = start_state(hanoi, None, match.dice)
    assert verified_steps(match, start) == 0
    sites = {s.id: s for s in start.program.sites}
    state = start.replace(
        program=start.program.replace(
            sites=tuple(
                s.replace(status="frozen" if s.id in YONGBYON else "restarted" if s.id == "kangson" else s.status)
                for s in start.program.sites
            )
        ),
        verified=start.verified.replace(
            sites={"yongbyon_reactor": "frozen", "yongbyon_enrichment": "frozen", "kangson": "frozen"}
        ),
    )
    assert sites["yongbyon_reactor"].status == "frozen"  # idle from the start
    assert verified_steps(SimpleNamespace(state=state), start) == 1  # the enrichment hall alone
