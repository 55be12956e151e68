"""Server unreachable at start: the window opens on cached cases and says it is offline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.sync.api_client import ApiClient
from reviewer.profile import Profile
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.ui.keystrokes import decide_by_keys
from tests.qt_wait import pump_until
from ui.app import build_workstation


def test_window_opens_offline_on_cached_cases_and_keeps_deciding(qtbot, tmp_path, central_api):
    profile = Profile(tmp_path / "profile").ensure()
    SyncEngine(profile.store_path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
               settings=SyncSettings(prefetch_per_queue=10, low_watermark=3)).run_once()
    central_api.server.stop()

    window = build_workstation(profile, central_api.url, central_api.tokens["reviewer"], undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.bridge.start()
    assert window.session.current() is not None  # cached cases are there before any network
    pump_until(lambda: window.sync_indicator.state == "offline", what="offline indicator")
    assert "Offline" in window.sync_indicator.text()

    first = window.session.current().id
    decide_by_keys(window, Qt.Key.Key_2)
    assert window.session.current().id != first
    pump_until(lambda: "1 waiting to sync" in window.sync_indicator.text(), what="waiting count")

    central_api.server.start()
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Sync now
    assert "Sync now: trying the central API again" in window.status_line.text()
    pump_until(lambda: window.sync_indicator.state == "online"
               and "all decisions synced" in window.sync_indicator.text(), timeout=30, what="back online")
    assert [d["case_id"] for d in central_api.decisions()] == [first]
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Sync now: sending what waits" in window.status_line.text()


def test_sync_now_without_a_central_api_says_decisions_stay_here(offline_window):
    QTest.keyClick(offline_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "no central API in this session" in offline_window.status_line.text()
