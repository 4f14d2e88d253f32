"""AI controllers: fairness by construction, determinism, rationales, personalities, deals, seat specs."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from game.ai import HeuristicController, RandomController, SearchController, controller_rng
from game.ai.determinize import sample_state
from game.ai.registry import DEFAULT_SEAT, build_controller, parse_spec
from game.ai.runner import make_controllers, run, step
from game.cli import main as cli_main
from game.engine import Match
from game.model.deals import Clause
from game.model.ids import Actor, Phase
from game.model.orders import ProposeOrder
from game.rules.legality import legal_orders
from game.views import observe, rules_view

from helpers import play_orders

AI_DIR = Path(__file__).resolve().parents[1] / "game" / "ai"


def play(scenario, seed, seats):
    match = Match(scenario, seed)
    run(match, make_controllers(match, seats))
    return match


def all_seats(spec, scenario):
    return {a: spec for a in scenario.actors}


# --------------------------------------------------------------------------- fairness
def test_only_determinize_names_the_game_state():
    """The type boundary: controllers take Observations; only the determinization module builds
    (sampled) full states, and no module in game/ai imports the engine's Match."""
    for path in AI_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if path.name != "determinize.py":
            assert "GameState" not in names | imported, path.name
        if path.name != "runner.py":  # the runner drives a Match; controllers never see it
            assert "Match" not in imported, path.name


def _secret_twin(state):
    """The same public state with every private fact changed: the DPRK's truth, everyone's capital
    and estimates."""
    program = state.program.replace(
        warheads=state.program.warheads + 17,
        heu_kg=state.program.heu_kg * 2,
        sites=tuple(s.replace(heu_rate=s.heu_rate * 3 + 1, pu_rate=s.pu_rate + 2) for s in state.program.sites),
    )
    capital = {a: (c + 3) % 9 for a, c in state.capital.items()}
    estimates = {
        a: e.replace(
            warheads=e.warheads._replace(low=e.warheads.low + 5, high=e.warheads.high + 9),
            intel_effort=e.intel_effort + 30,
        )
        for a, e in state.estimates.items()
    }
    return program, capital, estimates


@pytest.mark.parametrize("spec", ["heuristic:hard", "heuristic:easy", "search:4it"])
def test_decisions_ignore_other_actors_secrets(mini, spec):
    match = Match(mini, 5)
    controllers = make_controllers(match, all_seats("heuristic", mini))
    while match.state.turn < 2 and not match.over:  # one turn played: history, deals and news exist
        step(match, controllers)
    rules = rules_view(mini)
    program, capital, estimates = _secret_twin(match.state)
    for viewer in mini.actors:
        twin = match.state.replace(
            program=program if viewer is not Actor.DPRK else match.state.program,
            capital={**capital, viewer: match.state.capital[viewer]},
            estimates={**estimates, **({viewer: match.state.estimates[viewer]} if viewer in estimates else {})},
        )
        obs_a = observe(match.state, mini, viewer)
        obs_b = observe(twin, mini, viewer)
        assert obs_a == obs_b
        brain_a = build_controller(spec, viewer, rules)
        brain_b = build_controller(spec, viewer, rules)
        rng = lambda: controller_rng(5, viewer, match.state.turn, "propose")  # noqa: E731
        assert brain_a.propose(obs_a, rng()).orders == brain_b.propose(obs_b, rng()).orders
        # and the orders, in the orders phase of the same turn
        ordering = match.state.replace(phase=Phase.ORDERS)
        twin_orders = twin.replace(phase=Phase.ORDERS)
        legal = legal_orders(ordering, mini, viewer)
        assert legal == legal_orders(twin_orders, mini, viewer)
        a = brain_a.decide(observe(ordering, mini, viewer), legal, rng())
        b = brain_b.decide(observe(twin_orders, mini, viewer), legal, rng())
        assert a.orders == b.orders and a.rationale == b.rationale


def test_sampled_worlds_hold_only_what_the_viewer_knows(mini):
    match = Match(mini, 2)
    obs = match.observe(Actor.US)
    known = {s.id for s in obs.sites}
    for seed in range(20):
        state = sample_state(obs, rules_view(mini), Actor.US, random.Random(seed))
        ids = {s.id for s in state.program.sites}
        assert ids - known <= {"sampled-covert-hall"}
        est = obs.estimates[Actor.US]
        assert est.warheads.low - 1 <= state.program.warheads <= est.warheads.high + 1
        assert state.capital[Actor.US] == obs.capital[Actor.US]
    with pytest.raises(TypeError, match="Observation"):
        sample_state(match.state, rules_view(mini), Actor.US, random.Random(0))  # the real state has no way in


