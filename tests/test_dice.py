"""The dice: a roll's key joined once (``roll_at``, ``gauss_at``) is the same roll as its parts."""

from hypothesis import given
from hypothesis import strategies as st

from game.rules.dice import Dice

part = st.one_of(st.integers(min_value=0, max_value=10**6), st.text(alphabet="abcdefgz_:-0123", max_size=12))


@given(seed=st.integers(min_value=0, max_value=2**32), key=st.lists(part, min_size=1, max_size=5))
def test_a_joined_key_rolls_as_its_parts(seed, key):
    dice = Dice(seed)
    joined = ":".join(map(str, key))
    assert dice.roll_at(joined) == dice.roll(*key)
    assert dice.gauss_at(0.3, joined) == dice.gauss(0.3, *key)


def test_rolls_keep_their_values():
    """Saved games replay from (scenario, seed, orders): a key's roll is pinned (values of today's dice)."""
    dice = Dice(7)
    assert dice.roll_at("3:detect:yongbyon:US") == dice.roll(3, "detect", "yongbyon", "US") == 0.8238376363003115
    assert dice.gauss_at(0.25, "2:estimate:US:1:pu_kg") == 0.19983273937296228
    assert Dice(8).roll(3, "detect", "yongbyon", "US") != 0.8238376363003115
