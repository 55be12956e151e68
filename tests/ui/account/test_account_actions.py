"""Signing out from the window with Ctrl+Shift+Q against a real central API: what waits is sent
first; offline, the reviewer is asked and staying signed in loses nothing."""

from __future__ import annotations

import httpx
import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from reviewer.actions import ActionId
from reviewer.account.credentials import KEYRING_SERVICE, cache_key_name
from reviewer.review.outbox import Outbox
from reviewer.profile import Profile
from reviewer.account.sign_in import keep_token, sign_in_with_password
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncSettings
from server.auth.accounts import add_reviewer
from tests.file_keyring import file_keyring
from tests.qt_wait import pump_until
from ui.app import build_workstation

PASSWORD = "correct horse battery"


@pytest.fixture
def signed_in_window(qtbot, tmp_path, central_api):
    add_reviewer(central_api.db_path, "rita", "reviewer", password=PASSWORD)
    with file_keyring(tmp_path / "keyring.json"):
        profile = Profile(tmp_path / "profile").ensure()
        signed_in = sign_in_with_password(central_api.url, "rita", PASSWORD)
        keep_token(profile, signed_in)
        window = build_workstation(profile, central_api.url, signed_in.token,
                                   SyncSettings(prefetch_per_queue=5, low_watermark=2),
                                   undo_grace_s=0)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.bridge.start()
        pump_until(lambda: window.session.cache.open_case_ids(), what="cases claimed")
        window.session.reload()
        window.show_current()
        yield window, profile, signed_in.token, central_api


def press_sign_out(window, answer: str | None = None, confirm: str = "signOut") -> list[str]:
    """Ctrl+Shift+Q, confirmed with `confirm` ("signOut" / "cancel"); `answer` ("stay" /
    "discard") clicks that button of the question about unsent work."""
    asked: list[str] = []

    def answer_question() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.property("answered"):
            return
        box.setProperty("answered", True)
        if box.objectName() == "signOutConfirm":
            box.findChild(QPushButton, confirm).click()
        elif box.objectName() == "signOutUnsent" and not asked:
            asked.append(box.text())
            box.findChild(QPushButton, answer).click()

    pump_until(window.isActiveWindow, what="window active again")  # as a person waits for it
    timer = QTimer(interval=10)
    timer.timeout.connect(answer_question)
    timer.start()
    try:
        QTest.keyClick(window, Qt.Key.Key_Q,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    finally:
        timer.stop()
    return asked


def test_signing_out_online_sends_the_decision_then_wipes(signed_in_window):
    window, profile, token, api = signed_in_window
    case_id = window.session.current().id
    window.registry.actions[ActionId.NO_VIOLATION].trigger()
    assert press_sign_out(window) == []  # nothing unsent: no question
    pump_until(lambda: not window.isVisible(), what="window closed")
    assert [d["case_id"] for d in api.decisions()] == [case_id]
    assert not profile.store_path.exists()
    assert keyring.get_password(KEYRING_SERVICE, api.url) is None
    assert keyring.get_password(KEYRING_SERVICE, cache_key_name(profile.root)) is None
    answer = httpx.get(f"{api.url}/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401


def test_sign_out_asks_first_and_cancelling_changes_nothing(signed_in_window):
    window, profile, token, api = signed_in_window
    window.registry.actions[ActionId.NO_VIOLATION].trigger()
    assert press_sign_out(window, confirm="cancel") == []
    assert window.isVisible() and profile.store_path.exists()
    assert keyring.get_password(KEYRING_SERVICE, api.url) == token
    answer = httpx.get(f"{api.url}/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200


def test_offline_the_reviewer_chooses_and_staying_loses_nothing(signed_in_window):
    window, profile, token, api = signed_in_window
    api.server.stop()
    window.registry.actions[ActionId.NO_VIOLATION].trigger()
    window.registry.actions[ActionId.NO_VIOLATION].trigger()
    asked = press_sign_out(window, "stay")
    assert asked == ["Not yet at the central API: 2 decisions."]
    assert window.isVisible() and window.isEnabled()
    assert "Still signed in. Not yet at the central API: 2 decisions." in window.status_line.text()
    assert Outbox(open_store(profile.store_path)).waiting() == 2
    assert keyring.get_password(KEYRING_SERVICE, api.url) == token
    assert press_sign_out(window, "discard") == asked
    pump_until(lambda: not window.isVisible(), what="window closed")
    assert not profile.store_path.exists()
    assert keyring.get_password(KEYRING_SERVICE, api.url) is None
