"""The projector view: public state only (meters, public sites, deals, public news). Safe to show a
room while teams keep their own screens."""
from __future__ import annotations

import pygame

from ..describe import PHASE_TEXT, SHORT
from ..mapview import MapView
from ..widgets import RichText, Span, draw_text
from .base import Scene
from .panels import IntelPanel, MeterPanel, news_lines, trust_rows


class ProjectorScene(Scene):
    name = "projector"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.version = -1
        self.pv = session.public_view()
        self.mapview = None

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
        self.news = self.add(RichText(self.ctx, lay.news, news_lines(pv.news, None, pv.turn, sc.date_label),
                                      title="Public news"))
        panel = lay.tabs.union(lay.panel)
        half = panel.h // 2
        self.intel = self.add(IntelPanel(self.ctx, pygame.Rect(panel.x, panel.y, panel.w, half - self.s(4)), pv),
                              focus=False)
        self.deals = self.add(RichText(self.ctx, pygame.Rect(panel.x, panel.y + half + s(4), panel.w, panel.bottom - panel.y - half - s(4)),
                                       self._deal_lines(), title="Deals in force"))
        self.button(lay.submit, "Back  [Esc / P]", self.back, object_id="#primary")
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
        for dl in pv.deals:
            if dl.status != "in_force":
                continue
            a, b = dl.parties
            lines.append([Span(f"{SHORT[a]} - {SHORT[b]}, agreed turn {dl.accepted_turn}", "accent", True, 13)])
            for c in pv.commitments:
                if c.deal_id == dl.id:
                    lines.append([Span("  " + commitment_text(c, sc.action_index), "text", False, 12)])
        return lines or [[Span("No deal in force.", "text_dim", False, 13)]]

    def update(self, dt: float) -> None:
        self.session.tick()
        version = self.session.snapshot()[0]
        if version != self.version:
            self.version = version
            self.pv = self.session.public_view()
            self._feed()
            sc = self.session.match.scenario
            self.news.set_lines(news_lines(self.pv.news, None, self.pv.turn, sc.date_label), keep_scroll=True)
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
        r = draw_text(surf, ctx, "PROJECTOR  -  public view", (s(14), lay.top.centery), size=18, bold=True,
                      anchor="midleft", color="accent")
        text = f"Turn {pv.turn}/{pv.turns_total}  -  {pv.date}  -  {PHASE_TEXT.get(pv.phase.value, '')}"
        if pv.outcome is not None:
            text += f"  -  {pv.outcome_reason}"
        draw_text(surf, ctx, text, (r.right + s(24), lay.top.centery), size=15, anchor="midleft",
                  max_width=lay.top.w - r.right - s(40))
        self.mapview.draw(surf, pv.sites, None)
