"""The public (projector) view: a whitelist of public fields that no secret can change."""

import pytest

from game.ai.runner import make_controllers, step
from game.engine import Match
from game.model.ids import Actor, Phase
from game.model.log import MeterChange, NewsItem
from game.model.orders import ActionOrder
from game.model.program import Range
from game.model.public import PublicView
from game.views import observe
from game.views.public import public_view
from tests.helpers import skip_diplomacy

PRIVATE_FIELDS = {
    "viewer",
    "capital",
    "estimates",
    "program",
    "proposals",
    "awaiting_response",
    "responses",
    "own_orders",
}


def played(mini, seed=11):
    """Two AI turns, then diplomacy skipped and one sealed US order: a state with news, cables, deals."""
    m = Match(mini, seed)
    brains = make_controllers(m, {a: "random" for a in Actor})
    while len(m.turns) < 2:
        step(m, brains)
    skip_diplomacy(m)
    m.order(Actor.US, [ActionOrder(actor=Actor.US, action="intel")])
    return m


def every_secret_changed(state):
    """The same state with every actor's secrets changed: the DPRK's true program and covert sites, the
    completeness of its declaration, hidden breaches, every estimate, every actor's capital, sealed
    orders, private cables and private meter and trust changes."""
    prog = state.program
    sites = tuple(
        s.replace(
            covert_turns=s.covert_turns + 5,
            pu_rate=s.pu_rate + 3,
            staged=not s.staged,
            status="restarted" if s.covert and not s.detected else s.status,
        )
        for s in prog.sites
    )
    cables = tuple(
        NewsItem(turn=state.turn, text=f"secret cable for {a.value}", audience=(a,), source="test") for a in Actor
    )
    private_changes = tuple(
        MeterChange(meter=meter, delta=1.0, cause="secret", label="secret", audience=(a,))
        for a in Actor
        for meter in ("tension", "trust.US-DPRK")
    )
    return state.replace(
        program=prog.replace(
            warheads=prog.warheads + 17,
            pu_kg=prog.pu_kg + 9,
            heu_kg=prog.heu_kg + 99,
            missile_readiness=3.0,
            sites=sites,
            surge=not prog.surge,
        ),
        declared=state.declared.replace(complete=not state.declared.complete),
        commitments=tuple(c.replace(breach_hidden=True) if c.state == "fulfilled" else c for c in state.commitments),
        estimates={
            a: e.replace(
                warheads=Range(1, 99, 0.9),
                pu_kg=Range(2, 88, 0.1),
                intel_effort=77.0,
                suspicion={**e.suspicion, "hidden": 0.77},
            )
            for a, e in state.estimates.items()
        },
        capital={a: c + 3 for a, c in state.capital.items()},
        orders={**state.orders, Actor.DPRK: (ActionOrder(actor=Actor.DPRK, action="covert_surge"),)},
        news=state.news + cables,
        changes=state.changes + private_changes,
    )


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_public_view_is_identical_whatever_the_secrets(mini, seed):
    m = played(mini, seed)
    changed = every_secret_changed(m.state)
    assert changed.program != m.state.program and changed.capital != m.state.capital
    before = public_view(m.state, mini).model_dump_json()
    after = public_view(changed, mini).model_dump_json()
    assert before == after
    # the change is real: the facilitator's god view does see it
    assert observe(m.state, mini, None) != observe(changed, mini, None)


def test_public_view_has_no_private_fields_and_no_cables(mini):
    m = played(mini)
    pv = public_view(m.state, mini)
    assert isinstance(pv, PublicView)
    assert not PRIVATE_FIELDS & set(PublicView.model_fields)
    assert all(n.audience == "public" for n in pv.news)
    assert all(c.audience == "public" for c in pv.changes)
    assert any(n.audience != "public" for n in m.state.news), "the game had cables to keep out"
    assert pv.declared.complete is False
    assert not any(c.breach_hidden for c in pv.commitments)
    dumped = pv.model_dump()
    assert "suspicion" not in dumped["sites"][0] if dumped["sites"] else True


def test_covert_sites_appear_only_once_exposed(mini):
    m = played(mini)
    st = m.state
    covert = [s.id for s in st.program.sites if s.covert]
    assert covert
    hidden = st.replace(program=st.program.replace(sites=tuple(s.replace(detected=False) for s in st.program.sites)))
    assert not {s.id for s in public_view(hidden, mini).sites} & set(covert)
    exposed = st.replace(
        program=st.program.replace(sites=tuple(s.replace(detected=s.covert) for s in st.program.sites))
    )
    assert set(covert) <= {s.id for s in public_view(exposed, mini).sites}


def test_public_view_agrees_with_every_observation_on_public_facts(mini):
    """What every actor sees in common is what the projector shows."""
    m = played(mini)
    pv = public_view(m.state, mini)
    for viewer in Actor:
        obs = observe(m.state, mini, viewer)
        assert (pv.turn, pv.turns_total, pv.date, pv.phase) == (obs.turn, obs.turns_total, obs.date, obs.phase)
        assert pv.meters == obs.meters and pv.trust == obs.trust and pv.flags == obs.flags
        assert pv.deals == obs.deals and pv.commitments == obs.commitments
        assert pv.verified == obs.verified and pv.history == obs.history
        assert set(pv.news) <= set(obs.news)
        if viewer is not Actor.DPRK:
            assert pv.declared == obs.declared
    assert set(pv.news) == {n for n in observe(m.state, mini, Actor.US).news if n.audience == "public"}
    assert pv.phase is Phase.ORDERS and pv.submitted == (Actor.US,)
