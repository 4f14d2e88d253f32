"""Claims C2, C3 (with the declaration breach), C4, C11, C12 and C13 (CLAIMS.md, docs/model.md): each
mechanism at work on a small scenario, and gone with its strength at its ``off_value``."""

import pytest

from game.engine import Match
from game.model.claims import claim_switches
from game.model.deals import Clause
from game.model.ids import Actor, Phase
from game.model.orders import ProposeOrder, RespondOrder
from game.rules.assessment import denuclearization_share, project
from game.rules.kinds import expected_effects
from game.rules.legality import unavailable_because
from game.rules.precedent import verified_steps
from game.model.ids import pair_key
from game.scenario import find_scenario, initial_state, load_scenario
from game.scenario.setup import gated
from tests.helpers import play_orders

US, DPRK, ROK = Actor.US, Actor.DPRK, Actor.ROK


def _match(scenario, seed: int = 1, flags=None, verified=None, **params) -> Match:
    """A game of ``scenario`` from its start, with some parameters, flags or verified facts changed."""
    state = initial_state(scenario)
    state = state.replace(parameters={**state.parameters, **params})
    if flags is not None:
        state = state.replace(flags=frozenset(flags))
    state = state.replace(flags=frozenset(gated(state.flags, scenario.world, state.meters, state.parameters)))
    if verified is not None:
        state = state.replace(verified=state.verified.replace(**verified))
    return Match(scenario, seed, state=state)


def _off(scenario, claim: str) -> dict[str, float]:
    """The claim's strengths at their off values, as the bundled scenario names them (the mini scenario
    defines the same parameters, without the claims' tags)."""
    return claim_switches(load_scenario(find_scenario("hanoi-2019")).parameters)[claim]


def _changes(m: Match, prefix: str):
    return [c for c in m.state.changes if c.cause.startswith(prefix)]


# --------------------------------------------------------------------------- C2
def test_c2_a_test_moratorium_does_not_stop_production(mini):
    on = _match(mini)
    assert "moratorium" in on.state.flags
    heu = on.state.program.heu_kg
    play_orders(on, {})
    assert on.state.program.heu_kg == pytest.approx(heu + 12)  # the hidden hall runs on, while nothing is tested

    off = _match(mini, **_off(mini, "C2"))
    play_orders(off, {})
    assert off.state.program.heu_kg == pytest.approx(heu)  # a freeze of testing that froze production too


# --------------------------------------------------------------------------- C3
def _declare_then_expose(mini, **params) -> Match:
    """A partial declaration, then certain detection of the hidden hall it left out, in one turn."""
    m = _match(mini, detect_base=1.0, detect_max=1.0, **params)
    play_orders(m, {DPRK: ["declare_partial"]})
    return m


def test_c3_an_omitted_site_exposed_is_a_named_breach_of_the_declaration(mini):
    m = _declare_then_expose(mini)
    st = m.state
    assert st.program.site("hidden").detected and st.declared.breaches == ("hidden",)
    assert any("declaration is shown to be incomplete" in n.text and "Hidden hall" in n.text for n in st.news)
    breach = {c.meter: c.delta for c in _changes(m, "declaration:hidden")}
    assert breach["npt_norm"] == -mini.param("declaration_breach_norm")
    assert breach["sanctions_regime"] == mini.param("declaration_breach_sanctions")
    assert breach[f"trust.{pair_key(US, DPRK)}"] == -mini.param("declaration_breach_trust_loss")
    assert all(c.label == "breach of the declaration: it omitted Hidden hall" for c in _changes(m, "declaration:"))

    off = _declare_then_expose(mini, **_off(mini, "C3"))
    assert off.state.program.site("hidden").detected
    assert not _changes(off, "declaration:")  # exposed, but the lie costs nothing beyond the exposure


def test_c3_inspectors_establish_the_stocks_a_declaration_left_out(mini):
    m = _match(mini, inspection_quality=1.0, verified={"inspection_access": 100.0})
    play_orders(m, {DPRK: ["declare_partial"]})
    omitted = m.state.declared.omitted
    assert omitted["heu_kg"] > 0 and not m.observe(US).declared.omitted  # the DPRK's secret
    play_orders(m, {DPRK: ["accept_inspectors"]})
    assert "stocks" in m.state.declared.breaches
    assert any("inspectors find stocks it left out" in n.text for n in m.state.news)
    assert _changes(m, "declaration:stocks")

    off = _match(mini, inspection_quality=1.0, verified={"inspection_access": 100.0}, **_off(mini, "C3"))
    play_orders(off, {DPRK: ["declare_partial"]})
    assert not off.state.declared.omitted  # a declaration that holds nothing of the stocks back


