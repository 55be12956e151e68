"""The incidents panel: the open and recent incidents, the selected one's live figures (cases
in, decided, pending, SLA breaches, reviewers working it), the buttons that work it, and the
review sections written here with whether the central API has them yet.

A view only: it shows what reviewer/context/incidents.py holds and emits what was clicked;
ui/context/incident_desk.py does the work. Titles and sections are set as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

# Buttons, in the order shown: (command name the desk handles, label).
COMMANDS = ("declare", "add_case", "sweep", "bulletin", "contain", "close", "write", "export")


class IncidentPanel(QWidget):
    command = Signal(str)  # one of COMMANDS
    selected_changed = Signal(str)  # incident id, "" for none

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("incidentPanel")
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._on_selected())
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setWordWrap(True)
        self.entries = QLabel()
        self.entries.setTextFormat(Qt.TextFormat.PlainText)
        self.entries.setWordWrap(True)
        labels = {"declare": self.tr("Declare…"), "add_case": self.tr("Add this case"),
                  "sweep": self.tr("Sweep…"), "bulletin": self.tr("Bulletin…"),
                  "contain": self.tr("Mark contained"), "close": self.tr("Close incident"),
                  "write": self.tr("Write review…"), "export": self.tr("Export review…")}
        self.buttons = {name: QPushButton(labels[name]) for name in COMMANDS}
        grid = QGridLayout()
        for index, name in enumerate(COMMANDS):
            self.buttons[name].clicked.connect(lambda _=False, n=name: self.command.emit(n))
            grid.addWidget(self.buttons[name], index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Incidents")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.figures)
        layout.addLayout(grid)
        layout.addWidget(self.entries)
        self._enable()

    def show_incidents(self, incidents: list[dict], entries_of) -> None:
        """Refill the list, keeping the selection; `entries_of(id)` gives sections written here."""
        keep = self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        for incident in incidents:
            item = QListWidgetItem(f"{incident['title']} · {incident['severity']} · "
                                   f"{incident['state']}")
            item.setData(Qt.ItemDataRole.UserRole, incident)
            self.list.addItem(item)
            if incident["id"] == keep or (not keep and self.list.count() == 1):
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._entries_of = entries_of
        self._show_selected()
        if self.selected_id() != keep:
            self.selected_changed.emit(self.selected_id())

    def selected(self) -> dict | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_id(self) -> str:
        incident = self.selected()
        return incident["id"] if incident else ""

    def _on_selected(self) -> None:
        self._show_selected()
        self.selected_changed.emit(self.selected_id())

    def _show_selected(self) -> None:
        incident = self.selected()
        self._enable()
        if incident is None:
            self.figures.setText(self.tr("No incident selected."))
            self.entries.clear()
            return
        f = incident["figures"]
        self.figures.setText(self.tr(
            "{id} · commander {commander}\nCases in {cases_in} · decided {decided} · pending "
            "{pending} · SLA breaches {breaches} · reviewers working {working}").format(
            id=incident["id"], commander=incident["commander"], cases_in=f["cases_in"],
            decided=f["decided"], pending=f["pending"], breaches=f["sla_breaches"],
            working=f["reviewers_working"]))
        entries = getattr(self, "_entries_of", lambda _id: [])(incident["id"])
        self.entries.setText("\n".join(self._entry_line(e) for e in entries))

    def _entry_line(self, entry: dict) -> str:
        state = {"pending": self.tr("waiting to be sent"), "sent": self.tr("sent"),
                 "rejected": entry["last_error"]}.get(entry["state"], entry["state"])
        return f"{entry['section']}: {entry['body'][:60]} ({state})"

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for name, button in self.buttons.items():
            button.setEnabled(chosen or name == "declare")
