"""One application-wide filter for the keys that QAction shortcuts cannot express.

The held reveal keys, the held listen key and Enter on a suggested decision must see a key
whichever widget has the focus, so they filter the application's events. Qt calls an
application-wide filter for every event of the application — paints, timers, layout requests,
a few hundred between a decision key and the next case on screen — and a filter written in
Python costs a call into the interpreter each time. So there is one such filter, and it hands
key events only (QKeyEvent: press, release and shortcut override) to the objects that asked
for them, the last added first, as Qt orders its own filters; the first that returns True keeps
the key.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QKeyEvent


class KeyFilterHub(QObject):
    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.setObjectName("appKeyFilter")
        self._app = app
        self._filters: list[QObject] = []  # last added first

    @classmethod
    def of(cls, app: QCoreApplication) -> "KeyFilterHub":
        return app.findChild(KeyFilterHub, "appKeyFilter") or cls(app)

    def add(self, key_filter: QObject) -> None:
        """`key_filter.eventFilter(watched, event)` is called for key events only, until it is
        removed or destroyed (as Qt forgets a destroyed object's filter)."""
        if not self._filters:
            self._app.installEventFilter(self)
        self._filters.insert(0, key_filter)
        key_filter.destroyed.connect(lambda *_: self._forget(key_filter))

    def remove(self, key_filter: QObject) -> None:
        self._forget(key_filter)

    def _forget(self, key_filter: QObject) -> None:
        self._filters = [f for f in self._filters if f is not key_filter]
        if not self._filters:
            self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if not isinstance(event, QKeyEvent):  # no event type lookup: it builds a Python enum
            return False
        for key_filter in self._filters:
            if key_filter.eventFilter(watched, event):
                return True
        return False
