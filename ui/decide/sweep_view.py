"""The crisis-sweep grid: many near-identical cases, selected by key and decided in bulk.

Every thumbnail goes through the one renderer (`MediaService` with `style_for(preset, category)`),
so it is blurred and grayscale exactly as in case mode, with its category and label on top. A
category that is never rendered is refused by the renderer, and its cell shows that refusal with
the item's hash and metadata, as a case-mode tile does.

There is NO reveal in the sweep grid, at all: no held key, no spotlight, no colour step. A sweep
puts dozens of items on screen at once, so revealing here would multiply exposure; a reviewer
who needs to look closer opens the case in case mode, where reveal is held and metered.

A decision key applies to the selection (or the item under the cursor when nothing is
selected) after the policy picker, a note where the action needs one, and a confirmation that
shows the counts and names every high-profile account included. Each case gets its own
decision with its own id (idempotency key) in the outbox.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (QDialog, QGridLayout, QLabel, QMessageBox, QScrollArea,
                               QVBoxLayout, QWidget)

from reviewer.actions import DECISION_KINDS, ActionId
from reviewer.domain import Case
from reviewer.keymap import Keymap
from reviewer.media.presets import MediaPreset, PresetBook
from reviewer.media.render import style_for
from reviewer.review.session import BulkRecordError, ReviewSession
from reviewer.review.sweep import SWEEP_DECISIONS, SweepSelection
from ui.i18n.core_text import shown, tr
from ui.widgets.accessible import describe
from ui.keys.action_registry import ActionRegistry, Handlers
from ui.media.service import MediaService, RenderKey, RenderResult
from ui.media.tile import category_title, logical_size, placeholder_text
from ui.widgets.note_dialog import NoteDialog
from ui.decide.policy_picker import PolicyPicker
from ui.theme.palette import current_palette

THUMB_BOX = (160, 120)
_LABEL = 36
CELL_SIZE = QSize(THUMB_BOX[0] + 12, THUMB_BOX[1] + _LABEL + 12)
COLUMNS = 6
_RETRY_MS = 2000  # media whose bytes had not arrived is asked for again this often

_MOVES = {ActionId.MOVE_LEFT: (-1, 0), ActionId.MOVE_RIGHT: (1, 0),
          ActionId.MOVE_UP: (0, -1), ActionId.MOVE_DOWN: (0, 1)}


class SweepCell(QWidget):
    """One thumbnail: the blurred render of the case's first media, the case id and category,
    and a frame for the cursor and the selection."""

    def __init__(self, case: Case, preset: MediaPreset, parent: QWidget | None = None):
        super().__init__(parent)
        self.case = case
        self.media = case.media[0] if case.media else None
        self.preset = preset
        self.key: RenderKey | None = None
        if self.media is not None:
            style = style_for(preset, self.media.category)
            self.key = RenderKey.on_screen(self.media.sha256, THUMB_BOX, style,
                                           self.devicePixelRatioF())
        self.result: RenderResult | None = None
        self.selected = self.current = False
        self.painted: tuple = ()
        self.setFixedSize(CELL_SIZE)

    def accept(self, key: RenderKey, result: RenderResult | None) -> None:
        if result is not None and key == self.key:
            self.result = result
            self.update()
            self._describe()

    def set_marks(self, selected: bool, current: bool) -> None:
        if (selected, current) != (self.selected, self.current):
            self.selected, self.current = selected, current
            self.update()
            self._describe()

    def _describe(self) -> None:
        """A painted cell says what it is, and whether it is selected, to a screen reader."""
        category = category_title(self.media.category) if self.media else tr("NO MEDIA")
        state = (tr("Blurred") if self.result is not None and self.result.image is not None
                 else tr("No preview yet") if self.media is not None else tr("No media"))
        describe(self, f"{self.case.id} — {category}", ", ".join(
            [state] + ([tr("selected")] if self.selected else [])
            + ([tr("under the cursor")] if self.current else [])))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), current_palette().colour("sweep_selected" if self.selected else "media_bg"))
        area = QRect(6, _LABEL + 4, THUMB_BOX[0], THUMB_BOX[1])
        if self.media is None:
            self._text(painter, area, tr("No media"))
            self.painted = ("metadata",)
        elif self.result is None or self.result.image is None:
            self._text(painter, area, placeholder_text(self.media, self.result,
                                                       tr("Preparing blurred preview…")))
            self.painted = (self.key,) if self.result is not None and self.result.final else ()
        else:
            image = self.result.image
            width, height = logical_size(image)
            painter.drawImage(area.x() + (area.width() - width) // 2,
                              area.y() + (area.height() - height) // 2, image)
            self.painted = (self.key,)
        self._paint_label(painter)
        self._paint_frame(painter)
        painter.end()

    def _paint_label(self, painter: QPainter) -> None:
        strip = QRect(4, 2, self.width() - 8, _LABEL)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(current_palette().colour("media_attention"))
        category = category_title(self.media.category) if self.media else tr("NO MEDIA")
        mark = "✓ " if self.selected else ""
        painter.drawText(strip, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, mark + category)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(current_palette().colour("media_text"))
        text = self.case.id + (f" · {self.media.label}" if self.media and self.media.label else "")
        text = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, strip.width())
        painter.drawText(strip, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_frame(self, painter: QPainter) -> None:
        if self.selected:
            painter.setPen(QPen(current_palette().colour("media_attention"), 3))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        if self.current:
            painter.setPen(QPen(current_palette().colour("sweep_cursor_secondary"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(self.rect().adjusted(4, 4, -5, -5))

    def _text(self, painter: QPainter, area: QRect, text: str) -> None:
        painter.setPen(current_palette().colour("media_muted"))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


class SweepView(QDialog):
    recorded = Signal(int)  # how many decisions one confirmed bulk decision recorded

    def __init__(self, media_service: MediaService, presets: PresetBook, keymap: Keymap,
                 session: ReviewSession, cases: list[Case], parent: QWidget | None = None,
                 columns: int = COLUMNS):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Crisis sweep"))
        self.setObjectName("sweepView")
        self._service, self.presets, self.keymap, self.session = media_service, presets, keymap, session
        self.selection = SweepSelection(cases, columns)
        self.busy = False  # a bulk decision is being asked for or recorded: keys are dropped
        self.hidden = False  # the panic key took the grid away: every key but it waits
        self.last_confirmation = ""
        self.cells: dict[str, SweepCell] = {}
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(6)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self._grid_host)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys are the sweep's, not scrolling's
        layout = QVBoxLayout(self)
        for widget in (self.status, self.scroll, self.message):
            layout.addWidget(widget)
        self.registry = ActionRegistry(self, keymap, mode="sweep")
        self._wire_keys()
        self._build_cells()
        self._retry = QTimer(self, interval=_RETRY_MS)
        self._retry.timeout.connect(self._request_missing)
        self._retry.start()
        media_service.rendered.connect(self._on_rendered)
        self.resize(columns * (CELL_SIZE.width() + 6) + 60, 760)
        self._show_marks()

    @classmethod
    def run(cls, media_service: MediaService, presets: PresetBook, keymap: Keymap,
            session: ReviewSession, parent: QWidget | None = None) -> int:
        """Sweep the session's current work list, modally; returns how many decisions were
        recorded (the caller then reloads its own view of the work list)."""
        cases = [c for c in (session.cache.case(i) for i in session.case_ids) if c is not None]
        view = cls(media_service, presets, keymap, session, cases, parent)
        total = []
        view.recorded.connect(total.append)
        view.exec()
        view.deleteLater()
        return sum(total)

    # --- building ---------------------------------------------------------------------------
    def _wire_keys(self) -> None:
        self.registry.connect(self.handlers())

    def handlers(self) -> Handlers:
        """Every key of sweep mode and what it does."""
        guarded, sel = self._guarded, self.selection
        table: Handlers = {a: (lambda dx=dx, dy=dy: guarded(lambda: sel.move(dx, dy)))
                           for a, (dx, dy) in _MOVES.items()}
        table.update({a: (lambda a=a: self.decide(a)) for a in SWEEP_DECISIONS})
        table.update({ActionId.TOGGLE_SELECT: lambda: guarded(sel.toggle),
                      ActionId.SELECT_SAME_HASH: lambda: guarded(sel.select_same_hash),
                      ActionId.SELECT_ALL: lambda: guarded(sel.select_all),
                      ActionId.PANIC: self.panic, ActionId.CANCEL: self._cancel})
        return table

    def _build_cells(self) -> None:
        for case in self.selection.cases:
            preset = self.presets.for_category(case.media[0].category) if case.media else self.presets.default
            cell = SweepCell(case, preset, self._grid_host)
            self.cells[case.id] = cell
            if cell.key is not None:  # a case without media has nothing to render
                cell.accept(cell.key, self._service.result(cell.key))
        self._lay_out()

    def _lay_out(self) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        columns = self.selection.columns
        for i, case in enumerate(self.selection.cases):
            self._grid.addWidget(self.cells[case.id], i // columns, i % columns)

    # --- keys -------------------------------------------------------------------------------
    def panic(self) -> None:
        """The panic key does here what it does in case mode: the whole grid goes at once, and
        comes back blurred at the next press. Nothing is selected or decided on a grid the
        reviewer cannot see, so the other keys wait meanwhile."""
        self.hidden = not self.hidden
        self._grid_host.setVisible(not self.hidden)  # the frame stays: nothing moves around it
        self.message.setObjectName("sweepHidden" if self.hidden else "")  # red, as in case mode
        self.message.style().polish(self.message)
        self.message.setText(self.tr("ALL MEDIA HIDDEN · {key} shows the blurred grid again")
                             .format(key=self._keys(ActionId.PANIC)) if self.hidden else "")

    def _guarded(self, change) -> None:
        if self.busy or self.hidden:
            return
        change()
        self._show_marks()

    def _cancel(self) -> None:
        if self.busy or self.hidden:
            return
        if self.selection.selected:  # first Esc clears the selection, the second closes
            self.selection.clear()
            self._show_marks()
        else:
            self.reject()

    def _show_marks(self) -> None:
        current = self.selection.current()
        for case_id, cell in self.cells.items():
            cell.set_marks(self.selection.is_selected(case_id), current is not None and current.id == case_id)
        if current is not None:
            self.scroll.ensureWidgetVisible(self.cells[current.id], 10, 10)
        self.status.setText(
            self.tr("Sweep: %Ln item(s) · {selected} selected   {select} select · {same} same "
                    "media · {all} all · ", "", len(self.selection.cases)).format(
                selected=len(self.selection.selected), select=self._keys(ActionId.TOGGLE_SELECT),
                same=self._keys(ActionId.SELECT_SAME_HASH), all=self._keys(ActionId.SELECT_ALL))
            + " ".join(f"{self._keys(a)} {shown(DECISION_KINDS[a].label)}"
                       for a in SWEEP_DECISIONS)
            + self.tr(" · {cancel} clear/close · no reveal in the sweep").format(
                cancel=self._keys(ActionId.CANCEL)))

    def _keys(self, action: ActionId) -> str:
        return "/".join(self.keymap.keys_for("sweep", action)) or self.tr("(unbound)")

    # --- deciding ---------------------------------------------------------------------------
    def decide(self, action: ActionId) -> int:
        """Ask, confirm and record one decision per target case; returns how many recorded."""
        if self.busy or self.hidden or not self.selection.targets():
            return 0
        self.busy = True
        try:
            answer = self._ask(action)
            if answer is None or not self._confirm(action, answer[0]):
                self.message.setText(self.tr("Nothing recorded."))
                return 0
            return self._record(action, *answer)
        finally:
            self.busy = False

    def _ask(self, action: ActionId) -> tuple[str, str] | None:
        kind = DECISION_KINDS[action]
        targets = self.selection.targets()
        policy = self.session.default_policy(targets[0])
        if kind.needs_policy:
            policies: list[str] = []
            for queue_id in dict.fromkeys(c.queue_id for c in targets):
                queue = self.session.cache.queue(queue_id)
                policies += [p for p in (queue.policies if queue else ()) if p not in policies]
            title = self.tr("{action} %n item(s) under which policy?", "", len(targets))
            policy = PolicyPicker(title.format(action=shown(kind.label)), policies or [policy],
                                  policy, self, self.session.guidelines.policy_name).choose()
            if policy is None:
                return None
        note = ""
        if kind.needs_note:
            dialog = NoteDialog(self.tr("{action} %n item(s)", "", len(targets)).format(
                                    action=shown(kind.label)),
                                self.tr("Why? The note goes with every decision in this sweep."),
                                self, keymap=self.keymap)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            self.activateWindow()
            if not accepted:
                return None
            note = dialog.note()
        return policy, note

    def _confirm(self, action: ActionId, policy: str) -> bool:
        self.last_confirmation = self.selection.summary().confirmation_text(
            action, self.session.guidelines.policy_name(policy))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm bulk decision"),
                          shown(self.last_confirmation),
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("sweepConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)  # handles are user data: never rich text
        box.button(QMessageBox.StandardButton.Ok).setText(
            self.tr("Record %n decision(s) (Enter)", "", self.selection.summary().total))
        box.setDefaultButton(QMessageBox.StandardButton.Ok)  # Enter confirms
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)  # Esc cancels
        confirmed = box.exec() == QMessageBox.StandardButton.Ok
        box.deleteLater()
        self.activateWindow()
        return confirmed

    def _record(self, action: ActionId, policy: str, note: str) -> int:
        try:
            recorded = self.session.decide_many(self.selection.targets(), action, policy, note)
            failure = ""
        except BulkRecordError as exc:
            recorded, failure = exc.recorded, self.tr(" — then NOT recorded: {error}").format(
                error=exc.__cause__)
        done = {d.case_id for d in recorded}
        for case_id in done:
            self.cells.pop(case_id).deleteLater()
        self.selection.remove(done)
        self._lay_out()
        self._show_marks()
        self.message.setText(self.tr("Recorded {action} ({policy}) on %n item(s) — saved here",
                                     "", len(recorded)).format(
            action=shown(DECISION_KINDS[action].label),
            policy=self.session.guidelines.policy_name(policy)) + failure)
        if recorded:
            self.recorded.emit(len(recorded))
        return len(recorded)

    # --- renders ----------------------------------------------------------------------------
    def _on_rendered(self, key: RenderKey, result: RenderResult) -> None:
        for cell in self.cells.values():
            cell.accept(key, result)

    def _request_missing(self) -> None:
        for cell in self.cells.values():
            if cell.key is not None and (cell.result is None or not cell.result.final):
                self._service.request(cell.key)

    def is_settled(self) -> bool:
        """Every cell's final render (or the renderer's refusal) is here."""
        return all(c.key is None or (c.result is not None and c.result.final)
                   for c in self.cells.values())

    def done(self, result: int) -> None:  # noqa: D102 — stop listening once closed
        self._retry.stop()
        try:
            self._service.rendered.disconnect(self._on_rendered)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
