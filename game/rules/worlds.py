"""A world put together from what one country sees, for an AI to play forward: the public facts of its
Observation, with the hidden parts its determinization drew (``ai.determinize``) in place of the truth.

The rules own how a state is assembled, so no AI builds or names the game's state: an AI hands in its
own Observation and its guesses, and gets back a ``World`` that it can only advance with the rules' own
functions (``rules.turn.submit``, ``views.observe``). The real state never reaches an AI: a World is
always one built here, from an Observation, and thrown away after one simulation."""

from __future__ import annotations

from typing import TypeAlias

from ..model.ids import Actor
from ..model.observation import Observation
from ..model.orders import ActionOrder
from ..model.program import Estimate, ProgramTruth
from ..model.state import GameState

World: TypeAlias = GameState  # a sampled world: a full state built from one country's Observation


def sampled_world(
    obs: Observation,
    parameters: dict[str, float],
    program: ProgramTruth,
    capital: dict[Actor, int],
    estimates: dict[Actor, Estimate],
    last_taken: dict[str, int],
    fired_events: frozenset[str],
    submitted: frozenset[Actor],
    orders: dict[Actor, tuple[ActionOrder, ...]],
) -> World:
    """The world ``obs`` shows, its hidden parts as drawn: the program's truth, every country's capital
    and estimate, what was taken when, which events have fired, who has acted and the orders sealed."""
    return GameState(
        scenario_id=obs.scenario_id,
        turn=obs.turn,
        phase=obs.phase,
        actors=obs.actors,
        parameters=parameters,
        meters=dict(obs.meters),
        capital=capital,
        trust=dict(obs.trust),
        flags=obs.flags,
        program=program,
        declared=obs.declared,
        verified=obs.verified,
        estimates=estimates,
        proposals=obs.proposals,
        responses=dict(obs.responses),
        deals=obs.deals,
        commitments=obs.commitments,
        submitted=submitted,
        orders=orders,
        last_taken=last_taken,
        fired_events=fired_events,
    )
