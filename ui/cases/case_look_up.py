"""A case asked for by id that is not cached here (the palette's "go to case"): the central
API is asked for it, and it is shown once the sync round that asked brings it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewer.review.session import ReviewSession
from reviewer.sync.engine import SyncStatus
from ui.cases.work_list import WorkList
from ui.i18n.core_text import shown
from ui.sync.bridge import SyncBridge


class CaseLookUp(QObject):
    message = Signal(str)

    def __init__(self, parent: QObject, session: ReviewSession, bridge: SyncBridge,
                 work_list: WorkList):
        super().__init__(parent)
        self.session, self.bridge, self.work_list = session, bridge, work_list

    def ask(self, case_id: str) -> None:
        said = self.tr("Asking the central API for case {case}…") if self.bridge.look_up(
            case_id) else self.tr("Case {case} is not cached here, and there is no central "
                                  "API to ask (offline demo or no sign-in).")
        self.message.emit(said.format(case=case_id))

    def on_sync_status(self, status: SyncStatus) -> None:
        for answer in status.looked_up:
            self.message.emit(shown(answer.message))
            if answer.found:
                self.session.reload()
                self.work_list.go_to_case(answer.case_id)
