"""The running log digest is worked out when read (model.log.LogDigest), and reads as the eager digest did:
the state hash of a game is the same as before it became lazy, so older saves still verify."""

import copy
import pickle
import random

from game.ai.random_ai import RandomController
from game.engine import Match
from game.engine.match import state_hash
from game.model.log import LogDigest
from game.model.state import GameState
from game.views import rules_view

# seed 7, the random seats below, at the start of turn 4: computed by the eager digest (before 073af0d)
PINNED_STATE_HASH = "d8a9608a75b20614abd1512260de051aaeebea69acbe68744ac6d3e6431b2a0b"
PINNED_DIGEST = "51d0d4f7052fe9f0464f68c63497419a584f64ee03328497291caee32bf357d5"


def _three_turns(hanoi) -> Match:
    match = Match(hanoi, 7)
    rules = rules_view(hanoi)
    brains = {a: RandomController(a, rules) for a in hanoi.actors}
    rng = random.Random(7)
    while match.state.turn <= 3:
        actor = match.pending()[0]
        legal = match.legal_orders(actor) if match.phase.value != "propose" else []
        match.submit(brains[actor].act(match.observe(actor), legal, rng))
    return match


def test_the_lazy_digest_reads_as_the_eager_one_did(hanoi):
    state = _three_turns(hanoi).state
    assert state.log_digest._hex is None  # nobody has read it yet: nothing was hashed
    assert state_hash(state) == PINNED_STATE_HASH
    assert state.log_digest.hex == PINNED_DIGEST


def test_a_digest_survives_a_save_a_pickle_and_a_copy(hanoi):
    state = _three_turns(hanoi).state
    reloaded = GameState.model_validate_json(state.model_dump_json())
    assert isinstance(reloaded.log_digest, LogDigest) and reloaded == state
    assert reloaded.model_dump()["log_digest"] == PINNED_DIGEST
    for twin in (pickle.loads(pickle.dumps(state)), copy.deepcopy(state)):
        assert twin.log_digest.hex == PINNED_DIGEST and twin == state
    assert state.log_digest != LogDigest() and LogDigest(PINNED_DIGEST) == state.log_digest
