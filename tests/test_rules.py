"""Unit tests per rule family, on the small tests/data/mini.yaml scenario."""

import pytest

from game.engine import Match
from game.model.deals import Clause
from game.model.ids import Actor, Outcome, Phase
from game.model.orders import ActionOrder, IllegalOrder, ProposeOrder, RespondOrder
from game.rules.assessment import sanctions_pressure
from game.rules.program import detection_chance
from game.rules.dice import Dice
from game.rules.legality import unavailable_because
from game.rules.work import Work
from tests.helpers import play_orders, skip_diplomacy

US, DPRK, ROK, JPN, PRC = Actor.US, Actor.DPRK, Actor.ROK, Actor.JPN, Actor.PRC


# --------------------------------------------------------------------------- legality
def test_legal_orders_respect_actor_cost_and_conditions(mini):
    m = Match(mini, 1)
    skip_diplomacy(m)
    us = {o.action for o in m.legal_orders(US)}
    dprk = {o.action for o in m.legal_orders(DPRK)}
    assert "exemption" in us and "freeze_yongbyon" not in us
    assert "freeze_yongbyon" in dprk and "restart_yongbyon" not in dprk  # needs a frozen site


def test_illegal_orders_say_which_rule(mini):
    m = Match(mini, 1)
    skip_diplomacy(m)
    with pytest.raises(IllegalOrder, match="US cannot take 'freeze_yongbyon'"):
        m.order(US, [ActionOrder(actor=US, action="freeze_yongbyon")])
    with pytest.raises(IllegalOrder, match="no action 'nuke_everything'"):
        m.order(US, [ActionOrder(actor=US, action="nuke_everything")])
    with pytest.raises(IllegalOrder, match="needs Yongbyon reactor frozen"):
        m.order(DPRK, [ActionOrder(actor=DPRK, action="restart_yongbyon")])
    with pytest.raises(IllegalOrder, match="political capital"):
        m.order(US, [ActionOrder(actor=US, action=a) for a in ("summit", "exemption", "tighten", "intel")])
    with pytest.raises(IllegalOrder, match="ordered twice"):
        m.order(US, [ActionOrder(actor=US, action="tighten")] * 2)
    assert US in m.pending(), "a refused order changes nothing"


def test_once_and_cooldown(mini):
    m = Match(mini, 1)
    play_orders(m, {DPRK: ["missile_test", "declare_partial"]})
    skip_diplomacy(m)
    legal = {o.action for o in m.legal_orders(DPRK)}
    assert "declare_partial" not in legal  # once
    assert "missile_test" not in legal  # cooldown 1
    with pytest.raises(IllegalOrder, match="'missile_test' is cooling down until turn 3"):
        m.order(DPRK, [ActionOrder(actor=DPRK, action="missile_test")])
    # A player looking at the action is told why in words, without the id the error names.
    spec = mini.action_index["declare_partial"]
    assert unavailable_because(m.state, DPRK, spec) == "can be taken only once"


def test_orders_outside_their_phase_are_refused(mini):
    m = Match(mini, 1)
    with pytest.raises(ValueError, match="orders phase"):
        m.order(US, [])


# --------------------------------------------------------------------------- effects and causes
def test_every_meter_change_records_its_cause(mini):
    m = Match(mini, 1)
    before = dict(m.state.meters)
    play_orders(m, {US: ["summit"], DPRK: ["missile_test"]})
    changes = m.state.changes
    tension = [c for c in changes if c.meter == "tension"]
    causes = {c.cause for c in tension}
    assert {"US:summit", "DPRK:missile_test", "assessment:tension"} <= causes
    assert sum(c.delta for c in tension) == pytest.approx(m.state.meters["tension"] - before["tension"])


def test_secret_action_news_goes_only_to_the_actor(mini):
    m = Match(mini, 1)
    play_orders(m, {DPRK: ["covert_surge"]})
    secret = [n for n in m.state.news if n.source == "DPRK:covert_surge"]
    assert secret and all(n.audience == (DPRK,) for n in secret)
    assert all(n.source != "DPRK:covert_surge" for n in m.observe(US).news)


