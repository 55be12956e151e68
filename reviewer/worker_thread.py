"""A daemon thread that sleeps until woken: the shape of the core's background workers (the
sync worker, the search indexer). Each opens its own store connection on its own thread."""

from __future__ import annotations

import threading


class WakeableThread:
    thread_name = "worker"

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()  # a stopped worker may be started again (sign-in, tests)
        self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def _loop(self) -> None:
        raise NotImplementedError
