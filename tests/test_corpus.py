"""The proof corpus (tools/corpus.py): a spread of its recorded games replays to the same record, turn
by turn. The whole corpus is checked by hand with ``python tools/corpus.py check``."""

from tools import corpus


def test_corpus_covers_every_scenario_variant_and_controller_kind():
    specs = corpus.game_specs()
    assert len(specs) >= 200
    assert len(corpus.load()) == len(specs)
    kinds = {seat.split(":")[0] for spec in specs for _, seat in spec.seats}
    assert kinds == {"random", "heuristic", "search"}
    assert all(
        seat.startswith(f"search:{corpus.SEARCH_BUDGET}")
        for spec in specs
        for _, seat in spec.seats
        if seat.startswith("search")
    )  # an iteration budget: deterministic


def test_a_spread_of_the_corpus_replays_identically():
    specs = corpus.game_specs()
    chosen = corpus.subset(specs, 10) + [next(s for s in specs if "search" in s.key)]
    assert corpus.check(chosen) == []


def test_a_changed_game_is_reported_with_its_first_turn_and_parts():
    spec = corpus.game_specs()[0]
    played = corpus.play_record(spec)
    altered = {
        **played,
        "turns": played["turns"][:2] + ["x"] + played["turns"][3:],
        "parts": {**played["parts"], "scores": "x"},
    }
    assert corpus.compare(played, altered) == (
        f"first differs at turn 3 ({len(played['turns'])} turns recorded, {len(played['turns'])} played); parts: scores"
    )
