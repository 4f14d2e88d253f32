"""End and debrief: outcome and scores, the meters over time, each actor's estimate of the arsenal
against the revealed truth, the deals and their compliance (hidden breaches revealed), AI rationales."""

from __future__ import annotations

import functools
import threading

import pygame

from ...engine import Match
from ...model.ids import ACTOR_SHORT, METER_GROUPS, meter_bounds
from ...report.timeline import objective_terms, turn_states
from ..describe import actor_name, clause_text, meter_label
from ..widgets import RichText, Span, draw_text, line_chart
from .. import navigation
from .base import Scene
from .cell import white_cell_lines

TABS = (
    ("outcome", "Outcome", pygame.K_1),
    ("meters", "Meters over time", pygame.K_2),
    ("arsenal", "Arsenal: estimates vs truth", pygame.K_3),
    ("deals", "Deals and compliance", pygame.K_4),
    ("rationales", "AI rationales", pygame.K_5),
)
SERIES_COLORS = [
    (86, 180, 233),
    (230, 159, 0),
    (0, 158, 115),
    (240, 228, 66),
    (204, 121, 167),
    (213, 94, 0),
    (160, 170, 185),
    (120, 200, 255),
    (255, 200, 120),
]


def timeline(match: Match) -> list[dict]:
    """North Korea's warheads and every estimate of them at the start and at the end of each turn."""
    return [
        {"warheads": st.program.warheads, "est": {a: e.warheads for a, e in st.estimates.items()}}
        for st in turn_states(match)
    ]


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.tab = "outcome"
        self.group = 0
        self.god = session.observe(None)
        self.scores = session.with_match(lambda m: m.scores())
        self.rationales = list(session.match.rationales)
        self.terms = session.with_match(objective_terms)
        self.export_note = ("", "text")  # what the last Export report said: (text, colour)
        self.export_job: threading.Thread | None = None  # the export being written
        # --- white cell (issue 13): a facilitated game's adjudications, injects, memos and questions
        self.control = session.control_state()
        self.tabs = TABS + ((("whitecell", "White cell", pygame.K_6),) if self.control is not None else ())
        try:
            self.timeline = session.with_match(timeline)
        except Exception:  # a replay that cannot run (e.g. an imported log) still leaves the final state
            self.timeline = [
                {"warheads": self.god.program.warheads, "est": {a: e.warheads for a, e in self.god.estimates.items()}}
            ]

    def build(self) -> None:
        s = self.s
        w, h = self.app.screen.get_size()
        pad = s(16)
        tabs = pygame.Rect(pad, s(92), w - 2 * pad, s(36))
        for (key, label, k), r in zip(self.tabs, self.layout.row(tabs, [1] * len(self.tabs), gap=4)):
            self.button(
                r,
                f"{label} [{pygame.key.name(k)}]",
                functools.partial(self.set_tab, key),
                object_id="#tab",
                selected=key == self.tab,
            )
            self.shortcut(k, label, functools.partial(self.set_tab, key))
        self.area = pygame.Rect(pad, tabs.bottom + s(10), w - 2 * pad, h - tabs.bottom - s(10) - s(70))
        bw = s(220)
        self.button((w - pad - bw, h - s(58), bw, s(44)), "New game [N]", self.new_game, object_id="#primary")
        self.button((w - 2 * pad - 2 * bw, h - s(58), bw, s(44)), "Title screen [Esc]", self.back)
        self.shortcut(pygame.K_n, "new game", self.new_game)
        self.button(
            (pad, h - s(58), bw, s(44)),
            "Export report [E]",
            self.export_report,
            tooltip=f"Write the after-action report into {self.app.saves.directory}/: one web page with "
            "charts that opens in any browser and prints",
        )
        self.shortcut(pygame.K_e, "export the after-action report", self.export_report)
        if self.tab == "meters":
            name, _ = METER_GROUPS[self.group]
            self.cycler(
                (self.area.x, self.area.y, s(320), s(36)),
                "Group: ",
                list(range(len(METER_GROUPS))),
                self.group,
                self.set_group,
                labels=lambda i: METER_GROUPS[i][0],
            )
        elif self.tab == "deals":
            self.add(RichText(self.ctx, self.area, self._deal_lines(), title="Every deal, with what really happened"))
        elif self.tab == "rationales":
            self.add(RichText(self.ctx, self.area, self._rationale_lines(), title="Why the AI seats did what they did"))
        elif self.tab == "whitecell":
            self.add(RichText(self.ctx, self.area, white_cell_lines(self.control), title="The white cell's record"))
        elif self.tab == "outcome":
            box = pygame.Rect(self.area.x + int(self.area.w * 0.5), self.area.y, int(self.area.w * 0.5), self.area.h)
            self.add(RichText(self.ctx, box, self._summary_lines(), title="The story in numbers"))

    # ------------------------------------------------------------------ export (the after-action report)
    def export_report(self) -> None:
        """Write the after-action report on a worker thread (its charts take seconds), saying so meanwhile;
        the thread's last act is to say where the page is (or why it is not)."""
        if self.export_job is not None and self.export_job.is_alive():
            return
        self.export_note = ("Writing the after-action report...", "text_dim")
        self.export_job = threading.Thread(target=self._write_report, name="export-report", daemon=True)
        self.export_job.start()

    def _write_report(self) -> None:
        from ...persist import new_game_id
        from ...report.aar import collect
        from ...report.export import export_into
        from ..saves import seats_for_save

        info = self.session.info
        game_id = info.game_id if info is not None else new_game_id()
        folder = self.app.saves.directory
        try:  # the game is read under the session's lock (a replay: milliseconds), the charts drawn outside it
            report = self.session.with_match(lambda m: collect(m, seats_for_save(self.session.seats), game_id))
            path = export_into(folder, report, self.session.match.scenario.id, game_id)
        except (OSError, ValueError) as exc:
            self.export_note = (
                f"Could not write the report into {folder}/: {getattr(exc, 'strerror', None) or exc}",
                "bad",
            )
            return
        self.export_note = (
            f"Report written: {path.name} in {folder}/",
            "good",
        )  # the name first: a long folder is elided

    def set_tab(self, key: str) -> None:
        self.tab = key
        self.rebuild()

    def set_group(self, i: int) -> None:
        self.group = i
        self.rebuild()

    def back(self) -> None:
        self.session.close()
        while self.app.top is not None and self.app.top.name != "title":
            self.app.pop()

    def new_game(self) -> None:
        self.back()
        navigation.push(self.app, "setup")

    # ------------------------------------------------------------------ content
    def _deal_lines(self):
        god = self.god
        sc = self.session.match.scenario
        lines = []
        if not god.deals:
            lines.append([Span("No deal was ever agreed.", "text_dim", False, 14)])
        for dl in god.deals:
            a, b = dl.parties
            lines.append(
                [
                    Span(f"{actor_name(a)} - {actor_name(b)}", "accent", True, 15),
                    Span(f"   agreed turn {dl.accepted_turn}, {dl.status.replace('_', ' ')}", "text_dim", False, 13),
                ]
            )
            for c in god.commitments:
                if c.deal_id != dl.id:
                    continue
                state = c.state
                col = {"breached": "bad", "verified": "good"}.get(state, "text")
                extra = "  (breached in secret: never found)" if c.breach_hidden else ""
                lines.append(
                    [
                        Span("  " + clause_text(c.clause, sc.action_index) + ": ", "text", False, 13),
                        Span(state + extra, "bad" if c.breach_hidden else col, True, 13),
                    ]
                )
            lines.append([])
        return lines

    def _rationale_lines(self):
        lines = []
        humans = set(self.session.humans)
        for r in self.rationales:
            if r.actor in humans:
                continue
            lines.append(
                [
                    Span(f"Turn {r.turn}  {ACTOR_SHORT[r.actor]}: ", self.ctx.pal.actor(r.actor), True, 13),
                    Span(r.text, "text", False, 13),
                ]
            )
        return lines or [[Span("No AI rationale recorded.", "text_dim", False, 14)]]

    def _summary_lines(self):
        god = self.god
        tl = self.timeline
        lines = []
        shown = self.session.humans or [max(self.scores, key=self.scores.get)] if self.scores else []
        for a in shown:  # how the people at the table scored (or the winner, in an all-AI game)
            rows = self.terms.get(a, [])
            total = sum(w for _, w, _ in rows) or 1
            lines.append([Span(f"How {actor_name(a)} scored {self.scores.get(a, 0):.1f}", "text", True, 15)])
            for label, weight, achieved in sorted(rows, key=lambda r: -r[1]):
                lines.append(
                    [
                        Span(f"{label}  ", "text", False, 13),
                        Span(
                            f"{achieved * 100:.0f}% achieved",
                            "good" if achieved >= 0.6 else "bad" if achieved < 0.35 else "warn",
                            True,
                            13,
                        ),
                        Span(
                            f"  x weight {weight:g} = {100 * weight * achieved / total:.1f} of "
                            f"{100 * weight / total:.1f} points",
                            "text_dim",
                            False,
                            12,
                        ),
                    ]
                )
            lines.append([])
        lines += [
            [Span("The arsenal", "text", True, 15)],
            [
                Span(
                    f"North Korea ended with {god.program.warheads} warheads (started with {tl[0]['warheads']}).",
                    "text",
                    False,
                    13,
                )
            ],
        ]
        for a, rng in tl[-1]["est"].items():
            inside = rng.low <= god.program.warheads <= rng.high
            lines.append(
                [
                    Span(f"{actor_name(a)} believed {rng.low:.0f}-{rng.high:.0f}: ", "text_dim", False, 13),
                    Span("right" if inside else "wrong", "good" if inside else "bad", True, 13),
                ]
            )
        hidden = [c for c in god.commitments if c.breach_hidden]
        lines += [
            [],
            [Span("Deals", "text", True, 15)],
            [
                Span(
                    f"{len(god.deals)} deal{'' if len(god.deals) == 1 else 's'} agreed; {sum(1 for c in god.commitments if c.state == 'breached')} "
                    f"breaches found; {len(hidden)} breaches never found.",
                    "text",
                    False,
                    13,
                )
            ],
        ]
        covert = [s for s in god.program.sites if s.covert]
        if covert:
            lines += [[], [Span("Secret sites", "text", True, 15)]]
            for site in covert:
                lines.append(
                    [
                        Span(
                            f"{site.name}: {site.status}, " + ("exposed" if site.detected else "never exposed"),
                            "text",
                            False,
                            13,
                        )
                    ]
                )
        return lines

    # ------------------------------------------------------------------ drawing
    def draw(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        surf.fill(pal.bg)
        god = self.god
        w, _ = surf.get_size()
        title = god.outcome.value.replace("_", " ").capitalize() if god.outcome else "Game over"
        draw_text(surf, ctx, f"Debrief: {title}", (s(16), s(14)), size=28, bold=True)
        draw_text(surf, ctx, god.outcome_reason or "", (s(16), s(56)), size=15, color="text_dim", max_width=w - s(32))
        note, colour = self.export_note
        if note:  # between the Export button and the other two
            pad, bw = s(16), s(220)
            draw_text(
                surf,
                ctx,
                note,
                (2 * pad + bw, surf.get_height() - s(36)),
                size=13,
                color=colour,
                anchor="midleft",
                max_width=w - 4 * pad - 3 * bw - pad,
            )
        if self.tab == "outcome":
            self._draw_scores(surf)
        elif self.tab == "meters":
            self._draw_meters(surf)
        elif self.tab == "arsenal":
            self._draw_arsenal(surf)

    def _draw_scores(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        area = pygame.Rect(self.area.x, self.area.y, int(self.area.w * 0.5) - s(12), self.area.h)
        pygame.draw.rect(surf, pal.panel, area, border_radius=s(4))
        draw_text(
            surf,
            ctx,
            "Scores against each country's objectives (0-100)",
            (area.x + s(12), area.y + s(10)),
            size=15,
            bold=True,
        )
        y = area.y + s(46)
        best = max(self.scores.values()) if self.scores else 0
        for a, score in sorted(self.scores.items(), key=lambda kv: -kv[1]):
            seat = self.session.seats.get(a)
            pygame.draw.rect(surf, pal.actor(a), (area.x + s(12), y, s(6), s(40)))
            draw_text(surf, ctx, actor_name(a), (area.x + s(26), y), size=16, bold=True)
            draw_text(surf, ctx, seat.label() if seat else "", (area.x + s(26), y + s(22)), size=12, color="text_dim")
            bar = pygame.Rect(area.x + s(220), y + s(12), area.w - s(320), s(14))
            pygame.draw.rect(surf, pal.bar_bg, bar, border_radius=s(3))
            fill = bar.copy()
            fill.w = int(bar.w * max(0.0, min(1.0, score / 100)))
            pygame.draw.rect(surf, pal.actor(a), fill, border_radius=s(3))
            draw_text(
                surf,
                ctx,
                f"{score:.1f}" + ("  best" if score == best else ""),
                (bar.right + s(10), bar.centery),
                size=14,
                anchor="midleft",
                bold=score == best,
            )
            y += s(58)

    def _draw_meters(self, surf) -> None:
        ctx, s = self.ctx, self.s
        group, names = METER_GROUPS[self.group]
        hist = self.god.history
        start = self.session.start_meters
        rows = [start] + list(hist)
        series = []
        for i, name in enumerate(n for n in names if n in start):
            lo, hi = meter_bounds(name)
            vals = [100 * (r.get(name, 0) - lo) / ((hi - lo) or 1) for r in rows]
            series.append(
                (
                    meter_label(name) + ("" if (lo, hi) == (0, 100) else f" (% of {hi:g})"),
                    SERIES_COLORS[i % len(SERIES_COLORS)],
                    vals,
                )
            )
        rect = pygame.Rect(self.area.x, self.area.y + s(46), self.area.w, self.area.h - s(46))
        labels = ["start"] + [self.session.match.scenario.date_label(t + 1) for t in range(len(hist))]
        line_chart(surf, ctx, rect, series, x_labels=labels, title=f"{group}: each meter at the end of each turn")

    def _draw_arsenal(self, surf) -> None:
        ctx, s, pal = self.ctx, self.s, self.ctx.pal
        tl = self.timeline
        actors = [a for a in tl[-1]["est"]]
        cols = 2
        rows_n = max(1, (len(actors) + 1) // 2)
        cw = (self.area.w - s(12)) // cols
        chh = (self.area.h - s(12) * (rows_n - 1)) // rows_n
        truth = [r["warheads"] for r in tl]
        labels = ["start"] + [self.session.match.scenario.date_label(t + 1) for t in range(len(tl) - 1)]
        top = max([max(truth)] + [max(r["est"][a].high for r in tl if a in r["est"]) for a in actors]) * 1.1
        for i, a in enumerate(actors):
            rect = pygame.Rect(
                self.area.x + (i % cols) * (cw + s(12)), self.area.y + (i // cols) * (chh + s(12)), cw, chh
            )
            est = [r["est"].get(a) for r in tl]
            series = [
                ("Truth (revealed)", pal.truth, truth),
                (f"{ACTOR_SHORT[a]} estimate (middle)", pal.actor(a), [e.mid for e in est]),
            ]
            bands = [(f"{ACTOR_SHORT[a]} range (low-high)", pal.actor(a), [e.low for e in est], [e.high for e in est])]
            line_chart(
                surf,
                ctx,
                rect,
                series,
                y_range=(0, round(top)),
                x_labels=labels,
                title=f"{actor_name(a)}: warheads it believed North Korea had",
                bands=bands,
            )
