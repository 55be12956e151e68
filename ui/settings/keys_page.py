"""Rebinding keys: choose an action, press the new key, see at once whether another action has
it, bind, unbind, or go back to the defaults.

Each change is written to the reviewer's keymap.toml as it is made (reviewer/keymap_file.py,
which keeps hand edits and comments), and the page reloads the merged keymap from the files so
the table and the conflict check always show what the workstation will load. Keys take effect
the next time the workstation starts: the held reveal keys and the key hints shown around the
window are read once, at start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QKeySequenceEdit,
                               QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from reviewer.actions import ACTION_LABELS, ActionId
from reviewer.keymap import Keymap, KeymapError, load_keymap
from reviewer.keymap_file import conflicts_with, reset_all, reset_binding, set_binding
from ui.i18n.core_text import shown


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class KeysPage(QWidget):
    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.keymap = self._load()
        self.mode = QComboBox()
        self.mode.setObjectName("keyMode")
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("keyTable")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.capture = QKeySequenceEdit()
        self.capture.setObjectName("keyCapture")
        self.capture.setMaximumSequenceLength(1)
        self.verdict = QLabel()
        self.verdict.setObjectName("keyConflict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        self.bind = QPushButton(self.tr("Bind this key"))
        self.unbind = QPushButton(self.tr("Unbind"))
        self.default = QPushButton(self.tr("Default for this action"))
        self.reset = QPushButton(self.tr("Reset all keys to defaults"))
        for name, button in (("bindKey", self.bind), ("unbindKey", self.unbind),
                             ("defaultKey", self.default), ("resetKeys", self.reset)):
            button.setObjectName(name)
        self._lay_out()
        self.mode.addItems(sorted(self.keymap.bindings))
        self.mode.setCurrentText("case")
        self.mode.currentTextChanged.connect(lambda _mode: self._fill())
        self.table.currentCellChanged.connect(lambda *_: self._judge())
        self.capture.keySequenceChanged.connect(lambda _seq: self._judge())
        self.bind.clicked.connect(self._bind)
        self.unbind.clicked.connect(lambda: self._write(set_binding, []))
        self.default.clicked.connect(lambda: self._write(reset_binding))
        self.reset.clicked.connect(self._reset_all)
        self._fill()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.bind, self.unbind, self.default):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset)
        note = QLabel(self.tr("Choose an action, click the box below and press the new key. "
                              "Changes are saved to keymap.toml as you make them and take "
                              "effect the next time the workstation starts."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.mode)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.capture)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)

    # --- reading --------------------------------------------------------------------------------
    def _load(self) -> Keymap:
        try:
            return load_keymap(self.path)
        except KeymapError as exc:  # a hand edit gone wrong: show the defaults, say why
            self.problem = str(exc)
            return load_keymap(None)

    problem = ""

    def _fill(self) -> None:
        mode = self.mode.currentText()
        actions = list(self.keymap.bindings.get(mode, {}))
        self.table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            label = QTableWidgetItem(shown(ACTION_LABELS.get(action, action.value)))
            label.setData(Qt.ItemDataRole.UserRole, action.value)
            keys = ", ".join(_native(k) for k in self.keymap.keys_for(mode, action))
            self.table.setItem(row, 0, label)
            self.table.setItem(row, 1, QTableWidgetItem(keys or self.tr("(unbound)")))
        self.table.resizeColumnToContents(0)
        self._judge()

    def select(self, action: ActionId) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == action.value:
                self.table.setCurrentCell(row, 0)

    def current_action(self) -> ActionId | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return ActionId(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def pressed(self) -> str:
        return self.capture.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    # --- judging as the reviewer types ----------------------------------------------------------
    def _judge(self) -> None:
        self._say(conflict=False)
        action, key = self.current_action(), self.pressed()
        for button in (self.unbind, self.default):
            button.setEnabled(action is not None)
        self.bind.setEnabled(False)
        if self.problem:
            self._say(self.problem, conflict=True)
        elif action is None:
            self.verdict.setText(self.tr("Choose an action to change its key."))
        elif not key:
            self.verdict.setText(self.tr("Press the new key for “{action}”.").format(
                action=shown(ACTION_LABELS[action])))
        elif (owner := conflicts_with(self.keymap, self.mode.currentText(), action, key)):
            self._say(self.tr(
                "{key} is already bound to “{other}”: unbind that first, or press another "
                "key.").format(key=_native(key), other=shown(ACTION_LABELS[owner])), conflict=True)
        else:
            self.verdict.setText(self.tr("{key} is free.").format(key=_native(key)))
            self.bind.setEnabled(True)

    def _say(self, text: str | None = None, conflict: bool = False) -> None:
        """The verdict line; a conflict or a refusal in the theme's error colour."""
        if text is not None:
            self.verdict.setText(text)
        if self.verdict.property("conflict") != conflict:
            self.verdict.setProperty("conflict", conflict)
            self.verdict.style().polish(self.verdict)

    # --- writing --------------------------------------------------------------------------------
    def _bind(self) -> None:
        self._write(set_binding, [self.pressed()])

    def _write(self, change, *keys) -> None:
        action = self.current_action()
        if action is None:
            return
        try:
            change(self.path, self.mode.currentText(), action, *keys)
        except (KeymapError, OSError) as exc:
            self._say(self.tr("Not saved: {reason}").format(reason=str(exc)), conflict=True)
            return
        self._reload(action)

    def _reset_all(self) -> None:
        backup = reset_all(self.path)
        action = self.current_action()
        self._reload(action)
        if backup is not None:
            self.verdict.setText(self.tr("Every key is back to its default; your file was kept "
                                         "as {file}.").format(file=backup.name))

    def _reload(self, action: ActionId | None) -> None:
        self.problem = ""
        self.keymap = self._load()
        self.capture.clear()
        self._fill()
        if action is not None:
            self.select(action)