def test_sanctions_pressure_is_derived_and_explained(mini):
    m = Match(mini, 1)
    play_orders(m, {PRC: ["ease"]})
    st = m.state
    parts = sanctions_pressure(st.meters, st.parameters, mini.world)
    assert st.meters["sanctions_pressure"] == pytest.approx(max(0, min(100, sum(parts.values()))), abs=1e-6)
    causes = {c.cause for c in st.changes if c.meter == "sanctions_pressure"}
    assert "derived:enforcement.PRC" in causes
    china = sum(c.delta for c in st.changes if c.cause == "derived:enforcement.PRC")
    assert china < 0


def test_evasion_wears_down_each_turn_and_the_pressure_says_so(mini):
    m = Match(mini, 1)
    before = dict(m.state.meters)
    play_orders(m, {})
    st = m.state
    for meter, param in (("evasion_sts", "sts_attrition"), ("evasion_cyber", "cyber_attrition")):
        worn = [c for c in st.changes if c.meter == meter and c.cause == "assessment:evasion"]
        assert len(worn) == 1 and worn[0].delta == -min(before[meter], st.parameters[param])
    causes = {c.cause for c in st.changes if c.meter == "sanctions_pressure"}
    assert {"derived:evasion_sts", "derived:evasion_cyber"} <= causes


# --------------------------------------------------------------------------- the hidden program
def test_production_and_assembly(mini):
    m = Match(mini, 1)
    start = m.state.program
    play_orders(m, {})
    prog = m.state.program
    assert prog.warheads == start.warheads + 1  # one assembled from stock
    assert prog.heu_kg == pytest.approx(start.heu_kg + 12)
    assert prog.pu_kg == pytest.approx(start.pu_kg + 1 - 5)


def test_freeze_stops_production_and_is_claimed_publicly(mini):
    m = Match(mini, 2)  # a seed in which nobody's intelligence finds the covert site on turn 1
    play_orders(m, {DPRK: ["freeze_yongbyon"]})
    assert m.state.program.site("yongbyon").status == "frozen"
    assert m.state.declared.site_status["yongbyon"] == "frozen"
    us_sites = {s.id: s for s in m.observe(US).sites}
    assert us_sites["yongbyon"].public_status == "frozen" and not us_sites["yongbyon"].verified
    assert not m.state.program.site("hidden").detected
    assert "hidden" not in us_sites  # the covert site is unknown to the US


def test_partial_declaration_hides_covert_sites_and_understates(mini):
    m = Match(mini, 1)
    play_orders(m, {DPRK: ["declare_partial"]})
    st = m.state
    assert st.declared.made and "hidden" not in st.declared.sites
    assert st.declared.heu_kg < st.program.heu_kg
    assert m.observe(US).declared.complete is False
    assert st.declared.complete is False


def test_inspection_verifies_declared_sites(mini):
    m = Match(mini, 1)
    play_orders(m, {DPRK: ["freeze_yongbyon", "declare_partial"]})
    play_orders(m, {DPRK: ["accept_inspectors"]})
    assert m.state.verified.sites["yongbyon"] == "frozen"
    assert m.state.verified.inspection_access == 40


def _hidden_site_work(mini, covert_turns: int, effort: float, access: float = 0.0) -> tuple[Work, object]:
    m = Match(mini, 1)
    st = m.state
    site = st.program.site("hidden").replace(covert_turns=covert_turns)
    est = st.estimates[US].replace(intel_effort=effort, suspicion={"hidden": 0.5})
    st = st.replace(
        program=st.program.replace(sites=(st.program.site("yongbyon"), site)),
        estimates={**st.estimates, US: est},
        verified=st.verified.replace(inspection_access=access),
    )
    work = Work(st, mini, Dice(0))
    return work, work.sites["hidden"]


