"""Small custom-drawn widgets (rich text, list boxes, meter bars, charts) and the keyboard focus ring.

pygame_gui supplies buttons, text entry and every tooltip (``tooltip_html`` turns an explanation into
its markup; ``Scene.show_tooltip`` shows it). These cover what it draws slowly or not at all: rich
text that mixes Latin and CJK scripts line by line and scrolls by keyboard as one focus stop (a
UITextBox re-lays out its whole HTML on every change, and has no keyboard scrolling), colour bars with
shape cues, long scrolling lists with one focus stop.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import pygame
import pygame_gui

from .theme import Color, Fonts, Palette, has_cjk


class UIContext:
    """What every scene and widget needs to draw: fonts, palette and the layout scale."""

    def __init__(self, fonts: Fonts, pal: Palette, scale: float):
        self.fonts, self.pal, self.scale = fonts, pal, scale

    def s(self, value: float) -> int:
        return int(round(value * self.scale))

    def color(self, c: str | Color) -> Color:
        return self.pal.colors[c] if isinstance(c, str) else c


# ----------------------------------------------------------------------------- text
@dataclass
class Span:
    text: str
    color: str | Color = "text"
    bold: bool = False
    size: float = 14


Line = list  # list[Span]; an empty list is a blank line


def wrap_spans(ctx: UIContext, spans: Sequence[Span], width: int) -> list[list[tuple[str, Span]]]:
    """Word-wrap a paragraph of spans into rows of (text, span) pieces that fit ``width``."""
    rows: list[list[tuple[str, Span]]] = [[]]
    x = 0
    for span in spans:
        words = span.text.replace("\n", " \n ").split(" ")
        for i, word in enumerate(words):
            if word == "\n":
                rows.append([])
                x = 0
                continue
            piece = word if i == 0 else " " + word
            if not piece:
                continue
            w = ctx.fonts.size(piece, span.size, span.bold)[0]
            if x + w > width and x > 0:
                rows.append([])
                x = 0
                piece = word
                w = ctx.fonts.size(piece, span.size, span.bold)[0]
                while w > width and len(piece) > 1:  # a word longer than the line: cut it
                    cut = len(piece) * width // max(w, 1)
                    cut = max(1, cut - 1)
                    rows[-1].append((piece[:cut], span))
                    rows.append([])
                    piece = piece[cut:]
                    w = ctx.fonts.size(piece, span.size, span.bold)[0]
            rows[-1].append((piece, span))
            x += w
    return rows


def draw_text(
    surf: pygame.Surface,
    ctx: UIContext,
    text: str,
    pos: tuple[float, float],
    *,
    size: float = 14,
    color: str | Color = "text",
    bold: bool = False,
    anchor: str = "topleft",
    max_width: int | None = None,
    shrink: float = 0.8,
) -> pygame.Rect:
    """Draw one line of text. Text wider than ``max_width`` is first set smaller (down to ``shrink``
    of its size: at a large UI scale or text size a long name still fits), and only then elided."""
    fonts = ctx.fonts
    if max_width is not None and fonts.size(text, size, bold)[0] > max_width:
        smallest = size * shrink
        while size > smallest and fonts.size(text, size, bold)[0] > max_width:
            size = max(smallest, size - 0.5)
    if max_width is not None and fonts.size(text, size, bold)[0] > max_width:
        while text and fonts.size(text + "…", size, bold)[0] > max_width:
            text = text[:-1]
        text += "…"
    img = fonts.render(text, size, ctx.color(color), bold)
    r = img.get_rect(**{anchor: pos})
    surf.blit(img, r)
    return r


def text_block(ctx: UIContext, lines: Sequence[Line], width: int, *, gap: float = 4) -> pygame.Surface:
    """Render paragraphs of spans into one transparent surface ``width`` wide."""
    rendered: list[tuple[list[tuple[str, Span]], int]] = []
    total = 0
    for line in lines:
        if not line:
            h = ctx.fonts.line_height(14) // 2
            rendered.append(([], h))
            total += h
            continue
        for row in wrap_spans(ctx, line, width):
            h = max((ctx.fonts.line_height(sp.size, sp.bold) for _, sp in row), default=ctx.fonts.line_height(14))
            rendered.append((row, h))
            total += h
        total += ctx.s(gap)
        rendered.append(([], ctx.s(gap)))
    surf = pygame.Surface((max(1, width), max(1, total)), pygame.SRCALPHA)
    y = 0
    for row, h in rendered:
        x = 0
        for text, span in row:
            img = ctx.fonts.render(text, span.size, ctx.color(span.color), span.bold)
            surf.blit(img, (x, y + (h - img.get_height())))
            x += img.get_width()
        y += h
    return surf


# ----------------------------------------------------------------------------- widgets
class Widget:
    focusable = True
    rect: pygame.Rect

    def handle(self, event: pygame.event.Event, focused: bool) -> bool:
        return False

    def draw(self, surf: pygame.Surface, ctx: UIContext, focused: bool = False) -> None:
        pass

    def tooltip_at(self, pos: tuple[int, int]) -> str | None:
        return None

    def activate(self) -> None:
        pass


class RichText(Widget):
    """A scrolling panel of wrapped rich text. Focused: Up/Down/PageUp/PageDown/Home/End scroll."""

    def __init__(
        self,
        ctx: UIContext,
        rect: pygame.Rect,
        lines: Sequence[Line] = (),
        *,
        title: str = "",
        background: str | None = "panel",
        border: bool = True,
        focusable: bool = True,
        stick_bottom: bool = False,
    ):
        self.ctx, self.rect, self.title = ctx, pygame.Rect(rect), title
        self.background, self.border, self.focusable = background, border, focusable
        self.stick_bottom = stick_bottom
        self.scroll = 0
        self._surface: pygame.Surface | None = None
        self.set_lines(lines)

    @property
    def inner(self) -> pygame.Rect:
        s = self.ctx.s
        top = s(26) if self.title else s(6)
        return pygame.Rect(self.rect.x + s(8), self.rect.y + top, self.rect.w - s(20), self.rect.h - top - s(6))

    def set_lines(self, lines: Sequence[Line], keep_scroll: bool = False) -> None:
        self.lines = list(lines)
        self._surface = text_block(self.ctx, self.lines, self.inner.w)
        if self.stick_bottom:
            self.scroll = self.max_scroll
        elif not keep_scroll:
            self.scroll = 0
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def plain_text(self) -> str:
        return "\n".join("".join(sp.text for sp in line) for line in self.lines)

    @property
    def max_scroll(self) -> int:
        return max(0, (self._surface.get_height() if self._surface else 0) - self.inner.h)

    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + dy))

    def handle(self, event, focused):
        step = self.ctx.s(40)
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_by(-event.y * step)
            return True
        if focused and event.type == pygame.KEYDOWN:
            keys = {
                pygame.K_UP: -step,
                pygame.K_DOWN: step,
                pygame.K_PAGEUP: -self.inner.h,
                pygame.K_PAGEDOWN: self.inner.h,
                pygame.K_HOME: -(10**9),
                pygame.K_END: 10**9,
            }
            if event.key in keys:
                self.scroll_by(keys[event.key])
                return True
        return False

    def draw(self, surf, ctx, focused: bool = False):
        if self.background:
            pygame.draw.rect(surf, ctx.color(self.background), self.rect, border_radius=ctx.s(4))
        if self.border:
            pygame.draw.rect(surf, ctx.pal.panel_border, self.rect, 1, border_radius=ctx.s(4))
        if self.title:
            draw_text(
                surf,
                ctx,
                self.title,
                (self.rect.x + ctx.s(8), self.rect.y + ctx.s(4)),
                size=13,
                color="text_dim",
                bold=True,
            )
        inner = self.inner
        if self._surface is not None:
            surf.blit(self._surface, inner.topleft, pygame.Rect(0, self.scroll, inner.w, inner.h))
        if self._surface is not None and self.max_scroll > 0:  # a thin scroll indicator
            track = pygame.Rect(self.rect.right - ctx.s(8), inner.y, ctx.s(4), inner.h)
            pygame.draw.rect(surf, ctx.pal.bar_bg, track, border_radius=2)
            total = self._surface.get_height()
            th = max(ctx.s(16), int(inner.h * inner.h / total))
            ty = inner.y + int((inner.h - th) * self.scroll / self.max_scroll)
            pygame.draw.rect(surf, ctx.pal.text_faint, (track.x, ty, track.w, th), border_radius=2)


@dataclass
class Item:
    label: str
    right: str = ""
    sub: str = ""
    enabled: bool = True
    checked: bool | None = None  # None: no check box
    accent: Color | None = None
    tooltip: str = ""
    key: Any = None  # what the list's owner knows the row by: an id, an index, a tuple (its type is the owner's)


class ListBox(Widget):
    """A scrolling list with one focus stop: Up/Down move, Space/Enter activate, mouse clicks too
    (``double_click``: a click selects, a second click on the same row within half a second activates,
    for lists whose activation leaves the screen, such as loading a save)."""

    DOUBLE_CLICK = 0.5

    def __init__(
        self,
        ctx: UIContext,
        rect: pygame.Rect,
        items: Sequence[Item],
        *,
        on_activate: Callable[[Item], None] | None = None,
        on_select: Callable[[Item], None] | None = None,
        row_height: float = 26,
        title: str = "",
        empty_text: str = "Nothing here.",
        double_click: bool = False,
    ):
        self.ctx, self.rect = ctx, pygame.Rect(rect)
        self.on_activate, self.on_select = on_activate, on_select
        self.double_click = double_click
        self._last_click: tuple[int, float] | None = None
        self.row_h = ctx.s(row_height)
        self.title, self.empty_text = title, empty_text
        self.scroll = 0
        self.selected = 0
        self.hover: int | None = None
        self.items: list[Item] = []
        self.set_items(items)

    def set_items(self, items: Sequence[Item], keep: bool = True) -> None:
        old_key = self.items[self.selected].key if keep and self.items and self.selected < len(self.items) else None
        self.items = list(items)
        self.selected = 0
        if old_key is not None:
            for i, it in enumerate(self.items):
                if it.key == old_key:
                    self.selected = i
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    @property
    def body(self) -> pygame.Rect:
        top = self.ctx.s(24) if self.title else 0
        return pygame.Rect(self.rect.x, self.rect.y + top, self.rect.w, self.rect.h - top)

    @property
    def max_scroll(self) -> int:
        return max(0, len(self.items) * self.row_h - self.body.h)

    def index_at(self, pos) -> int | None:
        if not self.body.collidepoint(pos):
            return None
        i = (pos[1] - self.body.y + self.scroll) // self.row_h
        return i if 0 <= i < len(self.items) else None

    def ensure_visible(self, i: int) -> None:
        top = i * self.row_h
        if top < self.scroll:
            self.scroll = top
        elif top + self.row_h > self.scroll + self.body.h:
            self.scroll = top + self.row_h - self.body.h
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def select(self, i: int, reveal: bool = True) -> None:
        """Select row ``i``; ``reveal`` scrolls it into view (not for a click: the row is under the
        pointer, and scrolling would put another row under the next click)."""
        if not self.items:
            return
        self.selected = max(0, min(len(self.items) - 1, i))
        if reveal:
            self.ensure_visible(self.selected)
        if self.on_select:
            self.on_select(self.items[self.selected])

    def activate(self) -> None:
        if self.items and self.items[self.selected].enabled and self.on_activate:
            self.on_activate(self.items[self.selected])

    def handle(self, event, focused):
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.index_at(event.pos)
        elif event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll = max(0, min(self.max_scroll, self.scroll - event.y * self.row_h))
            self.hover = self.index_at(pygame.mouse.get_pos())  # the row now under the pointer
            return True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            i = self.index_at(event.pos)
            if i is not None:
                now = time.monotonic()
                again = (
                    self._last_click is not None
                    and self._last_click[0] == i
                    and now - self._last_click[1] <= self.DOUBLE_CLICK
                )
                self._last_click = (i, now)
                self.select(i, reveal=False)
                if not self.double_click or again:
                    self._last_click = None
                    self.activate()
                return True
        elif focused and event.type == pygame.KEYDOWN:
            page = max(1, self.body.h // self.row_h)
            moves = {
                pygame.K_UP: -1,
                pygame.K_DOWN: 1,
                pygame.K_PAGEUP: -page,
                pygame.K_PAGEDOWN: page,
                pygame.K_HOME: -(10**6),
                pygame.K_END: 10**6,
            }
            if event.key in moves:
                self.select(self.selected + moves[event.key])
                return True
            if event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.activate()
                return True
        return False

    def tooltip_at(self, pos):
        i = self.index_at(pos)
        return self.items[i].tooltip or None if i is not None else None

    def draw(self, surf, ctx, focused: bool = False):
        s = ctx.s
        pygame.draw.rect(surf, ctx.pal.panel, self.rect, border_radius=s(4))
        if self.title:
            draw_text(
                surf, ctx, self.title, (self.rect.x + s(8), self.rect.y + s(4)), size=13, color="text_dim", bold=True
            )
        body = self.body
        if not self.items:
            draw_text(
                surf,
                ctx,
                self.empty_text,
                (body.x + s(10), body.y + s(8)),
                size=13,
                color="text_faint",
                max_width=body.w - s(20),
            )
            return
        clip = surf.get_clip()
        surf.set_clip(body.clip(clip) if clip else body)
        first = self.scroll // self.row_h
        last = min(len(self.items), first + body.h // self.row_h + 2)
        for i in range(first, last):
            it = self.items[i]
            r = pygame.Rect(body.x, body.y + i * self.row_h - self.scroll, body.w - s(8), self.row_h)
            if i == self.selected:
                pygame.draw.rect(surf, ctx.pal.panel_alt, r)
                if focused:
                    pygame.draw.rect(surf, ctx.pal.focus, r, 1)
            elif i == self.hover:
                pygame.draw.rect(surf, (22, 36, 52), r)
            x = r.x + s(6)
            fg = "text" if it.enabled else "text_faint"
            if it.accent is not None:
                pygame.draw.rect(surf, it.accent, (r.x, r.y + s(3), s(3), r.h - s(6)))
            if it.checked is not None:
                box = pygame.Rect(x, r.centery - s(7), s(14), s(14))
                pygame.draw.rect(surf, ctx.color(fg), box, 1, border_radius=2)
                if it.checked:  # a tick drawn as lines (the font has no check mark)
                    pts = [
                        (box.x + s(3), box.centery),
                        (box.x + s(6), box.bottom - s(4)),
                        (box.right - s(3), box.y + s(3)),
                    ]
                    pygame.draw.lines(surf, ctx.pal.accent, False, pts, max(2, s(2)))
                x = box.right + s(8)
            right_w = 0
            if it.right:
                rr = draw_text(surf, ctx, it.right, (r.right - s(6), r.centery), size=13, color=fg, anchor="midright")
                right_w = rr.w + s(10)
            if it.sub:
                draw_text(surf, ctx, it.label, (x, r.y + s(2)), size=14, color=fg, max_width=r.right - x - right_w)
                draw_text(
                    surf,
                    ctx,
                    it.sub,
                    (x, r.y + s(20)),
                    size=12,
                    color="text_dim" if it.enabled else "text_faint",
                    max_width=r.right - x - right_w,
                )
            else:
                draw_text(
                    surf,
                    ctx,
                    it.label,
                    (x, r.centery),
                    size=14,
                    color=fg,
                    anchor="midleft",
                    max_width=r.right - x - right_w,
                )
        surf.set_clip(clip)
        if self.max_scroll > 0:
            track = pygame.Rect(body.right - s(5), body.y, s(4), body.h)
            pygame.draw.rect(surf, ctx.pal.bar_bg, track, border_radius=2)
            total = len(self.items) * self.row_h
            th = max(s(16), body.h * body.h // total)
            ty = body.y + (body.h - th) * self.scroll // self.max_scroll
            pygame.draw.rect(surf, ctx.pal.text_faint, (track.x, ty, track.w, th), border_radius=2)


class ButtonFocus(Widget):
    """A pygame_gui button as a focus stop: Enter or Space presses it."""

    def __init__(
        self,
        button: pygame_gui.elements.UIButton,
        callback: Callable[[], None],
        step: Callable[[int], None] | None = None,
    ):
        self.button, self.callback, self.step = button, callback, step  # step: Left/Right on a cycler

    @property
    def rect(self) -> pygame.Rect:  # type: ignore[override]  # the button's own, read-only: no stop's rect is assigned
        return self.button.rect

    @property
    def usable(self) -> bool:
        return self.button.alive() and self.button.visible and self.button.is_enabled

    def activate(self) -> None:
        if self.usable:
            self.callback()


class EntryFocus(Widget):
    """A text entry line as a focus stop: focusing it gives it the keyboard."""

    def __init__(self, entry: pygame_gui.elements.UITextEntryLine | pygame_gui.elements.UITextEntryBox):
        self.entry = entry

    @property
    def rect(self) -> pygame.Rect:  # type: ignore[override]  # the entry's own, read-only: no stop's rect is assigned
        return self.entry.rect

    @property
    def usable(self) -> bool:
        return self.entry.alive() and self.entry.visible

    def activate(self) -> None:
        self.entry.focus()


class FocusRing:
    """Tab / Shift+Tab move through the scene's controls in order; the focused one gets the keys."""

    def __init__(self):
        self.items: list[Widget] = []
        self.index: int | None = None

    def clear(self) -> None:
        self.items, self.index = [], None

    def add(self, widget: Widget) -> Widget:
        self.items.append(widget)
        return widget

    def usable(self, w: Widget) -> bool:
        return getattr(w, "usable", True) and w.focusable

    @property
    def current(self) -> Widget | None:
        if self.index is None or self.index >= len(self.items):
            return None
        w = self.items[self.index]
        return w if self.usable(w) else None

    def move(self, step: int) -> None:
        n = len(self.items)
        if not n:
            return
        i = self.index if self.index is not None else (-1 if step > 0 else 0)
        for _ in range(n):
            i = (i + step) % n
            if self.usable(self.items[i]):
                self.set(i)
                return

    def set(self, i: int | None) -> None:
        old = self.current
        if isinstance(old, EntryFocus) and old.usable:
            old.entry.unfocus()
        self.index = i
        w = self.current
        if isinstance(w, EntryFocus):
            w.entry.focus()

    def focus_widget(self, widget: Widget) -> None:
        for i, w in enumerate(self.items):
            if w is widget or getattr(w, "button", None) is widget:
                self.set(i)
                return

    def draw(self, surf: pygame.Surface, ctx: UIContext) -> None:
        w = self.current
        if w is None or isinstance(w, ListBox):  # list boxes outline their selected row
            return
        pygame.draw.rect(
            surf, ctx.pal.focus, w.rect.inflate(ctx.s(4), ctx.s(4)), max(2, ctx.s(2)), border_radius=ctx.s(5)
        )


