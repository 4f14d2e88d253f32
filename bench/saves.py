"""Save and load times, replay-verify time and file size for full 12-turn games.

Plays whole games of the scenario with the default AI seats (games that end early are skipped until
``--games`` full ones are found), then for each game times, over ``--repeat`` rounds:
  save    capture the Match, encode, write atomically (temporary file, fsync, rename)
  load    read and validate the file, find and hash-check the scenario (parsed once, then cached), restore
          the snapshot without replaying it (what loading did before issue 9)
  verify  replay the whole log on a fresh Match, checking the state hash turn by turn
  opened  read, validate and find the scenario as ``load``, then ``load_game``: the log replayed and the
          result compared with the snapshot, news and history included (what validate, resume and the
          UI's Load and Continue do since issue 9); timed in the same rounds as ``load``, so
          ``opened/load`` is the cost of verification as a ratio of one interleaved run
Floors (issue 5): save + load under 50 ms, verify under 200 ms, file under 300 KB; opened has none.
Run by hand:  python bench/saves.py [--scenario hanoi-2019] [--games 3] [--repeat 15] [--seat SPEC]
The last line is ``save_ms=.. load_ms=.. save_load_ms=.. verify_ms=.. opened_ms=.. size_kb=.. PASS|FAIL``
(medians over all rounds; sizes the largest); the exit status is 1 when a floor is missed."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.registry import DEFAULT_SEAT  # noqa: E402
from game.ai.runner import make_controllers, run  # noqa: E402
from game.engine import Match  # noqa: E402
from game.persist import (
    GameInfo,
    load_game,
    open_scenario,
    read_save,
    resolve_scenario,
    restore,  # noqa: E402
    save_match,
    verify,
)

FLOOR_SAVE_LOAD_MS = 50.0
FLOOR_VERIFY_MS = 200.0
FLOOR_SIZE_KB = 300.0


def full_games(scenario, count: int, spec: str, first_seed: int = 1, limit: int = 50) -> list[Match]:
    games = []
    seed = first_seed
    while len(games) < count and seed < first_seed + limit:
        match = Match(scenario, seed)
        run(match, make_controllers(match, {a: spec for a in scenario.actors}))
        if len(match.turns) == scenario.turns:
            games.append(match)
        else:
            print(f"seed {seed}: ended after {len(match.turns)} turns ({match.state.outcome.value}); skipped")
        seed += 1
    return games


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="hanoi-2019")
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seat", default=DEFAULT_SEAT, help="AI seat spec for every actor")
    args = parser.parse_args()

    started = time.perf_counter()
    scenario, ref = open_scenario(args.scenario)
    print(
        f"scenario {scenario.id}: parsed in {(time.perf_counter() - started) * 1000:.0f} ms "
        "(once; loads below find it by hash in the cache)"
    )
    games = full_games(scenario, args.games, args.seat)
    if not games:
        print("no full-length game found")
        return 1
    saves, loads, verifies, opens, sizes = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for match in games:
            info = GameInfo(ref, {a: args.seat for a in scenario.actors})
            path = Path(tmp) / f"seed{match.seed}.json"
            g_save, g_load, g_verify, g_open = [], [], [], []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                save_match(match, path, info)
                t1 = time.perf_counter()
                saved = read_save(path)
                restored = restore(saved, resolve_scenario(saved.scenario))
                t2 = time.perf_counter()
                report = verify(saved, scenario)
                t3 = time.perf_counter()
                reread = read_save(path)
                opened = load_game(reread, resolve_scenario(reread.scenario))
                t4 = time.perf_counter()
                assert restored.hash() == match.hash() and report.ok and opened.state == match.state
                g_save.append((t1 - t0) * 1000)
                g_load.append((t2 - t1) * 1000)
                g_verify.append((t3 - t2) * 1000)
                g_open.append((t4 - t3) * 1000)
            size = path.stat().st_size / 1024
            print(
                f"seed {match.seed}: {len(match.log)} moves, {len(match.state.news)} news items; "
                f"save {statistics.median(g_save):.1f} ms, load {statistics.median(g_load):.1f} ms, "
                f"verify {statistics.median(g_verify):.1f} ms, opened {statistics.median(g_open):.1f} ms, "
                f"{size:.0f} KB"
            )
            saves += g_save
            loads += g_load
            verifies += g_verify
            opens += g_open
            sizes.append(size)
    save_ms, load_ms, verify_ms, opened_ms = (statistics.median(x) for x in (saves, loads, verifies, opens))
    worst = max(s + ld for s, ld in zip(saves, loads))
    size_kb = max(sizes)
    ok = save_ms + load_ms < FLOOR_SAVE_LOAD_MS and verify_ms < FLOOR_VERIFY_MS and size_kb < FLOOR_SIZE_KB
    print(
        f"worst save+load round {worst:.1f} ms; slowest verify {max(verifies):.1f} ms; slowest opened "
        f"{max(opens):.1f} ms; opened/load {opened_ms / load_ms:.2f}x (medians of the same rounds)"
    )
    print(
        f"save_ms={save_ms:.1f} load_ms={load_ms:.1f} save_load_ms={save_ms + load_ms:.1f} "
        f"verify_ms={verify_ms:.1f} opened_ms={opened_ms:.1f} size_kb={size_kb:.0f} {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
