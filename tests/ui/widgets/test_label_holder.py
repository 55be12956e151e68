"""A held label's new text relayouts its surroundings only when it needs another size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget

from tests.qt_wait import pump_until
from ui.widgets.label_holder import LabelHolder


class LayoutRequests(QObject):
    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _panel(qtbot, wrap: bool) -> tuple[QWidget, QLabel, LabelHolder]:
    panel = QWidget()
    qtbot.addWidget(panel)
    label = QLabel("Cases here: 120")
    label.setWordWrap(wrap)
    holder = LabelHolder(label)
    layout = QVBoxLayout(panel)
    layout.addWidget(holder)
    layout.addWidget(QLabel("below"), 1)
    panel.resize(240, 300)
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    return panel, label, holder


def test_a_new_count_of_the_same_size_does_not_relayout_the_panel(qtbot):
    panel, label, holder = _panel(qtbot, wrap=True)
    requests = LayoutRequests(panel)
    for n in range(119, 100, -1):
        label.setText(f"Cases here: {n}")
        QApplication.processEvents()
    assert requests.count == 0
    assert label.text() == "Cases here: 101" and label.geometry() == holder.rect()


def test_a_line_that_needs_more_room_gets_it(qtbot):
    _panel_, label, holder = _panel(qtbot, wrap=True)
    one_line = holder.height()
    label.setText("Showing 12 of 120 · queue graphic media · region EU · language de · "
                  "Ctrl+Shift+L clears (the order stays)")
    pump_until(lambda: holder.height() > one_line, what="the holder grew to the wrapped text")
    assert label.geometry() == holder.rect()
    assert holder.height() >= label.heightForWidth(holder.width())


def test_a_wider_status_widens_its_holder(qtbot):
    panel, label, holder = _panel(qtbot, wrap=False)
    panel.layout().setAlignment(holder, Qt.AlignmentFlag.AlignLeft)
    panel.resize(700, 300)
    QApplication.processEvents()
    narrow = holder.width()
    assert narrow < 300
    label.setText("● Offline — working from cached cases  ·  12 waiting to sync")
    pump_until(lambda: holder.width() > narrow, what="the holder widened")
    assert holder.width() >= label.sizeHint().width()


def test_a_new_message_on_a_line_of_ignored_width_does_not_relayout(qtbot):
    panel, label, holder = _panel(qtbot, wrap=False)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    for _ in range(3):  # the holder takes the new policy, then the panel lays out again
        QApplication.processEvents()
    requests = LayoutRequests(panel)
    label.setText("Recorded c-0001: no violation · a much longer message than the one before")
    QApplication.processEvents()
    label.setText("Recorded c-0002")
    QApplication.processEvents()
    assert requests.count == 0 and label.geometry() == holder.rect()
