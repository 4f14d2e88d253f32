"""Observations are built field by field from what the viewer may see (a whitelist): a new secret
field in GameState cannot leak, because nothing here copies it."""

from __future__ import annotations

import threading
from operator import attrgetter
from typing import Any, Final, TypeVar

from ..model.construct import built
from ..model.deals import Commitment, Proposal
from ..model.ids import COUNTER_RESPOND, PROPOSE, RESPOND, Actor, Phase
from ..model.log import Audience, MeterChange, NewsItem
from ..model.observation import Observation, SiteView, TakenIndex
from ..model.program import Declaration, Site, SiteStatus
from ..model.scenario import Scenario
from ..model.state import GameState
from ..rules.legality import awaiting
from .public import public_commitment, public_declaration, public_facts


class _KnownSite:
    """A site as the world knows it, shared by every viewer's view of it while its public fields stay
    the same (across states too). A plain class, not a NamedTuple: compiled, its attributes are read
    straight from the object (every viewer reads every site each turn) and it is built without the
    tuple's generic constructor."""

    __slots__ = ("id", "covert", "own", "fields", "views")

    def __init__(self, site_id: str, covert: bool, own: tuple[object, ...], fields: dict[str, Any]) -> None:
        self.id = site_id
        self.covert = covert
        self.own = own  # the site's own public fields (``_own_public_fields``) it was built from
        self.fields = fields  # the fields of a SiteView but the viewer's suspicion
        # each viewer's latest view of it (None: the DPRK's and the facilitator's), with the suspicion it
        # shows: one per viewer, so that sampled worlds with ever new suspicions do not pile up views
        self.views: dict[Actor | None, tuple[float, SiteView]] = {}


