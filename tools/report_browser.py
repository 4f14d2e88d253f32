"""Render a save's after-action report in a real browser: ``armistice report SAVE --html`` as a user runs
it, then headless Chromium draws the page to a PNG (``--screenshot``), prints it to PDF (``--print-to-pdf``,
the printable layout) and dumps the DOM it built (``--dump-dom``: the sections and charts the browser saw).

    python tools/report_browser.py game.json --out /tmp/aar [--width 1280] [--height 3000]

writes report.html, report.png and report.pdf into --out and prints what the browser showed. Chromium is
``apt-get install chromium``; tests/test_report.py runs this when it is on PATH.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@dataclass(frozen=True)
class Shot:
    png: Path
    pdf: Path
    text: str  # the page's text as the browser's DOM holds it
    charts: int  # <svg> elements in that DOM
    pages: int  # pages of the printed PDF


def find_browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def render(save: Path, out: Path, width: int = 1280, height: int = 3000) -> Shot:
    browser = find_browser()
    if browser is None:
        raise SystemExit("report_browser: no Chromium on PATH (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    page, png, pdf = out / "report.html", out / "report.png", out / "report.pdf"
    subprocess.run(
        [sys.executable, "-m", "game.cli", "report", str(save), "--html", str(page)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with tempfile.TemporaryDirectory() as profile:

        def chromium(*args: str) -> str:
            done = subprocess.run(
                [browser, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
                check=True,
                capture_output=True,
                text=True,
                timeout=120,
            )
            return done.stdout

        chromium(f"--screenshot={png}", f"--window-size={width},{height}")
        chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        dom = chromium("--dump-dom")
    text = html.unescape(re.sub(r"<style.*?</style>|<svg.*?</svg>|<[^>]+>", " ", dom, flags=re.S))
    return Shot(
        png=png,
        pdf=pdf,
        text=" ".join(text.split()),
        charts=dom.count("<svg"),
        pages=len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("save", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=3000)
    args = parser.parse_args()
    shot = render(args.save, args.out, args.width, args.height)
    print(
        f"{shot.png}: {args.width}x{args.height}; {shot.pdf}: {shot.pages} printed pages; "
        f"{shot.charts} charts; {len(shot.text)} characters of text"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
