"""Views are whitelists: no actor's observation changes when another actor's secrets change."""

import pytest

from game.ai.runner import make_controllers, step
from game.engine import Match
from game.model.control import ControlSetup, ResolveTurn
from game.model.ids import Actor, Phase
from game.model.log import MeterChange, NewsItem
from game.model.orders import ActionOrder
from game.model.program import Range
from game.views import Observer, observe
from game.views.public import public_view
from tests.helpers import play_orders, skip_diplomacy


def played_state(mini):
    m = Match(mini, 11)
    brains = make_controllers(m, {a: "random" for a in Actor})
    while len(m.turns) < 2:
        step(m, brains)
    skip_diplomacy(m)
    m.order(Actor.US, [ActionOrder(actor=Actor.US, action="intel")])  # a sealed order, still secret
    return m


def with_secrets_changed(state, owner: Actor):
    """The same state with everything private to ``owner`` changed."""
    update = {"capital": {**state.capital, owner: state.capital.get(owner, 0) + 3}}
    cable = NewsItem(turn=state.turn, text=f"secret cable for {owner.value}", audience=(owner,), source="test")
    update["news"] = state.news + (cable,)
    update["changes"] = state.changes + (
        MeterChange(meter="tension", delta=1.0, cause="secret", label="secret", audience=(owner,)),
        MeterChange(meter="trust.US-DPRK", delta=2.0, cause="secret-trust", label="secret", audience=(owner,)),
    )
    if owner is Actor.DPRK:
        prog = state.program
        sites = tuple(
            s.replace(covert_turns=s.covert_turns + 5, pu_rate=s.pu_rate + 3, staged=not s.staged) for s in prog.sites
        )
        update["program"] = prog.replace(
            warheads=prog.warheads + 17,
            pu_kg=prog.pu_kg + 9,
            heu_kg=prog.heu_kg + 99,
            missile_readiness=3.0,
            sites=sites,
        )
        update["declared"] = state.declared.replace(complete=not state.declared.complete)
        update["commitments"] = tuple(
            c.replace(breach_hidden=True) if c.clause.actor is Actor.DPRK and c.state == "fulfilled" else c
            for c in state.commitments
        )
    else:
        est = state.estimates[owner]
        update["estimates"] = {
            **state.estimates,
            owner: est.replace(
                warheads=Range(1, 99, 0.9), intel_effort=77.0, suspicion={**est.suspicion, "hidden": 0.77}
            ),
        }
        if state.phase is Phase.ORDERS:
            update["orders"] = {**state.orders, owner: (ActionOrder(actor=owner, action="tighten"),)}
    return state.replace(**update)


@pytest.mark.parametrize("owner", list(Actor))
def test_no_observation_changes_when_another_actors_secrets_change(mini, owner):
    m = played_state(mini)
    changed = with_secrets_changed(m.state, owner)
    assert changed != m.state
    # An Observer shares parts between viewers and between states: one that has just shown the owner
    # its secrets must show the others exactly what a fresh observation shows them.
    shared = Observer()
    for viewer in Actor:
        observe(m.state, mini, viewer, shared)
    observe(changed, mini, owner, shared)
    for viewer in Actor:
        if viewer is owner:
            continue
        before = observe(m.state, mini, viewer).model_dump_json()
        after = observe(changed, mini, viewer).model_dump_json()
        assert before == after, f"{viewer.value} sees a change in {owner.value}'s secrets"
        assert observe(changed, mini, viewer, shared).model_dump_json() == after, viewer
    # ...while the owner itself does see them (the test changes something real).
    assert observe(m.state, mini, owner) != observe(changed, mini, owner)


@pytest.mark.parametrize(
    "actor, action, pair, audience",
    [
        (Actor.DPRK, "kim_letter", "trust.US-DPRK", (Actor.DPRK, Actor.US)),
        (Actor.PRC, "prc_lifeline", "trust.DPRK-PRC", (Actor.PRC, Actor.DPRK)),
    ],
)
def test_a_private_actions_trust_change_carries_its_audience(hanoi, actor, action, pair, audience):
    """Trust is public, the cause of its change is not: a letter seen by two governments moves trust in
    everyone's view, but only those two see why (the others get 'causes not known to you')."""
    m = Match(hanoi, 3)
    play_orders(m, {actor: [action]})
    cause = f"{actor.value}:{action}"
    trust_changes = [c for c in m.state.changes if c.cause == cause and c.meter == pair]
    assert trust_changes and all(set(c.audience) == set(audience) for c in trust_changes)
    for viewer in Actor:
        seen = {c.cause for c in observe(m.state, hanoi, viewer).changes}
        assert (cause in seen) == (viewer in audience), viewer
    assert cause not in {c.cause for c in public_view(m.state, hanoi).changes}