def test_detection_chance_grows_with_time_effort_and_access(mini):
    base = detection_chance(*_with_observer(_hidden_site_work(mini, 0, 20)))
    later = detection_chance(*_with_observer(_hidden_site_work(mini, 4, 20)))
    harder = detection_chance(*_with_observer(_hidden_site_work(mini, 0, 80)))
    inspected = detection_chance(*_with_observer(_hidden_site_work(mini, 0, 20, access=80)))
    assert 0 < base < later and base < harder and base < inspected
    assert detection_chance(*_with_observer(_hidden_site_work(mini, 50, 100, 100))) == mini.param("detect_max")


def _with_observer(pair):
    work, site = pair
    return work, US, site


def test_cumulative_cheaters_risk_eventually_exposes_covert_production(mini):
    exposed = 0
    for seed in range(20):
        m = Match(mini, seed)
        while not m.over:
            play_orders(m, {US: ["intel"], ROK: ["intel"], JPN: ["intel"]})
        exposed += m.state.program.site("hidden").detected
    assert exposed >= 12, exposed


# --------------------------------------------------------------------------- deals
def _deal(m: Match, clauses, proposer=US, recipient=DPRK):
    for actor in list(m.pending()):
        orders = (
            [ProposeOrder(actor=proposer, recipient=recipient, clauses=tuple(clauses))] if actor == proposer else []
        )
        m.propose(actor, orders)
    pid = m.observe(recipient).awaiting_response[0]
    m.respond(recipient, [RespondOrder(actor=recipient, proposal_id=pid, answer="accept")])
    assert m.phase is Phase.ORDERS
    return pid


def test_diplomacy_is_sealed_until_each_phase_closes(mini):
    """Whoever proposes or answers last learns nothing from the others' offers or answers."""
    m = Match(mini, 2)
    offer = ProposeOrder(
        actor=US,
        recipient=DPRK,
        clauses=(Clause(actor=DPRK, action="freeze_yongbyon"), Clause(actor=US, action="exemption")),
    )
    counter = ProposeOrder(actor=DPRK, recipient=US, clauses=(Clause(actor=US, action="exemption"),))
    m.propose(US, [offer])
    assert not m.observe(DPRK).proposals  # sent, not yet delivered: DPRK has still to propose
    assert not m.observe(DPRK).awaiting_response  # nor announced as coming
    m.propose(DPRK, [counter])
    for actor in list(m.pending()):
        m.propose(actor, [])
    us_offer, dprk_offer = "T1-US-1", "T1-DPRK-1"
    assert {p.id for p in m.observe(DPRK).proposals} == {us_offer, dprk_offer}
    m.respond(DPRK, [RespondOrder(actor=DPRK, proposal_id=us_offer, answer="accept")])
    us_view = m.observe(US)
    assert us_offer not in us_view.responses and not m.state.deals  # the answer is sealed, nothing agreed
    assert m.observe(DPRK).responses == {us_offer: "accept"}  # one's own answer is known to oneself
    m.respond(
        US,
        [
            RespondOrder(
                actor=US,
                proposal_id=dprk_offer,
                answer="counter",
                counter=(Clause(actor=US, action="exemption"), Clause(actor=DPRK, action="freeze_yongbyon")),
            )
        ],
    )
    assert m.phase is Phase.COUNTER_RESPOND
    assert m.observe(US).responses[us_offer] == "accept" and [d.id for d in m.state.deals] == [us_offer]
    assert m.observe(DPRK).awaiting_response == (f"{dprk_offer}-C",)
    assert any(n.text == "United States and North Korea agree a deal." for n in m.observe(ROK).news)


def test_accepted_deal_becomes_commitments_and_verified_compliance_builds_trust(mini):
    m = Match(mini, 2)
    pid = _deal(
        m,
        [
            Clause(actor=DPRK, action="freeze_yongbyon", verification="none"),
            Clause(actor=US, action="exemption", sequencing="after_verification", verification="none"),
        ],
    )
    assert [c.state for c in m.state.commitments] == ["due", "pending"]
    trust_before = m.state.trust_between(US, DPRK)
    for actor in list(m.pending()):
        m.order(actor, [ActionOrder(actor=DPRK, action="freeze_yongbyon")] if actor == DPRK else [])
    states = {c.clause.action: c.state for c in m.state.commitments}
    assert states == {"freeze_yongbyon": "verified", "exemption": "due"}
    assert m.state.trust_between(US, DPRK) == pytest.approx(trust_before + mini.param("compliance_trust_gain"))
    play_orders(m, {US: ["exemption"]})
    assert {c.state for c in m.state.commitments} == {"verified"}
    assert next(d for d in m.state.deals if d.id == pid).status == "completed"


