"""The projector view: public state only (meters, public sites, deals, public news). Safe to show a
room while teams keep their own screens."""

from __future__ import annotations

import pygame

from ...model.ids import ACTOR_SHORT, Actor, tension_rung
from ..describe import PHASE_TEXT, clause_text, format_meter, meter_fraction, short_meter_label
from ..mapview import MapView
from ..widgets import RichText, Span, draw_text, text_block
from .base import Scene
from .cell import NewsFlash, draw_clock
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
        self.mapview: MapView | None = None  # the detailed view's, kept while the layout stays
        self.large = not god  # the room's view: large type first; D shows the detailed one with the map
        self.facilitated = session.whitecell is not None
        self.news_flash = NewsFlash()  # a facilitated game's released injects, as the room sees them
        self._feed_flash()

    def _feed_flash(self) -> None:
        if self.facilitated and not self.god:
            self.news_flash.feed(self.pv.news, self.pv.turn)

    def _view(self):
        return self.session.observe(None) if self.god else self.session.public_view()

    def build(self) -> None:
        lay = self.layout.play()
        self.lay = lay
        s = self.s
        pv = self.pv
        if not self.god:
            self.shortcut(pygame.K_d, "large type or detailed view", self.toggle_large)
        if self.large:
            w, h = self.app.screen.get_size()
            self.button((w - s(230), h - s(54), s(218), s(44)), "Back  [Esc / P]", self.back, object_id="#primary")
            self.button((w - s(460), h - s(54), s(218), s(44)), "Detailed view  [D]", self.toggle_large)
            self.shortcut(pygame.K_p, "back", self.back)
            self.meters = self.news = self.intel = self.deals = None
            return
        self.meters = self.add(MeterPanel(self.ctx, lay.meters, title="Meters"))
        self._feed()
        if self.mapview is None or self.mapview.rect != lay.map or self.mapview.ctx is not self.ctx:
            self.mapview = MapView(self.ctx, lay.map)
        sc = self.session.match.scenario
        self.news = self.add(
            RichText(
                self.ctx,
                lay.news,
                news_lines(pv.news, None, pv.turn, sc.date_label, sc.description),
                title="All news and every cable" if self.god else "Public news",
            )
        )
        panel = lay.tabs.union(lay.panel)
        half = panel.h // 2
        self.intel = self.add(
            IntelPanel(self.ctx, pygame.Rect(panel.x, panel.y, panel.w, half - self.s(4)), pv), focus=False
        )
        self.deals = self.add(
            RichText(
                self.ctx,
                pygame.Rect(panel.x, panel.y + half + s(4), panel.w, panel.bottom - panel.y - half - s(4)),
                self._deal_lines(),
                title="Proposals, deals and true compliance" if self.god else "Deals in force",
            )
        )
        if self.god:
            self.button(lay.submit, "Back  [Esc]", self.back, object_id="#primary")
        else:
            r1, r2 = self.layout.row(lay.submit, [1, 1], gap=6)
            self.button(r1, "Large type  [D]", self.toggle_large)
            self.button(r2, "Back  [Esc / P]", self.back, object_id="#primary")
            self.shortcut(pygame.K_p, "back", self.back)

    def toggle_large(self) -> None:
        self.large = not self.large
        self.rebuild()

    def _feed(self) -> None:
        if self.meters is None:
            return
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
                lines.append(
                    [
                        Span(f"{ACTOR_SHORT[p.proposer]} to {ACTOR_SHORT[p.recipient]} ({ans}): ", "accent", True, 12),
                        Span("; ".join(clause_text(c, sc.action_index) for c in p.clauses), "text", False, 12),
                    ]
                )
            orders: dict[Actor, list[str]] = {}
            for o in pv.own_orders:
                orders.setdefault(o.actor, []).append(sc.action_index[o.action].name)
            for a, names in orders.items():
                lines.append(
                    [Span(f"{ACTOR_SHORT[a]} ordered: ", "warn", True, 12), Span(", ".join(names), "text", False, 12)]
                )
            if lines:
                lines.append([])
        for dl in pv.deals:
            if dl.status != "in_force":
                continue
            a, b = dl.parties
            lines.append(
                [Span(f"{ACTOR_SHORT[a]} - {ACTOR_SHORT[b]}, agreed turn {dl.accepted_turn}", "accent", True, 13)]
            )
            for c in pv.commitments:
                if c.deal_id == dl.id:
                    hidden = "  (HIDDEN BREACH)" if getattr(c, "breach_hidden", False) else ""
                    lines.append(
                        [
                            Span("  " + commitment_text(c, sc.action_index), "text", False, 12),
                            Span(hidden, "bad", True, 12),
                        ]
                    )
        return lines or [[Span("No deal in force.", "text_dim", False, 13)]]

    def update(self, dt: float) -> None:
        self.session.tick()
        version = self.session.snapshot()[0]
        if version != self.version:
            self.version = version
            self.pv = self._view()
            self._feed_flash()
            news, intel, deals = self.news, self.intel, self.deals
            if self.meters is not None and news is not None and intel is not None and deals is not None:  # detailed
                self._feed()
                sc = self.session.match.scenario
                news.set_lines(
                    news_lines(self.pv.news, None, self.pv.turn, sc.date_label, sc.description), keep_scroll=True
                )
                intel.obs = self.pv
                deals.set_lines(self._deal_lines(), keep_scroll=True)
        if self.meters is not None:
            self.meters.update(dt)
        self.news_flash.update(dt)

    def process(self, event, consumed: bool) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and self.news_flash.click(event.pos):
            return
        super().process(event, consumed)

    def draw_overlay(self, surf) -> None:
        super().draw_overlay(surf)
        if self.large:
            w, h = surf.get_size()
            self.news_flash.draw(surf, self.ctx, pygame.Rect(0, 0, w, h - self.s(60)), size=28, bottom=True)
        else:
            self.news_flash.draw(surf, self.ctx, self.lay.map)

    def back(self) -> None:
        self.app.pop(self)

    def draw(self, surf) -> None:
        if self.large:
            self.draw_large(surf)
            return
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        lay, pv = self.lay, self.pv
        pygame.draw.rect(surf, pal.panel, lay.top)
        title = "FACILITATOR  -  every secret" if self.god else "PROJECTOR  -  public view"
        r = draw_text(
            surf,
            ctx,
            title,
            (s(14), lay.top.centery),
            size=18,
            bold=True,
            anchor="midleft",
            color="warn" if self.god else "accent",
        )
        text = f"Turn {pv.turn}/{pv.turns_total}  -  {pv.date}  -  {PHASE_TEXT.get(pv.phase.value, '')}"
        if pv.outcome is not None:
            text += f"  -  {pv.outcome_reason}"
        elif not self.god and pv.submitted:  # who has decided this phase (public), so the room can see
            text += "  -  decided: " + ", ".join(ACTOR_SHORT[a] for a in pv.submitted)
        clock_w = s(130) if self.facilitated else 0
        draw_text(
            surf,
            ctx,
            text,
            (r.right + s(24), lay.top.centery),
            size=15,
            anchor="midleft",
            max_width=lay.top.w - r.right - s(40) - clock_w,
        )
        if self.facilitated:
            draw_clock(
                surf,
                ctx,
                self.session,
                pygame.Rect(lay.top.right - s(14) - clock_w, lay.top.y, clock_w, lay.top.h),
                size=17,
            )
        truth = {st.id: st.status for st in pv.program.sites} if self.god and pv.program is not None else None
        if self.mapview is not None:  # built with the detailed view
            self.mapview.draw(surf, pv.sites, None, truth=truth, show_truth=self.god)

    # ------------------------------------------------------------------ large type, for a room
    ROOM_METERS = (
        "tension",
        "sanctions_pressure",
        "peace_stage",
        "inter_korean",
        "dprk_economy",
        "cohesion.US-ROK",
        "cohesion.US-JPN",
    )

    def draw_large(self, surf) -> None:
        """Readable from the back of a classroom: the turn, the phase, who has decided, the main meters
        and this turn's public news, in type three times the play screen's."""
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        pv = self.pv
        surf.fill(pal.bg)
        w, h = surf.get_size()
        pad = s(24)
        draw_text(surf, ctx, f"Turn {pv.turn} of {pv.turns_total}   {pv.date}", (pad, pad), size=34, bold=True)
        if self.facilitated:  # the phase clock, as large as the turn
            draw_clock(
                surf, ctx, self.session, pygame.Rect(w - pad - s(360), pad, s(360), s(44)), size=34, label="Time left "
            )
        phase = pv.outcome_reason if pv.outcome is not None else PHASE_TEXT.get(pv.phase.value, "")
        r = draw_text(surf, ctx, phase, (pad, pad + s(50)), size=28, color="accent", bold=True, max_width=w - 2 * pad)
        # who has decided this phase
        y = r.bottom + s(18)
        x = pad
        for a in pv.actors:
            done = a in pv.submitted
            label = f"{ACTOR_SHORT[a]} {'decided' if done else 'deciding'}"
            chip = draw_text(
                surf, ctx, label, (x + s(16), y + s(6)), size=24, bold=done, color="text" if done else "text_dim"
            )
            box = chip.inflate(s(24), s(12))
            pygame.draw.rect(surf, pal.actor(a), box, 3 if done else 1, border_radius=s(8))
            x = box.right + s(16)
        top = y + s(64)
        col_w = int((w - 3 * pad) * 0.48)
        # the main meters
        y = top
        row_h = max(s(54), (h - top - s(80)) // len(self.ROOM_METERS))
        for name in self.ROOM_METERS:
            if name not in pv.meters:
                continue
            value = pv.meters[name]
            label = short_meter_label(name)
            if name == "tension":
                label = f"Tension: {tension_rung(value)}"
            draw_text(surf, ctx, label, (pad, y), size=22, bold=True, max_width=col_w)
            text = format_meter(name, value) if name == "peace_stage" else f"{value:.0f}"
            draw_text(surf, ctx, text, (pad + col_w, y), size=22, bold=True, anchor="topright")
            bar = pygame.Rect(pad, y + s(32), col_w, s(12))
            pygame.draw.rect(surf, pal.bar_bg, bar, border_radius=s(4))
            fill = bar.copy()
            fill.w = int(bar.w * meter_fraction(name, value))
            color = ctx.color(tension_rung(value)) if name == "tension" else pal.bar_fill
            pygame.draw.rect(surf, color, fill, border_radius=s(4))
            y += row_h
        # this turn's public news (the last turn's when this one has none yet), newest first
        nx = pad * 2 + col_w
        news = [n for n in pv.news if n.audience == "public"]
        latest = max((n.turn for n in news), default=None)
        shown = [n for n in reversed(news) if n.turn == latest]
        head = "Public news" + (f", {self.session.match.scenario.date_label(latest)}" if latest else "")
        draw_text(surf, ctx, head, (nx, top), size=24, bold=True, color="text_dim")
        area = pygame.Rect(nx, top + s(44), w - nx - pad, h - top - s(44) - s(80))
        y = area.y
        for i, n in enumerate(shown or [None]):
            block = text_block(
                ctx,
                [[Span(n.text, "text", False, 20)] if n else [Span("No news yet.", "text_dim", False, 20)]],
                area.w,
                gap=8,
            )
            if y + block.get_height() > area.bottom:  # whole items only; the rest is one line
                draw_text(
                    surf, ctx, f"{len(shown) - i} more in the detailed view [D]", (area.x, y), size=16, color="text_dim"
                )
                break
            surf.blit(block, (area.x, y))
            y += block.get_height()