def test_c3_a_nonessential_site_verified_shut_is_worth_little(mini):
    state = initial_state(mini)
    sites = tuple(s.replace(essential=0.2, status="frozen") if s.id == "yongbyon" else s for s in state.program.sites)
    state = state.replace(
        program=state.program.replace(sites=sites), verified=state.verified.replace(sites={"yongbyon": "frozen"})
    )
    assert denuclearization_share(state, state.parameters) == pytest.approx(0.5 * 0.2 / 1.2)
    off = {**state.parameters, **_off(mini, "C3")}
    assert denuclearization_share(state, off) == pytest.approx(0.5 * 1 / 2)  # one production site of two


def test_c3_bundled_sites_carry_essential_values(hanoi):
    essential = {s.id: s.essential for s in hanoi.start.program.sites}
    assert essential["kangson"] > essential["yongbyon_reactor"] > essential["punggye_ri"]
    m = Match(hanoi, 1)
    assert {s.id: s.essential for s in m.observe(US).sites}["punggye_ri"] == essential["punggye_ri"]


# --------------------------------------------------------------------------- C4
def test_c4_the_dprk_walls_off_what_it_cannot_control(mini):
    meters = {**initial_state(mini).meters, "inter_korean": 90.0}
    params = initial_state(mini).parameters
    capped = project(meters, params, tuple(mini.actors), mini.world, 1)["dprk_economy"]
    uncapped = project(meters, {**params, **_off(mini, "C4")}, tuple(mini.actors), mini.world, 1)["dprk_economy"]
    cap = params["inter_korean_access_cap"]
    assert uncapped - capped == pytest.approx(params["economy_inter_korean"] * (90 - cap))


def test_c4_the_big_projects_need_a_un_exemption(hanoi):
    state = initial_state(hanoi)
    assert "un_exemption" not in state.flags
    for project_id in ("rail_road_project", "mt_kumgang_tours"):
        assert "UN sanctions exemption" in unavailable_because(state, ROK, hanoi.action_index[project_id])


def test_c4_no_exemption_is_needed_once_the_bans_are_lifted_and_none_at_c4_off(hanoi):
    """The exemption requirement's strength is exemption_free_regime: with the UN regime eased to it (the
    Hanoi ask lifted), the gate grants the exemption the projects require at the next assessment, and again
    after a project uses it up; with C4 off (100) no project ever waits for one, from the start."""
    rail = hanoi.action_index["rail_road_project"]
    m = _match(hanoi)
    play_orders(m, {US: ["partial_un_relief"]})
    assert m.state.meters["sanctions_regime"] <= hanoi.param("exemption_free_regime")
    assert "un_exemption" in m.state.flags and unavailable_because(m.state, ROK, rail) is None
    play_orders(m, {ROK: ["rail_road_project"]})
    assert any(c.cause == "ROK:rail_road_project" for c in m.state.changes)
    assert "un_exemption" in m.state.flags  # used up, and granted again while the bans stay lifted

    off = _match(hanoi, **_off(hanoi, "C4"))
    assert _off(hanoi, "C4")["exemption_free_regime"] == 100
    assert "un_exemption" in off.state.flags
    assert unavailable_because(off.state, ROK, hanoi.action_index["mt_kumgang_tours"]) is None


# --------------------------------------------------------------------------- C11
def test_c11_summits_silence_human_rights_and_normalization_needs_them(hanoi):
    summit = expected_effects(hanoi.action_index["us_dprk_summit"], US, initial_state(hanoi).parameters)
    assert summit.meters["human_rights"] == -hanoi.param("summit_rights_silence")
    m = Match(hanoi, 1)
    assert "rights_progress" not in m.state.flags  # 45 at the start, below the threshold
    assert "human-rights progress" in unavailable_because(m.state, US, hanoi.action_index["us_liaison_offices"])
    play_orders(m, {US: ["un_human_rights_pressure"]})
    assert m.state.meters["human_rights"] >= hanoi.param("rights_normalization_threshold")
    assert "rights_progress" in m.state.flags  # the gate follows the meter
    assert unavailable_because(m.state, US, hanoi.action_index["us_liaison_offices"]) is None

    off = _off(hanoi, "C11")
    quiet = expected_effects(hanoi.action_index["us_dprk_summit"], US, {**initial_state(hanoi).parameters, **off})
    assert not quiet.meters.get("human_rights")
    assert "rights_progress" in _match(hanoi, **off).state.flags  # no requirement left


