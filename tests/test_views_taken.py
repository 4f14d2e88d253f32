"""``Observation.news_taken``, the index of the actions a seat's news shows taken, which the observer keeps
up to date as the news grows: at every step of a game it is exactly what a scan of that seat's news
finds (keys, their order, the latest turns), and a cable's action shows only to the cable's audience."""

import pytest

from game.ai.reading import taken
from game.ai.runner import make_controllers, run, step
from game.engine import Match
from game.model.ids import ACTION_SOURCE_PREFIXES, Actor
from game.model.log import NewsItem
from game.model.observation import Observation
from game.views import Observer, observe


def scanned(news: tuple[NewsItem, ...]) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for item in news:
        if item.source.startswith(ACTION_SOURCE_PREFIXES):
            out[item.source] = item.turn
    return list(out.items())


@pytest.mark.parametrize(("scenario", "seats", "seed"), [("mini", "heuristic", 4), ("hanoi", "random", 1)])
def test_the_index_is_what_a_scan_of_the_seats_news_finds(request, scenario, seats, seed):
    sc = request.getfixturevalue(scenario)
    m = Match(sc, seed)
    brains = make_controllers(m, {a: seats for a in Actor})
    indexed = 0
    while not m.over:
        for viewer in (*m.state.actors, None):
            obs = m.observe(viewer)
            assert list(obs.news_taken.index.items()) == scanned(obs.news), (m.state.turn, m.phase, viewer)
            indexed += len(obs.news_taken.index)
            if viewer is not None:
                done = taken(obs)
                assert done == {
                    **dict(scanned(obs.news)),
                    **{f"{o.actor.value}:{o.action}": obs.turn for o in obs.own_orders},
                }
        assert step(m, brains)
    assert indexed > 0


def test_a_cables_action_is_indexed_for_its_audience_only(mini):
    m = Match(mini, 2)
    state = m.state
    shared = Observer()
    for viewer in Actor:  # the observer has indexed the news up to here for every seat
        observe(state, mini, viewer, shared)
    cable = NewsItem(turn=state.turn, text="a letter", audience=(Actor.DPRK, Actor.US), source="DPRK:kim_letter")
    public = NewsItem(turn=state.turn, text="a statement", source="US:statement")
    changed = state.replace(news=state.news + (cable, public))
    for viewer in Actor:
        obs = observe(changed, mini, viewer, shared)
        assert obs == observe(changed, mini, viewer)
        assert ("DPRK:kim_letter" in obs.news_taken.index) == (viewer in cable.audience), viewer
        assert obs.news_taken.index["US:statement"] == state.turn
        assert list(obs.news_taken.index) == [source for source, _ in scanned(obs.news)]


def test_an_index_first_read_at_the_end_of_a_game_is_the_scan(hanoi):
    """Nobody reads the index during the game (the engine's turns): each seat's chain of unread links is
    worked out at once when read, to the same mapping in the same order."""
    m = Match(hanoi, 3)
    brains = make_controllers(m, {a: "random" for a in Actor})
    held = []
    while not m.over:
        held.append(m.observe(Actor.US))  # observations of every turn, their indexes left unread
        assert step(m, brains)
    last = m.observe(Actor.US)
    assert list(last.news_taken.index.items()) == scanned(last.news)
    for obs in held:  # the earlier links were worked out on the way, each to its own news
        assert list(obs.news_taken.index.items()) == scanned(obs.news)
    assert last.model_dump()["news_taken"] == last.news_taken.index


def test_an_observation_read_back_from_json_keeps_its_index(hanoi):
    """An observation crosses a boundary as JSON (the network, later): its index serialises as the mapping
    and reads back as an index, so the observation read back equals the one sent."""
    m = Match(hanoi, 2)
    run(m, make_controllers(m, {a: "random" for a in Actor}))
    for viewer in m.state.actors:
        sent = m.observe(viewer)
        assert Observation.model_validate_json(sent.model_dump_json()) == sent
        assert Observation.model_validate(sent.model_dump()) == sent
        assert taken(Observation.model_validate_json(sent.model_dump_json())) == taken(sent)
