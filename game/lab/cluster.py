"""Running a study's games on a Dask ``distributed`` cluster.

The scheduler gets small task descriptions (``batch.Task``: the scenario's content hash, one arm, a
chunk of seeds); the scenario's text is scattered to the workers once, and each worker process parses
it once (``batch.scenario_from_text`` caches by hash). No game state is ever pickled: a worker plays
its games from the rules and returns plain results, the same per seed as local processes.
"""

from __future__ import annotations

import logging
import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Sequence

from .batch import GameResult, ScenarioText, Task, play_task

LOCAL = "local"
CONNECT_TIMEOUT = "10s"  # to reach a remote scheduler


class DaskBackend:
    """A ``batch.Backend`` over a connected ``distributed.Client``."""

    def __init__(self, client):
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))
        self._texts = {}  # content hash -> the scattered text, kept while the backend lives

    def run(self, source: ScenarioText, tasks: Sequence[Task]) -> Iterator[tuple[int, list[GameResult]]]:
        from distributed import as_completed

        # Scattered once per scenario: scattering the same text again gives the same key, which the
        # release of an earlier study's reference could then take from under the new tasks.
        if source.digest not in self._texts:
            self._texts[source.digest] = self.client.scatter(source.text, broadcast=True)
        text = self._texts[source.digest]
        futures = [self.client.submit(play_task, task, text, pure=False) for task in tasks]
        index = {future.key: i for i, future in enumerate(futures)}
        try:
            for future in as_completed(futures):
                yield index[future.key], future.result()
        finally:
            self.client.cancel(futures)


@contextmanager
def connect(address: str, workers: int):
    """A client of the scheduler at ``address``, or with ``local`` of a LocalCluster of ``workers``
    single-threaded processes on the loopback interface (no dashboard, so no port to clash over).
    Closed, with the cluster it started, on leaving."""
    from distributed import Client, LocalCluster

    if address != LOCAL:
        with Client(address, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    # The worker processes start with Ctrl+C ignored (a disposition they keep across exec), so that
    # only this process handles it and stops the study cleanly, as local processes do.
    main = threading.current_thread() is threading.main_thread()  # the only thread that may set handlers
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    with cluster, Client(cluster) as client:
        yield client
