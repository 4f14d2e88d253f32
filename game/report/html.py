"""The after-action report as one self-contained, printable HTML page: the outcome and scores, the public
meters over time, the hidden program against its declared and verified layers, each country's estimates
against the truth, every deal with what really happened, the white cell's injects and adjudications with
their reasons, the teams' memos and requests for information, and the AI's rationales. Charts are drawn
with matplotlib and inlined as SVG (``report.page``); every text from the game is escaped."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from ..model.ids import ACTOR_NAMES, METER_GROUPS, Actor, meter_bounds
from .aar import STOCKS, AfterAction
from .page import OKABE_ITO, charts, document, escape, svg, table
from .words import meter_label

SECTIONS = (
    ("outcome", "Outcome and scores"),
    ("meters", "Public meters over time"),
    ("program", "The hidden program: truth, declared, verified"),
    ("estimates", "Estimates against the truth"),
    ("deals", "Deals and what really happened"),
    ("white_cell", "White cell: injects and adjudications"),
    ("notes", "Team memos and requests for information"),
    ("rationales", "AI rationales"),
)
STYLE = """nav a{margin-right:1em}.left td,.left th{text-align:left}.sites td{text-align:center}
.sites td:first-child{text-align:left}.cards{display:flex;flex-wrap:wrap;gap:.5em 2em;align-items:flex-start}
.cards h3{margin-bottom:.3em}@media print{nav{display:none}}"""


def render(report: AfterAction) -> str:
    """The page. Deterministic: the same game gives the same bytes."""
    t = report.tables
    with charts("armistice-aar"):
        parts = [
            f"<h1>{escape(report.title)}</h1>",
            "<nav>" + "".join(f'<a href="#{key}">{escape(title)}</a>' for key, title in SECTIONS) + "</nav>",
            _outcome(report),
            _meters(t["meters"]),
            _program(t["program"], t["sites"]),
            _estimates(t["estimates"]),
            _deals(t["deals"]),
            _white_cell(report),
            _notes(t["memos"], t["rfis"]),
            _rationales(t["rationales"]),
        ]
    return document(report.title, "\n".join(parts), STYLE)


def _section(key: str, note: str = "") -> str:
    title = dict(SECTIONS)[key]
    return f'<h2 id="{key}">{escape(title)}</h2>' + (f'<p class="note">{escape(note)}</p>' if note else "")


def _axes(rows: int, cols: int, width: float, height: float):
    fig, axes = plt.subplots(rows, cols, figsize=(width, height), squeeze=False)
    for ax in axes.flat:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig, axes


def _outcome(report: AfterAction) -> str:
    t = report.tables
    shown = {"final state hash": lambda h: h[:16]}  # as replay --verify prints it (the tables keep it whole)
    game = table(["", ""], [[r["field"], shown.get(r["field"], str)(r["value"])] for r in t["game"]], "kv")
    scores = t["scores"]
    fig, axes = _axes(1, 1, 4.4, 0.4 * len(scores) + 0.9)
    ax = axes[0][0]
    ax.barh(range(len(scores)), [r["score"] for r in scores], color=OKABE_ITO[0])
    ax.set_yticks(range(len(scores)), [r["country"] for r in scores])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("score against its own objectives (0-100)")
    terms = []
    for r in scores:
        rows = [
            [
                x["objective"],
                f"{x['weight']:g}",
                f"{100 * x['achieved']:.0f}%",
                f"{x['points']:.1f}",
                f"{x['of_points']:.1f}",
            ]
            for x in t["score_terms"]
            if x["actor"] == r["actor"]
        ]
        terms.append(
            f"<div><h3>{escape(r['country'])}: {r['score']:.1f} ({escape(r['seat'])})</h3>"
            + table(["objective", "weight", "achieved", "points", "of"], rows)
            + "</div>"
        )
    return (
        _section("outcome")
        + f'<div class="cards"><div>{game}</div><div>{svg(fig)}</div></div>'
        + '<p class="note">How each score was made: each objective, how far it was achieved, its weight, '
        "and the points it earned of those it could.</p>" + f'<div class="cards">{"".join(terms)}</div>'
    )


def _percent(name: str, value: float) -> float:
    low, high = meter_bounds(name)
    return 100 * (value - low) / ((high - low) or 1)


def _meters(rows: list[dict]) -> str:
    groups = [(group, [n for n in names if n in rows[0]]) for group, names in METER_GROUPS]
    groups = [(group, names) for group, names in groups if names]
    fig, axes = _axes((len(groups) + 1) // 2, 2, 11, 3.4 * ((len(groups) + 1) // 2))
    turns = [r["turn"] for r in rows]
    for ax, (group, names) in zip(axes.flat, groups):
        for colour, name in zip(OKABE_ITO * 2, names):
            scaled = meter_bounds(name) != (0, 100)
            ax.plot(
                turns,
                [_percent(name, r[name]) for r in rows],
                color=colour,
                linewidth=1.4,
                linestyle="-" if names.index(name) < len(OKABE_ITO) else "--",
                label=meter_label(name) + (f" (% of {meter_bounds(name)[1]:g})" if scaled else ""),
            )
        ax.set_title(group)
        ax.set_ylim(0, 100)
        ax.set_xlabel("turn (0: the start)")
        ax.legend(fontsize=6.5, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    for ax in list(axes.flat)[len(groups) :]:
        ax.set_visible(False)
    fig.tight_layout()
    names = [n for _, group in groups for n in group]
    values = [[meter_label(n)] + [f"{r[n]:.1f}".removesuffix(".0") for r in rows] for n in names]
    return (
        _section(
            "meters",
            "Every public meter at the start and at the end of each turn; a meter whose scale "
            "is not 0-100 is drawn as a share of its range.",
        )
        + svg(fig)
        + table(["meter"] + [r["date"] for r in rows], values)
    )


def _program(rows: list[dict], sites: list[dict]) -> str:
    panels = [
        ("warheads", "declared_warheads", "warheads"),
        ("pu_kg", "declared_pu_kg", "plutonium (kg)"),
        ("heu_kg", "declared_heu_kg", "HEU (kg)"),
        ("missile_readiness", None, "missile readiness"),
        ("inspection_access", None, "inspection access (verified layer)"),
    ]
    fig, axes = _axes(1, len(panels), 13, 2.6)
    turns = [r["turn"] for r in rows]
    for ax, (truth, declared, title) in zip(axes[0], panels):
        ax.plot(turns, [r[truth] for r in rows], color=OKABE_ITO[3], linewidth=1.8, label="truth")
        if declared and any(r[declared] is not None for r in rows):
            ax.plot(
                turns,
                [r[declared] for r in rows],
                color=OKABE_ITO[0],
                linestyle="--",
                marker="o",
                markersize=3,
                label="declared",
            )
            ax.legend(fontsize=7)
        ax.set_title(title)
        ax.set_xlabel("turn")
        ax.set_ylim(bottom=0)
    fig.tight_layout()
    columns = [
        "warheads",
        "pu_kg",
        "heu_kg",
        "missile_readiness",
        "producing_sites",
        "declared_warheads",
        "inspection_access",
        "inspections",
        "verified_sites",
        "warheads_surrendered",
    ]
    stocks = table(
        ["turn", "date"] + [c.replace("_", " ") for c in columns],
        [[str(r["turn"]), r["date"]] + ["-" if r[c] is None else f"{r[c]:g}" for c in columns] for r in rows],
    )
    return (
        _section(
            "program",
            "North Korea's true stocks and sites, hidden from every other country during the "
            "game, beside what it declared and what inspections verified.",
        )
        + svg(fig)
        + stocks
        + _site_matrix(sites)
    )


def _site_matrix(sites: list[dict]) -> str:
    """Each site's true status turn by turn (covert sites marked; * where its hidden activity was exposed)."""
    turns = sorted({s["turn"] for s in sites})
    by_site: dict[str, dict[int, dict]] = {}
    for s in sites:
        by_site.setdefault(s["site"], {})[s["turn"]] = s
    rows = []
    for seen in by_site.values():
        first = seen[turns[0]]
        cells = [seen[t]["status"] + ("*" if seen[t]["exposed"] else "") if t in seen else "" for t in turns]
        rows.append([first["name"] + (" (covert)" if first["covert"] else ""), first["kind"]] + cells)
    return (
        '<h3>Sites, turn by turn</h3><p class="note">The true status at the start (0) and after each turn; '
        "* once hidden activity there was exposed.</p>"
        + table(["site", "kind"] + [str(t) for t in turns], rows, "sites")
    )