# what an observation holds besides the public facts, in the order Observer.observe fills them in: a place
# for each (read, never changed: every blank copies it after the facts)
_OWN_PLACES: Final[dict[str, object]] = dict.fromkeys(
    (
        "viewer",
        "declared",
        "sites",
        "capital",
        "estimates",
        "program",
        "proposals",
        "awaiting_response",
        "responses",
        "commitments",
        "own_orders",
        "news",
        "news_taken",
        "changes",
    )
)
# a module global, not a read from the enum class on every observation (model/base.py says why)
_DPRK: Final[Actor] = Actor.DPRK


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Whether two tuples of inputs (of equal length) hold the very same objects: rules replace only what
    changed, so an input that is the same object is unchanged. (A loop: compiled, ``all(map(is_, a, b))``
    calls ``is_`` through the generic path for each pair.)"""
    for x, y in zip(a, b):
        if x is not y:
            return False
    return True


class _Shared:
    """The parts of an observation alike for every viewer of one state, each with the state objects it
    was built from: the next state reuses a part none of whose inputs it replaced. It also holds the
    state's fields every viewer's observation reads, read once for all of them (compiled, a read from
    this object is a load, a model's field a generic attribute read of some 250 instructions)."""

    __slots__ = (
        "phase",
        "proposals",
        "responses",
        "news",
        "capital",
        "estimates",
        "orders",
        "fact_inputs",
        "facts",
        "blank",
        "declared",
        "public_declared",
        "commitments",
        "public_commitments",
        "changes",
        "private_changes",
        "verified",
        "program_sites",
        "sites",
    )

    def __init__(self, state: GameState, scenario: Scenario, last: _Shared | None) -> None:
        self.phase = state.phase
        self.proposals = state.proposals
        self.responses = state.responses
        self.news = state.news
        self.capital = state.capital
        self.estimates = state.estimates
        self.orders = state.orders
        self.fact_inputs = _fact_inputs(state, scenario)
        self.declared = state.declared
        self.commitments = state.commitments
        self.changes = state.changes
        self.verified = state.verified
        self.program_sites = state.program.sites
        self.facts: dict[str, object] = (
            last.facts
            if last is not None and _same(last.fact_inputs, self.fact_inputs)
            else public_facts(state, scenario)
        )
        # the fields of an observation, in their order: the facts, then a place for each of the viewer's own
        self.blank: dict[str, object] = (
            last.blank if last is not None and last.facts is self.facts else {**self.facts, **_OWN_PLACES}
        )
        self.public_declared: Declaration = (
            last.public_declared
            if last is not None and last.declared is state.declared
            else public_declaration(state.declared)
        )
        self.public_commitments: tuple[Commitment, ...] = (
            last.public_commitments
            if last is not None and last.commitments is state.commitments
            else tuple(public_commitment(c) for c in state.commitments)
        )
        self.private_changes: Private = (
            last.private_changes
            if last is not None and last.changes is state.changes
            else _private([change.audience for change in state.changes])
        )
        self.sites = _known_sites(state, last)


def _known_sites(state: GameState, last: _Shared | None) -> tuple[_KnownSite, ...]:
    """What the world knows of each site of ``state``; ``last``: the parts of the last state observed.
    A site replaced (its production, its hidden work), or a new declaration or verified record (most of
    which leave most sites as they were), keeps what was known of it if its public fields are alike, and
    with it every viewer's view of it."""
    declared, verified = state.declared, state.verified
    # what _known_site reads of the records, read once for all the sites
    records = (verified.sites, declared.site_status, declared.sites)
    if last is None:
        return tuple(_known_site(site, records) for site in state.program.sites)
    same_records = last.declared is declared and last.verified is verified
    if same_records and last.program_sites is state.program.sites:
        return last.sites
    before = {entry.id: (site, entry) for site, entry in zip(last.program_sites, last.sites)}
    sites = tuple(_known_site(site, records, before, same_records) for site in state.program.sites)
    # the same known sites: the same tuple, so that a viewer whose suspicion is the same keeps its views
    return last.sites if len(sites) == len(last.sites) and _same(sites, last.sites) else sites


# verified.sites, declared.site_status, declared.sites
_Records = tuple[dict[str, SiteStatus], dict[str, SiteStatus], tuple[str, ...]]


def _known_site(
    site: Site,
    records: _Records,
    before: dict[str, tuple[Site, _KnownSite]] | None = None,
    same_records: bool = False,
) -> _KnownSite:
    """What the world knows of ``site``; ``records``: the verified sites, the declared statuses and the
    declared sites of its state; ``before``: each site of the last state observed and what was known of
    it then, by id, kept when the site is the same object or its own public fields are alike and, unless
    ``same_records`` (the last state's declaration and verified record are this one's), what the records
    say of it is alike too (compared field by field: no fields are built for a site that stays known)."""
    site_id = site.id
    last = before.get(site_id) if before is not None else None
    if last is not None and not (last[0] is site or last[1].own == _own_public_fields(site)):
        last = None  # its own public fields changed: it is known anew
    if last is not None and same_records:
        return last[1]  # the same records and the same site as the world sees it (production aside)
    verified_sites, site_status, declared_sites = records
    verified = verified_sites.get(site_id)
    public_status = verified or site_status.get(site_id)
    declared = site_id in declared_sites
    if last is not None:
        known = last[1].fields
        if (
            known["public_status"] == public_status
            and known["verified"] == (verified is not None)
            and known["declared"] == declared
        ):
            return last[1]
    own = _own_public_fields(site)
    name, kind, lat, lon, essential, covert = own
    fields = {
        "id": site_id,
        "name": name,
        "kind": kind,
        "lat": lat,
        "lon": lon,
        "public_status": public_status,
        "verified": verified is not None,
        "declared": declared,
        "essential": essential,
    }
    return _KnownSite(site_id, covert, own, fields)


# what _known_site reads of a site
_own_public_fields: Final = attrgetter("name", "kind", "lat", "lon", "essential", "covert")


class Observer:
    """The memory that makes observing cheap, owned by one game (a Match, or a search's sampled worlds):
    successive states share every part that did not change (rules replace only what changed), and a
    player observes several times a turn, so a part is rebuilt only when one of the state objects it is
    built from is a new object; what is alike for every viewer is built once for all of them. Safe to
    share between the UI's window and its AI worker: one observation is built at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scenario: Scenario | None = None
        self._state: GameState | None = None  # the state last observed, and its shared parts
        self._shared: _Shared | None = None
        # viewer -> (a state's news tuple, the items of it the viewer sees, the actions they show taken).
        # News is append-only and each state's tuple extends its predecessor's, so only the new tail needs
        # filtering and indexing: the result is identical to doing it over the whole tuple, at a fraction
        # of the cost late in a game.
        self._news_seen: dict[Actor, tuple[tuple[NewsItem, ...], tuple[NewsItem, ...], TakenIndex]] = {}
        # the news and the start of the tail last filtered, that tail, where the cables lie in it, and what
        # a viewer sees of it by which of the cables it is shown (``_shown``)
        self._news_tail: (
            tuple[
                tuple[NewsItem, ...], int, tuple[NewsItem, ...], Private, dict[tuple[bool, ...], tuple[NewsItem, ...]]
            ]
            | None
        ) = None
        # viewer (None for the DPRK and the facilitator, who see every site as it is) -> (the known sites
        # and the suspicions its sites were built from, its sites)
        self._sites: dict[
            Actor | None, tuple[tuple[_KnownSite, ...], dict[str, float] | None, tuple[SiteView, ...]]
        ] = {}
        # (a turn's meter changes, those a viewer sees by which of the private ones it is shown): the same
        # for every phase of the turn, and for every viewer shown the same private changes
        self._changes_seen: tuple[tuple[MeterChange, ...], dict[tuple[bool, ...], tuple[MeterChange, ...]]] | None = (
            None
        )

    def observe(self, state: GameState, scenario: Scenario, viewer: Actor | None) -> Observation:
        """What ``viewer`` may see; ``viewer=None`` is the facilitator's god view."""
        with self._lock:
            shared = self._shared
            if shared is None or state is not self._state or scenario is not self._scenario:
                shared = _Shared(state, scenario, shared if scenario is self._scenario else None)
                self._shared, self._state, self._scenario = shared, state, scenario
            if viewer is None:
                return _god_view(state, shared, self._site_views(shared, None))
            phase = shared.phase
            proposals = (
                tuple(
                    p
                    for p in shared.proposals
                    if p.proposer is viewer or (p.recipient is viewer and _delivered(p, phase))
                )
                if shared.proposals  # none at the briefing: skip building the comprehensions
                else ()
            )
            responses = shared.responses
            estimates = shared.estimates
            own = viewer is _DPRK
            news, news_taken = self._visible_news(shared.news, viewer)
            # A dict, not keyword arguments (passing thirty of them costs as much as the model): a copy of
            # the shared blank, which holds every field in its place already, so that filling it in
            # never grows the dict (a dict display that extends the facts resizes it twice).
            fields = shared.blank.copy()
            fields["viewer"] = viewer
            fields["declared"] = shared.declared if own else shared.public_declared
            fields["sites"] = self._site_views(shared, None if own else viewer)
            fields["capital"] = {viewer: shared.capital.get(viewer, 0)}
            fields["estimates"] = {viewer: estimates[viewer]} if viewer in estimates else {}
            fields["program"] = state.program if own else None
            fields["proposals"] = proposals
            # (none without proposals: at the briefing, skip asking)
            fields["awaiting_response"] = tuple(awaiting(state, viewer)) if shared.proposals else ()
            fields["responses"] = (
                {
                    p.id: responses[p.id]
                    for p in proposals
                    if p.id in responses and (p.recipient is viewer or _answer_opened(p, phase))
                }
                if responses
                else {}
            )
            fields["commitments"] = shared.public_commitments
            fields["own_orders"] = shared.orders.get(viewer, ())
            fields["news"] = news
            fields["news_taken"] = news_taken
            fields["changes"] = self._visible_changes(shared.changes, shared.private_changes, viewer)
            return built(Observation, fields)

    def _visible_news(self, news: tuple[NewsItem, ...], viewer: Actor) -> tuple[tuple[NewsItem, ...], TakenIndex]:
        """The items of ``news`` ``viewer`` sees, and the index of the actions they show taken."""
        cached = self._news_seen.get(viewer)
        start = 0
        seen: tuple[NewsItem, ...] = ()
        index: TakenIndex | None = None
        if cached is not None:
            old, old_seen, old_index = cached
            if old is news:
                return old_seen, old_index
            if 0 < len(old) <= len(news) and news[len(old) - 1] is old[-1] and news[0] is old[0]:
                start, seen, index = len(old), old_seen, old_index
        new = self._tail_seen(news, start, viewer)
        seen = seen + new
        index = TakenIndex(new) if index is None else index.extended(new) if new else index
        self._news_seen[viewer] = (news, seen, index)
        return seen, index

    def _visible_changes(
        self, changes: tuple[MeterChange, ...], private: Private, viewer: Actor
    ) -> tuple[MeterChange, ...]:
        """``_visible`` of a state's meter changes, worked out once a turn (every state of the turn holds the
        same tuple) for each set of the private ones a viewer is shown (all it depends on): viewers shown the
        same ones share the tuple, and one shown them all the turn's own."""
        if not private:
            return changes  # all public: every viewer shares the tuple
        cached = self._changes_seen
        if cached is None or cached[0] is not changes:
            cached = self._changes_seen = (changes, {})
        return _shown(changes, private, viewer, cached[1])

    def _tail_seen(self, news: tuple[NewsItem, ...], start: int, viewer: Actor) -> tuple[NewsItem, ...]:
        """What ``viewer`` sees of ``news`` from ``start`` on: the tail and where its cables lie are found
        once for all the viewers who last saw the news up to the same place, and what they see of it
        once for each set of the cables they are shown (``_shown``)."""
        last = self._news_tail
        if last is None or last[0] is not news or last[1] != start:
            tail = news[start:]
            last = self._news_tail = (news, start, tail, _private([item.audience for item in tail]), {})
        return _shown(last[2], last[3], viewer, last[4])

    def _site_views(self, shared: _Shared, viewer: Actor | None) -> tuple[SiteView, ...]:
        """The sites ``viewer`` knows of (``None``: all of them, as the DPRK and the facilitator see
        them): the world's and those it suspects, each with its suspicion. A view is rebuilt only when
        the site's public fields or the viewer's suspicion of it changed, and viewers who hold the same
        suspicion of a site share its view. The same known sites and equal suspicions (a new estimate
        often suspects each site as much as the last) give the same views: the last tuple of them."""
        estimate = shared.estimates.get(viewer) if viewer is not None else None
        # a viewer without an estimate suspects nothing (None: a dict, so that reading it is compiled)
        suspicion: dict[str, float] | None = estimate.suspicion if estimate is not None else None
        last = self._sites.get(viewer)
        if last is not None and last[0] is shared.sites and last[1] == suspicion:
            return last[2]
        out = []
        for known in shared.sites:
            if viewer is None:
                seen = 1.0
            else:
                seen = suspicion.get(known.id, 0.0) if suspicion is not None else 0.0
                if known.covert and not seen > 0:
                    continue
            views = known.views
            mine = views.get(viewer)
            if mine is None or mine[0] != seen:
                for mine in views.values():  # another viewer's view with the same suspicion is the same
                    if mine[0] == seen:
                        break
                else:
                    mine = (seen, built(SiteView, {**known.fields, "suspicion": seen}))
                views[viewer] = mine
            out.append(mine[1])
        sites = tuple(out)
        self._sites[viewer] = (shared.sites, suspicion, sites)
        return sites


def observe(
    state: GameState, scenario: Scenario, viewer: Actor | None, observer: Observer | None = None
) -> Observation:
    """What ``viewer`` may see; ``viewer=None`` is the facilitator's god view. ``observer`` remembers
    the parts it built for earlier states of the same game (the result is the same without it)."""
    return (observer if observer is not None else Observer()).observe(state, scenario, viewer)


def _god_view(state: GameState, shared: _Shared, sites: tuple[SiteView, ...]) -> Observation:
    """The facilitator's view: everything as it is."""
    return built(
        Observation,
        {
            **shared.facts,
            "viewer": None,
            "declared": state.declared,
            "sites": sites,
            "capital": dict(state.capital),
            "estimates": dict(state.estimates),
            "program": state.program,
            "proposals": state.proposals,
            "awaiting_response": (),
            "responses": {p.id: state.responses[p.id] for p in state.proposals if p.id in state.responses},
            "commitments": state.commitments,
            "own_orders": tuple(o for orders in state.orders.values() for o in orders),
            "news": state.news,
            "news_taken": TakenIndex(state.news),
            "changes": state.changes,
        },
    )


def _fact_inputs(state: GameState, scenario: Scenario) -> tuple[object, ...]:
    """What ``public_facts`` reads: within a phase, a submission replaces the state but none of these
    parts of it, so every observation of the phase shares one copy of the facts (but in a facilitated
    game, whose clock tells whether every seat has given its orders)."""
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
        state.control,
        None if state.control is None else state.submitted,
    )


