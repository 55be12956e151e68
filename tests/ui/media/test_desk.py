"""The panic key: instant, never pressed by the reflex that closes overlays, and its mode always
named in the status bar with the key that leaves it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.profile import Profile
from tests.qt_wait import pump_until
from tests.ui.conftest import prepare_store
from ui.app import build_workstation


def test_a_stray_esc_leaves_the_media_as_it_is(offline_window):
    window = offline_window
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.media_grid.reveal.blanked
    assert window.media_desk.reveal_hint.text().startswith("Blurred")


def test_panic_hides_all_media_and_the_status_bar_names_the_way_back(offline_window):
    window = offline_window
    hint = window.media_desk.reveal_hint
    assert "H hides all" in hint.text()
    QTest.keyClick(window, Qt.Key.Key_H)
    assert window.media_grid.reveal.blanked
    assert hint.text() == "ALL MEDIA HIDDEN — H shows blurred previews"
    assert hint.property("revealMode") == "hidden"
    assert "H again shows the blurred previews" in window.status_line.text()
    QTest.keyClick(window, Qt.Key.Key_H)
    assert not window.media_grid.reveal.blanked
    assert hint.property("revealMode") == "blurred"
    assert "Blurred previews shown again" in window.status_line.text()


def test_the_hint_names_the_reviewers_own_panic_key(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)
    profile.keymap_path.write_text('[case]\npanic = "F12"\n', encoding="utf-8")
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(window.media_grid.is_settled, what="first case media painted")
    QTest.keyClick(window, Qt.Key.Key_F12)
    assert window.media_desk.reveal_hint.text() == "ALL MEDIA HIDDEN — F12 shows blurred previews"
