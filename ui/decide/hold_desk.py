"""Hold (Shift+H; H alone is panic) and hand-off (Ctrl+Shift+H) of the case on screen.

A hold asks for a reason and parks the case at the end of the work list; the sync worker tells
the central API, which keeps the lease until the limit (reviewer/review/holds.py). A hand-off
asks for the colleague's name and a note; the case leaves this list once the sync worker has
given it. Both are written locally first and sent off the UI thread, like decisions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from reviewer.actions import ActionId
from reviewer.display_text import local_time
from reviewer.review.holds import HoldBook
from reviewer.review.session import ReviewSession
from ui.keys.action_registry import Handlers
from ui.widgets.note_dialog import NoteDialog


class HoldDesk(QObject):
    message = Signal(str)

    def __init__(self, parent: QWidget, session: ReviewSession, show_current: Callable[[], None],
                 wake: Callable[[], None]):
        super().__init__(parent)
        self.parent_widget, self.session = parent, session
        self.show_current, self.wake = show_current, wake
        self.book = HoldBook(session.cache.db)

    def handlers(self) -> Handlers:
        return {ActionId.HOLD: self.hold, ActionId.HAND_OFF: self.hand_off}

    def hold(self) -> None:
        case = self.session.current()
        if case is None:
            self.message.emit(self.tr("No case on screen to hold."))
            return
        if self.book.is_held(case.id):
            self.book.release(case.id)
            self._after(self.tr("Hold on {0} ended: back in the work order.").format(case.id))
            return
        reason = self._ask_note(self.tr("Hold {0}").format(case.id), self.tr(
            "Why hold it? (waiting for a translation, a legal opinion…) The lease is kept "
            "while it is held, up to four hours."))
        if reason:
            held = self.book.hold(case.id, reason)
            until = local_time(held.until)[11:16] or held.until
            self._after(self.tr("Held {0} until {1}: {2}").format(case.id, until, reason))

    def hand_off(self) -> None:
        case = self.session.current()
        if case is None:
            self.message.emit(self.tr("No case on screen to hand off."))
            return
        name, ok = QInputDialog.getText(self.parent_widget, self.tr("Hand off {0}").format(case.id),
                                        self.tr("Colleague's reviewer name:"),
                                        QLineEdit.EchoMode.Normal, "")
        if not ok or not name.strip():
            return
        note = self._ask_note(self.tr("Hand {0} to {1}").format(case.id, name.strip()),
                              self.tr("A note for your colleague (what to look at, why them)."))
        if note is None:
            return
        self.book.hand_off(case.id, name.strip(), note)
        self._after(self.tr("{0} goes to {1} with the next sync.").format(case.id, name.strip()))

    def _ask_note(self, title: str, prompt: str) -> str | None:
        dialog = NoteDialog(title, prompt, self.parent_widget)
        accepted = dialog.exec() == dialog.DialogCode.Accepted
        self.parent_widget.activateWindow()
        return dialog.note() if accepted else None

    def _after(self, said: str) -> None:
        self.session.reload(keep_current=False)  # held cases go last, the next one shows
        self.show_current()
        self.message.emit(said)
        self.wake()
