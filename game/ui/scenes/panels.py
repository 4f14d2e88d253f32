"""Custom-drawn panels of the play and projector screens: meters, intelligence, news."""

from __future__ import annotations

import pygame

from ...model.ids import ACTOR_SHORT, METER_GROUPS, Actor, meter_bounds, tension_rung
from ..describe import (
    action_preview,
    format_meter,
    meter_fraction,
    meter_help,
    meter_label,
    short_meter_label,
    visibility_text,
)
from ..explain import explain
from ..widgets import Line, Span, UIContext, Widget, draw_text, trend_triangle


def action_lines(spec, actor: Actor, params: dict[str, float], cost_note: str, title_size: int) -> list[list[Span]]:
    """An action explained: its name and cost, the scenario's description, and its effects for ``actor``."""
    lines = [
        [
            Span(spec.name, "text", True, title_size),
            Span(f"   {spec.cost} political capital{cost_note}, {visibility_text(spec)}", "text_dim", False, 12),
        ]
    ]
    if spec.description:
        lines.append([Span(spec.description.strip(), "text_dim", False, 13)])
    for text in action_preview(spec, actor, params):
        head, _, rest = text.partition(": ")
        lines.append([Span(head + ": ", "accent", True, 12), Span(rest, "text", False, 13)])
    return lines