# --------------------------------------------------------------------------- behaviour
@pytest.mark.parametrize("spec", ["heuristic", "heuristic:hard", "heuristic:easy"])
def test_heuristic_games_are_reproducible_and_explained(mini, spec):
    a = play(mini, 11, all_seats(spec, mini))
    b = play(mini, 11, all_seats(spec, mini))
    assert [t.hash for t in a.turns] == [t.hash for t in b.turns]
    assert a.over
    decisions = [e for e in a.log]
    assert decisions and all(e.rationale and "\n" not in e.rationale for e in decisions)


def test_replaying_the_log_reproduces_an_ai_game(mini):
    a = play(mini, 4, all_seats("heuristic", mini))
    b = Match(mini, 4)
    for entry in a.log:
        b.apply(entry)
    assert b.hash() == a.hash()


def test_heuristic_outscores_random_seat_by_seat(mini):
    """Paired games: the same seed and the same other seats, one seat heuristic in one game and random
    in the other (a tie is not a win). In the mini scenario the US has actions that move its objectives
    and must win the pairs; the DPRK's actions move its sanctions relief only indirectly (through what
    detections and trust do to pressure), so its margins are small, but it must win most pairs and on
    average. The random seats draw their coins per action, and the dice are keyed by what they decide,
    so a pair's two games differ only where the compared seat's choices reach."""
    us_wins = dprk_wins = 0
    dprk_margin = 0.0
    seeds = range(12)  # the thresholds below hold the proportions of six pairs (5 of 6, most) over twelve
    for seed in seeds:
        others = {a: "random" for a in mini.actors}
        h = play(mini, seed, {**others, Actor.US: "heuristic"}).scores()[Actor.US]
        r = play(mini, seed, {**others, Actor.US: "random"}).scores()[Actor.US]
        us_wins += h > r
        h = play(mini, seed, {**others, Actor.DPRK: "heuristic"}).scores()[Actor.DPRK]
        r = play(mini, seed, {**others, Actor.DPRK: "random"}).scores()[Actor.DPRK]
        dprk_wins += h > r
        dprk_margin += h - r
    assert us_wins >= len(seeds) - 2
    assert dprk_wins > len(seeds) / 2 and dprk_margin > 0


def test_random_baseline_draws_per_action(mini):
    """The random seat's coin for an action does not depend on which other actions are legal."""
    from game.model.orders import ActionOrder

    class _Obs:
        capital = {Actor.US: 100}

    rules = rules_view(mini)
    brain = RandomController(Actor.US, rules)
    full = [ActionOrder(actor=Actor.US, action=a.id) for a in rules.actions if Actor.US in a.actors]
    assert len(full) >= 3
    left_out = full[1].action
    taken = set()
    for seed in range(20):
        with_all = {o.action for o in brain.decide(_Obs, full, random.Random(seed)).orders}
        without = [o for o in full if o.action != left_out]
        assert with_all - {left_out} == {o.action for o in brain.decide(_Obs, without, random.Random(seed)).orders}
        taken |= with_all
    assert taken == {o.action for o in full}  # every action's coin comes up in some decision


def count_actions(scenario, seats, action, actor, seeds=range(8)):
    n = 0
    for seed in seeds:
        match = play(scenario, seed, seats)
        n += sum(1 for e in match.log if e.actor is actor for o in e.orders if o.action == action)
    return n


def test_personality_changes_behaviour(mini):
    base = all_seats("heuristic", mini)
    hard = count_actions(mini, {**base, Actor.DPRK: "heuristic:hardliner"}, "missile_test", Actor.DPRK)
    soft = count_actions(mini, {**base, Actor.DPRK: "heuristic:pragmatist"}, "missile_test", Actor.DPRK)
    assert hard > soft
    hawk = count_actions(mini, {**base, Actor.US: "heuristic:hawk"}, "tighten", Actor.US)
    dealer = count_actions(mini, {**base, Actor.US: "heuristic:dealmaker"}, "tighten", Actor.US)
    assert hawk > dealer


