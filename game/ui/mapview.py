"""The map of Northeast Asia: Natural Earth polygons baked into assets/map, drawn equirectangularly
with x scaled by cos(38 deg). The base layer is drawn once per size into a cached surface; sites
(only those the viewer knows or suspects) and capitals go on top each frame."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pygame

from ..model.ids import Actor
from ..model.public import PublicSite
from .theme import ASSETS, Color
from .widgets import UIContext, Widget, draw_text

MAP_PATH = ASSETS / "map" / "northeast_asia.json"
ISO_ACTOR = {"USA": Actor.US, "PRK": Actor.DPRK, "KOR": Actor.ROK, "JPN": Actor.JPN, "CHN": Actor.PRC}
# label positions inside the drawn area, with short native names (the CJK subset holds these)
LABELS = {
    "PRK": ((128.0, 40.75), "North Korea", "조선"),  # north-east of Yongbyon, clear of its sites
    "KOR": ((128.05, 36.3), "South Korea", "한국"),
    "JPN": ((138.2, 36.7), "Japan", "日本"),
    "CHN": ((118.6, 37.0), "China", "中国"),
    "RUS": ((134.3, 45.1), "Russia", "Россия"),
}
FOCUS_LAT = (32.4, 44.3)  # the latitudes always shown: the peninsula, with room around it
FOCUS_LON = 128.6  # the view centres here when it cannot show all the data


@lru_cache(maxsize=1)
def map_data(path: Path = MAP_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


class Projection:
    """Equirectangular, x scaled by cos(38 deg). The view fills ``rect``: it shows the peninsula's
    latitudes (FOCUS_LAT) and as much longitude as the rectangle's shape allows, within the baked data."""

    def __init__(self, rect: pygame.Rect, view=None):
        d = map_data()
        self.k = math.cos(math.radians(d["standard_parallel"]))
        bx0, by0, bx1, by1 = d["bbox"]
        if view is None:
            lat0, lat1 = FOCUS_LAT
            scale = rect.h / (lat1 - lat0)
            lon_span = rect.w / (scale * self.k)
            if lon_span > bx1 - bx0:  # a very wide rectangle: fit the data's width instead
                scale = rect.w / ((bx1 - bx0) * self.k)
                lon_span = bx1 - bx0
                lat_span = min(by1 - by0, rect.h / scale)
                mid = (lat0 + lat1) / 2
                lat0 = max(by0, min(by1 - lat_span, mid - lat_span / 2))
                lat1 = lat0 + lat_span
            lon0 = max(bx0, min(bx1 - lon_span, FOCUS_LON - lon_span / 2))
            view = (lon0, lon0 + lon_span, lat0, lat1)
        lon0, lon1, lat0, lat1 = view
        w_units = (lon1 - lon0) * self.k
        h_units = lat1 - lat0
        self.scale = min(rect.w / w_units, rect.h / h_units)
        self.w = int(w_units * self.scale)
        self.h = int(h_units * self.scale)
        self.rect = pygame.Rect(0, 0, self.w, self.h)
        self.rect.center = rect.center
        self.lon0, self.lon1, self.lat0, self.lat1 = lon0, lon1, lat0, lat1

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.rect.x + (lon - self.lon0) * self.k * self.scale, self.rect.y + (self.lat1 - lat) * self.scale)

    def local(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.lon0) * self.k * self.scale, (self.lat1 - lat) * self.scale)


def _blend(a: Color, b: Color, t: float) -> Color:
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


