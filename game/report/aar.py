"""What an after-action report holds: a game's record as named tables of plain rows (text and numbers),
the same rows the page draws and ``--csv`` / ``--json`` write.

Tables: ``game`` (what was played and how it ended), ``scores``, ``score_terms`` (how each score was made),
``meters`` (every public meter at the start and after each turn, as the game's history records it),
``program`` (North Korea's true stocks beside the declared and verified layers), ``sites`` (each site's true status turn by turn), ``estimates``
(each country's ranges against the truth), ``deals`` (every clause with what really happened and when),
``injects`` (the white cell's MSEL and ad-hoc injects, as planned and as run), ``control`` (every act of the
white cell in words, adjudications with their reasons), ``memos`` (each seat's team memo per turn), ``rfis``
(requests for information and their answers), ``rationales`` (the AI seats' and AI stand-ins' one-line
reasons). A game without a white cell has empty white-cell tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..engine import Match
from ..engine.entries import LogEntry, entry_rationales
from ..model.control import ControlState
from ..model.ids import ACTOR_NAMES, Actor
from ..model.state import GameState
from ..persist import HUMAN
from .timeline import objective_terms, turn_states
from .words import STATE_TEXT, clause_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula
STOCKS = (("warheads", "warheads"), ("pu_kg", "plutonium (kg)"), ("heu_kg", "HEU (kg)"))


@dataclass(frozen=True)
class AfterAction:
    """A report's content: its title and its tables (name -> rows; every row of a table has the same keys)."""

    title: str
    tables: dict[str, list[dict]]

    def value(self, field: str) -> str:
        """One entry of the ``game`` table."""
        return next(str(row["value"]) for row in self.tables["game"] if row["field"] == field)


def collect(match: Match, seats: dict[Actor, str], game_id: str = "") -> AfterAction:
    """The report of ``match`` (whose log is replayed once, from its start, for the turn-by-turn tables);
    ``seats`` are the seat specs as the save records them (``human`` for a person)."""
    states = turn_states(match)
    sc = match.scenario
    dates = ["start"] + [sc.date_label(t) for t in range(1, len(states))]
    tables = {
        "game": _game(match, seats, game_id),
        "scores": [
            {"actor": a.value, "country": ACTOR_NAMES[a], "seat": seats.get(a, ""), "score": round(v, 2)}
            for a, v in sorted(match.scores().items(), key=lambda kv: -kv[1])
        ],
        "score_terms": _terms(match),
        "meters": [
            {"turn": t, "date": dates[t], **meters} for t, meters in enumerate([states[0].meters, *match.state.history])
        ],
        "program": [_program_row(t, dates[t], st) for t, st in enumerate(states)],
        "sites": [
            {
                "turn": t,
                "site": s.id,
                "name": s.name,
                "kind": s.kind,
                "covert": s.covert,
                "status": s.status,
                "declared": s.declared,
                "exposed": s.detected,
            }
            for t, st in enumerate(states)
            for s in st.program.sites
        ],
        "estimates": _estimates(states, dates),
        "deals": _deals(match, states),
        **_white_cell(match.state.control),
        "rationales": _rationales(match, seats),
    }
    return AfterAction(title=f"After-action report: {sc.title}", tables=tables)


def _game(match: Match, seats: dict[Actor, str], game_id: str) -> list[dict]:
    st, sc = match.state, match.scenario
    rows = [
        ("scenario", f"{sc.title} ({sc.id})"),
        ("seed", match.seed),
        ("variant", match.variant or "none"),
        ("game id", game_id),
        ("turns played", match.turns_resolved),
        ("outcome", st.outcome.value.replace("_", " ") if st.outcome else "not over"),
        ("how it ended", st.outcome_reason),
        ("final state hash", match.hash()),
        ("white cell", "none" if st.control is None else "facilitated game"),
    ]
    rows += [(f"seat {a.value}", seats.get(a, "")) for a in sc.actors]
    return [{"field": f, "value": v} for f, v in rows]


def _terms(match: Match) -> list[dict]:
    rows = []
    for actor, terms in objective_terms(match).items():
        total = sum(weight for _, weight, _ in terms) or 1.0
        for label, weight, achieved in terms:
            rows.append(
                {
                    "actor": actor.value,
                    "objective": label,
                    "weight": weight,
                    "achieved": round(achieved, 4),
                    "points": round(100 * weight * achieved / total, 2),
                    "of_points": round(100 * weight / total, 2),
                }
            )
    return rows


def _program_row(turn: int, date: str, st: GameState) -> dict:
    p, d, v = st.program, st.declared, st.verified
    return {
        "turn": turn,
        "date": date,
        "warheads": p.warheads,
        "pu_kg": round(p.pu_kg, 2),
        "heu_kg": round(p.heu_kg, 2),
        "missile_readiness": round(p.missile_readiness, 2),
        "producing_sites": sum(1 for s in p.sites if s.producing),
        "declared_warheads": d.warheads if d.made else None,
        "declared_pu_kg": d.pu_kg if d.made else None,
        "declared_heu_kg": d.heu_kg if d.made else None,
        "inspection_access": round(v.inspection_access, 2),
        "inspections": v.inspections,
        "verified_sites": len(v.sites),
        "warheads_surrendered": v.warheads_surrendered,
    }