# --------------------------------------------------------------------------- C12
def _refrain_deal(m: Match) -> str:
    """The US and the DPRK agree a deal: the DPRK will not test."""
    clause = Clause(actor=DPRK, action="missile_test", mode="refrain", duration=6)
    for actor in list(m.pending()):
        m.propose(actor, [ProposeOrder(actor=US, recipient=DPRK, clauses=(clause,))] if actor is US else [])
    pid = m.observe(DPRK).awaiting_response[0]
    m.respond(DPRK, [RespondOrder(actor=DPRK, proposal_id=pid, answer="accept")])
    assert m.phase is Phase.ORDERS
    for actor in list(m.pending()):
        m.order(actor, [])
    return pid


def test_c12_a_deal_without_allied_consultation_costs_cohesion(mini):
    m = _match(mini)
    before = dict(m.state.meters)
    pid = _refrain_deal(m)
    lost = {c.meter: c.delta for c in _changes(m, f"unconsulted:{pid}")}
    assert lost == {"cohesion.US-ROK": -3.0, "cohesion.US-JPN": -3.0}
    assert m.state.meters["cohesion.US-ROK"] < before["cohesion.US-ROK"]

    consulted = _match(mini, flags={"moratorium", "allies_consulted"})
    _refrain_deal(consulted)
    assert not _changes(consulted, "unconsulted:") and "allies_consulted" not in consulted.state.flags  # used up

    off = _match(mini, **_off(mini, "C12"))
    _refrain_deal(off)
    assert not _changes(off, "unconsulted:")


def test_c12_a_deal_with_no_working_level_process_may_unravel(mini):
    m = _match(mini, unprepared_deal_unravel_p=1.0)
    pid = _refrain_deal(m)
    play_orders(m, {})
    assert next(d for d in m.state.deals if d.id == pid).status == "expired"
    assert any("unravels" in n.text for n in m.state.news)

    for kept in (
        _match(mini, unprepared_deal_unravel_p=1.0, flags={"moratorium", "working_level_prep"}),
        _match(mini, **_off(mini, "C12")),
    ):
        pid = _refrain_deal(kept)
        play_orders(kept, {})
        assert next(d for d in kept.state.deals if d.id == pid).status == "in_force"


# --------------------------------------------------------------------------- C13
REWARDS = ("end_of_war_declaration", "open_peace_talks", "peace_treaty", "partial_un_relief")


def test_c13_the_four_benefits_are_precedents_and_c13_off_costs_nothing(hanoi):
    params = initial_state(hanoi).parameters
    for action in REWARDS:
        fx = expected_effects(hanoi.action_index[action], US, params)
        assert fx.precedents < 0 and fx.meters["npt_norm"] == fx.precedents, action
    off = {**params, **_off(hanoi, "C13")}
    for action in REWARDS:
        assert not expected_effects(hanoi.action_index[action], US, off).meters.get("npt_norm"), action


def _declare_after(hanoi, verified_sites: dict[str, str], **params) -> tuple[Match, float]:
    """Inspectors have verified ``verified_sites`` (and each is so); turn 1 passes, so the assessment derives
    the verified steps; turn 2 the US declares the war over. Returns the game and the declaration's cost
    to the norm."""
    m = _match(hanoi, verified={"sites": verified_sites}, **params)
    sites = tuple(s.replace(status=verified_sites.get(s.id, s.status)) for s in m.state.program.sites)
    m.state = m.state.replace(program=m.state.program.replace(sites=sites))
    play_orders(m, {})
    play_orders(m, {US: ["end_of_war_declaration"]})
    assert m.state.meters["peace_stage"] == 1
    cost = sum(c.delta for c in m.state.changes if c.meter == "npt_norm" and c.cause == "US:end_of_war_declaration")
    return m, cost


def test_c13_a_declaration_costs_the_norm_as_far_as_it_comes_before_verified_steps(hanoi):
    """Declared with nothing verified, peace costs the norm all of peace_declaration_norm_cost; after a token
    step (Punggye-ri, essential 0.1) almost all of it; after Yongbyon's halls are verified shut, the share
    of the known program they are (rules.precedent.verified_steps) less; with C13 off, nothing."""
    full = hanoi.param("peace_declaration_norm_cost")
    none, cost = _declare_after(hanoi, {})
    assert none.state.meters["verified_steps"] == 0 and cost == -full
    token, cost = _declare_after(hanoi, {"punggye_ri": "dismantled"})
    assert 0 < token.state.meters["verified_steps"] < 5 and -full < cost < -0.95 * full
    halls = {"yongbyon_enrichment": "frozen", "yongbyon_reactor": "frozen", "yongbyon_reprocessing": "frozen"}
    yongbyon, cost = _declare_after(hanoi, halls)
    share = verified_steps(yongbyon.state.program.sites, yongbyon.state.verified, yongbyon.state.parameters)
    assert yongbyon.state.meters["verified_steps"] == share == pytest.approx(100 * 1.3 / 2.6)  # hidden hall unknown
    assert cost == pytest.approx(-full * (1 - share / 100))
    _, cost = _declare_after(hanoi, halls, **_off(hanoi, "C13"))
    assert cost == 0


