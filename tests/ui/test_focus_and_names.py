"""The keyboard reaches every control of the window, each named for a screen reader; the media
tiles say what they show; the next case's header is announced after a decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.actions import ActionId
from tests.qt_wait import pump_until


def _focus():
    return QApplication.focusWidget()


def _walk(window, key, modifier=Qt.KeyboardModifier.NoModifier, limit=60):
    """Press `key` until the focus comes back where it started: every stop on the way. In the
    media grid Tab chooses the item, so there the pane key (F6, Shift+F6) moves on."""
    start, stops = _focus(), []
    pane = ActionId.PREV_PANE if modifier else ActionId.NEXT_PANE
    for _ in range(limit):
        if _focus() is window.media_grid:
            QTest.keyClick(window.media_grid, key, modifier)
            assert _focus() is window.media_grid  # Tab chose the other item
            window.registry.actions[pane].trigger()
        else:
            QTest.keyClick(_focus(), key, modifier)
        if _focus() is start:
            return stops
        stops.append(_focus())
    raise AssertionError(f"no cycle: {[w.objectName() or type(w).__name__ for w in stops]}")


def test_the_grid_has_the_focus_at_start_and_tab_there_chooses_the_item(offline_window):
    window = offline_window
    assert _focus() is window.media_grid  # no control swallows a review key at start
    QTest.keyClick(window.media_grid, Qt.Key.Key_Tab)
    assert _focus() is window.media_grid and window.media_grid.current == 1
    assert "Item 2" in window.media_grid.accessibleDescription()


def test_tab_reaches_every_control_and_each_has_a_name(offline_window):
    window = offline_window
    window.registry.actions[ActionId.NEXT_PANE].trigger()  # out of the grid, to the next pane
    stops = _walk(window, Qt.Key.Key_Tab)
    stops.append(_focus())
    unnamed = [type(w).__name__ + ":" + w.objectName() for w in stops if not w.accessibleName()]
    assert not unnamed
    reached = set(stops)
    filters = window.queue_panel.filters
    for control in (window.queue_panel.queues, window.queue_panel.cases, filters.search,
                    filters.priority, filters.language, filters.region, filters.policy,
                    filters.min_reports, filters.sort, window.case_panel.text,
                    window.media_grid, *(b for b in window.decision_bar.buttons.values()
                                         if b.isVisible()),  # not an appeal's, on this case
                    window.sync_indicator):
        assert control in reached, control.accessibleName()
    # Left to right, top to bottom: the queues before the search box before the decisions.
    order = [stops.index(w) for w in (window.queue_panel.queues, filters.search,
                                      window.decision_bar.buttons[ActionId.NO_VIOLATION])]
    assert order == sorted(order)


def test_shift_tab_walks_the_same_stops_backwards(offline_window):
    window = offline_window
    window.registry.actions[ActionId.NEXT_PANE].trigger()
    forward = _walk(window, Qt.Key.Key_Tab)
    backward = _walk(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert backward == list(reversed(forward))


def test_the_pane_keys_leave_the_grid_and_come_back(offline_window):
    window = offline_window
    action = window.registry.actions[ActionId.NEXT_PANE]
    assert action.shortcut().toString() == "F6"
    visited = []
    for _ in range(8):
        action.trigger()
        visited.append(_focus())
        if _focus() is window.media_grid:
            break
    assert window.decision_bar.isAncestorOf(visited[0]) or visited[0] is not window.media_grid
    assert visited[-1] is window.media_grid and len(visited) > 2
    window.registry.actions[ActionId.PREV_PANE].trigger()
    assert _focus() is not window.media_grid


def _read_aloud(widget) -> tuple[str, str]:
    """Name and description as the accessibility interface gives them to a screen reader."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description)


def test_a_tile_says_whether_it_is_blurred_or_revealed(offline_window):
    window = offline_window
    tile = window.media_grid.tiles[0]
    assert tile.accessibleName().startswith("Media item 1")
    assert tile.accessibleDescription().startswith("Blurred")
    name, description = _read_aloud(tile)
    assert name.startswith("Media item 1") and description.startswith("Blurred")
    window.media_grid.hold()
    pump_until(lambda: tile.showing_revealed(), what="reduced detail painted")
    assert tile.accessibleDescription().startswith("Reduced detail revealed")
    window.conceal()
    assert tile.accessibleDescription().startswith("Blurred")


def test_the_next_case_header_is_announced_after_a_decision(offline_window):
    window = offline_window
    first = window.shown_case_id
    QAccessible.setActive(True)  # as with a screen reader listening: the event is sent
    try:
        window.registry.actions[ActionId.NO_VIOLATION].trigger()
        pump_until(lambda: window.shown_case_id != first, what="next case shown")
    finally:
        QAccessible.setActive(False)
    header = window.case_panel.header.text()
    assert window.shown_case_id in header
    assert window.case_panel.property("announced") == header
    assert window.case_panel.header.accessibleName() == header


def test_review_keys_still_work_where_tab_has_put_the_focus(offline_window):
    window = offline_window
    filters = window.queue_panel.filters
    for control in (window.queue_panel.queues, window.queue_panel.cases, filters.sort,
                    filters.priority, window.case_panel.text,
                    window.decision_bar.buttons[ActionId.SKIP], window.sync_indicator):
        control.setFocus(Qt.FocusReason.TabFocusReason)
        before = window.shown_case_id
        QTest.keyClick(control, Qt.Key.Key_J)
        assert window.shown_case_id != before, control.accessibleName()
        QTest.keyClick(control, Qt.Key.Key_K)
        assert window.shown_case_id == before, control.accessibleName()
