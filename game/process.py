"""Settings for the whole process, made once by the game's entry points (``main.py``, the ``armistice``
command, the lab's worker processes) and by the benchmarks that time games as those entry points play
them. Nothing in the game's layers calls this: a library must not change its host's process."""

from __future__ import annotations

import gc

# CPython runs its cyclic collector's youngest generation every 700 net new container objects. A turn
# keeps a few hundred alive (the next state, its news and meter changes, the log), so at 700 the
# collector traverses the young objects about every other turn although the game makes no cycles that
# reference counting leaves behind. Measured (bench/engine.py's turn, hanoi-2019, CPU time, interleaved):
# 5,000 makes a turn about 1.1x faster than 700, with 3% fewer instructions; a larger threshold gained no
# more, and freezing the objects loaded at start (gc.freeze) gained nothing.
YOUNG_THRESHOLD = 5000


def tune_collector() -> None:
    """Raise the youngest generation's threshold to ``YOUNG_THRESHOLD``; the older generations keep theirs.
    A threshold set higher stays, and so does 0 (the collector switched off by whoever runs us)."""
    young, middle, old = gc.get_threshold()
    if young:
        gc.set_threshold(max(young, YOUNG_THRESHOLD), middle, old)
