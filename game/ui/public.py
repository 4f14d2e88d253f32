"""The projector view in the UI: game.views.public.public_view (a whitelist of public fields, built
in the views layer like every Observation), wrapped so scenes can draw it like an Observation of
nobody: the private parts an Observation has (viewer, capital, estimates, program, proposals, answers,
own orders) are always empty here, and everything else is read from the PublicView.
"""

from __future__ import annotations

from ..model.public import PublicSite, PublicView
from ..views.public import public_view

__all__ = ["NobodyView", "PublicSite", "PublicView", "public_view_of"]


class NobodyView:
    """A PublicView seen through the Observation interface. Holds nothing but the PublicView."""

    viewer = None
    program = None
    proposals: tuple = ()
    awaiting_response: tuple = ()
    own_orders: tuple = ()

    __slots__ = ("public",)

    def __init__(self, public: PublicView):
        self.public = public

    @property
    def capital(self) -> dict:
        return {}

    @property
    def estimates(self) -> dict:
        return {}

    @property
    def responses(self) -> dict:
        return {}

    def __getattr__(self, name: str):
        return getattr(self.public, name)


def public_view_of(match) -> NobodyView:
    """The public view of a Match (call under the Session's lock)."""
    return NobodyView(public_view(match.state, match.scenario))