def test_keeps_a_pledge_it_accepted(mini):
    """Trusting the US, the DPRK accepts to freeze Yongbyon for sanctions relief, and then does freeze it.
    (With the game's low starting trust it counters instead, asking the US to move first.)"""
    match = Match(mini, 1)
    match.state = match.state.replace(trust={**match.state.trust, "US-DPRK": 90.0})
    seats = {a: "heuristic" for a in mini.actors}
    brains = make_controllers(match, seats)
    offer = ProposeOrder(
        actor=Actor.US,
        recipient=Actor.DPRK,
        clauses=(
            Clause(actor=Actor.US, action="exemption", sequencing="upfront"),
            Clause(actor=Actor.US, action="ease", sequencing="upfront"),
            Clause(actor=Actor.DPRK, action="freeze_yongbyon", sequencing="upfront"),
        ),
    )
    for actor in list(match.pending()):
        match.propose(actor, [offer] if actor is Actor.US else [])
    obs = match.observe(Actor.DPRK)
    d = brains[Actor.DPRK].respond(obs, match.legal_orders(Actor.DPRK), random.Random(0))
    assert d.orders[0].answer == "accept", d.rationale
    match.respond(Actor.DPRK, d.orders, d.rationale)
    obs = match.observe(Actor.DPRK)
    d = brains[Actor.DPRK].decide(obs, match.legal_orders(Actor.DPRK), random.Random(0))
    assert "freeze_yongbyon" in {o.action for o in d.orders}, d.rationale
    assert "pledge" in d.rationale


def test_walks_away_after_a_detected_breach(mini):
    """The DPRK pledges to accept inspectors and does not: the breach is public, and the next turn the
    US answers the DPRK's next offer by walking away, saying why."""
    match = Match(mini, 3)
    offer = ProposeOrder(
        actor=Actor.US,
        recipient=Actor.DPRK,
        clauses=(
            Clause(actor=Actor.US, action="summit", sequencing="after_verification"),
            Clause(actor=Actor.DPRK, action="accept_inspectors", sequencing="upfront"),
        ),
    )
    for actor in list(match.pending()):
        match.propose(actor, [offer] if actor is Actor.US else [])
    pid = match.observe(Actor.DPRK).awaiting_response[0]
    from game.model.orders import RespondOrder

    match.respond(Actor.DPRK, [RespondOrder(actor=Actor.DPRK, proposal_id=pid, answer="accept")])
    for actor in list(match.pending()):
        match.order(actor, [])
    play_orders(match, {})  # the pledge falls due unkept
    assert any(d.status == "broken" for d in match.state.deals)
    ask = ProposeOrder(
        actor=Actor.DPRK,
        recipient=Actor.US,
        clauses=(Clause(actor=Actor.DPRK, action="summit"), Clause(actor=Actor.US, action="exemption")),
    )
    for actor in list(match.pending()):
        match.propose(actor, [ask] if actor is Actor.DPRK else [])
    us = HeuristicController(Actor.US, rules_view(mini))
    obs = match.observe(Actor.US)
    d = us.respond(obs, match.legal_orders(Actor.US), random.Random(0))
    assert d.orders[0].answer == "reject"
    assert "walked away" in d.rationale
    assert "no talks with North Korea" in us.propose(obs.replace(phase=Phase.PROPOSE), random.Random(0)).rationale


def test_search_decides_deterministically_with_an_iteration_budget(mini):
    match = Match(mini, 7)
    seats = {**all_seats("heuristic", mini), Actor.US: "search:6it"}
    a = Match(mini, 7)
    run(a, make_controllers(a, seats))
    run(match, make_controllers(match, seats))
    assert a.hash() == match.hash()
    assert any("[search:" in e.rationale for e in a.log if e.actor is Actor.US)


# --------------------------------------------------------------------------- specs and CLI
def test_seat_specs(mini):
    rules = rules_view(mini)
    assert DEFAULT_SEAT.startswith("heuristic")
    assert parse_spec("heuristic:hardliner:hard", Actor.DPRK, rules)["personality"] == "hardliner"
    assert parse_spec("heuristic:hard:hardliner", Actor.DPRK, rules)["difficulty"] == "hard"
    assert parse_spec("search:300it", Actor.US, rules)["budget"] == (300, "it")
    assert isinstance(build_controller("random", Actor.US, rules), RandomController)
    assert isinstance(build_controller("search", Actor.US, rules), SearchController)
    s = build_controller("search:50ms:hawk:hard", Actor.US, rules)
    assert s.ms == 50 and s.personality.name == "hawk"
    for bad in ("heuristic:hardliner", "genius", "random:hard", "heuristic:200ms"):
        with pytest.raises(ValueError):
            build_controller(bad, Actor.US, rules)


