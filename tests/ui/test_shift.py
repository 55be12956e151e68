"""A reviewer's shift, by keyboard only, against the real central API.

50 cases completed with key events only (no mouse event anywhere): single decisions with and
without notes, an undo inside the grace window, an escalation, a high-profile enforcement that
a senior approves from a second workstation, and a 30-item crisis sweep. At the end the central
API holds exactly the decisions the reviewer meant, each once.
"""

from __future__ import annotations

import base64
from collections import Counter

import httpx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer.profile import Profile
from reviewer.sync.engine import SyncSettings
from tests.factories import synthetic_png
from tests.qt_wait import pump, pump_until
from tests.ui.keystrokes import decide_by_keys
from ui.app import build_workstation
from ui.decide.policy_picker import PolicyPicker

KEYS = {Qt.Key.Key_1: "no_violation", Qt.Key.Key_2: "remove", Qt.Key.Key_3: "label_sensitive",
        Qt.Key.Key_4: "restrict_reach", Qt.Key.Key_5: "suspend"}
SWEEP_IMAGE = synthetic_png(320, 240, seed=77)


def _add_cases(central_api, count=30):
    """30 near-identical crisis items sharing one image, and 25 ordinary harassment reports."""
    with httpx.Client(base_url=central_api.url, timeout=20,
                      headers={"Authorization": f"Bearer {central_api.tokens['lead']}"}) as lead:
        for i in range(25):
            lead.post("/v1/cases", json={
                "id": f"shift-{i:02d}", "queue_id": "hate_harassment", "priority": 1,
                "sla_deadline": "2026-01-02T00:00:00Z", "text": f"Insulting reply #{i}",
                "author": {"id": f"shift-author-{i}", "handle": f"replier{i}"}}).raise_for_status()
        for i in range(count):
            lead.post("/v1/cases", json={
                "id": f"sweep-{i:02d}", "queue_id": "crisis_sweep", "priority": 1,
                "sla_deadline": "2026-01-01T00:00:00Z",  # most urgent: first in the list
                "text": f"Reshared clip #{i}", "author": {"id": f"sweep-author-{i}", "handle": f"resharer{i}"},
                "media": [{"data_base64": base64.b64encode(SWEEP_IMAGE).decode(), "mime": "image/png",
                           "category": "graphic_violence", "label": "Synthetic stand-in: reshared clip"}],
            }).raise_for_status()


def _open(qtbot, tmp_path, central_api, role, name, grace=0.0):
    window = build_workstation(Profile(tmp_path / name), central_api.url, central_api.tokens[role],
                               SyncSettings(prefetch_per_queue=60, low_watermark=20, idle_interval=0.3),
                               undo_grace_s=grace)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.bridge.start()
    pump_until(lambda: window.session.current() is not None, what=f"{name}: first case")
    pump_until(window.isActiveWindow, what=f"{name}: active")
    return window


