"""Work that follows the frame showing the next case, instead of going before it.

After a decision the reviewer waits for the next case: its header, text and media. The rest of
the window that changes with it (the list's rows and count line, the status message, the sync
indicator, the exposure line, the suggested decision) follows one frame later. Each of those
shows what is true when it runs, so a late one is never wrong, only a frame behind; and
during a quick run of keys each runs once for the run, not once per case.

A job asked for again before it ran runs once (refreshers read the state they show); what
`say` is given (messages, for the log too) all runs, in order. Tests and benchmarks that want the window
quiet wait until `pending()` is False, or call `run()`.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer

AFTER_FRAME_MS = 16  # one 60 Hz frame: the next case is painted by then, the rest follows


class AfterFrame(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: dict[object, Callable[[], None]] = {}
        self._said = 0
        # Started by the first job and never pushed back by later ones: a run of keys faster
        # than a frame still sees the list and the status line follow.
        self._timer = QTimer(self, singleShot=True, interval=AFTER_FRAME_MS)
        self._timer.timeout.connect(self.run)

    def later(self, job: Callable[[], None]) -> None:
        """Run `job` a frame from now; asked again meanwhile, it still runs once."""
        self._jobs[job] = job
        self._start()

    def say(self, say: Callable[..., None], *told) -> None:
        """`say(*told)` a frame from now, however many others like it are waiting (messages:
        each reaches the message log)."""
        self._said += 1
        self._jobs[("say", self._said)] = lambda: say(*told)
        self._start()

    def pending(self) -> bool:
        return bool(self._jobs)

    def run(self) -> None:
        self._timer.stop()
        while self._jobs:  # a job may ask for another: it runs now too
            jobs, self._jobs = self._jobs, {}
            for job in jobs.values():
                job()

    def stop(self) -> None:
        self._timer.stop()
        self._jobs.clear()

    def _start(self) -> None:
        if not self._timer.isActive():
            self._timer.start()
