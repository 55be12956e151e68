"""The window's side of the policy library: the bulletin banner, opening the library (on the
guideline for the case on screen, or a policy's from the palette), and acknowledging bulletins.

Acknowledgements wait in the local store; `changed` asks the window to wake the sync worker,
and `message` says what happened.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from reviewer.actions import ActionId
from reviewer.context.guidelines import GuidelineStore
from reviewer.domain import Case
from ui.context.bulletin_banner import BulletinBanner
from ui.context.guidelines_view import GuidelinesView
from ui.keys.action_registry import Handlers


class GuidelinesDesk(QObject):
    message = Signal(str)
    changed = Signal()  # an acknowledgement waits to be sent

    def __init__(self, parent: QWidget, store: GuidelineStore, ack_keys: list[QKeySequence],
                 current_case: Callable[[], Case | None], conceal: Callable[[], None]):
        super().__init__(parent)
        self.parent_widget, self.store, self.ack_keys = parent, store, ack_keys
        self.current_case, self.conceal = current_case, conceal
        key_text = ack_keys[0].toString(QKeySequence.SequenceFormat.NativeText) if ack_keys else ""
        self.banner = BulletinBanner(key_text, store.queue_name)
        self.banner.read_requested.connect(lambda gid, version: self.open(gid, version))
        self.banner.acknowledge_requested.connect(self.acknowledge)
        self.refresh()

    def handlers(self) -> Handlers:
        return {ActionId.GUIDELINES: self.open_for_case,
                ActionId.ACKNOWLEDGE_BULLETIN: self.acknowledge}

    def refresh(self) -> None:
        """Show the bulletins still to acknowledge (at start, offline too, and after a sync);
        policies are named by their documents' titles as synced."""
        self.store.forget_names()
        self.banner.show_bulletins(self.store.unacknowledged())

    def open_for_case(self) -> None:
        """G: the library, on the guideline for the case on screen's policy area."""
        case = self.current_case()
        guideline = self.store.for_policy(case.policy_area) if case is not None else None
        self.open(guideline.guideline_id if guideline else None)

    def open_for_policy(self, policy: str) -> None:
        """The library on a policy's guideline (from the palette); the library's first
        document if that policy has none synced yet."""
        guideline = self.store.for_policy(policy)
        if guideline is None:
            self.message.emit(self.tr("No guideline for {policy} has synced yet.").format(
                policy=policy))
        self.open(guideline.guideline_id if guideline else None)

    def open(self, guideline_id: str | None = None, version: int | None = None) -> None:
        self.conceal()
        view = GuidelinesView(self.store, self.parent_widget, self.ack_keys)
        if guideline_id:
            view.show_document(guideline_id, version)
        view.acknowledged.connect(self._acknowledged)
        view.exec()
        self.parent_widget.activateWindow()
        self.refresh()

    def acknowledge(self, guideline_id: str | None = None, version: int | None = None) -> None:
        """Ctrl+Shift+A / the banner's button: acknowledge a bulletin already read; one not
        read yet is opened instead (acknowledge it there, or with the key once read)."""
        if guideline_id is None:
            waiting = self.store.unacknowledged()
            if not waiting:
                self.message.emit(self.tr("No bulletin is waiting for acknowledgement."))
                return
            guideline_id, version = waiting[0].guideline_id, waiting[0].version
        if not self.store.was_read(guideline_id, version):
            self.message.emit(self.tr("Read the bulletin first; acknowledge it from there."))
            self.open(guideline_id, version)
            return
        if self.store.acknowledge(guideline_id, version):
            self._acknowledged(guideline_id, version)
        self.refresh()

    def _acknowledged(self, guideline_id: str, version: int) -> None:
        self.message.emit(self.tr("Acknowledged {guideline}@{version}; it is sent to the "
                                  "central API with the next sync.").format(
            guideline=guideline_id, version=version))
        self.changed.emit()
        self.refresh()
