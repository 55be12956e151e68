"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 on
Python 3.11 drops a reference to None on every call returning nothing, and the app aborts
after a few thousand calls — minutes into a shift)."""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        label.update()
    assert before - sys.getrefcount(None) < 50  # a leaking binding loses 1,000 here
