"""Running one blocking call (network, file deletion) off the UI thread while the UI stays live.

For short, sequential conversations (sign in, sign out) where a callback chain would be harder
to follow than a plain call: the work runs on a Python thread and the caller's slot waits for it
processing Qt events and sleeping in Python between them, which releases the GIL (waiting in
Qt's own loop would keep the worker from running; see tests/qt_wait.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

T = TypeVar("T")


def run_off_ui_thread(work: Callable[[], T]) -> T:
    """Call `work()` on a worker thread; return what it returns or raise what it raised."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller on the UI thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="ui-off-thread", daemon=True)
    worker.start()
    while worker.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