def _estimates(rows: list[dict]) -> str:
    actors = list(dict.fromkeys(r["actor"] for r in rows))
    if not actors:
        return _section("estimates", "No country held an estimate.")
    fig, axes = _axes(len(STOCKS), len(actors), 2.9 * len(actors), 2.3 * len(STOCKS))
    for i, (stock, title) in enumerate(STOCKS):
        for j, actor in enumerate(actors):
            ax = axes[i][j]
            mine = [r for r in rows if r["actor"] == actor and r["stock"] == stock]
            turns = [r["turn"] for r in mine]
            colour = OKABE_ITO[j % len(OKABE_ITO)]
            ax.fill_between(
                turns,
                [r["low"] for r in mine],
                [r["high"] for r in mine],
                color=colour,
                alpha=0.25,
                linewidth=0,
                label="its range",
            )
            ax.plot(turns, [(r["low"] + r["high"]) / 2 for r in mine], color=colour, linewidth=1.2, label="middle")
            ax.plot(turns, [r["truth"] for r in mine], color="#000000", linewidth=1.6, linestyle="--", label="truth")
            ax.set_ylim(bottom=0)
            if i == 0:
                ax.set_title(ACTOR_NAMES[Actor(actor)])
            if j == 0:
                ax.set_ylabel(title)
            if i == len(STOCKS) - 1:
                ax.set_xlabel("turn")
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    last = max(r["turn"] for r in rows)
    final = [
        [
            ACTOR_NAMES[Actor(r["actor"])],
            dict(STOCKS)[r["stock"]],
            f"{r['low']:g}-{r['high']:g}",
            f"{100 * r['confidence']:.0f}%",
            f"{r['truth']:g}",
            "yes" if r["truth_inside"] else "NO",
        ]
        for r in rows
        if r["turn"] == last
    ]
    inside = sum(1 for r in rows if r["truth_inside"])
    return (
        _section(
            "estimates",
            "Each country's private range for North Korea's stocks (band), its middle, and "
            f"the truth (dashed); the truth lay inside the range in {inside} of {len(rows)} "
            "country-turn-stock estimates.",
        )
        + svg(fig)
        + "<h3>At the end</h3>"
        + table(["country", "stock", "believed", "confidence", "truth", "truth inside"], final)
    )


