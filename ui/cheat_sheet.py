"""The `?` cheat sheet: every binding of every mode, generated from the live keymap (with the
reviewer's overrides), so it can never disagree with what the keys do."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from reviewer.actions import ACTION_LABELS
from reviewer.keymap import Keymap


def rows_for(keymap: Keymap) -> list[tuple[str, str, str]]:
    rows = []
    for mode, bindings in keymap.bindings.items():
        for action, keys in bindings.items():
            shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                              for k in keys) or "(unbound)"
            rows.append((mode, shown, ACTION_LABELS.get(action, action.value)))
    return rows


class CheatSheet(QDialog):
    def __init__(self, keymap: Keymap, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keys")
        rows = rows_for(keymap)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("cheatSheet")
        self.table.setHorizontalHeaderLabels(["Mode", "Key", "Action"])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.resize(620, 640)
