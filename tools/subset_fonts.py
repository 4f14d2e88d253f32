#!/usr/bin/env python3
"""Build ``assets/fonts/``: Noto Sans (Latin) plus a tiny Noto Sans CJK subset.

A fresh machine has no system fonts, so the game ships its own. Everything
imported here is a *bake-time* dependency; the game only loads the files.

Inputs
    * Noto Sans Regular/Bold (Latin, Greek, Cyrillic): copied unchanged from
      pygame_gui's package data (``pygame_gui/data/NotoSans-*.ttf``, already a
      game dependency); falls back to Debian ``fonts-noto-core``
      (``/usr/share/fonts/truetype/noto/``).
    * Noto Sans CJK (Debian ``fonts-noto-cjk``:
      ``/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc``),
      face "Noto Sans CJK SC" (index 2). Every face of the collection has the
      same Hangul, kana and both simplified and traditional hanzi; SC gives the
      mainland forms for the PRC strings, which are the only ones whose glyph
      shapes vary by region here.

Output
    assets/fonts/NotoSans-Regular.ttf, NotoSans-Bold.ttf      (copies)
    assets/fonts/NotoSansCJK-Subset-Regular.otf, -Bold.otf    (subsets)
    assets/fonts/OFL-NotoSans.txt, OFL-NotoSansCJK.txt        (licences)

Only the characters listed in ``STRINGS`` below, the non-ASCII characters of
``ACTOR_NATIVE_NAMES`` in ``game/model/ids.py`` (read at run time with ``ast``,
never imported), printable ASCII and a little punctuation are kept. To support a
new native-script string, add it to ``STRINGS`` (or to ACTOR_NATIVE_NAMES) and
re-run.

Bake-time dependencies
    pip install fonttools
    apt-get install fonts-noto-cjk        # (fonts-noto-core only if pygame_gui is absent)

Re-run (from the repo root)
    python tools/subset_fonts.py
    python tools/subset_fonts.py --check-png /tmp/fonts_check.png   # render a proof
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "assets" / "fonts"
IDS_PY = REPO / "game" / "model" / "ids.py"

# Native-script strings the UI needs. Keep this list: it makes the subset
# reproducible even if ids.py changes.
STRINGS = [
    # Korean
    "미국",
    "조선",
    "한국",
    "대한민국",
    "조선민주주의인민공화국",
    "일본",
    "중국",
    "북한",
    "남한",
    # Japanese
    "日本",
    "日本国",
    # Chinese (simplified / traditional)
    "中国",
    "中华人民共和国",
    "中華人民共和國",
    "中華",
    "朝鲜",
    "韩国",
    "美国",
    "美國",
    # capital labels in assets/map/northeast_asia.json ("native"; Vladivostok is
    # Cyrillic, which Noto Sans covers)
    "서울",
    "평양",
    "東京",
    "北京",
]

# Kept in the CJK subset too, so mixed strings ("대한민국 (ROK)") render from one font.
EXTRA = (
    "".join(chr(c) for c in range(0x20, 0x7F))  # printable ASCII
    + "\u00a0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026"  # nbsp · – — ‘ ’ “ ” …
    + "\u3000\u3001\u3002\u300c\u300d\u30fb\uff08\uff09\uff0c\uff1a"  # 　、。「」・（），：
)

CJK_SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
CJK_FACE_NAME = "Noto Sans CJK SC"
# Upstream noto-cjk LICENSE first line (the font's name ID 0 is the short form).
CJK_COPYRIGHT = "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
DEBIAN_NOTO = Path("/usr/share/fonts/truetype/noto")


def is_cjk_or_hangul(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1100 <= cp <= 0x11FF
        or 0x3130 <= cp <= 0x318F
        or 0xAC00 <= cp <= 0xD7AF  # Hangul
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
    )


def native_names_from_ids() -> list[str]:
    """String values of ACTOR_NATIVE_NAMES in game/model/ids.py (parsed, not imported)."""
    if not IDS_PY.exists():
        print(f"note: {IDS_PY} not found; using STRINGS only", file=sys.stderr)
        return []
    tree = ast.parse(IDS_PY.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
        if isinstance(target, ast.Name) and target.id == "ACTOR_NATIVE_NAMES":
            value = node.value
            if isinstance(value, ast.Dict):
                return [v.value for v in value.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    print("note: ACTOR_NATIVE_NAMES not found in ids.py", file=sys.stderr)
    return []


def wanted_text() -> tuple[str, list[str]]:
    ids_strings = native_names_from_ids()
    chars = {ch for s in STRINGS + ids_strings for ch in s if is_cjk_or_hangul(ch)}
    new_from_ids = sorted(
        {ch for s in ids_strings for ch in s if is_cjk_or_hangul(ch)} - {ch for s in STRINGS for ch in s}
    )
    if new_from_ids:
        print("characters from ids.py not in STRINGS:", "".join(new_from_ids))
    return "".join(sorted(chars)) + EXTRA, ids_strings


def find_face(ttc: Path, name: str) -> int:
    from fontTools.ttLib import TTCollection

    coll = TTCollection(str(ttc), lazy=True)
    for i, font in enumerate(coll.fonts):
        if font["name"].getDebugName(4) in (name, f"{name} Bold"):
            return i
    raise SystemExit(f"face {name!r} not found in {ttc}")


def subset_cjk(src: Path, dst: Path, text: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    idx = find_face(src, CJK_FACE_NAME)
    font = TTFont(str(src), fontNumber=idx, lazy=False, recalcTimestamp=False)
    opts = subset.Options()
    opts.layout_features = ["*"]  # keep locl/vert/kern etc. for the few glyphs kept
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = True
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    cmap = font.getBestCmap()
    missing = [ch for ch in text if ord(ch) not in cmap]
    if missing:
        raise SystemExit(f"{src.name}[{idx}] lacks: {''.join(missing)!r}")
    font.save(str(dst))


def latin_source(style: str) -> Path:
    try:
        import pygame_gui

        p = Path(pygame_gui.__file__).parent / "data" / f"NotoSans-{style}.ttf"
        if p.exists():
            return p
    except ImportError:
        pass
    p = DEBIAN_NOTO / f"NotoSans-{style}.ttf"
    if p.exists():
        return p
    raise SystemExit(f"NotoSans-{style}.ttf not found (install pygame_gui or fonts-noto-core)")


def ofl_body() -> str:
    """The OFL 1.1 text as shipped with pygame_gui's Noto Sans (from the title on)."""
    import pygame_gui

    lic = Path(pygame_gui.__file__).parent / "data" / "licenses" / "NotoSans-LICENSE.txt"
    text = lic.read_text(encoding="utf-8")
    return text[text.index("-----------------------------------------------------------\nSIL OPEN FONT") :]


