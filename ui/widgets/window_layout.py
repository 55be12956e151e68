"""The window's size, place and splitter positions, remembered per profile.

Kept in window.json next to the profile's settings.json rather than in it: the values are Qt's
own opaque blobs (base64), not something a reviewer edits by hand, and a bad or stale file is
simply ignored (Qt's restoreGeometry also moves a window whose screen has gone back onto one
that exists). Saved when the window closes, restored as it is built.
"""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QSplitter

from reviewer.profile import Profile

FILE_NAME = "window.json"


def layout_path(profile: Profile):
    return profile.settings_path.with_name(FILE_NAME)


class LayoutKeeper(QObject):
    """Saves the window's layout when it closes (an event filter: the window needs no hook)."""

    def __init__(self, window: QMainWindow, profile: Profile):
        super().__init__(window)
        self.window, self.path = window, layout_path(profile)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save()
        return False

    def save(self) -> None:
        data = {"geometry": _text(self.window.saveGeometry()),
                "splitters": {s.objectName(): _text(s.saveState()) for s in _splitters(self.window)}}
        try:
            tmp = self.path.with_name(FILE_NAME + ".tmp")
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only profile keeps the default layout next time; nothing else is lost

    def restore(self) -> bool:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            geometry, splitters = data["geometry"], dict(data.get("splitters", {}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False
        restored = self.window.restoreGeometry(_bytes(geometry))
        for splitter in _splitters(self.window):
            if isinstance(splitters.get(splitter.objectName()), str):
                splitter.restoreState(_bytes(splitters[splitter.objectName()]))
        return restored


def remember_layout(window: QMainWindow, profile: Profile) -> LayoutKeeper:
    keeper = LayoutKeeper(window, profile)
    keeper.restore()
    return keeper


def _splitters(window: QMainWindow) -> list[QSplitter]:
    """The named splitters (a name is what ties a saved position to its splitter): those the
    window lists, else all found (findChildren wraps each of the window's ~1,000 objects for
    Python to test its type: ~10 ms at start-up)."""
    listed = getattr(window, "splitters", None)
    return [s for s in (window.findChildren(QSplitter) if listed is None else listed)
            if s.objectName()]


def _text(blob: QByteArray) -> str:
    return bytes(blob.toBase64()).decode("ascii")


def _bytes(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))
