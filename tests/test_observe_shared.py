"""A game's shared Observer (its news filtered once per tail for every viewer, its known sites kept across
states) shows every seat, at every step of whole games, exactly what a fresh observation shows."""

from game.ai.runner import make_controllers, step
from game.engine import Match
from game.views import observe


def test_a_games_shared_observations_equal_fresh_ones_at_every_step(hanoi):
    cables = 0
    for seed in range(2):
        match = Match(hanoi, seed)
        brains = make_controllers(match, {a: "random" for a in hanoi.actors})
        while not match.over:
            for viewer in (*match.state.actors, None):
                shared = match.observe(viewer)
                assert shared == observe(match.state, hanoi, viewer), (seed, match.state.turn, viewer)
            cables += sum(n.audience != "public" for n in match.state.news)
            step(match, brains)
    assert cables > 0  # the news held cables, which only some viewers see
