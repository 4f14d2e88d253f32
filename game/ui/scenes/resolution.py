"""Resolution of a turn: its news, then "why it changed": every meter change with its causes."""

from __future__ import annotations

import functools

import pygame

from ...model.ids import ACTOR_SHORT, Actor, meter_bounds, tension_rung
from ..describe import actor_name, format_meter, meter_fraction, meter_label
from ..explain import explain, may_see
from ..widgets import RichText, Span, UIContext, Widget, draw_text, trend_triangle
from .base import Scene


class ChangesPanel(Widget):
    """Each meter that moved: a bar sliding from its old to its new value, the net change, and the
    causes underneath."""

    def __init__(self, ctx: UIContext, rect: pygame.Rect, report, viewer: Actor | None):
        self.ctx, self.rect = ctx, pygame.Rect(rect)
        self.t = 0.0
        self.scroll = 0
        rows = []
        for name in report.before.keys() & report.after.keys():
            before, after = report.before[name], report.after[name]
            why = explain(name, before, after, report.changes, viewer)
            if why.tenths or why.terms:
                rows.append((name, before, after, why))
        rows.sort(key=lambda r: (-abs(r[2] - r[1]) / max(1.0, meter_bounds(r[0])[1] - meter_bounds(r[0])[0]), r[0]))
        self.rows = rows
        self._tips: list[tuple[pygame.Rect, str]] = []

    def row_height(self, why) -> int:
        return self.ctx.s(30) + self.ctx.s(17) * len(why.terms) + self.ctx.s(6)

    @property
    def content_h(self) -> int:
        return sum(self.row_height(r[3]) for r in self.rows)

    @property
    def body_h(self) -> int:
        return self.rect.h - self.ctx.s(40)

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_h - self.body_h)

    def scroll_key(self, key: int) -> bool:
        """Up/Down/PgUp/PgDn/Home/End scroll the changes; True when ``key`` is one of them."""
        step = {
            pygame.K_UP: -self.ctx.s(40),
            pygame.K_DOWN: self.ctx.s(40),
            pygame.K_PAGEUP: -self.body_h,
            pygame.K_PAGEDOWN: self.body_h,
            pygame.K_HOME: -(10**6),
            pygame.K_END: 10**6,
        }.get(key)
        if step is None:
            return False
        self.scroll = max(0, min(self.max_scroll, self.scroll + step))
        return True

    def handle(self, event, focused):
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll = max(0, min(self.max_scroll, self.scroll - event.y * self.ctx.s(40)))
            return True
        return focused and event.type == pygame.KEYDOWN and self.scroll_key(event.key)

    def draw(self, surf, ctx, focused: bool = False):
        s, pal = ctx.s, ctx.pal
        self.t = min(1.0, self.t + 1 / 45)  # the bars slide to their new values over ~0.75 s
        pygame.draw.rect(surf, pal.panel, self.rect, border_radius=s(4))
        pygame.draw.rect(surf, pal.focus if focused else pal.panel_border, self.rect, 1, border_radius=s(4))
        draw_text(surf, ctx, "Why it changed", (self.rect.x + s(10), self.rect.y + s(8)), size=15, bold=True)
        body = pygame.Rect(self.rect.x + s(10), self.rect.y + s(34), self.rect.w - s(24), self.rect.h - s(40))
        clip = surf.get_clip()
        surf.set_clip(body)
        y = body.y - self.scroll
        self._tips = []
        if not self.rows:
            draw_text(surf, ctx, "No meter moved this turn.", (body.x, y), size=14, color="text_dim")
        ease = 1 - (1 - self.t) ** 3
        self._row_tops = []
        for name, before, after, why in self.rows:
            hgt = self.row_height(why)
            self._row_tops.append(y - body.y + self.scroll)
            if y + hgt >= body.y and y <= body.bottom:
                label_w = int(body.w * 0.36)
                draw_text(
                    surf, ctx, meter_label(name), (body.x, y + s(4)), size=14, bold=True, max_width=label_w - s(6)
                )
                bar = pygame.Rect(body.x + label_w, y + s(8), body.w - label_w - s(150), s(10))
                pygame.draw.rect(surf, pal.bar_bg, bar, border_radius=s(3))
                now = before + (after - before) * ease
                fill = bar.copy()
                fill.w = int(bar.w * meter_fraction(name, now))
                col = ctx.color(tension_rung(after)) if name == "tension" else pal.bar_fill
                pygame.draw.rect(surf, col, fill, border_radius=s(3))
                bx = bar.x + int(bar.w * meter_fraction(name, before))
                pygame.draw.line(surf, pal.text_dim, (bx, bar.y - s(3)), (bx, bar.bottom + s(3)), 2)
                if why.tenths:
                    trend_triangle(surf, pal.text, (bar.right + s(12), bar.centery), s(5), why.tenths > 0)
                draw_text(
                    surf,
                    ctx,
                    f"{why.text}  ->  {format_meter(name, after)}",
                    (bar.right + s(22), bar.centery),
                    size=13,
                    anchor="midleft",
                    max_width=s(128),
                )
                cy = y + s(28)
                for c in why.terms:
                    draw_text(surf, ctx, f"{c.text:>6}", (body.x + s(16), cy), size=12, color="accent", bold=True)
                    draw_text(
                        surf, ctx, c.label, (body.x + s(70), cy), size=12, color="text_dim", max_width=body.w - s(76)
                    )
                    cy += s(17)
                self._tips.append(
                    (
                        pygame.Rect(body.x, y, body.w, hgt),
                        f"{meter_label(name)}: {format_meter(name, before)} -> {format_meter(name, after)}",
                    )
                )
            y += hgt
        surf.set_clip(clip)
        if self.max_scroll:  # a scrollbar, and a cue at the foot while more lies below
            track = pygame.Rect(self.rect.right - s(8), body.y, s(4), body.h)
            pygame.draw.rect(surf, pal.bar_bg, track)
            th = max(s(20), body.h * body.h // self.content_h)
            ty = body.y + (body.h - th) * self.scroll // self.max_scroll
            pygame.draw.rect(surf, pal.text_faint, (track.x, ty, track.w, th))
            if self.scroll < self.max_scroll:
                more = sum(1 for r in self._row_tops if r > self.scroll + body.h)
                draw_text(
                    surf,
                    ctx,
                    f"{more} more below  -  Down / PgDn or the wheel"
                    if more
                    else "more below  -  Down / PgDn or the wheel",
                    (body.right, self.rect.y + s(10)),
                    size=12,
                    color="accent",
                    anchor="topright",
                )

    def tooltip_at(self, pos):
        return None


class ResolutionScene(Scene):
    name = "resolution"

    def __init__(self, app, game, report, index: int):
        super().__init__(app)
        self.game, self.report, self.index = game, report, index
        humans = game.session.humans
        self.viewer = humans[0] if len(humans) == 1 else None

    def build(self) -> None:
        s = self.s
        w, h = self.app.screen.get_size()
        pad = s(16)
        top = s(84)
        area = pygame.Rect(pad, top, w - 2 * pad, h - top - s(76))
        left_w = int(area.w * 0.42)
        news_rect = pygame.Rect(area.x, area.y, left_w, area.h)
        ch_rect = pygame.Rect(area.x + left_w + s(12), area.y, area.w - left_w - s(12), area.h)
        lines = []
        for n in self.report.news:
            if not may_see(n.audience, self.viewer):
                continue
            if n.audience == "public":
                lines.append([Span(n.text, "text", False, 14)])
            else:
                who = ", ".join(ACTOR_SHORT[Actor(a)] for a in n.audience)
                lines.append([Span(f"CABLE ({who} eyes only)  ", "cable", True, 12), Span(n.text, "text", False, 14)])
        if not lines:
            lines = [[Span("A quiet turn: no news.", "text_dim", False, 14)]]
        self.add(RichText(self.ctx, news_rect, lines, title="The news" + ("" if self.viewer else " (public)")))
        self.changes = self.add(ChangesPanel(self.ctx, ch_rect, self.report, self.viewer))
        last = self.report.ended
        self.button(
            (w - pad - s(300), h - s(62), s(300), s(46)),
            "See the debrief  [Enter]" if last else "Continue  [Enter]",
            self.done,
            object_id="#primary",
        )
        self.shortcut(pygame.K_RETURN, "continue", self.done)
        for key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
            # the changes scroll at once, whatever has the focus
            self.shortcut(key, "scroll the changes", functools.partial(self.changes.scroll_key, key))
        self.shortcut(pygame.K_KP_ENTER, "continue", self.done)
        self.focus.set(len(self.focus.items) - 1)

    def done(self) -> None:
        self.game.session.mark_shown(self.index + 1)
        self.app.pop(self)

    def back(self) -> None:
        self.done()

    def draw(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        w, _ = surf.get_size()
        r = self.report
        draw_text(surf, ctx, f"Turn {r.turn} resolved  -  {r.date}", (s(16), s(14)), size=26, bold=True)
        t = r.after.get("tension", 0)
        rung = tension_rung(t)
        badge = draw_text(
            surf, ctx, f"Tension {t:.0f}: {rung}", (w - s(16), s(24)), size=16, bold=True, color=rung, anchor="topright"
        )
        pygame.draw.rect(surf, ctx.color(rung), badge.inflate(s(16), s(8)), 2, border_radius=s(4))
        who = f"as {actor_name(self.viewer)} sees it" if self.viewer else "public view: what everyone saw"
        draw_text(surf, ctx, who, (s(16), s(54)), size=13, color="text_dim")
