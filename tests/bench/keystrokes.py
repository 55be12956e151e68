"""Keystrokes per decision for the common actions, counted from real key events.

Each decision is made through the real window the way a reviewer makes it — the decision key,
then whatever the flow asks (Enter in the policy picker for the queue's default policy, the
note and Ctrl+Enter where a note is required) — and every key press that reaches the
application is counted. Note text is not counted: it is writing, not navigation (its submit key is).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.actions import ActionId
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.database import open_store
from tests.bench.results import Figure
from tests.factories import case_dict
from tests.qt_wait import pump_until
from tests.ui.keystrokes import decide_by_keys
from ui.app import build_workstation

NOTE = "ok"
ACTIONS = [(ActionId.NO_VIOLATION, Qt.Key.Key_1, 2.0), (ActionId.REMOVE, Qt.Key.Key_2, 2.0),
           (ActionId.LABEL_SENSITIVE, Qt.Key.Key_3, None), (ActionId.RESTRICT_REACH, Qt.Key.Key_4, None),
           (ActionId.SUSPEND, Qt.Key.Key_5, None), (ActionId.ESCALATE, Qt.Key.Key_E, None)]


class KeyCounter:
    """Counts the keys the simulated reviewer presses (every QTest key click, and each
    character of typed text), by wrapping the two functions that press them."""

    def __init__(self):
        self.count = 0
        self._saved = (QTest.keyClick, QTest.keyClicks)

    def __enter__(self) -> "KeyCounter":
        click, clicks = self._saved

        def counted_click(*args, **kwargs):
            self.count += 1
            return click(*args, **kwargs)

        def counted_clicks(widget, text, *args, **kwargs):
            self.count += len(text)
            return clicks(widget, text, *args, **kwargs)
        QTest.keyClick, QTest.keyClicks = counted_click, counted_clicks
        return self

    def __exit__(self, *exc) -> None:
        QTest.keyClick, QTest.keyClicks = self._saved


def _window(workdir: Path):
    profile = Profile(workdir / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("hate_harassment", "Hate & harassment", 20,
                             ("harassment", "hate_speech", "bullying"), "harassment")])
    cache.save_cases([Case.from_api(case_dict(f"k{i}", queue_id="hate_harassment"))
                      for i in range(len(ACTIONS) + 2)], None)
    window = build_workstation(profile, None, None, undo_grace_s=0)
    window.show()
    window.activateWindow()
    pump_until(lambda: window.isActiveWindow(), what="window active")
    return window


def run(workdir: Path) -> list[Figure]:
    window = _window(workdir)
    figures = []
    try:
        with KeyCounter() as counter:
            for action, key, target in ACTIONS:
                before_keys, before_case = counter.count, window.session.current().id
                seen = decide_by_keys(window, key, note=NOTE)
                assert window.session.current().id != before_case, f"{action.value} not recorded"
                keys = counter.count - before_keys - (len(NOTE) if "note" in seen else 0)
                figures.append(Figure(f"keystrokes_{action.value}", keys, "keys", target))
    finally:
        window.close()
    return figures