def _estimates(states: list[GameState], dates: list[str]) -> list[dict]:
    rows = []
    for t, st in enumerate(states):
        for actor, est in st.estimates.items():
            for stock, _ in STOCKS:
                low, high, confidence = getattr(est, stock)
                truth = getattr(st.program, stock)
                rows.append(
                    {
                        "turn": t,
                        "date": dates[t],
                        "actor": actor.value,
                        "stock": stock,
                        "low": round(low, 2),
                        "high": round(high, 2),
                        "confidence": round(confidence, 3),
                        "truth": round(truth, 2),
                        "truth_inside": low <= truth <= high,
                    }
                )
    return rows


def _deals(match: Match, states: list[GameState]) -> list[dict]:
    """Every clause of every deal, its state at the end (a hidden breach told), and each turn its state changed."""
    changes: dict[tuple[str, int], list[tuple[int, str]]] = {}  # each turn a clause's state changed, and to what
    for t, st in enumerate(states):
        for c in st.commitments:
            seen = changes.setdefault((c.deal_id, c.index), [])
            text = _state(c.state, c.breach_hidden)
            if not seen or seen[-1][1] != text:
                seen.append((t, text))
    deals = {d.id: d for d in match.state.deals}
    return [
        {
            "deal": c.deal_id,
            "parties": "-".join(a.value for a in deals[c.deal_id].parties),
            "agreed_turn": c.accepted_turn,
            "deal_status": deals[c.deal_id].status.replace("_", " "),
            "clause": clause_text(c.clause, match.scenario.action_index),
            "by": c.clause.actor.value,
            "outcome": _state(c.state, c.breach_hidden) + (", never found" if c.breach_hidden else ""),
            "breach_never_found": c.breach_hidden,
            "history": "; ".join(f"T{t}: {text}" for t, text in changes[(c.deal_id, c.index)]),
        }
        for c in match.state.commitments
    ]


def _white_cell(control: ControlState | None) -> dict[str, list[dict]]:
    if control is None:
        return {"injects": [], "control": [], "memos": [], "rfis": []}
    injects = []
    for st in control.injects:
        spec = control.inject(st.id)
        planned = (
            "ad hoc"
            if spec in control.adhoc
            else "held"
            if spec.turn is None
            else f"turn {spec.turn}, {spec.phase.value}"
        )
        audience = spec.audience if spec.audience == "public" else "-".join(a.value for a in spec.audience)
        injects.append(
            {
                "inject": st.id,
                "title": spec.title,
                "planned": planned,
                "status": st.status,
                "fired_turn": st.fired_turn,
                "audience": audience,
                "news": spec.news,
                "event": spec.event or "",
            }
        )
    return {
        "injects": injects,
        "control": [
            {
                "turn": r.turn,
                "phase": r.phase.value,
                "act": r.kind,
                "adjudication": r.adjudication,
                "what": r.text,
                "reason": r.reason,
            }
            for r in control.record
        ],
        "memos": [{"turn": m.turn, "actor": m.actor.value, "memo": m.text} for m in control.memos],
        "rfis": [
            {
                "rfi": r.id,
                "turn": r.turn,
                "actor": r.actor.value,
                "question": r.question,
                "answer": r.answer,
                "answered_turn": r.answered_turn,
            }
            for r in control.rfis
        ],
    }


def _rationales(match: Match, seats: dict[Actor, str]) -> list[dict]:
    """The reasons the AI gave: an AI seat's own, and an AI stand-in's for a seat whose phase closed on it."""
    rows = []
    for entry in match.log:
        own = isinstance(entry, LogEntry)
        if isinstance(entry, LogEntry) and seats.get(entry.actor, HUMAN) == HUMAN:
            continue
        for actor, text in entry_rationales(entry):
            rows.append(
                {
                    "turn": entry.turn,
                    "actor": actor.value,
                    "phase": entry.phase.value,
                    "by": seats.get(actor, "") if own else "AI stand-in",
                    "text": text,
                }
            )
    return rows


def _state(state: str, hidden: bool) -> str:
    """A clause's state in words; a breach nobody has found (a feigned "kept" too) is told as one."""
    return "breached in secret" if hidden else STATE_TEXT.get(state, state)


def csv_text(rows: list[dict]) -> str:
    """A table as CSV: a header of its keys, a missing value as an empty cell, and a text that a spreadsheet
    would run as a formula (a memo or a reason from a save starting with ``=``, ``+``, ``-``, ``@``) quoted
    with a leading ``'``, so opening the file runs nothing."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value