def test_facilitator_sees_everything(mini):
    m = played_state(mini)
    god = observe(m.state, mini, None)
    assert god.program == m.state.program
    assert set(god.estimates) == set(m.state.estimates)
    assert set(god.capital) == set(m.state.actors)
    assert len(god.news) == len(m.state.news)


def test_observations_hold_no_truth_for_others(mini):
    m = played_state(mini)
    us = observe(m.state, mini, Actor.US)
    assert us.program is None and set(us.estimates) == {Actor.US} and set(us.capital) == {Actor.US}
    assert observe(m.state, mini, Actor.DPRK).program == m.state.program


def test_rules_view_shows_the_variant_in_play(mini):
    from game.views import rules_view

    plain = rules_view(mini)
    varied = rules_view(mini, "peace_first")
    assert plain.variant is None and varied.variant == "peace_first"
    assert varied.parameters["peace_enforcement_erosion"] == 4
    assert plain.parameters["peace_enforcement_erosion"] == mini.parameters["peace_enforcement_erosion"].value
    assert varied.capital_cap == mini.capital_cap
    # What the AI reads as the rules is what the game plays by.
    assert Match(mini, 1, "peace_first").state.parameters == varied.parameters
    with pytest.raises(ValueError, match="no variant"):
        rules_view(mini, "nonesuch")


@pytest.mark.parametrize(
    ("scenario", "seats", "seed", "control"),
    [
        ("mini", "heuristic", 4, None),
        ("mini", "heuristic", 4, ControlSetup()),
        ("hanoi", "random", 0, None),
        ("hanoi", "random", 1, None),
    ],
    ids=["plain", "facilitated", "hanoi-random-0", "hanoi-random-1"],
)
def test_a_match_observes_what_a_fresh_observation_shows(request, scenario, seats, seed, control):
    """The match's Observer reuses what it built for earlier states and other viewers (the news filtered
    once per tail for every viewer, the known sites kept across states); at every step of a game each
    seat's observation, and the god view, is the one built from the state alone (in a facilitated game
    too, whose public clock tells when every seat has given its orders)."""
    sc = request.getfixturevalue(scenario)
    m = Match(sc, seed, control=control)
    brains = make_controllers(m, {a: seats for a in Actor})
    cables = 0
    while not m.over:
        for viewer in (*m.state.actors, None):
            assert m.observe(viewer) == observe(m.state, sc, viewer), (m.state.turn, m.phase, viewer)
        cables += sum(n.audience != "public" for n in m.state.news)
        if m.awaiting_control():
            m.control(ResolveTurn(), "accepted")
        else:
            assert step(m, brains)
    assert cables > 0  # the news held cables, which only some viewers see


def test_a_new_declaration_keeps_the_site_views_it_leaves_as_they_were(mini):
    """Sites whose public fields a new declaration or verified record leaves alike keep their views (shared
    by the observer between states); those it changes are rebuilt, and every view is a fresh one's."""
    m = played_state(mini)
    state = m.state
    shared = Observer()
    before = {v: observe(state, mini, v, shared).sites for v in Actor}
    first = next(s.id for s in state.program.sites if not s.covert and s.id not in state.verified.sites)
    status = "dismantled" if state.declared.site_status.get(first) != "dismantled" else "frozen"
    declared = state.declared.replace(made=True, site_status={**state.declared.site_status, first: status})
    changed = state.replace(declared=declared, verified=state.verified.replace())
    for viewer in Actor:
        after = observe(changed, mini, viewer, shared)
        assert after == observe(changed, mini, viewer), viewer
        for old, new in zip(before[viewer], after.sites):
            assert (new is old) == (new.id != first), (viewer, new.id)
