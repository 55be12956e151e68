"""The investigation panel beside the case: account, enforcement and strikes, other open
reports, related cached cases, reporters and account notes (reviewer/context/investigation.py).

Cheap on every case change: while hidden it does nothing; while shown it reads the local store
(a few indexed rows and one AES-GCM open) once the new case has painted, never the network.
Everything is plain text (labels with Qt.PlainText, list items are plain by nature), so a
handle or note holding HTML shows those characters and loads nothing.
"""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel, QListWidget, QListWidgetItem, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from reviewer.context import investigation_text as text
from reviewer.domain import Case
from reviewer.context.investigation import Investigation, InvestigationStore
from reviewer.sync.engine import SyncStatus
from ui.widgets.accessible import describe
from ui.widgets.note_dialog import NoteDialog

# Section title (English key, translated on screen) -> the object name of its label (tests
# and the stylesheet find them by it).
SECTIONS = {QT_TRANSLATE_NOOP("InvestigationPanel", "Account"): "investigationAccount",
            QT_TRANSLATE_NOOP("InvestigationPanel", "Enforcement & strikes"):
                "investigationEnforcement",
            QT_TRANSLATE_NOOP("InvestigationPanel", "Other open reports"):
                "investigationOpenReports",
            QT_TRANSLATE_NOOP("InvestigationPanel", "Related cases"): "investigationRelated",
            QT_TRANSLATE_NOOP("InvestigationPanel", "Reporters"): "investigationReporters",
            QT_TRANSLATE_NOOP("InvestigationPanel", "Account notes"): "investigationNotes"}