def test_cli_simulate_with_seats(tmp_path, capsys):
    out = tmp_path / "r.json"
    rc = cli_main(
        [
            "simulate",
            "--scenario",
            "tests/data/mini.yaml",
            "--seed",
            "2",
            "--quiet",
            "--seat",
            "US=search:3it",
            "--seat",
            "DPRK=heuristic:hardliner:hard",
            "--seat",
            "JPN=random",
            "--json",
            str(out),
        ]
    )
    assert rc == 0
    import json

    result = json.loads(out.read_text())
    assert result["seats"]["DPRK"] == "heuristic:hardliner:hard"
    assert result["seats"]["ROK"] == DEFAULT_SEAT
    assert all(r["text"] for r in result["rationales"])
    rc = cli_main(["simulate", "--scenario", "tests/data/mini.yaml", "--seat", "DPRK=heuristic:dove"])
    assert rc == 2
    assert "pragmatist" in capsys.readouterr().err


def _opposed_pledges(brain, clauses):
    """Pairs of one actor's pledges that cannot both be kept (do and refrain the same action, or two
    actions pushing a shared meter opposite ways)."""
    return [
        (a.action, b.action)
        for i, a in enumerate(clauses)
        for b in clauses[i + 1 :]
        if (a.action == b.action and a.mode != b.mode)
        or (a.mode == b.mode == "do" and brain._opposed(a.action, b.action))
    ]


def test_answers_a_turns_offers_as_one_government(hanoi):
    """Washington asks Seoul to scale joint exercises up, Pyongyang to scale them down, each for something
    Seoul wants. Each offer alone is accepted; answered together, Seoul keeps the better one and turns the
    other down instead of signing two pledges it cannot both keep."""
    rok = Actor.ROK
    up = ProposeOrder(
        actor=Actor.US,
        recipient=rok,
        clauses=(Clause(actor=Actor.US, action="sanctions_exemption"), Clause(actor=rok, action="exercises_scale_up")),
    )
    down = ProposeOrder(
        actor=Actor.DPRK,
        recipient=rok,
        clauses=(Clause(actor=Actor.DPRK, action="family_reunions"), Clause(actor=rok, action="exercises_scale_down")),
    )

    def answers(offers):
        match = Match(hanoi, 2)
        trust = {k: 90.0 for k in match.state.trust}
        match.state = match.state.replace(trust=trust)
        for actor in list(match.pending()):
            match.propose(actor, [o for o in offers if o.actor is actor])
        brain = HeuristicController(rok, rules_view(hanoi))
        obs = match.observe(rok)
        d = brain.respond(obs, match.legal_orders(rok), random.Random(0))
        by_id = {p.id: p for p in obs.proposals}
        accepted = [c for o in d.orders if o.answer == "accept" for c in by_id[o.proposal_id].clauses if c.actor is rok]
        return brain, d, accepted

    for offer in (up, down):
        _, d, _ = answers([offer])
        assert [o.answer for o in d.orders] == ["accept"], d.rationale
    brain, d, accepted = answers([up, down])
    assert sorted(o.answer for o in d.orders) == ["accept", "reject"], d.rationale
    assert not _opposed_pledges(brain, accepted), d.rationale
    assert "contradicts" in d.rationale


def test_wrecking_a_channel_costs_the_trust_deals_rest_on(hanoi):
    """Blowing up the liaison office costs Seoul's trust: while there is trust to lose the DPRK prices what
    the act forecloses; once trust is gone it forecloses nothing more."""
    match = Match(hanoi, 1)
    brain = HeuristicController(Actor.DPRK, rules_view(hanoi))
    stakes = []
    for level in (60.0, 0.0):
        match.state = match.state.replace(trust={**match.state.trust, "DPRK-ROK": level})
        obs = match.observe(Actor.DPRK)
        ctx = brain.context(obs)
        stakes.append(brain.trust_stake(ctx, "demolish_liaison_office"))
    assert stakes[0] < -0.5 and stakes[1] == 0.0
