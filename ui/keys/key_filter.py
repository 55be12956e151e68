"""One filter for the keys that QAction shortcuts cannot express.

The held reveal keys, the held listen key and Enter on a suggested decision must see a key
whichever widget has the focus. A filter on the application would see it, but Qt calls an
application-wide filter for every event of the application — paints, timers, layout requests,
a few hundred between a decision key and the next case on screen — and PySide wraps each event
and its receiver for Python: about 3 of the UI thread's 21–24 ms per decision (measured with
and without it). So the one filter watches only where Qt delivers key events (press, release
and shortcut override): the focus widget, followed as the focus moves, and its window (keys
reach a window with no focus widget, and a key the focus widget ignores goes up to it). It
hands key events only to the objects that asked for them, the last added first, as Qt orders
its own filters; the first that returns True keeps the key.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


class KeyFilterHub(QObject):
    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.setObjectName("appKeyFilter")
        self._filters: list[QObject] = []  # last added first
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    @classmethod
    def of(cls, app: QCoreApplication) -> "KeyFilterHub":
        return app.findChild(KeyFilterHub, "appKeyFilter") or cls(app)

    def add(self, key_filter: QObject) -> None:
        """`key_filter.eventFilter(watched, event)` is called for key events only, until it is
        removed or destroyed (as Qt forgets a destroyed object's filter)."""
        self._filters.insert(0, key_filter)
        key_filter.destroyed.connect(lambda *_: self._forget(key_filter))
        owner = key_filter.parent()
        if isinstance(owner, QWidget):
            self.watch(owner.window())  # keys sent to the window before anything has focus
        self.watch(QApplication.focusWidget())

    def remove(self, key_filter: QObject) -> None:
        self._forget(key_filter)

    def watch(self, widget: QWidget | None) -> None:
        """See the key events delivered to `widget` and to its window. Qt keeps one copy of a
        filter per object, so watching again costs nothing."""
        if widget is None:
            return
        widget.installEventFilter(self)
        if not widget.isWindow():
            widget.window().installEventFilter(self)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and not old.isWindow():
            old.removeEventFilter(self)  # its window stays watched
        if self._filters:
            self.watch(new)

    def _forget(self, key_filter: QObject) -> None:
        self._filters = [f for f in self._filters if f is not key_filter]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        # No event type lookup: it builds a Python enum.
        if not self._filters or not isinstance(event, QKeyEvent):
            return False
        for key_filter in self._filters:
            if key_filter.eventFilter(watched, event):
                return True
        return False