def test_c13_the_ai_and_conditions_read_the_verified_steps_through_the_rules(hanoi):
    """The verified steps are a public meter: a condition on it holds alike on the state and on a seat's
    Observation (rules.conditions), and the AI prices a declaration's norm cost with rules.precedent."""
    from game.ai.heuristic import HeuristicController
    from game.model.scenario import Condition
    from game.rules.conditions import holds
    from game.views import observe, rules_view

    halls = {"yongbyon_enrichment": "frozen", "yongbyon_reactor": "frozen", "yongbyon_reprocessing": "frozen"}
    m, _ = _declare_after(hanoi, halls)
    half = Condition(meter="verified_steps", min=50)
    for seat in (US, DPRK, ROK):
        assert holds(half, m.state, seat) and holds(half, m.observe(seat), seat)
    full = hanoi.param("peace_declaration_norm_cost")
    ai = HeuristicController(US, rules_view(hanoi))
    start = observe(initial_state(hanoi), hanoi, US)
    assert ai.valuer.deltas(ai.context(start), US, "end_of_war_declaration")["m:npt_norm"] == -full
    verified = m.observe(US)
    assert ai.valuer.deltas(ai.context(verified), US, "end_of_war_declaration")["m:npt_norm"] == pytest.approx(
        -full * (1 - verified.meters["verified_steps"] / 100)
    )


def test_each_claim_here_has_its_switch_in_the_bundled_scenario(hanoi):
    switches = claim_switches(hanoi.parameters)
    assert {"C2", "C3", "C4", "C11", "C12", "C13"} <= set(switches)
    assert switches["C3"]["partial_declaration_fraction"] == 1
    flags_set = {e.flag for e in hanoi.action_index["trilateral_coordination"].effects if e.kind == "flag"}
    assert "allies_consulted" in flags_set  # the consultation is an ordinary action of the scenario


def test_the_dprk_ai_prices_the_risk_that_a_partial_declaration_is_exposed(mini):
    """The AI reads C3 through the rules' own consequences (rules.program.declaration_breach_consequences)."""
    from game.ai.heuristic import HeuristicController
    from game.views import observe, rules_view

    ai = HeuristicController(DPRK, rules_view(mini))
    obs = observe(initial_state(mini), mini, DPRK)
    explain: list = []
    extra = ai._extras(ai.context(obs), obs, mini.action_index["declare_partial"], {}, explain)
    assert extra < 0 and any("what we leave out is exposed" in why for _, why in explain)


def test_a_gate_naming_an_unknown_meter_or_parameter_is_refused_on_its_line():
    from conftest import MINI
    from game.scenario import parse_scenario
    from game.scenario.loader import ScenarioError

    text = MINI.read_text().replace(
        "  peace_erodes: [ROK, PRC]\n",
        "  peace_erodes: [ROK, PRC]\n  gates:\n"
        "    - {flag: rights_progress, meter: nonesuch, min_parameter: nothing}\n",
        1,
    )
    assert "nonesuch" in text
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "gates.yaml")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "nonesuch" in row)
    assert f"gates.yaml:{line}: world.gates.0.meter: unknown meter 'nonesuch'" in err.value.problems
    assert any("min_parameter: unknown parameter 'nothing'" in p for p in err.value.problems)


def test_a_gate_needs_exactly_one_threshold():
    from conftest import MINI
    from game.scenario import parse_scenario
    from game.scenario.loader import ScenarioError

    for gate in (
        "{flag: un_exemption, meter: sanctions_regime, grants: true}",
        "{flag: x, meter: tension, min_parameter: detect_max, max_parameter: detect_max}",
    ):
        text = MINI.read_text().replace(
            "  peace_erodes: [ROK, PRC]\n", f"  peace_erodes: [ROK, PRC]\n  gates:\n    - {gate}\n", 1
        )
        with pytest.raises(ScenarioError) as err:
            parse_scenario(text, "gates.yaml")
        line = next(i for i, row in enumerate(text.splitlines(), 1) if gate in row)
        assert any(
            p.startswith(f"gates.yaml:{line}: world.gates.0") and "exactly one threshold" in p
            for p in err.value.problems
        ), err.value.problems
