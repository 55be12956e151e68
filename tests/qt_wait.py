"""Waiting in Qt tests without starving Python threads.

PySide6's QTest.qWait (which pytest-qt's waitUntil uses) keeps the GIL while it waits, so the
sync worker and the in-process server thread cannot run and a wait for their results times
out. `pump_until` processes Qt events and sleeps in Python, which releases the GIL.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtWidgets import QApplication


def pump(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


def pump_until(condition: Callable[[], object], timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
