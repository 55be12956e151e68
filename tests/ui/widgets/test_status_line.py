"""The status line says only what is still true, fades, and never cuts a message off unseen:
a long one is elided with "…" and whole in its tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.profile import Profile
from tests.qt_wait import pump_until
from tests.ui.conftest import prepare_store
from tests.ui.keystrokes import decide_by_keys
from ui.app import build_workstation
from ui.widgets.status_line import StatusLine

LONG = "Key bindings: [case] key 'J' is bound to both 'next_case' and 'skip'; keeping 'next_case'"


@pytest.fixture
def window_with_undo(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)
    window = build_workstation(profile, None, None, undo_grace_s=2)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(window.media_grid.is_settled, what="first case media painted")
    return window


def test_a_long_message_is_elided_visibly_and_whole_in_the_tooltip(offline_window):
    window = offline_window
    message = " · ".join([LONG] * 8)
    window.status_line.say(message)
    shown = window.status_line.shown_text()
    assert shown.endswith("…") and len(shown) < len(message)
    assert window.status_line.toolTip() == message
    # The line keeps within the window rather than running past its edge.
    assert window.status_line.geometry().right() <= window.width()


def test_a_message_fades(qtbot):
    line = StatusLine(lifetime_s=0.3)
    qtbot.addWidget(line)
    line.say("Sync now: nothing waits to be sent.")
    assert line.text() == "Sync now: nothing waits to be sent."
    pump_until(lambda: line.text() == "", timeout=3, what="message faded")
    assert line.history()[0].text == "Sync now: nothing waits to be sent."


def test_the_undo_offer_counts_down_and_goes_when_it_no_longer_holds(window_with_undo):
    window = window_with_undo
    decided = window.session.current().id
    decide_by_keys(window, Qt.Key.Key_1)
    window.after_frame.run()  # the message follows the next case's frame
    assert window.status_line.text().endswith("Ctrl+Z undoes it for 2 s")
    pump_until(lambda: "for 1 s" in window.status_line.text(), timeout=3, what="countdown")
    pump_until(lambda: "undoes" not in window.status_line.text(), timeout=3, what="offer gone")
    assert window.status_line.text() == f"Recorded No violation (violent_graphic) on {decided} " \
                                         "— saved here"
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Nothing to undo" in window.status_line.text()


def test_the_undo_offer_stays_whole_when_the_message_before_it_is_too_long(qtbot):
    """At 1280 px, in Spanish or with a long case id, the message gives way, never the offer."""
    line = StatusLine()
    qtbot.addWidget(line)
    line.resize(420, 30)
    message = "Recorded No violation (harassment) on case-" + "0123456789" * 6 + " — saved here"
    line.say_for(message + " · Ctrl+Z undoes it for {left} s", 9, message)
    shown = line.shown_text()
    assert shown.endswith("… · Ctrl+Z undoes it for 9 s")
    assert shown.startswith("Recorded No violation")
    assert line.fontMetrics().horizontalAdvance(shown) <= line.contentsRect().width()
    line.say(message + " and more " * 10)  # an ordinary message is elided at its end
    assert line.shown_text().endswith("…")


def test_an_undone_decision_is_named_as_the_reviewer_chose_it(window_with_undo):
    window = window_with_undo
    decide_by_keys(window, Qt.Key.Key_1)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.after_frame.run()  # the message follows the reopened case's frame
    assert window.status_line.text().startswith("Undone: No violation on "), window.status_line.text()
