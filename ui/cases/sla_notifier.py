"""Desktop notifications for cases about to breach their SLA.

Checks the cached cases every half minute on a local timer, so it keeps warning while the
central API is unreachable. The notification goes through the one notifier
(ui/widgets/notifier.py: the desktop's notification service, else the tray) and always to the
window's status line too, which is all there is on a desktop with neither. Clicking the
notification brings the window up on the most urgent of the cases it named.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from reviewer.review.case_list import CaseList
from reviewer.review.sla_watch import SlaAlert, SlaWatch
from ui.widgets.notifier import notify
from ui.i18n.core_text import shown

CHECK_EVERY_MS = 30_000
FIRST_CHECK_MS = 1000
FIRST_CHECK_TRIES = 6


class SlaNotifier(QObject):
    alerted = Signal(object)  # SlaAlert, whichever way it was shown

    def __init__(self, window: QWidget, cases: CaseList, show_in_window: Callable[[str], None],
                 go_to_case: Callable[[str], None]):
        super().__init__(window)
        self.window = window
        self.watch = SlaWatch(cases)
        self.show_in_window, self.go_to_case = show_in_window, go_to_case
        self.last_alert: SlaAlert | None = None
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        # Cases already due at start are announced a moment after the first case is on
        # screen: the check reads every deadline, which start-up leaves for later.
        self._first_tries = FIRST_CHECK_TRIES
        QTimer.singleShot(FIRST_CHECK_MS, self._first_check)

    def _first_check(self) -> None:
        """Once the list has read every deadline (the window reads them in steps after
        start-up), or after a few waits at the most: reading them here would be one pause."""
        self._first_tries -= 1
        if self.watch.cases.is_complete or self._first_tries <= 0:
            self.check()
        else:
            QTimer.singleShot(FIRST_CHECK_MS // 2, self._first_check)

    def check(self) -> SlaAlert | None:
        alert = self.watch.check()
        if alert is None:
            return None
        self.last_alert = alert
        notify(shown(alert.title), shown(alert.message), on_click=self._open_alerted_case)
        self.show_in_window(f"{shown(alert.title)}: {shown(alert.message)}")
        self.alerted.emit(alert)
        return alert

    def _open_alerted_case(self) -> None:
        if self.last_alert and self.last_alert.case_ids:
            self.window.showNormal()
            self.window.activateWindow()
            self.go_to_case(self.last_alert.case_ids[0])

    def shutdown(self) -> None:
        self._timer.stop()
