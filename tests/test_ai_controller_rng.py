"""``ai.base.controller_rng`` seeds its generator without ``random.Random``'s interpreted ``__init__`` and
``seed``: it must give exactly the generator ``random.Random`` gives the same text (the corpus's AI draws)."""

import random

import pytest

from game.ai.base import controller_rng
from game.model.ids import Actor


@pytest.mark.parametrize("seed", [0, 1, 7, 123456789, 2**40 + 3])
@pytest.mark.parametrize("actor", list(Actor))
def test_the_generator_is_the_library_seeded_with_the_text(seed, actor):
    for turn in (1, 2, 12):
        for phase in ("propose", "respond", "counter_respond", "orders"):
            ours = controller_rng(seed, actor, turn, phase)
            theirs = random.Random(f"armistice:{seed}:{actor.value}:{turn}:{phase}")
            assert type(ours) is random.Random
            assert ours.getstate() == theirs.getstate()
            assert [ours.random() for _ in range(3)] == [theirs.random() for _ in range(3)]
            assert ours.gauss(0.0, 1.0) == theirs.gauss(0.0, 1.0)
            assert ours.getstate() == theirs.getstate()
