"""The running log digest is worked out when read (model.log.LogDigest), and reads the same whenever it is
read: a digest read after every step of a game (as the eager digest was) equals one read only at the end,
so when a save or a replay first reads it does not change a game's state hash."""

import copy
import pickle
import random

from game.ai.random_ai import RandomController
from game.engine import Match
from game.engine.match import state_hash
from game.model.log import LogDigest
from game.model.state import GameState
from game.views import rules_view


def _three_turns(hanoi, read_every_step: bool = False) -> Match:
    match = Match(hanoi, 7)
    rules = rules_view(hanoi)
    brains = {a: RandomController(a, rules) for a in hanoi.actors}
    rng = random.Random(7)
    while match.state.turn <= 3:
        actor = match.pending()[0]
        legal = match.legal_orders(actor) if match.phase.value != "propose" else []
        match.submit(brains[actor].act(match.observe(actor), legal, rng))
        if read_every_step:
            _ = match.state.log_digest.hex  # reading it hashes every step so far
    return match


def test_the_lazy_digest_reads_as_the_eager_one_did(hanoi):
    state = _three_turns(hanoi).state
    assert state.log_digest._hex is None  # nobody has read it yet: nothing was hashed
    eager = _three_turns(hanoi, read_every_step=True).state
    assert state_hash(state) == state_hash(eager)
    assert state.log_digest.hex == eager.log_digest.hex and len(eager.log_digest.hex) == 64


def test_a_digest_survives_a_save_a_pickle_and_a_copy(hanoi):
    state = _three_turns(hanoi).state
    digest = _three_turns(hanoi, read_every_step=True).state.log_digest.hex
    reloaded = GameState.model_validate_json(state.model_dump_json())
    assert isinstance(reloaded.log_digest, LogDigest) and reloaded == state
    assert reloaded.model_dump()["log_digest"] == digest
    for twin in (pickle.loads(pickle.dumps(state)), copy.deepcopy(state)):
        assert twin.log_digest.hex == digest and twin == state
    assert state.log_digest != LogDigest() and LogDigest(digest) == state.log_digest
