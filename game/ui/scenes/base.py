"""Scene: one screen of the stack. Only the top scene owns live widgets: ``build`` makes them when the
scene becomes the top (and after a resize or a settings change), ``teardown`` kills them."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.core.interfaces import IContainerLikeInterface
from pygame_gui.elements import UIButton, UILabel, UITextEntryBox, UITextEntryLine, UITooltip

from .. import navigation
from ..widgets import ButtonFocus, EntryFocus, FocusRing, UIContext, Widget, tooltip_html

W = TypeVar("W", bound=Widget)
T = TypeVar("T")


class Scene:
    name = "scene"
    modal = False  # drawn over the scene below it (the one below is drawn first, without widgets)

    def __init__(self, app):
        self.app = app
        self.focus = FocusRing()
        self.widgets: list[Widget] = []
        self.root: UIContainer | None = None
        self._built_with = None
        self.shortcuts: dict[tuple[int, int], tuple[str, Callable[[], object]]] = {}  # what they return is ignored
        self._hover_pos = (0, 0)
        self._hover_since = time.monotonic()
        self.hover_rest = 0.0  # seconds of frames the pointer has rested where it is
        self._keyboard_since = 0.0
        self._keyed: Widget | None = None  # the widget the last key moved in: its keyboard tooltip shows
        self._tip = None  # the UITooltip showing, and the (text, position) it shows
        self._tip_shown: tuple = (None, None)

    # ---------------------------------------------------------------- conveniences
    @property
    def ctx(self) -> UIContext:
        return self.app.ctx

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def layout(self):
        return self.app.layout

    def s(self, v: float) -> int:
        return self.app.ctx.s(v)

    # ---------------------------------------------------------------- life cycle
    def enter(self) -> None:
        self.rebuild()

    def resume(self) -> None:
        self.rebuild()

    def pause(self) -> None:
        self.teardown()

    def exit(self) -> None:
        self.teardown()

    def cover(self) -> None:
        """A modal scene opens above: hide the widgets, keep drawing the rest underneath."""
        self.show_tooltip(None, None)
        if self.root is not None:
            self.root.hide()

    def uncover(self) -> None:
        if self.root is None or self._built_with is not self.app.manager:
            self.rebuild()
        else:
            self.root.show()

    def rebuild(self) -> None:
        keep = self.focus.index
        self.teardown()
        self.root = UIContainer(self.app.screen.get_rect(), self.manager)
        self._built_with = self.app.manager
        self.build()
        if keep is not None and keep < len(self.focus.items):
            self.focus.index = keep

    def build(self) -> None:
        pass

    def teardown(self) -> None:
        self.show_tooltip(None, None)
        if self.root is not None:
            self.root.kill()
            self.root = None
        self.focus.clear()
        self.widgets = []
        self.shortcuts = {}

    # ---------------------------------------------------------------- widget helpers
    def button(
        self,
        rect,
        text: str,
        callback: Callable[[], None],
        *,
        tooltip: str | None = None,
        object_id: str | None = None,
        enabled: bool = True,
        focus: bool = True,
        selected: bool = False,
    ) -> UIButton:
        cb = lambda: self.app.defer(callback)  # noqa: E731 - run after event processing, never inside it
        b = UIButton(
            pygame.Rect(rect),
            text,
            self.manager,
            container=self.root,
            tool_tip_text=tooltip,
            object_id=object_id,
            command=cb,
        )
        if not enabled:
            b.disable()
        if selected:
            b.select()
        if focus:
            self.focus.add(ButtonFocus(b, cb))
        return b

    def cycler(
        self,
        rect,
        prefix: str,
        options: list[T],
        current: T,
        on_change: Callable[[T], None],
        *,
        labels: Callable[[T], str] = str,
        tooltip: str | None = None,
        enabled: bool = True,
    ) -> UIButton:
        """A button that cycles through ``options``: click or Enter for the next, Left/Right to step,
        right-click for the previous."""

        def step(d: int) -> None:
            if not options:
                return
            i = options.index(current) if current in options else 0
            on_change(options[(i + d) % len(options)])

        text = f"{prefix}{labels(current)}" if prefix else labels(current)

        def clicked(data: dict) -> None:
            d = -1 if data.get("mouse_button") == pygame.BUTTON_RIGHT else 1
            self.app.defer(lambda: step(d))

        b = UIButton(
            pygame.Rect(rect),
            text + "  \u203a",
            self.manager,
            container=self.root,
            tool_tip_text=tooltip,
            command=clicked,
            generate_click_events_from=(pygame.BUTTON_LEFT, pygame.BUTTON_RIGHT),
        )
        if not enabled:
            b.disable()
        self.focus.add(ButtonFocus(b, lambda: self.app.defer(lambda: step(1)), step))
        return b

    def label(self, rect, text: str, object_id: str | None = None) -> UILabel:
        return UILabel(pygame.Rect(rect), text, self.manager, container=self.root, object_id=object_id)

    def entry(self, rect, text: str = "", *, allowed: str | None = None, limit: int | None = None) -> UITextEntryLine:
        e = UITextEntryLine(pygame.Rect(rect), self.manager, container=self.root, initial_text=text)
        if allowed == "numbers":
            e.set_allowed_characters("numbers")
        if limit:
            e.set_text_length_limit(limit)
        self.focus.add(EntryFocus(e))
        return e

    def text_box(self, rect, text: str = "") -> UITextEntryBox:
        """A multi-line text entry (wrapped; Enter or Esc leaves it, as a line's does). No placeholder
        text: in pygame_gui 0.6 a click on an empty box's placeholder leaves a selection past the end of
        the text, and the next key typed raises."""
        e = UITextEntryBox(pygame.Rect(rect), text, self.manager, container=self.root)
        self.focus.add(EntryFocus(e))
        return e

    def add(self, widget: W, focus: bool = True) -> W:
        self.widgets.append(widget)
        if focus and widget.focusable:
            self.focus.add(widget)
        return widget

    def shortcut(self, key: int, description: str, callback: Callable[[], object], mod: int = 0) -> None:
        self.shortcuts[(key, mod)] = (description, callback)

    # ---------------------------------------------------------------- events
    def typing(self) -> bool:
        """True while a text entry has the keyboard (shortcuts are off)."""
        return any(isinstance(w, EntryFocus) and w.entry.is_focused for w in self.focus.items)

    def process(self, event: pygame.event.Event, consumed: bool) -> None:
        if event.type == pygame.MOUSEMOTION:
            self._hover_pos = event.pos
            self._hover_since = time.monotonic()
            self.hover_rest = 0.0
        if event.type == pygame.KEYDOWN:
            if self.handle_key(event):
                return
        current = self.focus.current
        for w in self.widgets:
            if consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                break
            if w.handle(event, w is current):
                if event.type == pygame.MOUSEBUTTONDOWN and w.focusable:
                    self.focus.focus_widget(w)
                break
        if event.type == pygame.MOUSEBUTTONDOWN and consumed:
            for w in self.focus.items:  # clicking a button moves the focus to it
                if isinstance(w, (ButtonFocus, EntryFocus)) and w.rect.collidepoint(event.pos):
                    self.focus.focus_widget(w)
                    break

    def handle_key(self, event) -> bool:
        self._keyboard_since = time.monotonic()
        self._keyed = None  # any other key (a tab, a shortcut, Tab) puts the keyboard tooltip away
        key, mods = event.key, event.mod
        if key == pygame.K_TAB:
            self.focus.move(-1 if mods & pygame.KMOD_SHIFT else 1)
            return True
        ctrl = pygame.KMOD_CTRL if mods & pygame.KMOD_CTRL else 0
        if ctrl and (key, ctrl) in self.shortcuts:  # Ctrl shortcuts win over the focused control
            self.app.defer(self.shortcuts[(key, ctrl)][1])
            return True
        if self.typing():
            if key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                for w in self.focus.items:
                    if isinstance(w, EntryFocus):
                        w.entry.unfocus()
                return True
            return False  # the entry line gets the keys
        current = self.focus.current
        if current is not None and not isinstance(current, (ButtonFocus, EntryFocus)):
            if current.handle(event, True):
                self._keyed = current
                return True
        plain = not mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
        if plain and key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and isinstance(current, ButtonFocus):
            current.activate()
            return True
        if key in (pygame.K_LEFT, pygame.K_RIGHT) and isinstance(current, ButtonFocus) and current.step:
            step = current.step
            self.app.defer(lambda: step(-1 if key == pygame.K_LEFT else 1))
            return True
        entry = self.shortcuts.get((key, ctrl))
        if entry is not None:
            self.app.defer(entry[1])
            return True
        if key == pygame.K_ESCAPE:
            self.app.defer(self.back)
            return True
        if key == pygame.K_F1:
            self.app.defer(self.show_help)
            return True
        return False

    def back(self) -> None:
        pass

    def show_help(self) -> None:
        navigation.push(self.app, "help", self.help_lines())

    def help_lines(self) -> list[tuple[str, str]]:
        keys = [
            ("Tab / Shift+Tab", "move between controls"),
            ("Enter / Space", "press the focused control"),
            ("Up / Down", "move in lists, scroll text"),
            ("Esc", "back / menu"),
            ("F1", "this help"),
        ]
        names = {pygame.K_RETURN: "Enter", pygame.K_KP_ENTER: "Enter", pygame.K_DELETE: "Del", pygame.K_ESCAPE: "Esc"}
        seen = set()
        for (key, mod), (desc, _) in self.shortcuts.items():
            name = ("Ctrl+" if mod else "") + names.get(key, pygame.key.name(key).upper())
            if (name, desc) not in seen:  # Enter and keypad Enter are one line
                seen.add((name, desc))
                keys.append((name, desc))
        return keys

    # ---------------------------------------------------------------- frame
    def caption(self) -> str:
        """The window title while this scene is on top (public information only)."""
        return f"Armistice - {self.name}"

    def update(self, dt: float) -> None:
        pass

    def every_frame(self, dt: float) -> None:
        """Called every frame for each scene in the stack, covered or not (``update`` is the top's)."""

    def draw(self, surf: pygame.Surface) -> None:
        surf.fill(self.ctx.pal.bg)

    def draw_widgets(self, surf: pygame.Surface) -> None:
        current = self.focus.current
        for w in self.widgets:
            w.draw(surf, self.ctx, focused=w is current)

    def draw_overlay(self, surf: pygame.Surface) -> None:
        self.focus.draw(surf, self.ctx)
        self.show_tooltip(*(self.wanted_tooltip() or (None, None)))

    def wanted_tooltip(self) -> tuple[str, tuple[int, int]] | None:
        """The explanation to show now, and where: of the row or marker chosen with the keys, else of
        what the pointer has rested on (a pygame_gui control shows its own)."""
        current = self.focus.current
        keyed = getattr(current, "keyboard_tooltip", None)
        if keyed is not None and self._keyed is current and self._keyboard_since >= self._hover_since:
            found = keyed()
            if found:
                return found
        if self.hover_rest > 0.35 and not self.over_gui_element(self._hover_pos):
            tip = self.tooltip_at(self._hover_pos)
            if tip:
                return tip, self._hover_pos
        return None

    def show_tooltip(self, text: str | None, pos) -> None:
        """Show ``text`` at ``pos`` in a pygame_gui UITooltip, the buttons' own (None: hide it)."""
        if (text, pos) == self._tip_shown:
            return
        if self._tip is not None:
            self._tip.kill()
            self._tip = None
        self._tip_shown = (text, pos)
        if text is not None and self.root is not None:
            html = tooltip_html(text, self.app.tooltip_px)
            self._tip = UITooltip(html, (0, self.s(16)), self.manager, parent_element=self.root)
            self._tip.find_valid_position(pygame.math.Vector2(pos))

    def over_gui_element(self, pos) -> bool:
        """A pygame_gui control (which shows its own tooltip) is under ``pos``. Containers do not count:
        the manager's own "hovering any element" is true over our full-screen container, everywhere."""
        return any(
            el.visible and not isinstance(el, IContainerLikeInterface) and el.rect.collidepoint(pos)
            for el in self.manager.get_sprite_group().sprites()
        )

    def tooltip_at(self, pos) -> str | None:
        for w in reversed(self.widgets):
            if w.rect.collidepoint(pos):
                tip = w.tooltip_at(pos)
                if tip:
                    return tip
        return None