REFRESH_DELAY_MS = 30  # after the new case has painted (two frames); see MainWindow prefetch
FIRST_READ_DELAY_MS = 600  # the first case's, at start-up: once it is on screen
MAX_RELATED_SHOWN = 20  # open ones come first; a longer list only costs layout time
PREFERRED_WIDTH = 380  # taken from the case view when first shown: its text stays readable


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # platform and reviewer text: never rich text
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class InvestigationPanel(QScrollArea):
    case_requested = Signal(str)  # a related case was clicked
    note_added = Signal()  # an account note was recorded here (search indexes it)
    hint_changed = Signal(str)  # while hidden: the one-line summary for the case panel

    def __init__(self, db: sqlite_utils.Database, note_key: str = "N",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("investigationPanel")
        self.setWidgetResizable(True)
        # Reached by Tab (a screen reader reads it there), never by a click: keys stay the
        # review actions'.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        describe(self, self.tr("Investigation"), self.tr("The account, its history, related "
                                                         "cases, reporters and notes"))
        self.setMinimumWidth(300)
        self.store, self.note_key = InvestigationStore(db), note_key or "N"
        self.case: Case | None = None
        self.view: Investigation | None = None
        self.online: bool | None = None
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._built = False  # the sections are made when first shown (hidden at start)

    def showEvent(self, event) -> None:  # noqa: N802
        self._build()
        super().showEvent(event)

    def _build(self) -> None:
        """The sections, once: the panel starts hidden, and building and styling its labels
        and list would otherwise cost the way to the first case some 50 ms."""
        if self._built:
            return
        self._built = True
        body = QWidget()
        layout = QVBoxLayout(body)
        self.status = _plain_label("investigationStatus")
        layout.addWidget(self.status)
        self.sections: dict[str, QLabel] = {}
        bold = QFont()
        bold.setBold(True)
        for title, name in SECTIONS.items():
            heading = QLabel(self.tr(title))
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setFont(bold)
            layout.addWidget(heading)
            if title == "Related cases":
                self.related = QListWidget()
                self.related.setObjectName("investigationRelatedList")
                self.related.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                describe(self.related, self.tr("Related cases"))
                self.related.setWordWrap(True)
                self.related.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                self.related.setMaximumHeight(140)
                self.related.itemClicked.connect(self._related_clicked)
                layout.addWidget(self.related)
            label = _plain_label(name)
            self.sections[title] = label
            layout.addWidget(label)
        layout.addStretch(1)
        self.setWidget(body)

    # --- what is shown ------------------------------------------------------------------
    def show_case(self, case: Case | None) -> None:
        """Called on every case change: remembers the case; reads the store only when shown,
        and only after the case itself has painted."""
        self.case = case
        # Hidden, it still reads once to say what it would show. At start-up (the window not
        # shown yet) it waits longer: its queries would sit between the first case and its paint.
        self._timer.start(REFRESH_DELAY_MS if self.window().isVisible() else FIRST_READ_DELAY_MS)

    def read_later(self) -> None:
        """The case has painted: the reads wait their delay from now, never inside a slow paint."""
        self._timer.start(REFRESH_DELAY_MS)

    def refresh(self) -> None:
        """Read the investigation of the current case from the local store and show it."""
        self._timer.stop()
        if not self.isVisible():
            self._hint()
            return
        self.hint_changed.emit("")
        self._build()
        case = self.case
        if case is None:
            self.view = None
            self.status.setText(self.tr("No case on screen."))
            for label in self.sections.values():
                label.setText("")
            self.related.clear()
            return
        self.view = view = self.store.load(case)
        self.status.setText(text.status_line(view, self.online))
        self.sections["Account"].setText(text.account_section(case, view))
        self.sections["Enforcement & strikes"].setText(text.enforcement_section(case, view))
        self.sections["Other open reports"].setText(text.open_reports_section(view))
        self.sections["Reporters"].setText(text.reporters_section(view))
        self.sections["Account notes"].setText(text.notes_section(view, self.note_key))
        self._show_related(view)

    def _hint(self) -> None:
        """The case panel's line about notes, strikes and other reports of the account (so a
        note written by a colleague is not missed because the panel is closed)."""
        view = self.store.load(self.case) if self.case is not None else None
        self.hint_changed.emit(text.hint_line(view) if view else "")

    def _show_related(self, view: Investigation) -> None:
        self.related.clear()
        for related in view.related[:MAX_RELATED_SHOWN]:
            item = QListWidgetItem(text.related_line(related.case_id, related.queue_id,
                                                     related.state, related.why))
            item.setData(Qt.ItemDataRole.UserRole, related.case_id)
            self.related.addItem(item)
        self.related.setVisible(bool(view.related))
        more = len(view.related) - MAX_RELATED_SHOWN
        self.sections["Related cases"].setText(
            (self.tr("+%n more. ", "", more) if more > 0 else "")
            + self.tr("Click one to go to it.") if view.related
            else self.tr("No related cases in this machine's cache (same author or same-looking "
                         "media)."))

    def _related_clicked(self, item: QListWidgetItem) -> None:
        self.case_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        if self.isVisible():
            self._take_room()
        self.refresh()

    def _take_room(self) -> None:
        """Widen to PREFERRED_WIDTH at the expense of the widget to the left (the case)."""
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or splitter.indexOf(self) < 1:
            return
        sizes, index = splitter.sizes(), splitter.indexOf(self)
        grow = min(PREFERRED_WIDTH - sizes[index], sizes[index - 1] // 3)
        if grow > 0:
            sizes[index] += grow
            sizes[index - 1] -= grow
            splitter.setSizes(sizes)

    def on_sync(self, status: SyncStatus) -> None:
        """Online state for the status line; redraw when contexts or notes changed."""
        changed = status.online != self.online or status.context_changed
        self.online = status.online
        if changed:
            self._timer.start()

    # --- account notes ------------------------------------------------------------------
    def ask_note(self, parent: QWidget) -> str:
        """Ask for a note on the current case's account and record it here at once; returns
        what the status line should say."""
        case = self.case
        if case is None:
            return self.tr("No case on screen: account notes belong to a case's author.")
        dialog = NoteDialog(self.tr("Note on @{handle}").format(handle=case.author.handle),
                            self.tr("A note on this account follows it to every case of its "
                                    "author, for every reviewer who may read them."), parent)
        dialog.editor.setPlaceholderText(self.tr("What should the next reviewer of this account "
                                                 "know?"))
        if dialog.exec() != NoteDialog.DialogCode.Accepted:
            return ""
        self.store.add_note(case, dialog.note())
        self.note_added.emit()
        if not self.isVisible():
            self.toggle()  # show the note where it now lives
        self.refresh()
        return self.tr("Note on @{handle} recorded; it reaches the central API when "
                       "online.").format(handle=case.author.handle)