def test_an_accepted_deal_is_what_its_models_validate(mini):
    """``deals.accept`` builds the deal and its commitments without validation (from the validated
    proposal): each must equal the model validated from its own fields."""
    m = Match(mini, 2)
    _deal(
        m,
        [
            Clause(actor=DPRK, action="freeze_yongbyon", verification="none"),
            Clause(actor=US, action="exemption", sequencing="after_verification", verification="none"),
        ],
    )
    for made in (*m.state.deals, *m.state.commitments):
        validated = type(made).model_validate(made.model_dump())
        assert made == validated and made.model_dump_json() == validated.model_dump_json()


def test_unkept_pledge_is_a_public_breach_with_snapback(mini):
    m = Match(mini, 2)
    _deal(
        m,
        [
            Clause(actor=US, action="exemption", verification="none", snapback=True),
            Clause(actor=DPRK, action="freeze_yongbyon"),
        ],
    )
    regime0 = m.state.meters["sanctions_regime"]
    for actor in list(m.pending()):
        m.order(actor, [ActionOrder(actor=US, action="exemption")] if actor == US else [])
    assert m.state.meters["sanctions_regime"] == regime0 - 10
    play_orders(m, {})  # the DPRK lets its due turn pass
    deal = m.state.deals[0]
    assert deal.status == "broken"
    assert any(n.text.startswith("Breach of the ") and " deal of turn " in n.text for n in m.observe(JPN).news)
    assert any(c.cause.startswith("snapback:") and c.meter == "sanctions_regime" for c in m.state.changes)


def test_staged_dismantlement_fools_until_verification_exposes_it(mini):
    m = Match(mini, 3)
    _deal(
        m, [Clause(actor=DPRK, action="freeze_yongbyon", verification="inspection"), Clause(actor=US, action="summit")]
    )
    for actor in list(m.pending()):
        m.order(
            actor,
            [ActionOrder(actor=DPRK, action="stage_dismantle")]
            if actor == DPRK
            else [ActionOrder(actor=US, action="summit")]
            if actor == US
            else [],
        )
    facilitator = m.observe(None)
    mine = next(c for c in facilitator.commitments if c.clause.actor == DPRK)
    public = next(c for c in m.observe(US).commitments if c.clause.actor == DPRK)
    if mine.state == "fulfilled":  # not yet verified this turn: the breach is hidden from the US
        assert mine.breach_hidden and not public.breach_hidden
    for _ in range(4):
        if m.over or m.state.deals[0].status == "broken":
            break
        play_orders(m, {DPRK: ["accept_inspectors"]})
    assert m.state.deals[0].status == "broken"


# --------------------------------------------------------------------------- events, ends, scores
def test_calendar_event_fires_on_its_turn(mini):
    m = Match(mini, 1)
    play_orders(m, {})
    assert "review" not in m.state.fired_events
    play_orders(m, {})
    assert "review" in m.state.fired_events
    assert any(c.cause == "event:review" for c in m.state.changes)


def test_war_ends_the_game(mini):
    m = Match(mini, 1)
    m.state = m.state.replace(meters={**m.state.meters, "tension": 99})
    play_orders(m, {DPRK: ["missile_test"]})
    assert m.over and m.state.outcome is Outcome.WAR
    assert m.scores()[ROK] < 100


def test_alliance_rupture_ends_the_game(mini):
    m = Match(mini, 1)
    m.state = m.state.replace(meters={**m.state.meters, "cohesion.US-ROK": 5})
    play_orders(m, {})
    assert m.state.outcome is Outcome.ALLIANCE_RUPTURE


