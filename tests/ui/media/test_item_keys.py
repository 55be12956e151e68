"""The keys that choose which media item a reveal opens on are data, like every other key: a
reviewer's keymap.toml rebinds them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.actions import ActionId
from reviewer.profile import Profile
from tests.qt_wait import pump_until
from tests.ui.conftest import prepare_store
from ui.app import build_workstation


def test_a_rebound_item_key_chooses_the_item_and_the_menu_offers_it(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)  # the first case has two images
    profile.keymap_path.write_text('[case]\nnext_item = "."\nprev_item = ","\n', encoding="utf-8")
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    assert "Key bindings" not in window.status_line.text()  # no conflict with another key
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(lambda: window.media_grid.is_settled(), what="first case media painted")
    assert window.media_grid.current == 0
    QTest.keyClick(window, Qt.Key.Key_Period)
    assert window.media_grid.current == 1
    QTest.keyClick(window, Qt.Key.Key_Comma)
    assert window.media_grid.current == 0
    window.registry.actions[ActionId.NEXT_ITEM].trigger()  # the Media menu and the palette
    assert window.media_grid.current == 1