class MapView:
    """Draws the map into ``rect``. ``draw(surf, sites, highlight)``; ``hit(pos)`` for tooltips."""

    def __init__(self, ctx: UIContext, rect: pygame.Rect):
        self.ctx = ctx
        self.rect = pygame.Rect(rect)
        self.proj = Projection(self.rect)
        self._base: pygame.Surface | None = None
        self._base_key: tuple | None = None
        self._base_labels: list[pygame.Rect] = []
        self._markers: list[tuple[pygame.Rect, str]] = []

    # ------------------------------------------------------------------ base layer
    def base(self, highlight: Actor | None) -> pygame.Surface:
        key = (self.proj.rect.size, highlight, self.ctx.pal.name, self.ctx.fonts.text_scale)
        if self._base is None or self._base_key != key:
            self._base = self._render_base(highlight)
            self._base_key = key
        return self._base

    def _render_base(self, highlight: Actor | None) -> pygame.Surface:
        ctx, pal, p = self.ctx, self.ctx.pal, self.proj
        d = map_data()
        surf = pygame.Surface(p.rect.size).convert() if pygame.display.get_surface() else pygame.Surface(p.rect.size)
        surf.fill(pal.sea)
        s = ctx.s
        # graticule every 5 degrees
        for meridian in range(115, 150, 5):
            x, _ = p.local(meridian, 0)
            pygame.draw.line(surf, pal.sea_grid, (x, 0), (x, p.h))
        for parallel in range(30, 50, 5):
            _, y = p.local(0, parallel)
            pygame.draw.line(surf, pal.sea_grid, (0, y), (p.w, y))
        for country in d["countries"]:
            actor = ISO_ACTOR.get(country["iso"])
            fill = pal.land
            if actor is not None:
                fill = _blend(pal.land, pal.actor(actor), 0.16 if actor is not highlight else 0.34)
            for poly in country["polygons"]:
                outer = [p.local(lon, lat) for lon, lat in poly[0]]
                if len(outer) >= 3:
                    pygame.draw.polygon(surf, fill, outer)
                for hole in poly[1:]:
                    pts = [p.local(lon, lat) for lon, lat in hole]
                    if len(pts) >= 3:
                        pygame.draw.polygon(surf, pal.sea, pts)
        for line in d["coastline"]:
            pts = [p.local(lon, lat) for lon, lat in line]
            if len(pts) >= 2:
                pygame.draw.aalines(surf, pal.coast, False, pts)
        for line in d["borders"]:
            pts = [p.local(lon, lat) for lon, lat in line]
            if len(pts) >= 2:
                pygame.draw.lines(surf, pal.border, False, pts, max(1, s(1.5)))
        # the DMZ limits, then the MDL on top, heavier
        for edge in d["dmz"].values():
            for line in edge if edge and isinstance(edge[0][0], list) else [edge]:
                pts = [p.local(lon, lat) for lon, lat in line]
                if len(pts) >= 2:
                    pygame.draw.aalines(surf, pal.dmz, False, pts)
        mdl = [p.local(lon, lat) for lon, lat in d["mdl"]]
        est = [p.local(lon, lat) for lon, lat in d["han_estuary"]]
        pygame.draw.lines(surf, pal.mdl, False, mdl, max(2, s(2)))
        _dashed(surf, pal.mdl, est, max(1, s(1.5)), s(4))
        mx, my = mdl[len(mdl) * 2 // 3]
        self._base_labels = [
            draw_text(
                surf, ctx, "MDL", (mx + s(4), my - s(4)), size=11, color="mdl", bold=True, anchor="bottomleft"
            ).move(p.rect.topleft)
        ]
        # country names in English and in the country's own script
        for iso, ((lon, lat), name, native) in LABELS.items():
            lon = max(p.lon0 + 1.6, min(p.lon1 - 1.6, lon))
            lat = max(p.lat0 + 0.7, min(p.lat1 - 0.7, lat))
            x, y = p.local(lon, lat)
            actor = ISO_ACTOR.get(iso)
            col = _blend(pal.text_dim, pal.actor(actor), 0.5) if actor else pal.text_faint
            a = draw_text(surf, ctx, name.upper(), (x, y), size=12, color=col, bold=True, anchor="midbottom")
            b = draw_text(surf, ctx, native, (x, y + s(1)), size=12, color=col, anchor="midtop")
            self._base_labels += [a.move(p.rect.topleft), b.move(p.rect.topleft)]
        # Dokdo / Takeshima: a point (too small for the polygons), named by both sides
        dk = d["dokdo"]
        x, y = p.local(dk["lon"], dk["lat"])
        pygame.draw.circle(surf, pal.text_dim, (x, y), max(2, s(2)))
        draw_text(surf, ctx, "Dokdo / Takeshima", (x + s(5), y), size=10, color="text_faint", anchor="midleft")
        return surf

    # ------------------------------------------------------------------ drawing
    def draw(
        self,
        surf: pygame.Surface,
        sites: Sequence[PublicSite],
        highlight: Actor | None,
        *,
        show_truth: bool = False,
        flash: dict[str, float] | None = None,
        legend: bool = True,
        truth: Mapping[str, str] | None = None,
        legend_bottom: int | None = None,
    ) -> None:
        """``truth``: site id -> true status, for the one viewer who knows it (the DPRK). ``flash``: site id
        -> 0..1, a ring pulsing where hidden activity was just exposed."""
        pal, p, s = self.ctx.pal, self.proj, self.ctx.s
        pygame.draw.rect(surf, pal.panel, self.rect, border_radius=s(4))
        surf.blit(self.base(highlight), p.rect.topleft)
        pygame.draw.rect(surf, pal.panel_border, p.rect, 1)
        self._markers = []
        self._labels: list[pygame.Rect] = list(self._base_labels)
        clip = surf.get_clip()
        surf.set_clip(p.rect)
        # sites: markers at the same spot fan out sideways, so each stays visible and hoverable; all
        # markers are placed before any label, so no label covers a marker. Sites fanned out together
        # (Yongbyon's reactor, laboratory and enrichment hall) share one label naming the place.
        placed: list[tuple[PublicSite, tuple[float, float]]] = []
        groups: list[list[int]] = []
        r = s(7)
        capitals = [p(c["lon"], c["lat"]) for c in map_data()["capitals"]]  # a site beside a capital (Kangson
        # by Pyongyang) steps aside so both markers show
        for site in sorted(sites, key=lambda st: (st.lat, st.lon), reverse=True):
            x, y = p(site.lon, site.lat)
            group = None
            while True:  # x only grows, so this ends
                hit = next(
                    (i for i, (_, (px, py)) in enumerate(placed) if abs(x - px) < r * 1.8 and abs(y - py) < r * 1.8),
                    None,
                )
                if hit is None:
                    if any(abs(x - cx) < r * 1.6 and abs(y - cy) < r * 1.6 for cx, cy in capitals):
                        x += r * 1.9
                        continue
                    break
                group = next(g for g in groups if hit in g)
                x += r * 1.9
            if group is None:
                groups.append([len(placed)])
            else:
                group.append(len(placed))
            placed.append((site, (x, y)))
        for _, (x, y) in placed:
            self._labels.append(pygame.Rect(x - r - s(3), y - r - s(3), 2 * r + s(6), 2 * r + s(6)))
        for cap in map_data()["capitals"]:  # capitals' labels keep clear of the site markers too
            self._draw_capital(surf, cap)
        for site, pos in placed:
            self._draw_site(surf, site, pos, show_truth, (flash or {}).get(site.id, 0.0), (truth or {}).get(site.id))
        for group in groups:
            members = [placed[i] for i in group]
            xs = [pos[0] for _, pos in members]
            y = members[0][1][1]
            if len(members) == 1:
                text = short_site_name(members[0][0].name)
            else:
                text = f"{place_name([m.name for m, _ in members])} ({len(members)} sites)"
            self._place_label(
                surf,
                text,
                ((min(xs) + max(xs)) / 2, y),
                r + (max(xs) - min(xs)) / 2,
                10,
                "text_dim",
                vertical_first=len(members) > 1,
            )
        surf.set_clip(clip)
        if legend:
            self._legend(surf, legend_bottom)

    def _place_label(
        self, surf, text: str, anchor_pt, r: float, size: float, color, *, vertical_first: bool = False
    ) -> None:
        """Draw a label right of the point, else left, below or above, in smaller type if it must (a large
        UI scale or text size crowds the map); else not at all (the tooltip still names it). ``r``: half
        the width of what is labelled."""
        ctx, s = self.ctx, self.ctx.s
        x, y = anchor_pt
        marker_h = s(7) + s(4)  # clear of the marker and its keep-out box
        for smaller in (1.0, 0.85, 0.72):
            img = ctx.fonts.render(text, size * smaller, ctx.color(color))
            sides = [img.get_rect(midleft=(x + r + s(3), y)), img.get_rect(midright=(x - r - s(3), y))]
            above_below = [
                img.get_rect(midtop=(x, y + marker_h + s(2))),
                img.get_rect(midbottom=(x, y - marker_h - s(2))),
            ]
            for rect in (above_below + sides) if vertical_first else (sides + above_below):
                if self.proj.rect.contains(rect) and not any(rect.colliderect(o) for o in self._labels):
                    bg = pygame.Surface(rect.inflate(s(4), 0).size, pygame.SRCALPHA)
                    bg.fill((*ctx.pal.bg, 120))
                    surf.blit(bg, rect.inflate(s(4), 0))
                    surf.blit(img, rect)
                    self._labels.append(rect)
                    return

    def _draw_capital(self, surf, cap) -> None:
        ctx, pal, p, s = self.ctx, self.ctx.pal, self.proj, self.ctx.s
        x, y = p(cap["lon"], cap["lat"])
        r = s(4)
        name = f"{cap['name']} {cap['native']}"
        tip = f"{cap['name']} ({cap['native']})" + (" - capital" if cap.get("capital") else "")
        if not p.rect.inflate(-2 * r, -2 * r).collidepoint(x, y):
            # off the map: an arrow on the edge pointing to it
            ex = max(p.rect.x + s(8), min(p.rect.right - s(8), x))
            ey = max(p.rect.y + s(8), min(p.rect.bottom - s(8), y))
            dx, dy = x - ex, y - ey
            n = math.hypot(dx, dy) or 1
            ux, uy = dx / n, dy / n
            tipp = (ex + ux * s(7), ey + uy * s(7))
            pts = [tipp, (ex - uy * s(5), ey + ux * s(5)), (ex + uy * s(5), ey - ux * s(5))]
            pygame.draw.polygon(surf, pal.text_dim, pts)
            img = ctx.fonts.render(name, 11, pal.text_dim)
            rect = img.get_rect(midleft=(ex + s(6), ey)) if ux < 0 else img.get_rect(midright=(ex - s(6), ey))
            rect.clamp_ip(p.rect)
            surf.blit(img, rect)
            self._labels.append(rect)
            self._markers.append((pygame.Rect(ex - s(8), ey - s(8), s(16), s(16)), tip + " (off the map)"))
            return
        if cap.get("capital"):
            pygame.draw.rect(surf, pal.text, (x - r, y - r, 2 * r, 2 * r))
            pygame.draw.rect(surf, pal.bg, (x - r, y - r, 2 * r, 2 * r), 1)
        else:
            pygame.draw.circle(surf, pal.text_dim, (x, y), r - 1)
        self._place_label(surf, name, (x, y), r, 11, "text")
        self._markers.append((pygame.Rect(x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4), tip))

    def _draw_site(self, surf, site, pos, own: bool, flash: float, true_status: str | None = None) -> None:
        pal, s = self.ctx.pal, self.ctx.s
        x, y = pos
        status = true_status or site.public_status
        color = {
            "active": pal.site_active,
            "restarted": pal.site_active,
            "frozen": pal.site_frozen,
            "dismantled": pal.site_dismantled,
        }.get(status or "", pal.site_unknown)
        r = s(7)
        suspicion = getattr(site, "suspicion", 0.0)  # the public view's sites carry none
        if not own and suspicion > 0 and not site.verified:
            # the viewer's suspicion of activity: a dashed ring that grows with it
            _dashed_circle(surf, pal.site_unknown, (x, y), int(r + s(3) + s(8) * suspicion), max(1, s(1.5)))
        _site_shape(surf, color, pal.bg, (x, y), r, status)
        known = "verified" if site.verified else ("declared" if site.declared else "not declared")
        tip = f"{site.name} ({site.kind.replace('_', ' ')})\nPublic status: {site.public_status or 'not verified'} ({known})"
        if true_status:
            tip += f"\nTrue status (only you know): {true_status}"
        elif suspicion > 0:
            tip += f"\nYour suspicion of activity here: {suspicion * 100:.0f}%"
        if flash > 0:  # a detection: rings pulse outward, twice a second
            phase = (flash * 6) % 1.0
            pygame.draw.circle(surf, pal.bad, (x, y), int(r + s(4) + s(22) * phase), max(2, s(2)))
            tip += "\nHidden activity here was just exposed"
        self._markers.append((pygame.Rect(x - r - 3, y - r - 3, 2 * r + 6, 2 * r + 6), tip))

    def _legend(self, surf, bottom: int | None = None) -> None:
        ctx, pal, s = self.ctx, self.ctx.pal, self.ctx.s
        items = [
            ("active", pal.site_active, "active"),
            ("frozen", pal.site_frozen, "frozen"),
            ("dismantled", pal.site_dismantled, "dismantled"),
            (None, pal.site_unknown, "not verified"),
        ]
        x = self.proj.rect.x + s(8)
        y = (self.proj.rect.bottom if bottom is None else min(bottom, self.proj.rect.bottom)) - s(14)
        box = pygame.Rect(x - s(4), y - s(11), s(8), s(22))
        widths = []
        for st, _, label in items:
            widths.append(s(22) + ctx.fonts.size(label, 11)[0])
        box.width = sum(widths) + s(8) + s(12) * len(items)
        bg = pygame.Surface(box.size, pygame.SRCALPHA)
        bg.fill((*pal.bg, 190))
        surf.blit(bg, box)
        for (st, color, label), w in zip(items, widths):
            _site_shape(surf, color, pal.bg, (x + s(6), y), s(5), st)
            draw_text(surf, ctx, label, (x + s(15), y), size=11, color="text_dim", anchor="midleft")
            x += w + s(12)

    def tooltip_at(self, pos) -> str | None:
        for rect, text in reversed(self._markers):
            if rect.collidepoint(pos):
                return text
        return None


def short_site_name(name: str) -> str:
    """A map label: the name, or when it is long its leading proper-noun words ("Punggye-ri nuclear test
    site" -> "Punggye-ri"); the tooltip gives the full name."""
    if len(name) <= 22:
        return name
    words = name.split()
    lead = []
    for w in words:
        if not (w[0].isupper() or w[0].isdigit()):
            break
        lead.append(w)
    return " ".join(lead) if lead else name[:20] + "…"


def place_name(names: list[str]) -> str:
    """What sites fanned out together have in common: the first word most of them share ("Yongbyon"),
    else "Several"."""
    firsts = [n.split()[0] for n in names if n.split()]
    best = max(set(firsts), key=firsts.count) if firsts else ""
    return best if best and firsts.count(best) >= 2 else "Several"


def _site_shape(surf, color, edge, center, r, status) -> None:
    """Each status has its own shape as well as its colour."""
    x, y = center
    if status in ("active", "restarted"):
        pts = [(x, y - r), (x - r, y + r * 0.8), (x + r, y + r * 0.8)]
        pygame.draw.polygon(surf, color, pts)
        pygame.draw.polygon(surf, edge, pts, 1)
    elif status == "frozen":
        rect = pygame.Rect(0, 0, int(r * 1.6), int(r * 1.6))
        rect.center = (x, y)
        pygame.draw.rect(surf, color, rect)
        pygame.draw.rect(surf, edge, rect, 1)
    elif status == "dismantled":
        w = max(2, r // 3)
        pygame.draw.line(surf, color, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surf, color, (x - r, y + r), (x + r, y - r), w)
    else:
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        pygame.draw.polygon(surf, color, pts)
        pygame.draw.polygon(surf, edge, pts, 1)


def _dashed(surf, color, pts, width, dash) -> None:
    on = True
    for a, b in zip(pts, pts[1:]):
        if on:
            pygame.draw.line(surf, color, a, b, width)
        on = not on


def _dashed_circle(surf, color, center, radius, width) -> None:
    n = 16
    for i in range(0, n, 2):
        a0, a1 = 2 * math.pi * i / n, 2 * math.pi * (i + 1) / n
        rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        rect.center = center
        pygame.draw.arc(surf, color, rect, a0, a1, width)


class MapFocus(Widget):
    """The map as a focus stop: arrow keys step through its markers (capitals and sites) and show what
    the mouse would show on hovering them."""

    def __init__(self, mapview: MapView):
        self.mapview = mapview
        self.index: int | None = None

    @property
    def rect(self) -> pygame.Rect:  # type: ignore[override]  # the map's own, read-only: no stop's rect is assigned
        return self.mapview.rect

    def handle(self, event, focused):
        markers = self.mapview._markers
        if (
            focused
            and event.type == pygame.KEYDOWN
            and markers
            and event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)
        ):
            step = 1 if event.key in (pygame.K_RIGHT, pygame.K_DOWN) else -1
            self.index = (step if self.index is None else self.index + step) % len(markers)
            return True
        return False

    def keyboard_tooltip(self):
        markers = self.mapview._markers
        if self.index is None or not markers:
            return None
        rect, tip = markers[self.index % len(markers)]
        return tip, rect.center

    def draw(self, surf, ctx, focused: bool = False):
        markers = self.mapview._markers
        if focused and self.index is not None and markers:
            rect, _ = markers[self.index % len(markers)]
            pygame.draw.rect(surf, ctx.pal.focus, rect.inflate(ctx.s(6), ctx.s(6)), 2)
