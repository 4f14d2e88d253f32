"""Screen layout: named rectangles computed from the window size and the UI scale.

Everything is laid out at a reference size of 1280x800 and scaled uniformly (so 1920x1080 gets a
1.35x UI with more room for the map); columns are clamped so that nothing overlaps at any size the
settings allow. Pure arithmetic on pygame.Rect: tests check the rectangles for overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pygame

REF_W, REF_H = 1280, 800


def base_scale(width: int, height: int) -> float:
    return min(width / REF_W, height / REF_H)


@dataclass
class PlayLayout:
    top: pygame.Rect
    meters: pygame.Rect
    map: pygame.Rect
    news: pygame.Rect
    tabs: pygame.Rect
    panel: pygame.Rect
    submit: pygame.Rect

    def rects(self) -> dict[str, pygame.Rect]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Layout:
    def __init__(self, width: int, height: int, ui_scale: float = 1.0):
        self.width, self.height = width, height
        self.scale = max(0.7, base_scale(width, height) * ui_scale)
        self.screen = pygame.Rect(0, 0, width, height)

    def s(self, value: float) -> int:
        return int(round(value * self.scale))

    # --------------------------------------------------------------- play screen
    def play(self) -> PlayLayout:
        w, h, s = self.width, self.height, self.s
        pad = s(8)
        top = pygame.Rect(0, 0, w, s(46))
        left_w, right_w = s(272), s(404)
        # never let the side columns eat more than 62% of the width (a big UI scale on a small window)
        side = left_w + right_w
        if side > 0.62 * w:
            k = 0.62 * w / side
            left_w, right_w = int(left_w * k), int(right_w * k)
        body_y = top.bottom + pad
        body_h = h - body_y - pad
        meters = pygame.Rect(pad, body_y, left_w, body_h)
        right_x = w - pad - right_w
        tabs = pygame.Rect(right_x, body_y, right_w, s(34))
        submit_h = s(46)
        submit = pygame.Rect(right_x, h - pad - submit_h, right_w, submit_h)
        panel = pygame.Rect(right_x, tabs.bottom + s(4), right_w, submit.top - s(6) - tabs.bottom - s(4))
        centre_x = meters.right + pad
        centre_w = right_x - pad - centre_x
        news_h = max(s(150), int(body_h * 0.27))
        news = pygame.Rect(centre_x, h - pad - news_h, centre_w, news_h)
        mp = pygame.Rect(centre_x, body_y, centre_w, news.top - pad - body_y)
        return PlayLayout(top, meters, mp, news, tabs, panel, submit)

    # --------------------------------------------------------------- generic pieces
    def centered(self, width: float, height: float, *, y_offset: float = 0) -> pygame.Rect:
        """A box of the given reference size, scaled and centred, shrunk to fit the window."""
        wd = min(self.s(width), self.width - 2 * self.s(12))
        ht = min(self.s(height), self.height - 2 * self.s(12))
        r = pygame.Rect(0, 0, wd, ht)
        r.center = (self.width // 2, self.height // 2 + self.s(y_offset))
        return r

    def column(self, area: pygame.Rect, heights: list[float], gap: float = 8) -> list[pygame.Rect]:
        """Stack rows of the given reference heights from the top of ``area``."""
        out, y = [], area.top
        for hgt in heights:
            r = pygame.Rect(area.left, y, area.width, self.s(hgt))
            out.append(r)
            y = r.bottom + self.s(gap)
        return out

    def row(self, area: pygame.Rect, widths: list[float], gap: float = 8) -> list[pygame.Rect]:
        """Split ``area`` horizontally: widths are weights; a negative width is a fixed reference width."""
        gaps = self.s(gap) * (len(widths) - 1)
        fixed = sum(self.s(-x) for x in widths if x < 0)
        flexible = sum(x for x in widths if x > 0) or 1
        free = max(0, area.width - gaps - fixed)
        out, x = [], area.left
        for wt in widths:
            wd = self.s(-wt) if wt < 0 else int(free * wt / flexible)
            out.append(pygame.Rect(x, area.top, wd, area.height))
            x += wd + self.s(gap)
        return out


def overlaps(rects: dict[str, pygame.Rect]) -> list[tuple[str, str]]:
    """Pairs of named rectangles that overlap (touching edges is fine)."""
    names = list(rects)
    bad = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if rects[a].colliderect(rects[b]):
                bad.append((a, b))
    return bad


def inside(rects: dict[str, pygame.Rect], screen: pygame.Rect) -> list[str]:
    return [name for name, r in rects.items() if not screen.contains(r)]
