"""Whether the reviewer is typing: keys that act on media or decide (held reveal, held audio,
Enter on a suggestion) stand aside while a text field has the focus."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit,
                               QPlainTextEdit, QTextEdit)


def in_text_field() -> bool:
    """A line or text edit has the focus: letters and Space are the field's."""
    return isinstance(QApplication.focusWidget(), (QLineEdit, QTextEdit, QPlainTextEdit))


def in_entry_field() -> bool:
    """Any field Enter belongs to: text edits, spin boxes and editable combo boxes."""
    focus = QApplication.focusWidget()
    return in_text_field() or isinstance(focus, QAbstractSpinBox) or (
        isinstance(focus, QComboBox) and focus.isEditable())
