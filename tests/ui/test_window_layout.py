"""The window at 1280×720 and at 3840×2160: nothing clipped, the decision bar and the case text
visible; its size and splitter positions come back with the profile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSplitter

from reviewer.actions import ActionId
from reviewer.profile import Profile
from tests.qt_wait import pump, pump_until
from tests.ui.conftest import prepare_store
from ui.app import build_workstation


def _inside(window, widget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)], ids=["720p", "4k"])
def test_the_layout_survives_small_and_large_screens(offline_window, size):
    window = offline_window
    window.resize(*size)
    pump_until(lambda: (window.width(), window.height()) == size, what="resized")
    pump(0.05)
    bar = window.decision_bar
    assert bar.isVisible() and _inside(window, bar)
    hidden = [a for a, button in bar.buttons.items() if not button.isVisible()]
    assert hidden == [ActionId.UPHOLD, ActionId.OVERTURN]  # they answer appeals only
    for button in (b for b in bar.buttons.values() if b.isVisible()):
        assert _inside(window, button), button.objectName()
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is cut short"
    text = window.case_panel.text
    assert text.isVisible() and _inside(window, text) and text.height() >= 80
    assert window.media_grid.height() >= 200 and _inside(window, window.media_grid)
    assert _inside(window, window.queue_panel) and window.queue_panel.width() >= 200
    assert window.statusBar().isVisible() and _inside(window, window.statusBar())


def test_size_and_splitters_are_remembered_per_profile(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)
    first = build_workstation(profile, None, None, undo_grace_s=0)
    first.show()
    # The offscreen screen is 800×800 and Qt fits a restored window to its screen, so the height
    # (within it) is what can be compared here.
    first.resize(first.minimumSizeHint().width(), 666)
    splitter = first.findChild(QSplitter, "listCaseSplitter")
    splitter.setSizes([300, 470])
    pump(0.05)
    sizes = splitter.sizes()
    first.close()
    other = Profile(tmp_path / "other").ensure()
    for prof, expect_same in ((profile, True), (other, False)):
        window = build_workstation(prof, None, None, undo_grace_s=0)
        qtbot.addWidget(window)
        window.show()
        pump(0.05)
        same = window.height() == 666
        assert same is expect_same
        if expect_same:
            assert window.findChild(QSplitter, "listCaseSplitter").sizes() == sizes
        window.close()
