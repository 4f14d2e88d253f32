"""The deal loop reads each menu clause's terms once per shape (``_Shaped``) and joins them per package
(``_best_package``): a menu clause's terms must be its own (``_terms``), the
joined terms must be the package's own, and a package priced from them must be worth what
``package_value`` gives it, on the propose positions of real games."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController, _joined
from game.model.ids import Phase
from tests.helpers import heuristic_positions


def test_joined_terms_are_the_packages_own_and_price_alike(hanoi):
    packages = verified = 0
    for brain, obs, _ in heuristic_positions(hanoi, 5, 6, Phase.PROPOSE):
        assert isinstance(brain, HeuristicController)
        ctx = brain.context(obs)
        grudges = brain.grudges(obs)
        for other in brain._partners(obs, grudges):
            offers, requests = brain._menu(ctx, obs, other)
            doubt = brain.p_keep(ctx, brain.actor, other, grudges) < 0.65
            for _, mine in offers:
                for _, theirs in requests:
                    pair = (mine.clause, theirs.clause)
                    assert (mine.terms, theirs.terms) == (brain._terms(mine.clause), brain._terms(theirs.clause))
                    terms = _joined(mine.terms, theirs.terms)
                    assert terms == brain._package_terms(pair)
                    shown = [(pair, terms)]
                    added = brain._verifying_clauses(ctx, obs, terms[1], doubt)
                    if added is not None:
                        assert pair + added[0] == brain._verified(ctx, obs, pair, doubt)
                        shown.append((pair + added[0], _joined(terms, added[1])))
                        verified += 1
                    for clauses, joined in shown:
                        assert joined == brain._package_terms(clauses)
                        facts = brain.package_facts(ctx, joined)
                        for who, partner in ((brain.actor, other), (other, brain.actor)):
                            fresh = HeuristicController(brain.actor, brain.rules, brain.personality.name)
                            alone = fresh.package_value(fresh.context(obs), who, clauses, partner, grudges)
                            assert brain._priced(ctx, who, partner, grudges, facts, joined) == alone
                        packages += 1
    assert packages and verified
