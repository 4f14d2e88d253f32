"""What the heuristic reads once instead of at every order it weighs: an action's facts for ``_extras`` (what it
passes for, whether it is secret, its program moves) and the program's sites by id. These tests hold each to
the reads it replaces, on the orders positions of a real game."""

from __future__ import annotations

from game.ai.heuristic import HeuristicController, _extras_facts
from game.model.ids import Actor, Phase
from tests.helpers import heuristic_positions


def test_an_actions_extras_facts_are_its_own_fields(hanoi):
    checked = 0
    for spec in hanoi.actions:
        counts_as, secret, moves = _extras_facts(spec)
        assert counts_as == spec.counts_as
        assert secret == (spec.visibility == "secret" or spec.counts_as is not None)
        assert moves == tuple((e.site, e.op) for e in spec.effects if e.kind == "program")
        checked += bool(moves)
    assert checked  # some actions move the program


def test_the_program_sites_by_id_are_what_a_search_of_the_list_finds(hanoi):
    programs = 0
    for brain, obs, _ in heuristic_positions(hanoi, 3, 6, Phase.ORDERS):
        assert isinstance(brain, HeuristicController)
        if brain.actor is not Actor.DPRK:
            continue
        program = obs.program
        assert program is not None
        ctx = brain.context(obs)
        by_id = brain._program_sites(ctx, program)
        assert set(by_id) == {s.id for s in program.sites}
        for site_id, site in by_id.items():
            assert site is next(s for s in program.sites if s.id == site_id)
        # another program (a later turn's, read in the same context) is looked up afresh
        other = program.model_copy(update={"sites": program.sites[1:]})
        assert set(brain._program_sites(ctx, other)) == {s.id for s in other.sites}
        programs += 1
    assert programs
