"""The heuristic's noise is drawn with ``heuristic._gauss``, CPython's ``random.Random.gauss`` written out for the
compiled build: it must draw exactly what the library draws, float for float, and leave the generator in the
same state, whatever the arguments and however its calls interleave with the library's."""

from __future__ import annotations

import random
import struct

from game.ai.heuristic import _gauss


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def test_gauss_draws_what_the_library_draws():
    for seed in ("armistice:1:US:3:propose", 7, "x"):
        ours, theirs = random.Random(seed), random.Random(seed)
        for i in range(2000):
            mu, sigma = ((0, 0.15), (0.0, 0.3), (2.5, 1.0), (0.0, 0.0))[i % 4]
            assert _bits(_gauss(ours, mu, sigma)) == _bits(theirs.gauss(mu, sigma)), (seed, i)
            if i % 7 == 0:  # the library's own draws in between, on both
                assert ours.random() == theirs.random()
            if i % 11 == 0:  # and the library's gauss on ours, ours on theirs
                assert _bits(ours.gauss(0.0, 1.0)) == _bits(_gauss(theirs, 0.0, 1.0))
        assert ours.getstate() == theirs.getstate()


def test_a_generator_of_its_own_is_asked_its_own_draws():
    """``_gauss`` calls the C generator's ``random`` directly for a ``random.Random``; a subclass may draw
    otherwise, and is asked."""

    class Half(random.Random):
        def random(self) -> float:
            return 0.5

    assert _bits(_gauss(Half(1), 0.0, 1.0)) == _bits(random.Random.gauss(Half(1), 0.0, 1.0))
