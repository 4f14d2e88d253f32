"""Observer.observe fills a copy of a blank observation (the facts and a place for each field of the
viewer's own) instead of a dict display: every place must be filled with a valid value, in the model's
order, for every viewer in every phase."""

from game.ai.runner import make_controllers, step
from game.engine import Match
from game.model.ids import Actor
from game.model.observation import Observation


def test_every_field_of_every_observation_is_filled(hanoi):
    checked = 0
    for seed in range(2):
        match = Match(hanoi, seed)
        brains = make_controllers(match, {a: "random" for a in hanoi.actors})
        while not match.over:
            for viewer in match.state.actors:
                obs = match.observe(viewer)
                assert list(obs.__dict__) == list(Observation.model_fields)  # every field, in the model's order
                # a place left blank holds None, which validation refuses but where the model allows it
                assert Observation.model_validate(obs.__dict__) == obs
                assert obs.viewer is viewer
                assert (obs.program is not None) == (viewer is Actor.DPRK)
                checked += 1
            step(match, brains)
    assert checked > 300
