"""A case id the reviewer knows but this machine never claimed: the sync worker fetches it from
the real central API on loopback and caches it as an open case, or says why it cannot."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from reviewer.profile import Profile
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.api_client import ApiClient
from reviewer.sync.engine import SyncEngine, SyncSettings
from tests.qt_wait import pump_until
from ui.app import build_workstation
from ui.keys.palette import CommandPalette

FEW = SyncSettings(prefetch_per_queue=2, low_watermark=1)


def _not_cached(central_api, db) -> str:
    """An open case of the central API's that this machine never claimed."""
    cached = {row[0] for row in db.execute("SELECT id FROM cases")}
    with central_api.lead() as lead:
        for case_id in (f"case-{n:05d}" for n in range(1, 400)):
            if case_id not in cached:
                answer = lead.get(f"/v1/cases/{case_id}")
                if answer.status_code == 200 and answer.json()["status"] == "open":
                    return case_id
    raise AssertionError("the seed has no open case left to look up")


def test_the_sync_worker_fetches_a_case_asked_for_by_id(tmp_path, central_api):
    path = tmp_path / "profile" / "store.sqlite3"
    engine = SyncEngine(path, ApiClient(central_api.url, central_api.tokens["reviewer"]),
                        settings=FEW)
    engine.run_once()
    db = open_store(path)
    wanted = _not_cached(central_api, db)
    engine.lookups.request(wanted)
    engine.lookups.request("no-such-case-1")
    status = engine.run_once()
    found = {a.case_id: a for a in status.looked_up}
    assert found[wanted].found and "not leased to you" in found[wanted].message
    assert not found["no-such-case-1"].found and "does not know it" in found["no-such-case-1"].message
    session = ReviewSession(db)
    session.go_to(wanted)
    assert session.current().id == wanted  # on the work list, ready to decide
    assert engine.run_once().looked_up == ()  # each request answered once


def test_the_palette_opens_a_case_that_is_not_cached_here(qtbot, tmp_path, central_api):
    window = build_workstation(Profile(tmp_path / "ws"), central_api.url,
                               central_api.tokens["reviewer"],
                               SyncSettings(prefetch_per_queue=2, low_watermark=1,
                                            idle_interval=0.5), undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.bridge.start()
    pump_until(lambda: window.session.current() is not None, what="first case")
    wanted = _not_cached(central_api, window.session.cache.db)

    def type_id():
        palette = CommandPalette.current
        if palette is None or not palette.isVisible():
            QTimer.singleShot(5, type_id)  # the palette is not up yet
            return
        QTest.keyClicks(palette.search, wanted)
        QTest.keyClick(palette.search, Qt.Key.Key_Return)
    QTimer.singleShot(5, type_id)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    pump_until(lambda: window.shown_case_id == wanted, timeout=20, what="the case fetched and shown")
    assert "fetched from the central API" in window.status_line.text()
