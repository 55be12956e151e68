"""The alerts panel in the window, offscreen, driven by keys: Shift+A lists the alerts kept in
the local store (no server: offline), A acknowledges and R resolves (queued to be sent), the
palette lists it too; a page naming this reviewer notifies, and the notification opens the
panel on that alert."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.actions import ACTION_LABELS, ActionId
from reviewer.context.alerts import AlertStore
from reviewer.profile import Profile
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncStatus
from tests.qt_wait import pump_until
from tests.ui.conftest import prepare_store
from ui.app import build_workstation
from ui.context import alerts_desk
from ui.context.alerts_panel import AlertsPanel
from ui.keys.palette import entries_for


def alert(alert_id: int, title: str, severity: str = "high", state: str = "open",
          paged: str = "") -> dict:
    pages = [{"level": "primary", "reviewer": paged, "paged_at": "2026-12-01T10:00:01Z"}] \
        if paged else []
    return {"id": alert_id, "kind": "spike", "severity": severity, "state": state,
            "dedup_key": f"spike:hashtag:{alert_id}", "title": title,
            "case_ids": ["c3-html", "c1-two-images"], "count": 30, "detail": {},
            "opened_at": f"2026-12-01T10:00:0{alert_id}Z", "updated_at": "2026-12-01T10:00:09Z",
            "pages": pages}


@pytest.fixture
def alerts_window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)
    AlertStore(open_store(profile.store_path)).save([
        alert(1, "Spike: 30 cases on hashtag #flood in 10 min", severity="medium"),
        alert(2, "<b>Hash list</b> match: csam stand-in", severity="critical")])
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(lambda: window.media_grid.is_settled(), what="first case media painted")
    return window


def _in_panel(act):
    """Run `act(panel)` once the alerts panel is open and active, then close it with Esc."""
    seen = []

    def answer():
        panel = QApplication.activeModalWidget()
        if not isinstance(panel, AlertsPanel) or not panel.isActiveWindow():
            QTimer.singleShot(10, answer)
            return
        seen.append(act(panel))
        QTest.keyClick(panel, Qt.Key.Key_Escape)
    QTimer.singleShot(10, answer)
    return seen


def _rows(panel: AlertsPanel) -> list[tuple[str, ...]]:
    table = panel.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def test_shift_a_lists_the_alerts_most_severe_first_as_plain_text(alerts_window):
    seen = _in_panel(_rows)
    QTest.keyClick(alerts_window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert seen == [[("critical", "open", "<b>Hash list</b> match: csam stand-in"),
                     ("medium", "open", "Spike: 30 cases on hashtag #flood in 10 min")]]


def test_a_acknowledges_and_r_resolves_offline_queued_to_be_sent(alerts_window):
    def act(panel):
        QTest.keyClick(panel, Qt.Key.Key_A)  # the critical one, selected first
        after_ack = _rows(panel)[0][1]
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # where a person's keys go
        QTest.keyClick(panel, Qt.Key.Key_R)
        return after_ack, [row[1] for row in _rows(panel)]

    seen = _in_panel(act)
    QTest.keyClick(alerts_window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    after_ack, states = seen[0]
    assert after_ack == "acknowledged (waiting to send)"
    assert states == ["acknowledged (waiting to send)", "resolved (waiting to send)"]
    queued = alerts_window.session.cache.db.execute(
        "SELECT alert_id, to_state, state FROM alert_outbox ORDER BY created_at, rowid").fetchall()
    assert [tuple(row) for row in queued] == [(2, "acknowledged", "pending"),
                                              (1, "resolved", "pending")]


def test_the_palette_and_the_menu_offer_the_alerts_panel(alerts_window):
    entries = entries_for(alerts_window.registry, alerts_window.session,
                          alerts_window.palette_targets)
    label = alerts_window.registry.actions[ActionId.ALERTS].text()
    assert label and any(entry.text.startswith(label) for entry in entries)
    assert ACTION_LABELS[ActionId.ALERTS] == "Alerts…"


def test_a_page_for_this_reviewer_notifies_and_the_notification_opens_that_alert(
        alerts_window, monkeypatch):
    shown = []
    monkeypatch.setattr(alerts_desk, "notify",
                        lambda title, body, on_click=None: shown.append((title, body, on_click)))
    store = AlertStore(alerts_window.session.cache.db)
    paged = store.save([alert(3, "Queue appeals: 4 cases forecast to breach", paged="me")],
                       me="me", replace_all=False)
    assert paged == [3]
    alerts_window.alerts.on_sync(SyncStatus(True, 0, 0, 0, 0, paged_alerts=(3,)))
    [(title, body, on_click)] = shown
    assert title == "You are paged: high alert" and body.startswith("Queue appeals")
    assert "You are paged" in alerts_window.status_line.text()
    seen = _in_panel(lambda panel: panel.selected_id())
    on_click()
    assert seen == [3]
    assert store.save([alert(3, "Queue appeals", paged="me")], me="me") == []  # notified once


def test_shift_a_opens_on_the_alert_that_paged_me_however_far_down(alerts_window):
    store = alerts_window.alerts.store
    store.save([alert(1, "Spike: 30 cases on hashtag #flood in 10 min", severity="medium",
                      paged="me"),
                alert(2, "<b>Hash list</b> match: csam stand-in", severity="critical")],
               me="me")
    seen = _in_panel(lambda panel: panel.selected_id())
    QTest.keyClick(alerts_window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert seen == [1]  # listed second (medium), selected first: it is why I came
