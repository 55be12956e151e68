"""Asks for the note an action requires (escalate). Typing here never triggers a review action:
the dialog is modal and has the focus, and Ctrl+Enter submits, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reviewer.actions import ActionId
from reviewer.keymap import Keymap, load_keymap
from ui.widgets.accessible import describe


def _submit_keys(keymap: Keymap | None) -> list[str]:
    keymap = keymap or load_keymap()
    return keymap.keys_for("note", ActionId.SUBMIT_NOTE) or ["Ctrl+Return"]


class NoteDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None,
                 keymap: Keymap | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        label = QLabel(prompt)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(placeholder)  # a hint of what this note is for
        describe(self.editor, self.tr("Note"), prompt)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        submit = _submit_keys(keymap if keymap is not None else getattr(parent, "keymap", None))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Record ({key})").format(key=submit[0]))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        for keys in submit:  # from the keymap's note mode, like every other binding
            QShortcut(QKeySequence(keys), self, activated=self._submit)
        self.error = QLabel("")
        self.error.setObjectName("formError")  # the theme colours it
        layout = QVBoxLayout(self)
        for widget in (label, self.editor, self.error, self.buttons):
            layout.addWidget(widget)
        self.resize(520, 260)
        self.editor.setFocus()

    def note(self) -> str:
        return self.editor.toPlainText().strip()

    def _submit(self) -> None:
        if not self.note():
            self.error.setText(self.tr("A note is required for this action."))
            return
        self.accept()