def _press(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(window, key, modifier)
    pump(0.02)


def _select_queue(window, queue_id):
    for _ in range(8):
        if window.session.queue_id == queue_id:
            return
        _press(window, Qt.Key.Key_BracketRight)
    raise AssertionError(f"queue {queue_id} not reached with ]")


def _decide(window, key, expected, note="Checked against the guideline"):
    case = window.session.current()
    decide_by_keys(window, key, note=note)
    assert window.session.current() is None or window.session.current().id != case.id
    expected[case.id] = KEYS.get(key, "escalate")
    return case


def _sweep_same_hash(window):
    """Ctrl+Shift+S, M (same media as the first item), 2, Enter (policy), Enter (confirm)."""
    def drive():
        view = QApplication.activeModalWidget()
        if view is None or not view.isActiveWindow():
            QTimer.singleShot(20, drive)
            return
        QTest.keyClick(view, Qt.Key.Key_M)
        QTimer.singleShot(20, lambda: _answer_sweep(view))
        QTest.keyClick(view, Qt.Key.Key_2)
    QTimer.singleShot(20, drive)
    _press(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _answer_sweep(view):
    picker = PolicyPicker.current
    if picker is not None and picker.isVisible():
        QTest.keyClick(picker.filter, Qt.Key.Key_Return)
        QTimer.singleShot(20, lambda: _answer_sweep(view))
        return
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) or (box is not None and box is not view):
        QTest.keyClick(box, Qt.Key.Key_Return)
        QTimer.singleShot(50, lambda: QTest.keyClick(view, Qt.Key.Key_Escape))
        return
    QTimer.singleShot(20, lambda: _answer_sweep(view))


def test_a_shift_by_keyboard_lands_exactly_the_intended_decisions(qtbot, tmp_path, central_api):
    _add_cases(central_api)
    reviewer = _open(qtbot, tmp_path, central_api, "reviewer", "reviewer", grace=1.5)
    expected: dict[str, str] = {}
    _select_queue(reviewer, "hate_harassment")
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]
    for i in range(12):  # ordinary decisions, notes where the action needs one
        _decide(reviewer, keys[i % len(keys)], expected)
    undone = _decide(reviewer, Qt.Key.Key_2, expected)  # a slip ...
    _press(reviewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # ... undone in time
    assert reviewer.session.current().id == undone.id
    del expected[undone.id]
    _decide(reviewer, Qt.Key.Key_1, expected)  # decided again, differently
    _decide(reviewer, Qt.Key.Key_E, expected, note="Coordinated campaign; plan: remove all and suspend the ring")
    for i in range(5):
        _decide(reviewer, keys[i], expected)
    assert len(expected) == 19

    _select_queue(reviewer, "crisis_sweep")
    assert reviewer.session.current().id.startswith("sweep-")
    _sweep_same_hash(reviewer)
    pump_until(lambda: reviewer.session.outbox.counts()["pending"] + reviewer.session.outbox.counts()["accepted"] >= 49,
               what="sweep recorded")
    expected.update({f"sweep-{i:02d}": "remove" for i in range(30)})

    _select_queue(reviewer, "escalations")
    high = reviewer.session.current()
    assert high.author.high_profile
    _decide(reviewer, Qt.Key.Key_5, expected, note="Repeated threats against a named person")
    assert len(expected) == 50

    pump_until(lambda: reviewer.session.outbox.waiting() == 0, timeout=30, what="reviewer synced")
    # Sent, but held for a senior: the reviewer is told it waits, not that all is done.
    assert reviewer.session.outbox.awaiting_approval() == 1
    pump_until(lambda: "1 awaiting a senior's approval" in reviewer.sync_indicator.text(),
               what="four eyes shown")
    senior = _open(qtbot, tmp_path, central_api, "senior", "senior")
    _select_queue(senior, "escalations")
    pump_until(lambda: high.id in senior.session.case_ids, timeout=20, what="awaiting case at the senior")
    senior.go_to_case(high.id)
    assert "Awaiting approval: Suspend" in senior.case_panel.pending.text()
    decide_by_keys(senior, Qt.Key.Key_A)
    pump_until(lambda: senior.session.outbox.waiting() == 0, timeout=30, what="approval synced")
    reviewer.bridge.wake()
    pump_until(lambda: "approved your “Suspend”" in reviewer.status_line.text(), timeout=30,
               what="the reviewer sees the outcome")
    assert reviewer.session.outbox.awaiting_approval() == 0
    assert "awaiting" not in reviewer.sync_indicator.text()

    on_server = central_api.decisions()
    mine = [d for d in on_server if d["reviewer"] == "reviewer-one"]
    assert Counter((d["case_id"], d["action"]) for d in mine) == Counter(expected.items())
    assert len({d["decision_id"] for d in on_server}) == len(on_server)
    approvals = [d for d in on_server if d["reviewer"] == "senior-one"]
    assert [(d["case_id"], d["action"]) for d in approvals] == [(high.id, "approve")] or \
        [(d["case_id"], d["action"]) for d in approvals] == [(high.id, "suspend")]