def test_turn_limit_and_scores_in_range(mini):
    m = Match(mini, 1)
    while not m.over:
        play_orders(m, {})
    assert m.state.outcome is Outcome.TURN_LIMIT and len(m.turns) == mini.turns
    assert all(0 <= v <= 100 for v in m.scores().values())


def test_variant_overrides_parameters(mini):
    assert Match(mini, 1, "peace_first").state.parameters["peace_enforcement_erosion"] == 4
    with pytest.raises(ValueError, match="no variant"):
        Match(mini, 1, "nope")


def test_a_deception_shows_the_public_face_of_what_it_counts_as(mini):
    m = Match(mini, 1)
    play_orders(m, {DPRK: ["stage_dismantle"]})
    st = m.state
    us_news = [n.text for n in m.observe(US).news if n.turn == 1]
    assert any("Freeze Yongbyon" in t for t in us_news)
    assert not any("stage" in t.lower() for t in us_news)
    assert st.program.site("yongbyon").status == "active" and st.program.site("yongbyon").staged
    assert "DPRK:freeze_yongbyon" in st.last_taken
    skip_diplomacy(m)
    assert "freeze_yongbyon" not in {o.action for o in m.legal_orders(DPRK)}  # once: already "done"


def test_expelling_inspectors_never_goes_below_zero(mini):
    from game.rules.kinds import PROGRAM_OPS

    work = Work(Match(mini, 1).state, mini, Dice(0))
    PROGRAM_OPS["inspect"].apply(work, None, DPRK, -30, None, "test")
    assert work.verified.inspection_access == 0 and work.verified.inspections == 0


def test_news_names_the_actor_with_a_proper_possessive():
    from game.rules.effects import fill

    assert fill("{actor}'s leader meets Kim.", US) == "United States' leader meets Kim."
    assert fill("{actor}'s NIS digs; {actor} waits.", ROK) == "South Korea's NIS digs; South Korea waits."
    assert fill("No actor here.", None) == "No actor here."


def test_an_action_either_side_may_take_moves_no_trust_toward_its_own_actor(hanoi):
    """Family reunions (ROK or DPRK) name both as trust targets: each side gains trust with the other only,
    never a 'ROK-ROK' pair."""
    m = Match(hanoi, seed=3)
    play_orders(m, {Actor.ROK: ["family_reunions"]})
    assert not any(a == b for a, b in (key.split("-") for key in m.state.trust))
    assert any(c.meter == "trust.DPRK-ROK" and c.cause == "ROK:family_reunions" for c in m.state.changes)


# --------------------------------------------------------------------------- the rules' public formulas
def test_projection_is_the_turns_own_drift(hanoi):
    """rules.assessment.project (the search's leaf) moves the meters exactly as a turn's assessment
    does when nobody acts: it is the same code, run on a sheet that records nothing."""
    from game.rules.assessment import drift, project
    from game.scenario.setup import initial_state

    state = initial_state(hanoi, "peace_first")
    work = Work(state, hanoi, Dice(0))
    drift(work, state.meters)
    assert project(state.meters, state.parameters, state.actors, hanoi.world, 1) == work.meters
    assert work.changes  # and the real one recorded why


def test_an_observation_is_a_world_the_rules_conditions_read(hanoi):
    """The AI asks rules.conditions.holds of its Observation. The DPRK knows everything a condition
    reads, so for it every condition of every action gives what it gives on the real state."""
    from game.ai.runner import make_controllers, step
    from game.rules.conditions import holds

    match = Match(hanoi, 4)
    controllers = make_controllers(match, {a: "heuristic" for a in hanoi.actors})
    checked = 0
    for _ in range(4):
        obs = match.observe(DPRK)
        for spec in hanoi.actions:
            for cond in spec.requires:
                assert holds(cond, obs, DPRK) == holds(cond, match.state, DPRK), (spec.id, cond)
                checked += 1
        turn = match.state.turn
        while match.state.turn == turn:
            step(match, controllers)
    assert checked > 20
