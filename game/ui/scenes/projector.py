"""The projector view: public state only (meters, public sites, deals, public news). Safe to show a
room while teams keep their own screens."""
from __future__ import annotations

import pygame

from ..describe import PHASE_TEXT, SHORT, clause_text
from ..mapview import MapView
from ..widgets import RichText, Span, draw_text
from .base import Scene
from .panels import IntelPanel, MeterPanel, news_lines, trust_rows


class ProjectorScene(Scene):
    """``god=True``: the facilitator's view of everything (observe(state, None)), for a white cell or an
    instructor's own screen; never for the room."""

    name = "projector"

    def __init__(self, app, session, god: bool = False):
        super().__init__(app)
        self.session = session
        self.god = god
        self.version = -1
        self.pv = self._view()
        self.mapview = None

    def _view(self):
        return self.session.observe(None) if self.god else self.session.public_view()

    def build(self) -> None:
        lay = self.layout.play()
        self.lay = lay
        s = self.s
        pv = self.pv
        self.meters = self.add(MeterPanel(self.ctx, lay.meters, title="Meters"))
        self._feed()
        if self.mapview is None or self.mapview.rect != lay.map or self.mapview.ctx is not self.ctx:
            self.mapview = MapView(self.ctx, lay.map)
        sc = self.session.match.scenario
        self.news = self.add(RichText(self.ctx, lay.news, news_lines(pv.news, None, pv.turn, sc.date_label, sc.description),
                                      title="All news and every cable" if self.god else "Public news"))
        panel = lay.tabs.union(lay.panel)
        half = panel.h // 2
        self.intel = self.add(IntelPanel(self.ctx, pygame.Rect(panel.x, panel.y, panel.w, half - self.s(4)), pv),
                              focus=False)
        self.deals = self.add(RichText(self.ctx, pygame.Rect(panel.x, panel.y + half + s(4), panel.w, panel.bottom - panel.y - half - s(4)),
                                       self._deal_lines(), title="Proposals, deals and true compliance" if self.god
                                       else "Deals in force"))
        self.button(lay.submit, "Back  [Esc]" if self.god else "Back  [Esc / P]", self.back, object_id="#primary")
        if not self.god:
            self.shortcut(pygame.K_p, "back", self.back)

    def _feed(self) -> None:
        pv = self.pv
        prev = pv.history[-2] if len(pv.history) >= 2 else dict(self.session.start_meters)
        if not pv.history:
            prev = dict(pv.meters)
        self.meters.set_data(pv.meters, prev, pv.changes, trust_rows(pv.trust, None, pv.actors))

    def _deal_lines(self):
        from ..describe import commitment_text

        pv = self.pv
        sc = self.session.match.scenario
        lines = []
        if self.god:
            for p in pv.proposals:
                ans = pv.responses.get(p.id, "unanswered")
                lines.append([Span(f"{SHORT[p.proposer]} to {SHORT[p.recipient]} ({ans}): ", "accent", True, 12),
                              Span("; ".join(clause_text(c, sc.action_index) for c in p.clauses), "text", False, 12)])
            orders = {}
            for o in pv.own_orders:
                orders.setdefault(o.actor, []).append(sc.action_index[o.action].name)
            for a, names in orders.items():
                lines.append([Span(f"{SHORT[a]} ordered: ", "warn", True, 12), Span(", ".join(names), "text", False, 12)])
            if lines:
                lines.append([])
        for dl in pv.deals:
            if dl.status != "in_force":
                continue
            a, b = dl.parties
            lines.append([Span(f"{SHORT[a]} - {SHORT[b]}, agreed turn {dl.accepted_turn}", "accent", True, 13)])
            for c in pv.commitments:
                if c.deal_id == dl.id:
                    hidden = "  (HIDDEN BREACH)" if getattr(c, "breach_hidden", False) else ""
                    lines.append([Span("  " + commitment_text(c, sc.action_index), "text", False, 12),
                                  Span(hidden, "bad", True, 12)])
        return lines or [[Span("No deal in force.", "text_dim", False, 13)]]

    def update(self, dt: float) -> None:
        self.session.tick()
        version = self.session.snapshot()[0]
        if version != self.version:
            self.version = version
            self.pv = self._view()
            self._feed()
            sc = self.session.match.scenario
            self.news.set_lines(news_lines(self.pv.news, None, self.pv.turn, sc.date_label, sc.description),
                               keep_scroll=True)
            self.intel.obs = self.pv
            self.deals.set_lines(self._deal_lines(), keep_scroll=True)
        self.meters.update(dt)

    def back(self) -> None:
        self.app.pop(self)

    def draw(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        lay, pv = self.lay, self.pv
        pygame.draw.rect(surf, pal.panel, lay.top)
        title = "FACILITATOR  -  every secret" if self.god else "PROJECTOR  -  public view"
        r = draw_text(surf, ctx, title, (s(14), lay.top.centery), size=18, bold=True, anchor="midleft",
                      color="warn" if self.god else "accent")
        text = f"Turn {pv.turn}/{pv.turns_total}  -  {pv.date}  -  {PHASE_TEXT.get(pv.phase.value, '')}"
        if pv.outcome is not None:
            text += f"  -  {pv.outcome_reason}"
        elif not self.god and pv.submitted:  # who has decided this phase (public), so the room can see
            text += "  -  decided: " + ", ".join(SHORT[a] for a in pv.submitted)
        draw_text(surf, ctx, text, (r.right + s(24), lay.top.centery), size=15, anchor="midleft",
                  max_width=lay.top.w - r.right - s(40))
        truth = {st.id: st.status for st in pv.program.sites} if self.god and pv.program is not None else None
        self.mapview.draw(surf, pv.sites, None, truth=truth, show_truth=self.god)
