"""Desktop notifications, one way in: `notify(title, body, on_click=None)`.

The platform's notification service is used where there is one (on Linux the freedesktop
org.freedesktop.Notifications service on the session bus, through `desktop-notifier`, which
also speaks to Windows and macOS); the system tray's balloon where there is not; the returned
channel says which, so a caller can also say it in the window when neither exists.

`desktop-notifier` is asyncio; Qt owns the UI thread. The notifier runs one asyncio loop on
its own daemon thread, so the UI thread never waits on the bus, and a click comes back to the
UI thread through a queued signal before `on_click` runs — a callback may touch widgets.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)

APP_NAME = "Reviewer Workstation"
SERVICE = "org.freedesktop.Notifications"
TRAY_SHOW_MS = 10_000

DESKTOP, TRAY, NONE = "desktop", "tray", "none"  # the channels, as `notify` reports them


class Notifier(QObject):
    """Sends notifications; `sent` reports (channel, title) for every one, for the window and
    for tests."""

    sent = Signal(str, str)
    _run_on_ui = Signal(object)  # a callable from the loop thread, run on the UI thread
    _fall_back = Signal(str, str, object)  # the service is gone: the tray shows it instead

    def __init__(self, parent: QObject | None = None, icon: QIcon | None = None):
        super().__init__(parent)
        self._icon = icon
        self._tray: QSystemTrayIcon | None = None
        self._tray_click: Callable[[], None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._desktop = None  # desktop_notifier.DesktopNotifier, made on the loop thread
        self._run_on_ui.connect(lambda fn: fn())
        self._fall_back.connect(self._tray_notify)

    # --- the API -------------------------------------------------------------------------------
    def notify(self, title: str, body: str, on_click: Callable[[], None] | None = None) -> str:
        """Show a notification; `on_click` runs on the UI thread if the reviewer clicks it.
        Returns the channel tried first: "desktop", "tray" or "none" (nowhere to show it)."""
        if self._service_may_exist():
            asyncio.run_coroutine_threadsafe(self._send(title, body, on_click), self._ensure_loop())
            return DESKTOP
        return self._tray_notify(title, body, on_click)

    def shutdown(self) -> None:
        if self._tray is not None:
            self._tray.hide()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._loop = None

    # --- the platform service, on the loop thread ----------------------------------------------
    @staticmethod
    def _service_may_exist() -> bool:
        """Linux needs a session bus to try; Windows and macOS always have a service."""
        if sys.platform.startswith("linux"):
            return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
        return sys.platform in ("win32", "darwin")

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="notifier", daemon=True).start()
        return self._loop

    async def _send(self, title: str, body: str, on_click: Callable[[], None] | None) -> None:
        try:
            if not await self._service_present():
                self._fall_back.emit(title, body, on_click)
                return
            clicked = (lambda: self._run_on_ui.emit(on_click)) if on_click else None
            await self._notifier().send(title=title, message=body, on_clicked=clicked)
            self.sent.emit(DESKTOP, title)
        except Exception as exc:  # noqa: BLE001 -- a broken bus must not lose the message
            log.warning("desktop notification failed (%s); using the tray", exc)
            self._fall_back.emit(title, body, on_click)

    async def _service_present(self) -> bool:
        """Whether a notification daemon owns, or can be started for, the freedesktop name."""
        if not sys.platform.startswith("linux"):
            return True
        from dbus_fast import Message
        from dbus_fast.aio import MessageBus
        bus = await MessageBus().connect()
        try:
            for method in ("NameHasOwner", "ListActivatableNames"):
                reply = await bus.call(Message(
                    destination="org.freedesktop.DBus", path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus", member=method,
                    signature="s" if method == "NameHasOwner" else "",
                    body=[SERVICE] if method == "NameHasOwner" else []))
                found = reply.body[0] if method == "NameHasOwner" else SERVICE in reply.body[0]
                if found:
                    return True
            return False
        finally:
            bus.disconnect()

    def _notifier(self):
        if self._desktop is None:
            from desktop_notifier import DesktopNotifier, Icon
            from ui.widgets.app_icon import notification_icon_file
            self._desktop = DesktopNotifier(app_name=APP_NAME,  # not the library's Python logo
                                            app_icon=Icon(path=Path(notification_icon_file())))
        return self._desktop

    # --- the tray, on the UI thread --------------------------------------------------------------
    def _tray_notify(self, title: str, body: str, on_click: Callable[[], None] | None) -> str:
        if not QSystemTrayIcon.isSystemTrayAvailable() or not QSystemTrayIcon.supportsMessages():
            self.sent.emit(NONE, title)
            return NONE
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon or _window_icon(), self)
            self._tray.setToolTip(APP_NAME)
            self._tray.messageClicked.connect(self._tray_clicked)
            self._tray.show()
        self._tray_click = on_click  # the tray shows one message at a time: the latest wins
        self._tray.showMessage(title, body, self._tray.icon(), TRAY_SHOW_MS)  # the product's
        self.sent.emit(TRAY, title)
        return TRAY

    def _tray_clicked(self) -> None:
        if self._tray_click is not None:
            self._tray_click()


def _window_icon() -> QIcon:
    """The application's icon (set where the application starts), else the product icon
    itself: the tray cannot show a message without some icon."""
    icon = QGuiApplication.windowIcon()
    if not icon.isNull():
        return icon
    from ui.widgets.app_icon import product_icon
    return product_icon()


def notifier() -> Notifier:
    """The application's one notifier, made on first use and owned by the QApplication (one
    tray icon and one bus connection however many parts of the window notify)."""
    app = QCoreApplication.instance()
    found = app.findChild(Notifier, "appNotifier")
    if found is None:
        found = Notifier(app)
        found.setObjectName("appNotifier")
    return found


def notify(title: str, body: str, on_click: Callable[[], None] | None = None) -> str:
    """Show a desktop notification (see `Notifier.notify`)."""
    return notifier().notify(title, body, on_click)
