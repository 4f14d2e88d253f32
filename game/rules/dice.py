"""The game's dice: every roll is keyed by what it decides, not by how many rolls came before it.

The roll for "turn 3: does the US find Kangson?" is the same number in every game with the same seed,
whatever else was rolled first. So two games that differ in one order (a policy-lab comparison, an AI
bench pair, a search candidate) share every roll the difference does not reach: common random numbers,
which make paired comparisons far less noisy than one shared stream, where a single extra roll reshuffles
all that follow. It also leaves no generator state to save: a game is (scenario, seed, orders).
"""
from __future__ import annotations

import hashlib
import math

_SCALE = 2.0 ** -64


class Dice:
    __slots__ = ("seed", "_prefix")

    def __init__(self, seed: int):
        self.seed = seed
        self._prefix = f"armistice:{seed}:"

    def roll(self, *key: object) -> float:
        """A uniform number in [0, 1) for ``key`` (e.g. turn, "detect", site, observer)."""
        digest = hashlib.blake2b((self._prefix + ":".join(map(str, key))).encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") * _SCALE

    def gauss(self, sigma: float, *key: object) -> float:
        """A normal number with mean 0 and deviation ``sigma`` for ``key`` (Box-Muller)."""
        digest = hashlib.blake2b((self._prefix + ":".join(map(str, key))).encode(), digest_size=16).digest()
        u1 = (int.from_bytes(digest[:8], "big") + 1) * _SCALE  # (0, 1]: log is defined
        u2 = int.from_bytes(digest[8:], "big") * _SCALE
        return sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def __repr__(self) -> str:
        return f"Dice({self.seed})"
