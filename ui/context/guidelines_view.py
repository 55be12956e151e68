"""The policy library, readable offline: documents, their versions, and what changed.

Guideline text is shown as plain text only; "what changed" is painted onto a plain-text
document with character formats (insertions on green, deletions on red and struck through),
never by building HTML from guideline text. Keyboard: ↑/↓ choose a document, W what changed,
the acknowledge key (Ctrl+Shift+A by default) acknowledges the bulletin on screen, Esc closes.
The window's side of it (banner, opening, acknowledging) is ui/context/guidelines_desk.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QTextEdit, QVBoxLayout, QWidget)

from reviewer.context.guidelines import Guideline, GuidelineStore, NotReadYet
from ui.theme.palette import current_palette
from ui.i18n.core_text import local_time, tr
from ui.widgets.accessible import describe

_ID_ROLE = Qt.ItemDataRole.UserRole
READ_AFTER_MS = 1500  # on screen this long before a bulletin counts as read


def document_line(guideline: Guideline) -> str:
    """One entry of the library list (plain text)."""
    kind = tr("Bulletin") if guideline.is_bulletin else tr("Policy")
    area = guideline.policy_area or tr("all policies")
    return (f"{guideline.title}\n{kind} · v{guideline.version} · {area} · "
            f"{local_time(guideline.published_at)}")


class GuidelinesView(QDialog):
    acknowledged = Signal(str, int)

    def __init__(self, store: GuidelineStore, parent: QWidget | None = None,
                 ack_keys: list[QKeySequence] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Policy library and guidelines"))
        self.store = store
        self.shown: Guideline | None = None
        self._guideline_id = ""
        self.documents = QListWidget()
        self.documents.setObjectName("guidelineList")
        self.documents.setWordWrap(True)
        self.documents.setMinimumWidth(320)
        self.title = QLabel()
        self.title.setObjectName("guidelineTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.versions = QComboBox()
        self.versions.setObjectName("guidelineVersions")
        self.changes = QPushButton(self.tr("&What changed"))
        self.changes.setCheckable(True)
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.text = QTextEdit()
        self.text.setObjectName("guidelineText")
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        describe(self.documents, self.tr("Documents"), self.tr("Policies and bulletins"))
        describe(self.versions, self.tr("Version"))
        describe(self.text, self.tr("Guideline text"))
        self._read_timer = QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self._read_timer.timeout.connect(self._mark_read)
        self._build_layout()
        self.documents.currentItemChanged.connect(lambda *_: self._document_chosen())
        self.versions.currentIndexChanged.connect(lambda *_: self._render())
        self.changes.toggled.connect(lambda *_: self._render())
        self.ack_button.clicked.connect(self.acknowledge_shown)
        QShortcut(QKeySequence("W"), self, activated=self.changes.toggle)
        for key in ack_keys or [QKeySequence("Ctrl+Shift+A")]:
            QShortcut(key, self, activated=self.acknowledge_shown)
        self.resize(1100, 700)
        self._fill_documents()

    def _build_layout(self) -> None:
        right = QVBoxLayout()
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(QLabel(self.tr("Version")))
        header.addWidget(self.versions)
        header.addWidget(self.changes)
        header.addWidget(self.ack_button)
        right.addLayout(header)
        right.addWidget(self.text, 1)
        body = QHBoxLayout()
        body.addWidget(self.documents, 1)
        body.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        help_text = QLabel(self.tr("↑/↓ document · W what changed since the previous version · "
                                   "Ctrl+Shift+A acknowledge a bulletin · Esc close"))
        help_text.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(help_text)

    # --- choosing -----------------------------------------------------------------------------
    def _fill_documents(self) -> None:
        for guideline in self.store.documents():
            item = QListWidgetItem(document_line(guideline))
            item.setData(_ID_ROLE, guideline.guideline_id)
            self.documents.addItem(item)
        if self.documents.count():
            self.documents.setCurrentRow(0)
        else:
            self.text.setPlainText(self.tr("No guidelines have synced to this machine yet."))

    def show_document(self, guideline_id: str, version: int | None = None,
                      what_changed: bool = False) -> bool:
        """Select a document (and a version of it); False if it is not in the library."""
        for row in range(self.documents.count()):
            if self.documents.item(row).data(_ID_ROLE) == guideline_id:
                self.documents.setCurrentRow(row)
                if version is not None:
                    index = self.versions.findData(version)
                    if index >= 0:
                        self.versions.setCurrentIndex(index)
                self.changes.setChecked(what_changed)
                return True
        return False

    def _document_chosen(self) -> None:
        item = self.documents.currentItem()
        if item is None:
            return
        guideline_id = item.data(_ID_ROLE)
        self.versions.blockSignals(True)
        self.versions.clear()
        for number, version in enumerate(self.store.versions(guideline_id)):
            shown = self.store.get(guideline_id, version)
            latest = self.tr(" (latest)") if number == 0 else ""
            self.versions.addItem(f"v{version}{latest} · {local_time(shown.published_at)}",
                                  version)
        self.versions.setCurrentIndex(0)
        self.versions.blockSignals(False)
        self._guideline_id = guideline_id
        self._render()

    # --- showing ------------------------------------------------------------------------------
    def _render(self) -> None:
        version = self.versions.currentData()
        guideline = self.store.get(self._guideline_id, version) if version is not None else None
        if guideline is None:
            return
        self.shown = guideline
        self.title.setText(self.tr("{title} — {tag} · published by {who}").format(
            title=guideline.title, tag=guideline.tag, who=guideline.published_by))
        if self.changes.isChecked():
            self._show_changes(guideline)
        else:
            self.text.setPlainText(guideline.body)
        # Read once it has stayed on screen a moment: a bulletin flashed past on the way to
        # another document (the list selects its first row on opening) is not read.
        self._read_timer.start()
        self._update_ack_button()

    def _mark_read(self) -> None:
        if self.shown is not None and self.isVisible():
            self.store.mark_read(self.shown.guideline_id, self.shown.version)
            self._update_ack_button()

    def _show_changes(self, guideline: Guideline) -> None:
        previous = self.store.previous(guideline)
        self.text.setPlainText("")
        cursor = QTextCursor(self.text.document())
        intro = QTextCharFormat()
        intro.setFontItalic(True)
        since = f"v{previous.version}" if previous else self.tr("nothing (first version)")
        cursor.insertText(self.tr("Changes from {since} to v{version}: insertions on green, "
                                  "deletions on red and struck through.").format(
            since=since, version=guideline.version) + "\n\n", intro)
        for chunk in self.store.what_changed(guideline, previous):
            cursor.insertText(chunk.text, _format_for(chunk.kind))  # plain text, never HTML

    def _update_ack_button(self) -> None:
        guideline = self.shown
        needs = (guideline is not None and guideline.requires_ack
                 and guideline.version == self.store.versions(guideline.guideline_id)[0])
        done = needs and self.store.is_acknowledged(guideline.guideline_id, guideline.version)
        read = needs and self.store.was_read(guideline.guideline_id, guideline.version)
        self.ack_button.setVisible(bool(needs))
        self.ack_button.setEnabled(bool(needs and read and not done))
        self.ack_button.setText(self.tr("Acknowledged") if done else self.tr("Acknowledge")
                                if read else self.tr("Acknowledge (after reading)"))

    def acknowledge_shown(self) -> None:
        guideline = self.shown
        if guideline is None or not self.ack_button.isVisible() or not self.ack_button.isEnabled():
            return
        try:
            self.store.acknowledge(guideline.guideline_id, guideline.version)
        except NotReadYet:  # cannot happen once rendered; kept as the core's rule
            return
        self._update_ack_button()
        self.acknowledged.emit(guideline.guideline_id, guideline.version)


def _format_for(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if kind == "insert":
        fmt.setBackground(current_palette().colour("insert_bg"))
    elif kind == "delete":
        fmt.setBackground(current_palette().colour("delete_bg"))
        fmt.setFontStrikeOut(True)
    return fmt