def write_licences(cjk_copyright: str) -> None:
    import pygame_gui

    lic = Path(pygame_gui.__file__).parent / "data" / "licenses" / "NotoSans-LICENSE.txt"
    shutil.copyfile(lic, OUT_DIR / "OFL-NotoSans.txt")
    header = (
        f"{cjk_copyright}\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n"
        "NotoSansCJK-Subset-*.otf are Modified Versions (glyph subsets) of\n"
        "Noto Sans CJK SC 2.004 from Debian's fonts-noto-cjk, made with\n"
        'tools/subset_fonts.py. Their family name stays "Noto Sans CJK SC" and\n'
        "does not use the Reserved Font Name.\n\n\n"
    )
    (OUT_DIR / "OFL-NotoSansCJK.txt").write_text(header + ofl_body(), encoding="utf-8")


def render_check(path: str, ids_strings: list[str]) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame
    import pygame.freetype

    pygame.display.init()
    pygame.freetype.init()
    lines = [
        ("NotoSansCJK-Subset-Regular.otf", " ".join(STRINGS[:9])),
        ("NotoSansCJK-Subset-Regular.otf", " ".join(STRINGS[9:])),
        ("NotoSansCJK-Subset-Regular.otf", " / ".join(ids_strings)),
        ("NotoSansCJK-Subset-Bold.otf", "대한민국 / 조선민주주의인민공화국 / 日本国 / 中华人民共和国 / 中華"),
        ("NotoSansCJK-Subset-Regular.otf", "Mixed: 대한민국 (ROK) — 日本国 (Japan), 1953…"),
        ("NotoSans-Regular.ttf", "Noto Sans Regular: Armistice — Korean Peninsula, 38° N, Tension 42%"),
        ("NotoSans-Bold.ttf", "Noto Sans Bold: United States, DPRK, ROK, Japan, PRC"),
    ]
    surf = pygame.Surface((1500, 60 * len(lines) + 20))
    surf.fill((250, 250, 245))
    for i, (fname, text) in enumerate(lines):
        font = pygame.freetype.Font(str(OUT_DIR / fname), 30)
        font.render_to(surf, (20, 20 + 60 * i), text, (20, 20, 20))
    pygame.image.save(surf, path)
    print(f"proof: {path}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check-png", help="render the strings with the new files to this PNG")
    args = ap.parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    for style in ("Regular", "Bold"):
        shutil.copyfile(latin_source(style), OUT_DIR / f"NotoSans-{style}.ttf")

    text, ids_strings = wanted_text()
    for style, src in CJK_SOURCES.items():
        if not src.exists():
            raise SystemExit(f"{src} missing: apt-get install fonts-noto-cjk")
        subset_cjk(src, OUT_DIR / f"NotoSansCJK-Subset-{style}.otf", text)

    from fontTools.ttLib import TTFont

    cjk = TTFont(str(OUT_DIR / "NotoSansCJK-Subset-Regular.otf"))
    print("CJK font copyright (name ID 0):", cjk["name"].getDebugName(0))
    write_licences(CJK_COPYRIGHT)

    for f in sorted(OUT_DIR.iterdir()):
        print(f"{f.relative_to(REPO)}  {f.stat().st_size / 1024:.1f} KiB")
    print(
        f"CJK subset: {sum(1 for ch in text if is_cjk_or_hangul(ch))} Hangul/CJK characters: "
        + "".join(ch for ch in text if is_cjk_or_hangul(ch))
    )
    if args.check_png:
        render_check(args.check_png, ids_strings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
