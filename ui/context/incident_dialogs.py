"""The small forms the incidents panel asks with: declare, sweep, bulletin, review section.

One form class for all of them: each field is a line, a block of text or a choice, and the
answers come back as a dict (None if cancelled). What the form asks lives with the desk that
asks it (incident_desk.py), so a new question is a line there, not a new dialog here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget,
)


LINE_CHARS = 48  # an alert's title, a list of regions or a sha256 (64) mostly in view


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "line"  # line | text | choice
    choices: tuple[str, ...] = ()  # the values a choice answers with
    default: str = ""
    # What the reviewer reads for each choice, in order (an alert's title, not its id;
    # "Hashtag", not "hashtag"); empty: the choices as they are.
    labels: tuple[str, ...] = ()


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, fields: list[Field]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout(self)
        # The answers take the room the form has: a title or a hashtag reads whole, not cut to
        # the style's narrow default line.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in fields:
            widget = self._input(field)
            self.inputs[field.key] = widget
            form.addRow(field.label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {key: _value(widget) for key, widget in self.inputs.items()}

    def ask(self) -> dict[str, str] | None:
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None

    @staticmethod
    def _input(field: Field) -> QWidget:
        if field.kind == "choice":
            return _choice(field)
        if field.kind == "text":
            widget = QPlainTextEdit()
            widget.setPlainText(field.default)
            return widget
        widget = QLineEdit(field.default)
        widget.setMinimumWidth(widget.fontMetrics().averageCharWidth() * LINE_CHARS)
        return widget


def _choice(field: Field) -> QComboBox:
    widget = QComboBox()
    # As wide as a line of the form, whatever a label's length: a long alert title is cut in
    # the closed box (whole in its list), never widening the form past the screen.
    widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    widget.setMinimumContentsLength(LINE_CHARS)
    for value, label in zip(field.choices, field.labels or field.choices):
        widget.addItem(label, value)
    if field.default in field.choices:
        widget.setCurrentIndex(field.choices.index(field.default))
    return widget


def _value(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return str(widget.currentData())
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    return widget.text().strip()