def _deals(rows: list[dict]) -> str:
    if not rows:
        return _section("deals", "No deal was ever agreed.")
    parts = [
        _section(
            "deals",
            "Every clause of every accepted deal: its state at the end, with a breach nobody "
            "found told, and each turn its state changed.",
        )
    ]
    for deal in dict.fromkeys(r["deal"] for r in rows):
        clauses = [r for r in rows if r["deal"] == deal]
        head = clauses[0]
        parts.append(
            f"<h3>{escape(head['parties'])}: agreed turn {head['agreed_turn']}, {escape(head['deal_status'])}"
            f' <span class="note">({escape(deal)})</span></h3>'
        )
        parts.append(
            table(
                ["clause", "what really happened", "when (turn: state)"],
                [[r["clause"], r["outcome"], r["history"]] for r in clauses],
                "left",
            )
        )
    hidden = sum(1 for r in rows if r["breach_never_found"])
    parts.append(f'<p class="note">{len(rows)} clauses; {hidden} breached in secret and never found.</p>')
    return "\n".join(parts)


def _white_cell(report: AfterAction) -> str:
    injects, acts = report.tables["injects"], report.tables["control"]
    if report.value("white cell") == "none":
        return _section("white_cell", "Not a facilitated game: no white cell, so no injects and no adjudications.")
    adjudications = [r for r in acts if r["adjudication"]]
    return (
        _section(
            "white_cell",
            "The MSEL's injects as planned and as run (and those written in play), then "
            "every act of the white cell; an adjudication always gives its reason, and "
            'its changes are in the causal ledger as "White cell: ...".',
        )
        + "<h3>Injects</h3>"
        + (
            table(
                ["inject", "title", "planned", "as run", "fired turn", "to", "news"],
                [
                    [
                        r["inject"],
                        r["title"],
                        r["planned"],
                        r["status"],
                        "-" if r["fired_turn"] is None else str(r["fired_turn"]),
                        r["audience"],
                        r["news"] or r["event"],
                    ]
                    for r in injects
                ],
                "left",
            )
            if injects
            else '<p class="note">No injects.</p>'
        )
        + f"<h3>Adjudications ({len(adjudications)})</h3>"
        + (
            table(
                ["turn", "phase", "ruling", "reason"],
                [[str(r["turn"]), r["phase"], r["what"], r["reason"]] for r in adjudications],
                "left",
            )
            if adjudications
            else '<p class="note">The white cell overruled nothing.</p>'
        )
        + "<h3>Every control act</h3>"
        + table(
            ["turn", "phase", "act", "what", "reason"],
            [[str(r["turn"]), r["phase"], r["act"], r["what"], r["reason"]] for r in acts],
            "left",
        )
    )


def _notes(memos: list[dict], rfis: list[dict]) -> str:
    memo_rows = [[str(r["turn"]), ACTOR_NAMES[Actor(r["actor"])], r["memo"]] for r in memos]
    rfi_rows = [
        [
            r["rfi"],
            str(r["turn"]),
            ACTOR_NAMES[Actor(r["actor"])],
            r["question"],
            r["answer"] or "(not answered)",
            "-" if r["answered_turn"] is None else f"turn {r['answered_turn']}",
        ]
        for r in rfis
    ]
    return (
        _section(
            "notes",
            "What each team wrote of why it chose what it chose, turn by turn, and the questions "
            "it sent the white cell with their answers (private cables).",
        )
        + "<h3>Team memos</h3>"
        + (table(["turn", "team", "memo"], memo_rows, "left") if memos else '<p class="note">No memos.</p>')
        + "<h3>Requests for information</h3>"
        + (
            table(["", "turn", "from", "question", "answer", "answered"], rfi_rows, "left")
            if rfis
            else '<p class="note">No requests.</p>'
        )
    )


def _rationales(rows: list[dict]) -> str:
    if not rows:
        return _section("rationales", "No AI seat recorded a rationale (every seat was played by a person).")
    return _section(
        "rationales",
        "Each AI decision's one-line reason, as it was logged (an AI stand-in's where a "
        "phase closed on a seat that had not acted).",
    ) + table(
        ["turn", "seat", "played by", "phase", "why"],
        [[str(r["turn"]), ACTOR_NAMES[Actor(r["actor"])], r["by"], r["phase"], r["text"]] for r in rows],
        "left",
    )