# ----------------------------------------------------------------------------- drawing helpers
def trend_triangle(surf: pygame.Surface, color: Color, center: tuple[int, int], size: int, up: bool) -> None:
    """A filled triangle pointing up or down: the shape doubles the colour cue."""
    x, y = center
    if up:
        pts = [(x, y - size), (x - size, y + size * 0.7), (x + size, y + size * 0.7)]
    else:
        pts = [(x, y + size), (x - size, y - size * 0.7), (x + size, y - size * 0.7)]
    pygame.draw.polygon(surf, color, pts)


def label_width(button: pygame_gui.elements.UIButton, text: str) -> int:
    """``text``'s width in ``button``'s own font. pygame_gui types a button's font Optional; a built
    button always has one."""
    font = button.font
    if font is None:
        raise ValueError("a button without a font has no label width")
    return font.size(text)[0]


def tooltip_html(text: str, px: int) -> str:
    """Plain text as the markup pygame_gui's UITooltip reads: escaped, lines kept, and set in the CJK
    subset font (which has Latin letters too, at ``px`` pixels) when it holds Hangul or Han characters."""
    body = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<font face='armistice_cjk' pixel_size={px}>{body}</font>" if has_cjk(text) else body


def line_chart(
    surf: pygame.Surface,
    ctx: UIContext,
    rect: pygame.Rect,
    series: list[tuple[str, Color, list[float]]],
    *,
    y_range: tuple[float, float] = (0, 100),
    x_labels: Sequence[str] = (),
    title: str = "",
    dashes: Sequence[bool] = (),
    bands: Sequence[tuple[str, Color, list[float], list[float]]] = (),
) -> None:
    """Lines over turns, with shaded low-high bands under them and a legend naming each line and band
    (labels double the colours)."""
    s = ctx.s
    pygame.draw.rect(surf, ctx.pal.panel, rect, border_radius=s(4))
    pygame.draw.rect(surf, ctx.pal.panel_border, rect, 1, border_radius=s(4))
    if title:
        draw_text(surf, ctx, title, (rect.x + s(8), rect.y + s(4)), size=13, bold=True, color="text_dim")
    n_legend = len(series) + len(bands)
    plot = pygame.Rect(
        rect.x + s(34), rect.y + s(26), rect.w - s(44), rect.h - s(26) - s(22) - s(18) * ((n_legend + 2) // 3)
    )
    lo, hi = y_range
    span = (hi - lo) or 1
    for frac in (0, 0.5, 1):
        y = plot.bottom - int(plot.h * frac)
        pygame.draw.line(surf, ctx.pal.bar_bg, (plot.x, y), (plot.right, y))
        draw_text(
            surf, ctx, f"{lo + span * frac:g}", (plot.x - s(4), y), size=11, color="text_faint", anchor="midright"
        )
    n = max((len(v) for _, _, v in series), default=0)
    for i, label in enumerate(x_labels):
        if n > 1 and (i % max(1, n // 6) == 0 or i == n - 1):
            x = plot.x + plot.w * i // (n - 1)
            anchor = "topright" if i == n - 1 else ("topleft" if i == 0 else "midtop")
            draw_text(surf, ctx, label, (x, plot.bottom + s(3)), size=11, color="text_faint", anchor=anchor)

    def pt(i: int, count: int, v: float) -> tuple[int, int]:
        return (plot.x + plot.w * i // max(1, count - 1), plot.bottom - int(plot.h * (min(hi, max(lo, v)) - lo) / span))

    for _, color, lows, highs in bands:
        if len(lows) >= 2:
            poly = [pt(i, len(lows), v) for i, v in enumerate(highs)] + [
                pt(i, len(lows), v) for i, v in reversed(list(enumerate(lows)))
            ]
            layer = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
            pygame.draw.polygon(layer, (*color, 70), poly)
            surf.blit(layer, (0, 0))
    for idx, (label, color, values) in enumerate(series):
        if len(values) >= 2:
            pts = [
                (
                    plot.x + plot.w * i // (len(values) - 1),
                    plot.bottom - int(plot.h * (min(hi, max(lo, v)) - lo) / span),
                )
                for i, v in enumerate(values)
            ]
            if idx < len(dashes) and dashes[idx]:
                for a, b in zip(pts[::2], pts[1::2]):
                    pygame.draw.line(surf, color, a, b, max(2, s(2)))
            else:
                pygame.draw.lines(surf, color, False, pts, max(2, s(2)))
            for p in pts:
                pygame.draw.circle(surf, color, p, s(2))
        elif values:
            pygame.draw.circle(surf, color, (plot.x, plot.bottom - int(plot.h * (values[0] - lo) / span)), s(3))
    legend = [(label, color, False) for label, color, _ in series] + [
        (label, color, True) for label, color, _, _ in bands
    ]
    lx, ly = rect.x + s(8), rect.bottom - s(18) * ((len(legend) + 2) // 3) - s(2)
    col_w = (rect.w - s(16)) // 3
    for idx, (label, color, band) in enumerate(legend):
        x = lx + (idx % 3) * col_w
        y = ly + (idx // 3) * s(18)
        if band:
            pygame.draw.rect(surf, color, (x, y + s(3), s(14), s(10)))
        else:
            pygame.draw.line(surf, color, (x, y + s(8)), (x + s(14), y + s(8)), max(2, s(3)))
        draw_text(surf, ctx, label, (x + s(18), y), size=12, color="text_dim", max_width=col_w - s(22))
