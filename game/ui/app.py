"""The application: window, settings, the scene stack and the main loop.

``App.step(events, dt)`` runs one frame, so tests and the screenshot script can drive the game with
synthetic events under the dummy video driver.
"""

from __future__ import annotations

import os
import sys
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame
import pygame_gui

from .layout import Layout
from .settings import Settings, load_settings_checked, save_settings
from .theme import FONT_PATHS, TOOLTIP_FONT_SIZE, Fonts, gui_theme, load_palette
from .widgets import UIContext

if TYPE_CHECKING:  # imported on first use (below): they import the engine and persist
    from .catalog import Catalog
    from .saves import Saves

warnings.filterwarnings("ignore", message=".*[Pp]reload.*")


class App:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        size: tuple[int, int] | None = None,
        persist_settings: bool = True,
        threaded: bool = True,
        saves_dir: Path | None = None,
    ):
        pygame.display.init()  # no audio: the game is silent, and a machine without sound must not complain
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        # what was wrong with the settings file, if anything: the title screen says it (the game starts
        # with the defaults for what could not be read)
        self.settings, self.settings_problem = (settings, None) if settings else load_settings_checked()
        if size is not None:
            self.settings.width, self.settings.height = size
        self.persist_settings = persist_settings
        self.threaded = threaded
        self.saves_dir = saves_dir
        self._catalog: Catalog | None = None  # the scenario catalog and the saves door import the engine and persist:
        self._saves: Saves | None = None  # made on first use, after the first frame is up
        self._lazy_lock = threading.Lock()
        pygame.display.set_caption("Armistice")
        self.screen = self._open_window()
        self.scenes: list = []
        self._deferred: list[Callable[[], None]] = []
        self.clock = pygame.time.Clock()
        self.running = True
        self.frames = 0
        self._caption = ""
        self.build_ui()

    @property
    def catalog(self) -> Catalog:
        with self._lazy_lock:
            if self._catalog is None:
                from .catalog import Catalog

                self._catalog = Catalog(background=self.threaded, start=False)
            return self._catalog

    @property
    def saves(self) -> Saves:
        catalog = self.catalog
        with self._lazy_lock:
            if self._saves is None:
                from .saves import Saves

                self._saves = Saves(self.saves_dir, catalog)
            return self._saves

    def warm_up(self) -> None:
        """After the first frame: read the scenarios (in the background when threaded)."""
        if self.threaded:
            threading.Thread(target=lambda: self.catalog.start(), name="armistice-warm-up", daemon=True).start()
        else:
            self.catalog.start()

    # ------------------------------------------------------------------ window and theme
    def _open_window(self) -> pygame.Surface:
        s = self.settings
        flags = pygame.RESIZABLE
        if s.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode((s.width, s.height), flags)

    def build_ui(self) -> None:
        w, h = self.screen.get_size()
        self.layout = Layout(w, h, self.settings.ui_scale)
        text_scale = self.layout.scale * self.settings.text_factor
        self.fonts = Fonts(text_scale)
        self.pal = load_palette(self.settings.palette)
        self.ctx = UIContext(self.fonts, self.pal, self.layout.scale)
        self.manager = pygame_gui.UIManager(
            (w, h), gui_theme(self.settings.palette, text_scale), enable_live_theme_updates=False
        )
        self.manager.add_font_paths("armistice", str(FONT_PATHS[(False, False)]), str(FONT_PATHS[(True, False)]))
        self.manager.add_font_paths("armistice_cjk", str(FONT_PATHS[(False, True)]), str(FONT_PATHS[(True, True)]))
        self.tooltip_px = max(8, round(TOOLTIP_FONT_SIZE * text_scale))  # as the theme sets tooltips' text
        self.manager.preload_fonts([{"name": "armistice_cjk", "point_size": self.tooltip_px, "style": "regular"}])

    def apply_settings(self, new: Settings) -> None:
        """Apply changed settings now (window, scale, text, palette) and remember them."""
        old = self.settings
        self.settings = new.clean()
        if (old.width, old.height, old.fullscreen) != (new.width, new.height, new.fullscreen):
            self.screen = self._open_window()
        self.build_ui()
        if self.persist_settings:
            try:
                save_settings(self.settings)
            except OSError:
                pass
        if self.scenes:
            self.scenes[-1].rebuild()

    def resized(self, size: tuple[int, int]) -> None:
        if not self.settings.fullscreen:
            self.settings.width, self.settings.height = size
        self.screen = pygame.display.get_surface() or self._open_window()
        self.build_ui()
        if self.scenes:
            self.scenes[-1].rebuild()

    # ------------------------------------------------------------------ scene stack
    @property
    def top(self):
        return self.scenes[-1] if self.scenes else None

    def push(self, scene) -> None:
        if self.scenes:
            if scene.modal:
                self.scenes[-1].cover()
            else:
                self.scenes[-1].pause()
        self.scenes.append(scene)
        scene.enter()

    def pop(self, scene=None) -> None:
        if not self.scenes or (scene is not None and self.scenes[-1] is not scene):
            return
        gone = self.scenes.pop()
        gone.exit()
        if self.scenes:
            if gone.modal:
                self.scenes[-1].uncover()
            else:
                self.scenes[-1].resume()

    def replace(self, scene) -> None:
        if self.scenes:
            self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()

    def reset(self, scene) -> None:
        """Clear the stack (closing any game) and show ``scene``."""
        while self.scenes:
            self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()

    def defer(self, fn: Callable[[], None]) -> None:
        self._deferred.append(fn)

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ frame
    def step(self, events: list[pygame.event.Event], dt: float) -> None:
        for event in events:
            if event.type == pygame.QUIT:
                self.quit()
                continue
            if event.type == pygame.VIDEORESIZE:
                self.resized(event.size)
                continue
            consumed = self.manager.process_events(event)
            top = self.top
            if top is not None:
                top.process(event, consumed)
            self._run_deferred()
        for scene in self.scenes:  # e.g. the play screen's phase clock runs under every screen above it
            scene.every_frame(dt)
        top = self.top
        if top is not None:
            top.hover_rest += dt
            top.update(dt)
        self._run_deferred()
        self.manager.update(dt)
        self.draw()
        self.frames += 1
        top = self.top
        if top is not None:
            caption = top.caption()
            if caption != self._caption:
                self._caption = caption
                pygame.display.set_caption(caption)
        if self.frames == 2:
            self.warm_up()

    def _run_deferred(self) -> None:
        while self._deferred:
            fn = self._deferred.pop(0)
            fn()

    def draw(self) -> None:
        top = self.top
        if top is None:
            self.screen.fill(self.pal.bg)
            return
        if top.modal and len(self.scenes) > 1:
            below = self.scenes[-2]
            below.draw(self.screen)
            below.draw_widgets(self.screen)
            shade = pygame.Surface(self.screen.get_size(), pygame.SRCALPHA)
            shade.fill((*self.pal.bg, 200))
            self.screen.blit(shade, (0, 0))
        top.draw(self.screen)
        top.draw_widgets(self.screen)
        self.manager.draw_ui(self.screen)
        top.draw_overlay(self.screen)

    def run(self) -> int:
        import time

        last_input = time.monotonic()
        while self.running:
            # 60 frames a second while someone is using it; 20 when nobody has touched it for a while
            idle = time.monotonic() - last_input > 3.0
            dt = self.clock.tick(20 if idle else 60) / 1000.0
            events = pygame.event.get()
            if events:
                last_input = time.monotonic()
            self.step(events, dt)
            pygame.display.flip()
        for scene in reversed(self.scenes):
            scene.exit()
        pygame.quit()
        return 0

    def save_screenshot(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path


HEADLESS_DRIVERS = ("offscreen", "dummy")


def no_display() -> str | None:
    """Why there is no window to play in, or None. Without a display SDL falls back to a driver that
    draws nowhere; the game would then run unseen until killed. Asking for such a driver on purpose
    (SDL_VIDEODRIVER, as the tests and --screenshots do) is fine."""
    pygame.display.init()
    driver = pygame.display.get_driver()
    if driver in HEADLESS_DRIVERS and os.environ.get("SDL_VIDEODRIVER", "").lower() != driver:
        return (
            f"armistice: no display to open a window on (SDL found only its '{driver}' driver; is "
            "DISPLAY or WAYLAND_DISPLAY set?). Play from a desktop session, or use the command line: "
            "python3 main.py --help"
        )
    return None


def main(argv: list[str] | None = None) -> int:
    from .scenes.title import TitleScene

    problem = no_display()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    app = App()
    app.push(TitleScene(app))
    return app.run()


if __name__ == "__main__":
    sys.exit(main())