Addressed = TypeVar("Addressed", MeterChange, NewsItem)  # a record with an audience
# where the records not public to all lie in a tuple of them: (index, audience) for each, in order
Private = tuple[tuple[int, Audience], ...]


def _private(audiences: list[Audience]) -> Private:
    """Where the records with these ``audiences`` (read by the caller from its typed records: compiled, a
    named tuple's field is then read by its index) are not public to all, with their audiences (few or
    none: most of a turn's changes and news are public)."""
    if audiences.count("public") == len(audiences):  # a loop in C over a turn's ~90 changes
        return ()
    # (a str audience compared as one: compiled, a comparison of the union is a generic call)
    return tuple(
        (i, audience) for i, audience in enumerate(audiences) if not isinstance(audience, str) or audience != "public"
    )


def _visible(changes: tuple[Addressed, ...], private: Private, viewer: Actor) -> tuple[Addressed, ...]:
    """The records ``viewer`` may see: the public runs between the ``private`` ones, and those of the
    private ones addressed to it."""
    if not private:
        return changes  # all public: every viewer shares the tuple
    out: list[Addressed] = []
    start = 0
    for i, audience in private:
        out += changes[start:i]
        if viewer in audience:
            out.append(changes[i])
        start = i + 1
    out += changes[start:]
    return tuple(out)


def _shown(
    records: tuple[Addressed, ...],
    private: Private,
    viewer: Actor,
    by_shown: dict[tuple[bool, ...], tuple[Addressed, ...]],
) -> tuple[Addressed, ...]:
    """``_visible``, kept in ``by_shown`` by which of the ``private`` records ``viewer`` is shown (all that
    it depends on): viewers shown the same ones share the tuple, and one shown them all takes ``records``."""
    if not private:
        return records
    shown = tuple([viewer in audience for _, audience in private])
    seen = by_shown.get(shown)
    if seen is None:
        seen = by_shown[shown] = records if False not in shown else _visible(records, private, viewer)
    return seen


def _delivered(p: Proposal, phase: Phase) -> bool:
    """Proposals are sealed until their phase closes: an offer reaches its recipient when the propose
    phase ends, a counter-offer when the first response phase ends."""
    if p.counter_of is None:
        return phase is not PROPOSE
    return phase is not RESPOND


def _answer_opened(p: Proposal, phase: Phase) -> bool:
    """Answers are sealed until their phase closes, like proposals and orders."""
    if p.counter_of is None:
        return phase is not PROPOSE and phase is not RESPOND
    return phase is not COUNTER_RESPOND
