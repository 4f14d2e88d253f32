"""The military ladder (issue 11, item 5): repeated rounds of an action in one turn, the SLBM and MRBM
rungs, what missile readiness does, and the threat of military action with its suspension."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.ai.runner import decision_inputs, make_controllers  # noqa: E402
from game.ai.valuation import Context, Valuer  # noqa: E402
from game.engine import Match  # noqa: E402
from game.lab.batch import Arm, playable  # noqa: E402
from game.model.ids import Actor, pair_key  # noqa: E402
from game.model.orders import ActionOrder, IllegalOrder  # noqa: E402
from game.rules.kinds import expected_effects  # noqa: E402
from game.rules.scoring import score  # noqa: E402
from game.views import rules_view  # noqa: E402
from tests.helpers import play_orders, skip_diplomacy  # noqa: E402

DPRK, ROK, JPN = Actor.DPRK, Actor.ROK, Actor.JPN
LADDER = ("short_range_test", "slbm_test", "mrbm_test", "icbm_test")


def orders(*actions: str) -> list[ActionOrder]:
    return [ActionOrder(actor=DPRK, action=a) for a in actions]


def tension_from(state, cause: str) -> float:
    return sum(c.delta for c in state.changes if c.meter == "tension" and c.cause == cause)


# --------------------------------------------------------------------------- rounds in one turn
def test_rounds_of_launches_each_pay_and_apply(hanoi):
    m = Match(hanoi, 1)
    skip_diplomacy(m)
    before = m.state
    m.order(DPRK, orders(*["short_range_test"] * 3))
    for actor in list(m.pending()):
        m.order(actor, [])
    state, p = m.state, hanoi.parameters
    assert state.capital[DPRK] == before.capital[DPRK] - 3 + hanoi.capital_income[DPRK]
    assert tension_from(state, "DPRK:short_range_test") == pytest.approx(3 * p["short_range_tension"].value)
    gain, decay = p["short_range_test_readiness"].value, p["readiness_decay"].value
    assert state.program.missile_readiness == pytest.approx(before.program.missile_readiness + 3 * gain - decay)
    launches = [n.text for n in state.news if n.source.endswith(":short_range_test")]
    assert len(launches) == 3 and launches[1].endswith("(round 2 this turn)") and "round 3" in launches[2]


def test_rounds_stop_at_the_limit_and_the_budget(hanoi):
    m = Match(hanoi, 1)
    skip_diplomacy(m)
    limit = hanoi.action("short_range_test").max_per_turn
    with pytest.raises(IllegalOrder, match=f"ordered {limit + 1} times in one turn; it may be ordered {limit} times"):
        m.order(DPRK, orders(*["short_range_test"] * (limit + 1)))
    with pytest.raises(IllegalOrder, match="political capital"):
        m.order(DPRK, orders(*["short_range_test"] * limit))  # more rounds than capital
    with pytest.raises(IllegalOrder, match="ordered twice in one turn; it may be ordered once"):
        m.order(DPRK, orders("slbm_test", "slbm_test"))
    assert DPRK in m.pending(), "a refused set of orders changes nothing"


def test_the_heuristic_repeats_a_launch_when_it_values_it(hanoi):
    """The default AI orders several rounds in some games' opening turns, through the rules' room_for,
    and every set it gives is legal."""
    repeated = 0
    for seed in range(10):
        m = Match(hanoi, seed)
        skip_diplomacy(m)
        brain = make_controllers(m, {DPRK: "heuristic"})[DPRK]
        decision = brain.act(*decision_inputs(m, DPRK))
        actions = [o.action for o in decision.orders]
        repeated += actions.count("short_range_test") >= 2
        m.order(DPRK, list(decision.orders))  # raises if the AI broke a rule
    assert repeated >= 1


# --------------------------------------------------------------------------- the rungs
def test_each_rung_sits_between_its_neighbours(hanoi):
    """Readiness, tension, Japan's alarm, the norm and China's displeasure grow up the ladder."""
    params = {k: v.value for k, v in hanoi.parameters.items()}
    fx = [expected_effects(hanoi.action(a), DPRK, params) for a in LADDER]
    readiness = [params[f"{a}_readiness"] for a in LADDER]
    tension = [f.meters["tension"] for f in fx]
    japan = [-f.trust[pair_key(DPRK, JPN)] for f in fx]
    norm = [-f.meters.get("npt_norm", 0.0) for f in fx]
    china = [f.meters.get("enforcement.PRC", 0.0) for f in fx]
    for rising in (readiness, tension, japan, norm, china):
        assert rising == sorted(rising) and len(set(rising)) == len(rising), rising
    assert all(hanoi.action(a).max_per_turn == 1 for a in LADDER[1:])  # only short-range rounds repeat


def test_the_middle_rungs_leave_the_moratorium_standing(hanoi):
    m = Match(hanoi, 1)
    play_orders(m, {DPRK: ["slbm_test"]})
    play_orders(m, {DPRK: ["mrbm_test"]})
    assert "moratorium" in m.state.flags  # nuclear and ICBM tests halted from 21 Apr 2018 (FACTS)
    play_orders(m, {DPRK: ["icbm_test"]})
    assert "moratorium" not in m.state.flags


# --------------------------------------------------------------------------- what readiness does
def test_readiness_decays_without_tests(hanoi):
    m = Match(hanoi, 1)
    start = m.state.program.missile_readiness
    for _ in range(3):
        play_orders(m, {})
    assert m.state.program.missile_readiness == pytest.approx(start - 3 * hanoi.param("readiness_decay"))


def _with_readiness(state, readiness: float):
    return state.replace(program=state.program.replace(missile_readiness=readiness))


def test_readiness_scales_the_dprk_deterrent_and_is_worth_nothing_at_off(hanoi):
    state = Match(hanoi, 1).state
    proven, unproven = _with_readiness(state, 100.0), _with_readiness(state, 0.0)
    assert score(proven, hanoi, DPRK) > score(unproven, hanoi, DPRK)
    assert score(proven, hanoi, Actor.US) == score(unproven, hanoi, Actor.US)  # only the DPRK's objective
    off, variant = playable(hanoi, Arm("off", {}, parameters={"readiness_deterrence": 0.0}))
    state = Match(off, 1, variant).state
    assert score(_with_readiness(state, 100.0), off, DPRK) == score(_with_readiness(state, 0.0), off, DPRK)


def _arsenal_worth(scenario, variant, readiness: float) -> float:
    """What the DPRK's AI expects a short-range round to add to its regime-security term (a warheads'
    worth of the arsenal kept: the quantity 'arsenal' counts warheads given up)."""
    m = Match(scenario, 1, variant)
    m = Match(scenario, 1, variant, state=_with_readiness(m.state, readiness))
    skip_diplomacy(m)
    rules = rules_view(scenario, variant)
    ctx = Context(m.observe(DPRK), rules, DPRK, horizon=1)
    return -Valuer.shared(rules).deltas(ctx, DPRK, "short_range_test").get("arsenal", 0.0)


def test_the_ai_prices_a_test_by_the_readiness_it_adds(hanoi):
    assert _arsenal_worth(hanoi, None, 70.0) > 0
    assert _arsenal_worth(hanoi, None, 100.0) == 0  # a proven force gains nothing from one more round
    off, variant = playable(hanoi, Arm("off", {}, parameters={"readiness_deterrence": 0.0}))
    assert _arsenal_worth(off, variant, 70.0) == 0


# --------------------------------------------------------------------------- threat and suspension
def test_a_threat_stands_until_its_suspension(hanoi):
    m = Match(hanoi, 1)
    p = hanoi.param
    before = m.state
    play_orders(m, {DPRK: ["threaten_military_action"]})
    threat = m.state
    assert "military_threat" in threat.flags
    assert tension_from(threat, "DPRK:threaten_military_action") == p("threat_tension")
    assert threat.meters["inter_korean"] < before.meters["inter_korean"]
    assert threat.meters["enforcement.ROK"] == before.meters["enforcement.ROK"] - p("threat_leverage")
    skip_diplomacy(m)
    with pytest.raises(IllegalOrder, match="threaten_military_action"):
        m.order(DPRK, orders("threaten_military_action"))  # one threat at a time
    m.order(DPRK, orders("suspend_military_action"))
    for actor in list(m.pending()):
        m.order(actor, [])
    assert "military_threat" not in m.state.flags
    assert tension_from(m.state, "DPRK:suspend_military_action") == -p("suspension_relief")
    assert m.state.trust_between(ROK, DPRK) > threat.trust_between(ROK, DPRK)


def test_no_suspension_without_a_threat(hanoi):
    m = Match(hanoi, 1)
    skip_diplomacy(m)
    with pytest.raises(IllegalOrder, match="suspend_military_action"):
        m.order(DPRK, orders("suspend_military_action"))


def test_the_ai_takes_the_off_ramp_at_the_brink(hanoi):
    start = Match(hanoi, 1).state
    brink = start.replace(meters={**start.meters, "tension": 85.0}, flags=start.flags | {"military_threat"})
    m = Match(hanoi, 1, state=brink)
    skip_diplomacy(m)
    brain = make_controllers(m, {DPRK: "heuristic"})[DPRK]
    decision = brain.act(*decision_inputs(m, DPRK))
    assert "suspend_military_action" in [o.action for o in decision.orders], decision.rationale


# --------------------------------------------------------------------------- the order list
def test_the_order_list_counts_rounds_and_submits_them(hanoi, tmp_path, monkeypatch):
    """Activating a repeatable action again adds a round (its row says how many and what they cost);
    once it may not be added again, activating it clears it."""
    import pygame

    from game.ui.app import App
    from game.ui.navigation import start_game
    from game.ui.session import Seat
    from game.ui.settings import Settings
    from game.model.ids import Phase

    monkeypatch.setenv("ARMISTICE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ARMISTICE_SAVES_DIR", str(tmp_path / "saves"))
    app = App(Settings(width=1280, height=800), size=(1280, 800), persist_settings=False, threaded=False)
    game = start_game(app, hanoi, 1, None, {a: Seat(a, a is DPRK, "random") for a in hanoi.actors})

    def press(k: int, mod: int = 0) -> None:
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            app.step([pygame.event.Event(kind, key=k, mod=mod, unicode="", scancode=0)], 1 / 60)
        app.step([], 1 / 60)

    app.step([], 1 / 60)
    for _ in range(20):
        if game.obs.phase is Phase.ORDERS:
            break
        for _ in game.obs.awaiting_response:
            press(pygame.K_r)
        press(pygame.K_RETURN, pygame.KMOD_CTRL)
    assert game.obs.phase is Phase.ORDERS
    press(pygame.K_2)
    tab = game.tabs["actions"]
    row = next(i for i, it in enumerate(tab.action_list.items) if it.key == "short_range_test")
    game.focus.focus_widget(tab.action_list)
    tab.action_list.select(row)
    for _ in range(3):
        press(pygame.K_SPACE)
    assert game.draft().orders.count("short_range_test") == 3
    item = game.tabs["actions"].action_list.items[row]
    assert item.label.endswith("×3") and item.right == "3 PC" and "rounds a turn" in item.sub
    press(pygame.K_RETURN, pygame.KMOD_CTRL)
    sent = [e for e in game.session.match.log if e.actor is DPRK and e.orders]
    assert [o.action for o in sent[-1].orders].count("short_range_test") == 3