class MeterPanel(Widget):
    """Meters by group: a bar, the value, and a triangle for last turn's trend. Hover for the
    explanation and the causes of the last change. Values slide to new ones."""

    def __init__(self, ctx: UIContext, rect: pygame.Rect, *, title: str = "Meters (public)"):
        self.ctx, self.rect, self.title = ctx, pygame.Rect(rect), title
        self.scroll = 0
        self.rows: list[tuple[str, str]] = []  # (kind, name): header / meter / trust
        self.meters: dict[str, float] = {}
        self.shown: dict[str, float] = {}
        self.prev: dict[str, float] = {}
        self.trust: dict[str, tuple[str, float]] = {}
        self.changes: tuple = ()  # last turn's MeterChanges the viewer may see
        self.viewer: Actor | None = None
        self._row_rects: list[tuple[pygame.Rect, str]] = []
        self._cache: pygame.Surface | None = None
        self._cache_key: tuple | None = None
        self._data_version = 0
        self.cursor: int | None = None

    def set_data(
        self,
        meters: dict[str, float],
        prev: dict[str, float],
        changes,
        trust_rows: list[tuple[str, str, float]],
        viewer: Actor | None = None,
    ):
        self._data_version += 1
        self.meters, self.prev = dict(meters), dict(prev)
        self.changes, self.viewer = tuple(changes), viewer
        for k, v in meters.items():
            self.shown.setdefault(k, prev.get(k, v))
        self.rows = []
        for group, names in METER_GROUPS:
            present = [n for n in names if n in meters]
            if present:
                self.rows.append(("header", group))
                self.rows += [("meter", n) for n in present]
        if trust_rows:
            self.rows.append(("header", "Trust (public)"))
            self.trust = {key: (label, value) for key, label, value in trust_rows}
            self.rows += [("trust", key) for key, _, _ in trust_rows]

    def update(self, dt: float) -> None:
        for k, target in self.meters.items():
            cur = self.shown.get(k, target)
            lo, hi = meter_bounds(k)
            step = max(abs(target - cur) * min(1.0, dt * 6), (hi - lo) * dt * 0.05)
            self.shown[k] = target if abs(target - cur) <= step else cur + step * (1 if target > cur else -1)

    @property
    def row_h(self) -> int:
        return self.ctx.s(21)

    @property
    def content_h(self) -> int:
        return len(self.rows) * self.row_h

    def handle(self, event, focused):
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll = max(
                0, min(self.content_h - (self.rect.h - self.ctx.s(30)), self.scroll - event.y * self.row_h * 2)
            )
            return True
        if focused and event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            # a cursor moves over the meter rows (headers skipped); its explanation shows as a tooltip
            rows = [i for i, (kind, _) in enumerate(self.rows) if kind != "header"]
            if not rows:
                return True
            step = 1 if event.key == pygame.K_DOWN else -1
            pos = rows.index(self.cursor) if self.cursor in rows else (-1 if step > 0 else len(rows))
            self.cursor = rows[max(0, min(len(rows) - 1, pos + step))]
            top = self.cursor * self.row_h
            view_h = self.rect.h - self.ctx.s(32)
            if top < self.scroll:
                self.scroll = top
            elif top + self.row_h > self.scroll + view_h:
                self.scroll = top + self.row_h - view_h
            return True
        return False

    def keyboard_tooltip(self):
        if self.cursor is None or not self._row_rects:
            return None
        kind, name = self.rows[self.cursor]
        for r, tip in self._row_rects:
            if r.y == self.rect.y + self.ctx.s(28) + self.cursor * self.row_h - self.scroll:
                return tip, (r.right - self.ctx.s(40), r.centery)
        return None

    def draw(self, surf, ctx, focused: bool = False):
        """Blit the panel from a cache, redrawn only when a value, the scroll or the focus changed."""
        key = (
            self._data_version,
            self.scroll,
            focused,
            self.cursor if focused else None,
            tuple(round(v, 2) for v in self.shown.values()),
        )
        if key != self._cache_key or self._cache is None or self._cache.get_size() != self.rect.size:
            screen_rect = self.rect
            self._cache = pygame.Surface(screen_rect.size)
            self._cache.fill(ctx.pal.bg)
            self.rect = pygame.Rect((0, 0), screen_rect.size)
            try:
                self._draw(self._cache, ctx, focused)
            finally:
                self.rect = screen_rect
            self._row_rects = [(r.move(screen_rect.topleft), tip) for r, tip in self._row_rects]
            self._cache_key = key
        surf.blit(self._cache, self.rect)

    def _draw(self, surf, ctx, focused: bool):
        s, pal = ctx.s, ctx.pal
        pygame.draw.rect(surf, pal.panel, self.rect, border_radius=s(4))
        pygame.draw.rect(surf, pal.focus if focused else pal.panel_border, self.rect, 1, border_radius=s(4))
        draw_text(
            surf, ctx, self.title, (self.rect.x + s(10), self.rect.y + s(6)), size=13, bold=True, color="text_dim"
        )
        body = pygame.Rect(self.rect.x + s(8), self.rect.y + s(28), self.rect.w - s(16), self.rect.h - s(32))
        clip = surf.get_clip()
        surf.set_clip(body)
        self._row_rects = []
        y = body.y - self.scroll
        label_w = int(body.w * 0.52)
        for index, (kind, name) in enumerate(self.rows):
            r = pygame.Rect(body.x, y, body.w, self.row_h)
            y += self.row_h
            if r.bottom < body.y or r.top > body.bottom:
                continue
            if focused and index == self.cursor:
                pygame.draw.rect(surf, pal.panel_alt, r)
                pygame.draw.rect(surf, pal.focus, r, 1)
            if kind == "header":
                draw_text(
                    surf,
                    ctx,
                    name.upper(),
                    (r.x, r.bottom - s(3)),
                    size=11,
                    bold=True,
                    color="accent",
                    anchor="bottomleft",
                )
                continue
            if kind == "trust":
                label, value = self.trust[name]
                target = prev = value
                shown = value
                tip = f"{label}: {value:.0f}/100\nTrust moves on verified compliance (+) and detected breaches (-)."
                text = f"{value:.0f}"
                frac = value / 100
            else:
                target = self.meters[name]
                shown = self.shown.get(name, target)
                prev = self.prev.get(name, target)
                label = short_meter_label(name)
                text = format_meter(name, target)
                if name == "tension":
                    label = f"Tension ({tension_rung(target)})"
                    text = f"{target:.0f}"
                elif name == "peace_stage":
                    text = f"{target:.0f}/3"
                frac = meter_fraction(name, shown)
                tip = self._tooltip(name, target, prev)
            draw_text(surf, ctx, label, (r.x, r.centery), size=12, anchor="midleft", max_width=label_w - s(4))
            bar = pygame.Rect(r.x + label_w, r.centery - s(4), body.w - label_w - s(56), s(8))
            pygame.draw.rect(surf, pal.bar_bg, bar, border_radius=s(3))
            fill_col = pal.bar_fill
            if name == "tension":
                fill_col = ctx.color(tension_rung(target))
            fill = bar.copy()
            fill.w = int(bar.w * frac)
            if fill.w > 0:
                pygame.draw.rect(surf, fill_col, fill, border_radius=s(3))
            draw_text(surf, ctx, text, (bar.right + s(6), r.centery), size=12, anchor="midleft", max_width=s(38))
            delta = target - prev
            if abs(delta) >= 0.5:
                up = delta > 0
                good = not up if name == "tension" else up
                col = pal.good if good else pal.bad
                if name not in ("tension",):
                    col = pal.text_dim  # most meters have no universal "good": the shape carries the trend
                trend_triangle(surf, col, (r.right - s(6), r.centery), s(4), up)
            self._row_rects.append((r, tip))
        surf.set_clip(clip)
        if self.content_h > body.h:
            track = pygame.Rect(self.rect.right - s(5), body.y, s(3), body.h)
            pygame.draw.rect(surf, pal.bar_bg, track)
            th = max(s(16), body.h * body.h // self.content_h)
            ty = body.y + (body.h - th) * self.scroll // max(1, self.content_h - body.h)
            pygame.draw.rect(surf, pal.text_faint, (track.x, ty, track.w, th))

    def _tooltip(self, name: str, value: float, prev: float) -> str:
        lines = [f"{meter_label(name)}: {format_meter(name, value)}", meter_help(name)]
        why = explain(name, prev, value, self.changes, self.viewer)
        if why.tenths or why.terms:
            lines.append(f"Last turn {why.text}" + (":" if why.terms else ""))
            lines += [f"  {t.text}  {t.label}" for t in why.terms]
        return "\n".join(x for x in lines if x)

    def tooltip_at(self, pos):
        for r, tip in self._row_rects:
            if r.collidepoint(pos):
                return tip
        return None


def trust_rows(trust: dict[str, float], viewer: Actor | None, actors) -> list[tuple[str, str, float]]:
    rows = []
    if viewer is None:
        pairs = [(a, Actor.DPRK) for a in actors if a is not Actor.DPRK]
    else:
        pairs = [(viewer, a) for a in actors if a is not viewer]
    order = list(Actor)
    for a, b in pairs:
        x, y = sorted((a, b), key=order.index)
        key = f"{x.value}-{y.value}"
        rows.append((key, f"Trust {ACTOR_SHORT[a]}-{ACTOR_SHORT[b]}", trust.get(key, 50.0)))
    return rows


# ----------------------------------------------------------------------------- intelligence
class IntelPanel(Widget):
    """The viewer's picture of the DPRK program: estimate ranges (others) or the truth (the DPRK), the
    public declaration and verification, and suspected sites."""

    focusable = False

    def __init__(self, ctx: UIContext, rect: pygame.Rect, obs):
        self.ctx, self.rect, self.obs = ctx, pygame.Rect(rect), obs
        self._tips: list[tuple[pygame.Rect, str]] = []

    @staticmethod
    def truth_height(ctx: UIContext, obs) -> int:
        """The height the facilitator's view (``obs`` of ``observe(None)``) needs to show every estimate
        and every site, covert ones too: the lines ``draw`` writes below."""
        s = ctx.s
        return s(10 + 24 + 24 + 20 + 6 + 20) + s(19) * (len(obs.estimates) + len(obs.program.sites)) + s(16)

    def draw(self, surf, ctx, focused: bool = False):
        s, pal, obs = ctx.s, ctx.pal, self.obs
        r = self.rect
        pygame.draw.rect(surf, pal.panel, r, border_radius=s(4))
        x, y, w = r.x + s(12), r.y + s(10), r.w - s(24)
        self._tips = []
        viewer = obs.viewer
        est = obs.estimates.get(viewer) if viewer is not None else None
        program = obs.program
        declared, verified = obs.declared, obs.verified
        if program is not None and viewer is None:  # the facilitator's god view
            draw_text(surf, ctx, "The truth (facilitator view)", (x, y), size=14, bold=True, color="warn")
            y += s(24)
            draw_text(
                surf,
                ctx,
                f"Warheads {program.warheads}   Pu {program.pu_kg:.0f} kg   HEU {program.heu_kg:.0f} kg   "
                f"missiles {program.missile_readiness:.0f}",
                (x, y),
                size=13,
                max_width=w,
            )
            y += s(24)
            draw_text(surf, ctx, "What each side believes (warheads)", (x, y), size=13, bold=True, color="text_dim")
            y += s(20)
            for a, e in obs.estimates.items():
                inside = e.warheads.low <= program.warheads <= e.warheads.high
                draw_text(
                    surf,
                    ctx,
                    f"{ACTOR_SHORT[a]}: {e.warheads.low:.0f}-{e.warheads.high:.0f} "
                    f"({e.warheads.confidence * 100:.0f}%), intel effort {e.intel_effort:.0f}",
                    (x, y),
                    size=13,
                    max_width=w - s(60),
                )
                draw_text(
                    surf,
                    ctx,
                    "right" if inside else "wrong",
                    (x + w, y),
                    size=12,
                    anchor="topright",
                    color="good" if inside else "bad",
                    bold=True,
                )
                y += s(19)
            y += s(6)
            draw_text(surf, ctx, "Sites (true status)", (x, y), size=13, bold=True, color="text_dim")
            y += s(20)
            for site in program.sites:
                if y > r.bottom - s(20):
                    break
                flag = "covert" if site.covert and not site.detected else "exposed" if site.detected else "known"
                flag += ", staged" if site.staged else ""
                tag = draw_text(
                    surf,
                    ctx,
                    flag,
                    (x + w, y),
                    size=12,
                    anchor="topright",
                    color="warn" if site.covert and not site.detected else "text_dim",
                )
                draw_text(surf, ctx, f"{site.name}: {site.status}", (x, y), size=13, max_width=tag.x - x - s(8))
                y += s(19)
            return
        if program is not None and viewer is Actor.DPRK:
            draw_text(surf, ctx, "Your program (secret: only you know this)", (x, y), size=14, bold=True)
            y += s(26)
            stocks = [
                ("Warheads", program.warheads, declared.warheads, ""),
                ("Plutonium", program.pu_kg, declared.pu_kg, " kg"),
                ("HEU", program.heu_kg, declared.heu_kg, " kg"),
            ]
            for label, truth, decl, unit in stocks:
                draw_text(surf, ctx, f"{label}: {truth:.0f}{unit}", (x, y), size=14)
                if decl is not None:
                    draw_text(
                        surf,
                        ctx,
                        f"declared {decl:.0f}{unit}",
                        (x + w, y),
                        size=12,
                        color="text_dim",
                        anchor="topright",
                    )
                y += s(22)
            draw_text(surf, ctx, f"Missile readiness: {program.missile_readiness:.0f}", (x, y), size=14)
            y += s(30)
            draw_text(surf, ctx, "Sites", (x, y), size=13, bold=True, color="text_dim")
            y += s(20)
            for site in program.sites:
                flag = "covert" if site.covert and not site.detected else ("exposed" if site.detected else "known")
                extra = " (staged show)" if site.staged else ""
                tag = draw_text(
                    surf,
                    ctx,
                    flag,
                    (x + w, y),
                    size=12,
                    anchor="topright",
                    color="warn" if flag == "covert" else "text_dim",
                )
                draw_text(surf, ctx, f"{site.name}: {site.status}{extra}", (x, y), size=13, max_width=tag.x - x - s(8))
                y += s(20)
        elif est is not None:
            draw_text(surf, ctx, "Your estimate of the DPRK arsenal (private)", (x, y), size=14, bold=True)
            y += s(24)
            lo_hi = {
                "warheads": (0, max(80.0, est.warheads.high * 1.15)),
                "pu_kg": (0, max(80.0, est.pu_kg.high * 1.15)),
                "heu_kg": (0, max(800.0, est.heu_kg.high * 1.15)),
            }
            for key, label, unit, decl in (
                ("warheads", "Warheads", "", declared.warheads),
                ("pu_kg", "Plutonium", " kg", declared.pu_kg),
                ("heu_kg", "HEU", " kg", declared.heu_kg),
            ):
                rng = getattr(est, key)
                draw_text(surf, ctx, label, (x, y), size=13)
                draw_text(
                    surf,
                    ctx,
                    f"{rng.low:.0f} to {rng.high:.0f}{unit}, {rng.confidence * 100:.0f}% confident",
                    (x + w, y),
                    size=12,
                    color="text_dim",
                    anchor="topright",
                )
                y += s(20)
                axis = pygame.Rect(x, y, w, s(12))
                pygame.draw.rect(surf, pal.bar_bg, axis, border_radius=s(3))
                lo, hi = lo_hi[key]
                fx = lambda v: axis.x + int(axis.w * max(0.0, min(1.0, (v - lo) / (hi - lo))))  # noqa: E731
                band = pygame.Rect(fx(rng.low), axis.y, max(s(3), fx(rng.high) - fx(rng.low)), axis.h)
                shade = pygame.Surface(band.size, pygame.SRCALPHA)
                shade.fill((*pal.range, int(90 + 140 * rng.confidence)))
                surf.blit(shade, band)
                pygame.draw.line(surf, pal.text, (fx(rng.mid), axis.y - s(2)), (fx(rng.mid), axis.bottom + s(2)), 2)
                tip = (
                    f"{label}: your range {rng.low:.0f}-{rng.high:.0f}{unit} (middle {rng.mid:.0f}), confidence "
                    f"{rng.confidence * 100:.0f}%.\nIntelligence, inspections and leaks narrow it; it widens a "
                    "little each turn without new information."
                )
                if decl is not None:
                    dx = fx(decl)
                    pygame.draw.polygon(
                        surf,
                        pal.warn,
                        [(dx, axis.bottom + s(1)), (dx - s(5), axis.bottom + s(8)), (dx + s(5), axis.bottom + s(8))],
                    )
                    tip += f"\nThe DPRK declared {decl:.0f}{unit} (triangle)."
                self._tips.append((axis.inflate(0, s(10)), tip))
                draw_text(surf, ctx, f"{lo:.0f}", (axis.x, axis.bottom + s(2)), size=10, color="text_faint")
                draw_text(
                    surf,
                    ctx,
                    f"{hi:.0f}{unit}",
                    (axis.right, axis.bottom + s(2)),
                    size=10,
                    color="text_faint",
                    anchor="topright",
                )
                y += s(32)
            draw_text(
                surf, ctx, f"Your intelligence effort: {est.intel_effort:.0f}/100", (x, y), size=13, color="text_dim"
            )
            y += s(26)
        else:
            draw_text(surf, ctx, "Public picture of the DPRK program", (x, y), size=14, bold=True)
            y += s(26)
        draw_text(surf, ctx, "Public record", (x, y), size=13, bold=True, color="text_dim")
        y += s(20)
        if declared.made:
            parts = [
                f"{declared.warheads} warheads" if declared.warheads is not None else None,
                f"{declared.pu_kg:.0f} kg Pu" if declared.pu_kg is not None else None,
                f"{declared.heu_kg:.0f} kg HEU" if declared.heu_kg is not None else None,
            ]
            text = "Declaration: " + ", ".join(p for p in parts if p) + f"; {len(declared.sites)} sites"
        else:
            text = "No declaration made."
        draw_text(surf, ctx, text, (x, y), size=13, max_width=w)
        y += s(20)
        draw_text(
            surf,
            ctx,
            f"Inspection access {verified.inspection_access:.0f}/100, {verified.inspections} inspection{'s' if verified.inspections != 1 else ''}",
            (x, y),
            size=13,
            max_width=w,
        )
        y += s(20)
        if verified.warheads_surrendered:
            draw_text(
                surf,
                ctx,
                f"Warheads surrendered under verification: {verified.warheads_surrendered}",
                (x, y),
                size=13,
                max_width=w,
            )
            y += s(20)
        if viewer is not Actor.DPRK:
            y += s(8)
            draw_text(
                surf,
                ctx,
                "Sites you know or suspect" if viewer is not None else "Sites the world knows of",
                (x, y),
                size=13,
                bold=True,
                color="text_dim",
            )
            y += s(20)
            for site in obs.sites:
                if y > r.bottom - s(22):
                    break
                status = site.public_status or "not verified"
                known = "verified" if site.verified else ("declared" if site.declared else "")
                right = f"{status}{', ' + known if known else ''}"
                if viewer is not None and not site.declared and not site.verified and site.suspicion > 0:
                    right = f"suspicion {site.suspicion * 100:.0f}%"
                tag = draw_text(
                    surf, ctx, right, (x + w, y), size=12, color="text_dim", anchor="topright", max_width=int(w * 0.44)
                )
                draw_text(surf, ctx, site.name, (x, y), size=13, max_width=tag.x - x - s(8))
                y += s(20)

    def tooltip_at(self, pos):
        for r, tip in self._tips:
            if r.collidepoint(pos):
                return tip
        return None


# ----------------------------------------------------------------------------- news
def news_lines(news, viewer: Actor | None, current_turn: int, date_of, briefing: str = "") -> list[Line]:
    """Newest turn first; private cables marked, older turns dimmer. Before the first news, the
    scenario's ``briefing`` (its description) opens the panel."""
    lines: list[Line] = []
    by_turn: dict[int, list] = {}
    for n in news:
        by_turn.setdefault(n.turn, []).append(n)
    for turn in sorted(by_turn, reverse=True):
        recent = turn >= current_turn - 1
        lines.append([Span(f"Turn {turn} - {date_of(turn)}", "accent" if recent else "text_faint", True, 12)])
        for n in by_turn[turn]:
            if n.audience == "public":
                lines.append([Span(n.text, "text" if recent else "text_dim", False, 13)])
            else:
                who = ", ".join(ACTOR_SHORT[Actor(a)] for a in n.audience)
                lines.append(
                    [
                        Span(f"CABLE ({who} eyes only)  ", "cable", True, 12),
                        Span(n.text, "text" if recent else "text_dim", False, 13),
                    ]
                )
    if not lines:
        if briefing:
            lines.append([Span(f"Briefing - {date_of(current_turn)}", "accent", True, 12)])
            lines.append([Span(briefing.strip(), "text", False, 13)])
        lines.append([Span("No news yet. The first turn's news arrives when it resolves.", "text_faint", False, 13)])
    return lines


# ----------------------------------------------------------------------------- the score
def standing_lines(rows, obs) -> list[Line]:
    """The viewer's objectives and where it stands now (``Session.standing``): the score so far, as a
    range when a term reads the hidden program, and each term with its weight."""
    total = sum(r.weight for r in rows) or 1.0
    known = 100 * sum(r.weight * r.value for r in rows if r.value is not None) / total
    open_share = 100 * sum(r.weight for r in rows if r.value is None) / total
    lines: list[Line] = [[Span("Only you see your own objectives and score.", "text_dim", False, 12)]]
    if open_share:
        lines.append([Span(f"Score now: {known:.0f} to {known + open_share:.0f} of 100", "accent", True, 16)])
        lines.append(
            [
                Span(
                    "The range is what you cannot know yet: a term below reads North Korea's true program, "
                    "which the debrief reveals.",
                    "text_dim",
                    False,
                    12,
                )
            ]
        )
    else:
        lines.append([Span(f"Score now: {known:.0f} of 100", "accent", True, 16)])
    lines.append([])
    v = obs.verified
    shut = sum(1 for status in v.sites.values() if status in ("frozen", "dismantled"))
    for r in rows:
        share = f"{r.value * 100:.0f}%" if r.value is not None else "not known yet"
        lines.append(
            [
                Span(r.label, "text", True, 13),
                Span(f"   weight {r.weight:g}   ", "text_dim", False, 12),
                Span(share, "good" if (r.value or 0) >= 0.5 else "warn", True, 13),
            ]
        )
        if r.value is None and r.metric == "denuclearization":
            lines.append(
                [
                    Span(
                        f"  Verified so far: {shut} site{'s' if shut != 1 else ''} shut under verification, "
                        f"{v.warheads_surrendered} warhead{'s' if v.warheads_surrendered != 1 else ''} handed "
                        "over. It counts only sites verified shut and warheads handed over, against the whole "
                        "true program, covert sites included.",
                        "text_dim",
                        False,
                        12,
                    )
                ]
            )
    return lines
