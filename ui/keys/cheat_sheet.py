"""The `?` cheat sheet: every binding of every mode, generated from the live keymap (with the
reviewer's overrides), so it can never disagree with what the keys do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from reviewer.actions import ACTION_LABELS
from reviewer.keymap import Keymap
from ui.i18n.core_text import shown as translated, tr
from ui.widgets.accessible import describe


def rows_for(keymap: Keymap) -> list[tuple[str, str, str]]:
    rows = []
    for mode, bindings in keymap.bindings.items():
        for action, keys in bindings.items():
            shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                              for k in keys) or tr("(unbound)")
            rows.append((mode, shown, translated(ACTION_LABELS.get(action, action.value))))
    return rows


class CheatSheet(QDialog):
    def __init__(self, keymap: Keymap, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keys — cheat sheet"))
        rows = rows_for(keymap)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("cheatSheet")
        self.table.setHorizontalHeaderLabels([self.tr("Mode"), self.tr("Key"), self.tr("Action")])
        describe(self.table, self.windowTitle())
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)  # a list to read
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        hint = QLabel(self.tr("Every key, from the keymap in use (your overrides included). "
                              "Esc closes."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        self.resize(620, 640)
