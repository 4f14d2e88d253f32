"""Observations are built field by field from what the viewer may see (a whitelist): a new secret
field in GameState cannot leak, because nothing here copies it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar, cast

from ..model.deals import Proposal
from ..model.ids import Actor, Phase
from ..model.log import MeterChange, NewsItem
from ..model.observation import Observation, SiteView
from ..model.scenario import Scenario
from ..model.state import GameState
from ..rules.legality import awaiting
from .public import public_commitment, public_declaration, public_facts

T = TypeVar("T")


class Observer:
    """The memory that makes observing cheap, owned by one game (a Match, or a search's sampled worlds):
    successive states share every part that did not change (rules replace only what changed), and a
    player observes several times a turn, so a part is rebuilt only when one of the state objects it is
    built from is a new object. Safe to share between the UI's window and its AI worker."""

    def __init__(self) -> None:
        # viewer -> (a state's news tuple, the items of it the viewer sees). News is append-only and each
        # state's tuple extends its predecessor's, so only the new tail needs filtering: the result is
        # identical to filtering the whole tuple, at a fraction of the cost late in a game.
        self._news_seen: dict[Actor, tuple[tuple[NewsItem, ...], tuple[NewsItem, ...]]] = {}
        # (part, viewer) -> (the state objects it was built from, the result)
        self._parts: dict[tuple[str, Actor | None], tuple[tuple[object, ...], object]] = {}
        self._lock = threading.Lock()

    def visible_news(self, news: tuple[NewsItem, ...], viewer: Actor) -> tuple[NewsItem, ...]:
        with self._lock:
            cached = self._news_seen.get(viewer)
        start = 0
        seen: tuple[NewsItem, ...] = ()
        if cached is not None:
            old, old_seen = cached
            if old is news:
                return old_seen
            if 0 < len(old) <= len(news) and news[len(old) - 1] is old[-1] and news[0] is old[0]:
                start, seen = len(old), old_seen
        seen = seen + tuple(n for n in news[start:] if n.audience == "public" or viewer in n.audience)
        with self._lock:
            self._news_seen[viewer] = (news, seen)
        return seen

    def part(self, name: str, viewer: Actor | None, inputs: tuple[object, ...], build: Callable[[], T]) -> T:
        with self._lock:
            hit = self._parts.get((name, viewer))
        if hit is not None:
            for a, b in zip(hit[0], inputs):  # a loop, not all(...): a part is looked up dozens of times a turn
                if a is not b:
                    break
            else:
                return cast(T, hit[1])  # what ``build`` made for the same part
        value = build()
        with self._lock:
            self._parts[(name, viewer)] = (inputs, value)
        return value

    def last(self, name: str, viewer: Actor | None) -> object:
        """The part ``name`` for ``viewer`` as last built (None before the first), for a build that
        can reuse the unchanged pieces of it."""
        with self._lock:
            hit = self._parts.get((name, viewer))
        return None if hit is None else hit[1]


class _Fresh:
    """No memory: every part built anew (an ``observe`` without an Observer)."""

    @staticmethod
    def visible_news(news: tuple[NewsItem, ...], viewer: Actor) -> tuple[NewsItem, ...]:
        return tuple(n for n in news if n.audience == "public" or viewer in n.audience)

    @staticmethod
    def part(name: str, viewer: Actor | None, inputs: tuple[object, ...], build: Callable[[], T]) -> T:
        return build()

    @staticmethod
    def last(name: str, viewer: Actor | None) -> object:
        return None


def _sites(state: GameState, viewer: Actor | None, earlier: object = None) -> tuple[SiteView, ...]:
    """The sites ``viewer`` knows of. ``earlier``: the viewer's sites as last built; a site whose view
    is unchanged keeps it (the sites are rebuilt whenever one site's suspicion or hidden production
    moves, usually every turn, while most sites' views stay the same)."""
    own = viewer is None or viewer is Actor.DPRK
    suspicion = {} if own else state.estimates[viewer].suspicion if viewer in state.estimates else {}
    before = {view.id: view for view in cast(tuple[SiteView, ...], earlier)} if earlier else {}
    out = []
    for site in state.program.sites:
        known_to_world = not site.covert
        if not (own or known_to_world or suspicion.get(site.id, 0.0) > 0):
            continue
        verified = state.verified.sites.get(site.id)
        claimed = state.declared.site_status.get(site.id)
        fields = dict(
            id=site.id,
            name=site.name,
            kind=site.kind,
            lat=site.lat,
            lon=site.lon,
            public_status=verified or claimed,
            verified=verified is not None,
            declared=site.id in state.declared.sites,
            essential=site.essential,
            suspicion=1.0 if own else suspicion.get(site.id, 0.0),
        )
        view = before.get(site.id)
        out.append(view if view is not None and view.__dict__ == fields else SiteView.trusted(**fields))
    return tuple(out)


def _fact_inputs(state: GameState, scenario: Scenario) -> tuple[object, ...]:
    """What ``public_facts`` reads: within a phase, a submission replaces the state but none of these
    parts of it, so every observation of the phase shares one copy of the facts."""
    return (
        scenario,
        state.scenario_id,
        state.turn,
        state.phase,
        state.actors,
        state.meters,
        state.trust,
        state.flags,
        state.verified,
        state.deals,
        state.history,
        state.outcome,
        state.outcome_reason,
    )


def _delivered(p: Proposal, phase: Phase) -> bool:
    """Proposals are sealed until their phase closes: an offer reaches its recipient when the propose
    phase ends, a counter-offer when the first response phase ends."""
    if p.counter_of is None:
        return phase is not Phase.PROPOSE
    return phase is not Phase.RESPOND


def _answer_opened(p: Proposal, phase: Phase) -> bool:
    """Answers are sealed until their phase closes, like proposals and orders."""
    if p.counter_of is None:
        return phase not in (Phase.PROPOSE, Phase.RESPOND)
    return phase is not Phase.COUNTER_RESPOND


def observe(
    state: GameState, scenario: Scenario, viewer: Actor | None, observer: Observer | None = None
) -> Observation:
    """What ``viewer`` may see; ``viewer=None`` is the facilitator's god view. ``observer`` remembers
    the parts it built for earlier states of the same game (the result is the same without it)."""
    memo = observer if observer is not None else _Fresh
    news = state.news if viewer is None else memo.visible_news(state.news, viewer)
    proposals = tuple(
        p
        for p in state.proposals
        if viewer is None or p.proposer is viewer or (p.recipient is viewer and _delivered(p, state.phase))
    )
    answers = {
        p.id: state.responses[p.id]
        for p in proposals
        if p.id in state.responses and (viewer is None or p.recipient is viewer or _answer_opened(p, state.phase))
    }
    return Observation.trusted(
        **memo.part(
            "facts", None, _fact_inputs(state, scenario), lambda: public_facts(state, scenario)
        ),  # alike for all
        viewer=viewer,
        declared=state.declared if viewer is None or viewer is Actor.DPRK else public_declaration(state.declared),
        sites=memo.part(
            "sites",
            viewer,
            (
                state.program.sites,
                state.declared,
                state.verified,
                state.estimates[viewer].suspicion if viewer in state.estimates else None,
            ),
            lambda: _sites(state, viewer, memo.last("sites", viewer)),
        ),
        capital=dict(state.capital) if viewer is None else {viewer: state.capital.get(viewer, 0)},
        estimates=dict(state.estimates)
        if viewer is None
        else ({viewer: state.estimates[viewer]} if viewer in state.estimates else {}),
        program=state.program if viewer is None or viewer is Actor.DPRK else None,
        proposals=proposals,
        awaiting_response=() if viewer is None else tuple(awaiting(state, viewer)),
        responses=answers,
        commitments=state.commitments
        if viewer is None
        else memo.part(
            "commitments", None, (state.commitments,), lambda: tuple(public_commitment(c) for c in state.commitments)
        ),
        own_orders=tuple(o for a, orders in state.orders.items() for o in orders)
        if viewer is None
        else state.orders.get(viewer, ()),
        news=news,
        changes=state.changes
        if viewer is None
        else _visible_changes(
            memo.part("changes", None, (state.changes,), lambda: _changes_by_viewer(state.changes, state.actors)),
            state.changes,
            viewer,
        ),
    )


def _changes_by_viewer(
    changes: tuple[MeterChange, ...], viewers: tuple[Actor, ...]
) -> dict[Actor, tuple[MeterChange, ...]]:
    """The changes each of ``viewers`` may see, in one pass over a turn's changes (every seat observes
    the same turn's changes)."""
    seen: dict[Actor, list[MeterChange]] = {viewer: [] for viewer in viewers}
    everyone = tuple(seen.values())
    for change in changes:
        if change.audience == "public":
            for kept in everyone:
                kept.append(change)
        else:
            for viewer in frozenset(change.audience):  # each listed viewer once
                if viewer in seen:
                    seen[viewer].append(change)
    return {viewer: tuple(kept) for viewer, kept in seen.items()}


def _visible_changes(
    by_viewer: dict[Actor, tuple[MeterChange, ...]], changes: tuple[MeterChange, ...], viewer: Actor
) -> tuple[MeterChange, ...]:
    visible = by_viewer.get(viewer)
    if visible is None:  # a viewer not in play
        visible = tuple(c for c in changes if c.audience == "public" or viewer in c.audience)
    return visible
