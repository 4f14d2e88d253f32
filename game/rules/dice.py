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
import struct
from typing import Final

_SCALE: Final = 2.0**-64
_WORD: Final = struct.Struct(">Q").unpack  # an 8-byte digest as a big-endian 64-bit integer
_TWO_WORDS: Final = struct.Struct(">QQ").unpack
_TWO_PI: Final = 2.0 * math.pi  # as 2.0 * math.pi * u2 groups it


class Dice:
    __slots__ = ("seed", "_prefix", "_hash8", "_hash16")

    def __init__(self, seed: int):
        self.seed = seed
        self._prefix = f"armistice:{seed}:"
        # every key's digest starts with the prefix: each roll continues a copy of its hash
        self._hash8 = hashlib.blake2b(self._prefix.encode(), digest_size=8)
        self._hash16 = hashlib.blake2b(self._prefix.encode(), digest_size=16)

    def roll(self, *key: object) -> float:
        """A uniform number in [0, 1) for ``key`` (e.g. turn, "detect", site, observer): the blake2b
        digest of the prefix and the key's parts joined by colons, as a 64-bit fraction."""
        return self.roll_at(":".join(map(str, key)))

    def roll_at(self, key: str) -> float:
        """``roll`` for a key already joined (``f"{turn}:detect:{site}:{observer}"``): the rolls resolution
        makes every turn build their keys in one f-string, about half the cost of joining the parts."""
        h = self._hash8.copy()
        h.update(key.encode())
        word: int = _WORD(h.digest())[0]
        return word * _SCALE

    def gauss(self, sigma: float, *key: object) -> float:
        """A normal number with mean 0 and deviation ``sigma`` for ``key`` (Box-Muller)."""
        return self.gauss_at(sigma, ":".join(map(str, key)))

    def gauss_at(self, sigma: float, key: str) -> float:
        """``gauss`` for a key already joined, as ``roll_at``."""
        h = self._hash16.copy()
        h.update(key.encode())
        # typed words, their floats made explicitly: compiled, untyped they were generic multiplications
        # (the same floats: an int times a float is the int's float times it)
        words: tuple[int, int] = _TWO_WORDS(h.digest())
        u1 = float(words[0] + 1) * _SCALE  # (0, 1]: log is defined
        u2 = float(words[1]) * _SCALE
        return sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(_TWO_PI * u2)

    def __reduce__(self) -> tuple[type[Dice], tuple[int]]:
        return Dice, (self.seed,)  # the hashes are derived from the seed (and cannot be pickled)

    def __repr__(self) -> str:
        return f"Dice({self.seed})"
