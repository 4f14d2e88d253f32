"""The proof corpus: seeded games whose every turn is recorded as digests, so a change to the engine,
the rules or the AI can be shown to change nothing that it should not.

Each game is described by its spec (scenario, variant, seed, one controller spec per seat); the seat
mix covers the random baseline, the heuristic with mixed personalities and levels, and the search
with an *iteration* budget (deterministic, unlike a time budget), on both scenarios and every
variant. For every resolved turn the record holds, in separate parts:

    meters     public meters, trust and flags after the turn
    news       the turn's public news
    private    each seat's own view: its cables, its capital and its estimate (from its Observation)
    changes    the turn's meter changes with cause, label and audience
    scores     every seat's score after the turn
    outcome    the outcome and its reason
    orders     every submission of the turn (proposals, answers, orders)
    rationales the AI's stated reasons

A game is stored as one short digest per turn (all parts together) and one per part over the whole
game, so a failed check names the first turn that differs and the parts that do. The state hash is
deliberately not recorded: the encoding of the state may change while the game stays the same.
Floats enter rounded to 1e-9, so a reordered sum does not count as a different game (a real change
of a meter is far larger).

    python tools/corpus.py record            # (re)writes tests/data/corpus.json
    python tools/corpus.py check [--subset N] [--games PATTERN]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai.personality import personalities_for  # noqa: E402
from game.ai.runner import make_controllers, run  # noqa: E402
from game.engine import Match  # noqa: E402
from game.model.ids import Actor  # noqa: E402
from game.scenario import find_scenario, load_scenario  # noqa: E402
from game.views import rules_view  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus.json"
FORMAT = 1
PARTS = ("meters", "news", "private", "changes", "scores", "outcome", "orders", "rationales")
DIGEST_CHARS = 10
SCENARIOS = ("hanoi-2019", "tutorial")
LEVELS = ("easy", "normal", "hard")
SEARCH_BUDGET = "10it"
# games per (scenario, variant): all random, all heuristic (mixed), random and heuristic mixed, one
# search seat among heuristics
MIX = {"random": 6, "heuristic": 18, "mixed": 5, "search": 2}


@dataclass(frozen=True)
class GameSpec:
    scenario: str
    variant: str | None
    seed: int
    seats: tuple[tuple[str, str], ...]  # (actor code, controller spec) in actor order

    @property
    def key(self) -> str:
        seats = ",".join(f"{a}={s}" for a, s in self.seats)
        return f"{self.scenario}|{self.variant or '-'}|{self.seed}|{seats}"


def _heuristic_spec(kind: str, actor: Actor, rules, pick: random.Random) -> str:
    personality = pick.choice(sorted(personalities_for(actor, rules)))
    return f"{kind}:{personality}:{pick.choice(LEVELS)}"


def game_specs() -> list[GameSpec]:
    """Every game of the corpus, in a fixed order."""
    specs = []
    for scenario_id in SCENARIOS:
        scenario = load_scenario(find_scenario(scenario_id))
        for variant in (None, *scenario.variants):
            rules = rules_view(scenario, variant)
            seed = 0
            for mix, count in MIX.items():
                for _ in range(count):
                    seed += 1
                    pick = random.Random(f"corpus:{scenario_id}:{variant}:{seed}")
                    seats = []
                    search_seat = pick.randrange(len(scenario.actors))
                    for i, actor in enumerate(scenario.actors):
                        if mix == "random" or (mix == "mixed" and pick.random() < 0.5):
                            spec = "random"
                        elif mix == "search" and i == search_seat:
                            spec = _heuristic_spec(f"search:{SEARCH_BUDGET}", actor, rules, pick)
                        else:
                            spec = _heuristic_spec("heuristic", actor, rules, pick)
                        seats.append((actor.value, spec))
                    specs.append(GameSpec(scenario_id, variant, seed, tuple(seats)))
    return specs


def _canon(value):
    """A JSON-able canonical form: floats rounded, tuples as lists, enums as their values."""
    if isinstance(value, float):
        return round(value, 9) + 0.0
    if isinstance(value, dict):
        return {str(getattr(k, "value", k)): _canon(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_canon(v) for v in value)
    if hasattr(value, "model_dump"):
        return _canon(value.model_dump(mode="json"))
    return getattr(value, "value", value)


def _digest(value) -> str:
    text = json.dumps(_canon(value), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:DIGEST_CHARS]


class _Recorder:
    """Collects each part of each resolved turn from a match as it is played."""

    def __init__(self, match: Match):
        self.match = match
        self.turns: list[dict[str, object]] = []
        self._news = 0
        self._log = 0
        self._seen = {actor: 0 for actor in match.state.actors}

    def on_turn(self, _record) -> None:
        match = self.match
        state = match.state
        news = state.news[self._news :]
        self._news = len(state.news)
        log = match.log[self._log :]
        self._log = len(match.log)
        private = {}
        for actor in state.actors:
            obs = match.observe(actor)
            fresh = obs.news[self._seen[actor] :]
            self._seen[actor] = len(obs.news)
            private[actor.value] = {
                "cables": [[n.turn, n.text, n.audience, n.source] for n in fresh if n.audience != "public"],
                "capital": obs.capital.get(actor),
                "estimate": obs.estimates.get(actor),
            }
        self.turns.append(
            {
                "meters": {"meters": state.meters, "trust": state.trust, "flags": state.flags},
                "news": [[n.turn, n.text, n.source] for n in news if n.audience == "public"],
                "private": private,
                "changes": list(state.changes),
                "scores": match.scores(),
                "outcome": [getattr(state.outcome, "value", None), state.outcome_reason],
                "orders": [e.model_dump(mode="json", exclude={"rationale"}) for e in log],
                "rationales": [[e.actor.value, e.phase.value, e.rationale] for e in log],
            }
        )


_SCENARIOS: dict[str, object] = {}


def play_record(spec: GameSpec) -> dict:
    """Play one corpus game and return its digests: per turn, and per part over the game."""
    scenario = _SCENARIOS.get(spec.scenario)
    if scenario is None:
        scenario = _SCENARIOS[spec.scenario] = load_scenario(find_scenario(spec.scenario))
    match = Match(scenario, spec.seed, spec.variant)
    recorder = _Recorder(match)
    seats = {Actor(a): s for a, s in spec.seats}
    run(match, make_controllers(match, seats), on_turn=recorder.on_turn)
    return {
        "turns": [_digest(t) for t in recorder.turns],
        "parts": {part: _digest([t[part] for t in recorder.turns]) for part in PARTS},
        "outcome": getattr(match.state.outcome, "value", None),
    }


def subset(specs: list[GameSpec], n: int) -> list[GameSpec]:
    """``n`` games spread evenly over the corpus (so every scenario, variant and mix is touched)."""
    if n >= len(specs):
        return specs
    step = len(specs) / n
    return [specs[int(i * step)] for i in range(n)]


def record(path: Path = CORPUS) -> int:
    games = {spec.key: play_record(spec) for spec in game_specs()}
    lines = [
        f"{json.dumps(key)}: {json.dumps(game, sort_keys=True, separators=(',', ':'))}" for key, game in games.items()
    ]  # one game a line: a re-record's diff names the games
    path.write_text(f'{{"format": {FORMAT}, "games": {{\n' + ",\n".join(lines) + "\n}}\n")
    return len(games)


def load(path: Path = CORPUS) -> dict:
    data = json.loads(path.read_text())
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: format {data.get('format')}, expected {FORMAT}: re-record it")
    return data["games"]


def compare(expected: dict, actual: dict) -> str:
    """'' when equal, else which turn first differs and which parts do."""
    if expected == actual:
        return ""
    turns_e, turns_a = expected["turns"], actual["turns"]
    first = next((i for i, (e, a) in enumerate(zip(turns_e, turns_a)) if e != a), min(len(turns_e), len(turns_a)))
    parts = [p for p in PARTS if expected["parts"].get(p) != actual["parts"].get(p)]
    return (
        f"first differs at turn {first + 1} ({len(turns_e)} turns recorded, {len(turns_a)} played); "
        f"parts: {', '.join(parts) or 'none'}"
    )


def check(specs: list[GameSpec], path: Path = CORPUS) -> list[str]:
    """Replay the games and return one line per game whose record differs (or is missing)."""
    recorded = load(path)
    problems = []
    for spec in specs:
        if spec.key not in recorded:
            problems.append(f"{spec.key}: not in the corpus (re-record it)")
            continue
        why = compare(recorded[spec.key], play_record(spec))
        if why:
            problems.append(f"{spec.key}: {why}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("record", help=f"play every game and write {CORPUS.relative_to(ROOT)}")
    chk = sub.add_parser("check", help="replay the games and compare with the recorded corpus")
    chk.add_argument("--subset", type=int, default=0, help="only this many games, spread over the corpus")
    chk.add_argument("--games", default="", help="only games whose key contains this text")
    args = parser.parse_args(argv)
    if args.command == "record":
        print(f"recorded {record()} games in {CORPUS.relative_to(ROOT)}")
        return 0
    specs = [s for s in game_specs() if args.games in s.key]
    if args.subset > 0:
        specs = subset(specs, args.subset)
    problems = check(specs)
    for line in problems:
        print(line)
    print(f"{len(specs) - len(problems)}/{len(specs)} games identical")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
