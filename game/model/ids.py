"""Identifiers shared by every layer: actors, phases, meter names and their bounds."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, NamedTuple
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from ..boundary import shown, text_problem


# Names that may become part of a file name (a scenario id, a game id, variant names in save and autosave
# names) or of a log, and every other id of a scenario with them: lowercase letters, digits, '_' and '-',
# not starting with '-' or '_', at most 64, so no name can hold a path separator, '..', a space or an escape,
# and no two names differ only in case (they would be one file on macOS and Windows).
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN)]
_NAME = re.compile(NAME_PATTERN)


def check_name(value: object, what: str) -> str:
    """``value`` if it is a Name; else ValueError naming ``what`` and showing the value escaped and short."""
    if not isinstance(value, str) or not _NAME.match(value):
        raise ValueError(f"{what} {shown(value)} is not a plain name ({NAME_PATTERN})")
    return value


def _plain_text(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# Text from outside that reaches a terminal, a log or the screen: no control characters or escapes.
# (Scenario text gets this from the YAML loader, which checks every string it reads.)
Text = Annotated[str, AfterValidator(_plain_text)]


class Actor(str, Enum):
    US = "US"
    DPRK = "DPRK"
    ROK = "ROK"
    JPN = "JPN"
    PRC = "PRC"


ALL_ACTORS: tuple[Actor, ...] = tuple(Actor)

ACTOR_NAMES: dict[Actor, str] = {
    Actor.US: "United States",
    Actor.DPRK: "North Korea",
    Actor.ROK: "South Korea",
    Actor.JPN: "Japan",
    Actor.PRC: "China",
}

# Short names where space is tight (meter labels, list rows).
ACTOR_SHORT: dict[Actor, str] = {
    Actor.US: "US",
    Actor.DPRK: "DPRK",
    Actor.ROK: "ROK",
    Actor.JPN: "Japan",
    Actor.PRC: "China",
}

# Names in each country's own script, for the UI (Hangul, kanji, hanzi).
ACTOR_NATIVE_NAMES: dict[Actor, str] = {
    Actor.US: "United States",
    Actor.DPRK: "조선민주주의인민공화국",
    Actor.ROK: "대한민국",
    Actor.JPN: "日本国",
    Actor.PRC: "中华人民共和国",
}


class Phase(str, Enum):
    """Where a turn stands. Briefing happens on entering DIPLOMACY; resolution, events and
    assessment happen together when the last order is in."""

    PROPOSE = "propose"
    RESPOND = "respond"
    COUNTER_RESPOND = "counter_respond"
    ORDERS = "orders"
    ENDED = "ended"


class Outcome(str, Enum):
    TURN_LIMIT = "turn_limit"
    WAR = "war"
    DENUCLEARIZATION = "verified_denuclearization"
    DE_FACTO_NUCLEAR = "de_facto_nuclear_state"
    ALLIANCE_RUPTURE = "alliance_rupture"
    # issue 11 (wt11b): what the turn limit finds, classified by the scenario's ``outcomes`` rules
    MUDDLING_THROUGH = "muddling_through"
    VERIFIED_FREEZE = "verified_freeze"
    VERIFIED_ROLLBACK = "verified_rollback"
    CRISIS = "crisis"


TENSION_RUNGS: tuple[tuple[str, float], ...] = (
    ("calm", 0.0),
    ("strained", 30.0),
    ("crisis", 60.0),
    ("war", 95.0),
)

PEACE_STAGES: tuple[str, ...] = ("none", "end_of_war_declaration", "peace_talks", "treaty")

COHESION_PAIRS: tuple[str, ...] = ("US-ROK", "US-JPN", "ROK-JPN", "PRC-DPRK")


def tension_rung(value: float) -> str:
    name = TENSION_RUNGS[0][0]
    for rung, floor in TENSION_RUNGS:
        if value >= floor:
            name = rung
    return name


@lru_cache(maxsize=64)
def pair_key(a: Actor | str, b: Actor | str) -> str:
    """Canonical key for an unordered pair of actors, in ALL_ACTORS order."""
    a, b = Actor(a), Actor(b)
    order = ALL_ACTORS.index
    return f"{a.value}-{b.value}" if order(a) < order(b) else f"{b.value}-{a.value}"


# An actor's code ("US") and ``pair_key`` of every ordered pair, looked up: ``Actor.value`` is a Python-level
# property (enum's) and ``pair_key`` converts both actors, on paths that run every turn (the rules' roll keys,
# a deal's or an exposure's trust changes).
ACTOR_CODES: dict[Actor, str] = {a: a.value for a in ALL_ACTORS}
PAIR_KEYS: dict[tuple[Actor, Actor], str] = {(a, b): pair_key(a, b) for a in ALL_ACTORS for b in ALL_ACTORS}
# How the news names an action taken: its source is "ACTOR:action" (events, detections, breaches... name
# themselves otherwise). Observations index the actions their news shows taken (``Observation.news_taken``).
ACTION_SOURCE_PREFIXES: tuple[str, ...] = tuple(f"{code}:" for code in ACTOR_CODES.values())


class MeterSpec(NamedTuple):
    """Everything said about one public meter, in one place: the rules' bounds, the player's words."""

    label: str
    group: str  # "Security", "Sanctions", "Relations", "Domestic support"
    low: float
    high: float
    help: str = ""


def _meters() -> dict[str, MeterSpec]:
    S, N, R, D = "Security", "Sanctions", "Relations", "Domestic support"
    table: dict[str, tuple[Any, ...]] = {
        "tension": (
            "Tension",
            S,
            0,
            100,
            "Military and political tension on the peninsula. Rungs: calm <30, strained <60, crisis <95, war.",
        ),
        "peace_stage": (
            "Peace regime stage",
            S,
            0,
            3,
            "0 none, 1 end-of-war declaration, 2 peace talks, 3 peace treaty.",
        ),
        "sanctions_regime": (
            "UN sanctions regime",
            N,
            0,
            100,
            "How much of the UN sanctions regime (UNSCR 2321-2397) stands; exemptions lower it.",
        ),
        "sanctions_pressure": (
            "Sanctions pressure",
            N,
            0,
            100,
            "Derived: regime x enforcement (China weighs most: ~96% of DPRK trade) minus evasion.",
        ),
        "evasion_sts": (
            "Ship-to-ship evasion",
            N,
            0,
            100,
            "Ship-to-ship transfers of refined petroleum and coal that bypass the caps.",
        ),
        "evasion_cyber": ("Cyber theft", N, 0, 100, "Cyber theft funding the regime (UN Panel: up to $2bn by 2019)."),
        "dprk_economy": (
            "DPRK economy",
            N,
            0,
            100,
            "North Korea's economic health; sanctions pressure erodes it each turn.",
        ),
        "inter_korean": (
            "Inter-Korean exchange",
            R,
            0,
            100,
            "Projects and contact between the Koreas: liaison office, rail, Kaesong, Mt Kumgang.",
        ),
        "human_rights": (
            "Human-rights attention",
            R,
            0,
            100,
            "International attention to DPRK human rights (UN COI 2014, UPR).",
        ),
        "npt_norm": (
            "Nonproliferation norm",
            R,
            0,
            100,
            "Credibility of the nonproliferation norm; rewarding an arsenal erodes it.",
        ),
        "us_troops": (
            "US troops in Korea (k)",
            S,
            0,
            40,
            "US Forces Korea, thousands of troops (about 28.5k in 2019).",
        ),
        "exercises": (
            "Joint exercise level",
            S,
            0,
            100,
            "Scale of combined US-ROK exercises (100 = full Key Resolve/Foal Eagle).",
        ),
        "thaad": ("THAAD deployed", S, 0, 1, "1 when THAAD is deployed in South Korea."),
        **{
            f"cohesion.{p}": ("Cohesion " + "-".join(ACTOR_SHORT[Actor(a)] for a in p.split("-")), R, 0, 100)
            for p in COHESION_PAIRS
        },
        **{
            f"enforcement.{a.value}": (f"Enforcement {ACTOR_SHORT[a]}", N, 0, 100)
            for a in ALL_ACTORS
            if a is not Actor.DPRK
        },
        **{f"support.{a.value}": (f"Domestic support {ACTOR_SHORT[a]}", D, 0, 100) for a in ALL_ACTORS},
        # --- wt11c: alliances, institutions and China (claims C6-C10; rules/alliances.py) ---
        "wedge_pressure": (
            "Wedge pressure in Seoul",
            D,
            0,
            100,
            "C6: pressure in South Korea's politics against joint exercises, THAAD and US forces; "
            "it grows each turn a peace regime stands and wears down public support for the alliance.",
        ),
        "alliance_support": (
            "ROK support for the alliance",
            D,
            0,
            100,
            "C6: share of South Koreans who back the US alliance (Asan: over 90% every year since "
            "2012); US-ROK cohesion moves with it.",
        ),
        "readiness": (
            "Combined readiness",
            S,
            0,
            100,
            "C6: US-ROK combined readiness; it settles toward the scale of joint exercises, so it falls "
            "when exercises are cut.",
        ),
        "unc": (
            "UN Command",
            S,
            0,
            100,
            "C8: the UN Command's standing in the DMZ (17 member states; it rules crossings). With the NNSC "
            "and the CFC it keeps incidents from escalating.",
        ),
        "nnsc": (
            "Neutral Nations Supervisory Commission",
            S,
            0,
            100,
            "C8: the NNSC's presence (five Swiss officers and the Swedes remain; the DPRK ousted its side's members).",
        ),
        "cfc": (
            "Combined Forces Command",
            S,
            0,
            100,
            "C8: the integrity of the US-ROK Combined Forces Command (wartime command since 1978).",
        ),
        "dprk_conventional": (
            "DPRK forward posture",
            S,
            0,
            100,
            "C8: North Korea's conventional forces along the DMZ; it shrinks only by its own "
            "pull-back, never on its own, and makes incidents likelier to escalate.",
        ),
        "blame_dprk": (
            "Blame on Pyongyang",
            R,
            0,
            100,
            "C10: how far the world blames the failure of diplomacy on North Korea (100) rather than on "
            "'both the US and the DPRK' (0); China's lapses in enforcement cost it only when Pyongyang is blamed.",
        ),
        "prc_standing": (
            "China's standing",
            R,
            0,
            100,
            "C10: China's standing as a responsible power; lapses in its enforcement cost it in "
            "proportion to the blame on Pyongyang.",
        ),
        "prc_influence": (
            "China's regional influence",
            R,
            0,
            100,
            "C10: room for Beijing's order in the region; it grows as US alliance cohesion falls.",
        ),
        # --- end wt11c ---
        # --- w3b (C13) ---
        "verified_steps": (
            "Verified steps",
            S,
            0,
            100,
            "Derived: the share of the known program inspectors have verified frozen or dismantled, each "
            "site by its essential value. Benefits given before verified steps cost the nonproliferation norm.",
        ),
    }
    # Floats: a meter clamped to a bound takes the bound's value, and an int there would turn into a float
    # when a save is loaded, changing the state hash from that turn on.
    return {
        name: MeterSpec(label, group, float(low), float(high), *rest)
        for name, (label, group, low, high, *rest) in table.items()
    }


# Public meters (per-actor meters are "name.ACTOR"): the one table, and the views of it the code reads.
METERS: dict[str, MeterSpec] = _meters()
METER_BOUNDS: dict[str, tuple[float, float]] = {name: (m.low, m.high) for name, m in METERS.items()}
METER_LABELS: dict[str, str] = {name: m.label for name, m in METERS.items()}
METER_HELP: dict[str, str] = {name: m.help for name, m in METERS.items() if m.help}
# Shown by group; within Relations the alliances and China-DPRK ties come first.
METER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (
        group,
        tuple(
            sorted(
                (name for name, m in METERS.items() if m.group == group),
                key=lambda name: not name.startswith("cohesion."),
            )
        ),
    )
    for group in ("Security", "Sanctions", "Relations", "Domestic support")
)


DEFAULT_BOUNDS = (0.0, 100.0)  # a meter the table does not list (trust pairs)

# The scenarios' flags in words ("not while a signed SMA cost-sharing deal is in place"); a flag not
# listed reads as its id with spaces.
FLAG_LABELS: dict[str, str] = {
    "moratorium": "the test moratorium",
    "liaison_office": "the inter-Korean liaison office",
    "military_agreement": "the Comprehensive Military Agreement",
    "gsomia": "GSOMIA (ROK-Japan intelligence sharing)",
    "gsomia_notice": "notice to end GSOMIA",
    "sma_signed": "a signed SMA cost-sharing deal",
    "un_exemption": "a UN sanctions exemption",
    "jpn_export_controls": "Japan's export controls on South Korea",
    "border_closed": "a closed China-DPRK border",
    "kaesong_open": "an open Kaesong industrial zone",
    "kumgang_open": "open Mount Kumgang tours",
    "written_test_halt": "a written halt to testing",
    "us_liaison_office": "a US liaison office in Pyongyang",
    "food_crisis": "a food crisis",
    # --- issue 11 (wt11a): C11, C12
    "rights_progress": "human-rights progress (needed for normalization and a treaty)",
    "working_level_prep": "a working-level negotiating process",
    "allies_consulted": "allies consulted on the next deal",
    # --- wt11c ---
    "engagement_mandate": "a National Assembly that funds engagement",
    # --- w3b (C5's ratchet) ---
    "cheating_exposed": "North Korean cheating exposed (sanctions must be reassembled)",
    # --- issue 11 (w3a)
    "military_threat": "a DPRK threat of military action against the South",
}


def flag_label(flag: str) -> str:
    return FLAG_LABELS.get(flag, flag.replace("_", " "))


def meter_bounds(name: str) -> tuple[float, float]:
    return METER_BOUNDS.get(name, DEFAULT_BOUNDS)


# --- issue 10 (wC): the phases read on every submission, as module globals: a read from an enum class
# takes CPython 3.11's generic path through EnumType.__getattr__ (model/base.py), a global read does not
PROPOSE, RESPOND, COUNTER_RESPOND, ORDERS, ENDED = (
    Phase.PROPOSE,
    Phase.RESPOND,
    Phase.COUNTER_RESPOND,
    Phase.ORDERS,
    Phase.ENDED,
)
ANSWER_PHASES = (Phase.RESPOND, Phase.COUNTER_RESPOND)  # the phases in which proposals are answered
