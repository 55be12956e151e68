"""Desktop notifications go to the desktop's notification service over the real D-Bus protocol
(a private session bus and a small notification daemon started for the test); with no service,
the tray; with neither, the caller is told so it can say it in the window."""

# No `from __future__ import annotations`: dbus-fast reads the D-Bus signatures from them.
import asyncio
import shutil
import subprocess
import threading

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from tests.qt_wait import pump_until
from ui.widgets.notifier import DESKTOP, NONE, TRAY, Notifier

pytestmark = pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")


class NotificationDaemon:
    """org.freedesktop.Notifications on a bus: records what it is asked to show and can click."""

    def __init__(self, address: str):
        self.address, self.shown, self._loop = address, [], asyncio.new_event_loop()
        self.icons: list[str] = []  # the icon each notification came with
        self._ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        assert self._ready.wait(10), "notification daemon did not start"

    def _run(self) -> None:
        from dbus_fast.aio import MessageBus
        from dbus_fast.service import ServiceInterface, method, signal

        daemon = self

        class Notifications(ServiceInterface):
            def __init__(self):
                super().__init__("org.freedesktop.Notifications")

            @method()
            def Notify(self, app: "s", replaces: "u", icon: "s", summary: "s", body: "s",  # noqa: F821,N802
                       actions: "as", hints: "a{sv}", timeout: "i") -> "u":  # noqa: F821
                daemon.shown.append((summary, body, list(actions)))
                daemon.icons.append(icon)
                return len(daemon.shown)

            @method()
            def GetCapabilities(self) -> "as":  # noqa: F821,N802
                return ["body", "actions"]

            @method()
            def GetServerInformation(self) -> "ssss":  # noqa: F821,N802
                return ["test-daemon", "reviewer-workstation tests", "1", "1.2"]

            @method()
            def CloseNotification(self, nid: "u"):  # noqa: F821,N802
                pass

            @signal()
            def ActionInvoked(self, nid: "u", key: "s") -> "us":  # noqa: F821,N802
                return [nid, key]

            @signal()
            def NotificationClosed(self, nid: "u", reason: "u") -> "uu":  # noqa: F821,N802
                return [nid, reason]

        async def serve():
            bus = await MessageBus(bus_address=self.address).connect()
            self.interface = Notifications()
            bus.export("/org/freedesktop/Notifications", self.interface)
            await bus.request_name("org.freedesktop.Notifications")
            self._ready.set()
            await asyncio.Event().wait()

        self._loop.run_until_complete(serve())

    def click(self, nid: int) -> None:
        self._loop.call_soon_threadsafe(self.interface.ActionInvoked, nid, "default")


@pytest.fixture
def session_bus(monkeypatch):
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, text=True)
    address = bus.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    bus.terminate()
    bus.wait(10)


def test_a_notification_reaches_the_desktop_service_and_a_click_comes_back(qapp, session_bus):
    daemon = NotificationDaemon(session_bus)
    notifier, clicked, sent = Notifier(qapp), [], []
    notifier.sent.connect(lambda channel, title: sent.append((channel, title)))
    assert notifier.notify("SLA breach soon", "c-17 has 4 minutes left",
                           on_click=lambda: clicked.append(threading.current_thread())) == DESKTOP
    pump_until(lambda: daemon.shown, what="the daemon shows the notification")
    summary, body, actions = daemon.shown[0]
    assert (summary, body) == ("SLA breach soon", "c-17 has 4 minutes left")
    assert "default" in actions  # clicking the body is an action the daemon reports
    # `sent` crosses from the notifier's loop thread as a queued signal, after the daemon's reply
    pump_until(lambda: sent, what="the notifier reports what it sent")
    assert sent == [(DESKTOP, "SLA breach soon")]
    daemon.click(1)
    pump_until(lambda: clicked, what="the click reaches the callback")
    assert clicked == [threading.main_thread()]  # on the UI thread: it may touch widgets
    notifier.shutdown()


def test_with_no_notification_service_it_falls_back_to_the_tray_or_says_there_is_none(
        qapp, session_bus):
    notifier, sent = Notifier(qapp), []
    notifier.sent.connect(lambda channel, title: sent.append(channel))
    notifier.notify("Queue about to breach", "Graphic media: 3 cases")
    pump_until(lambda: sent, what="the fallback")
    assert sent == [TRAY if QSystemTrayIcon.isSystemTrayAvailable() else NONE]
    notifier.shutdown()


def test_without_a_session_bus_nothing_waits_on_one(qapp, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    notifier = Notifier(qapp)
    expected = TRAY if QSystemTrayIcon.isSystemTrayAvailable() else NONE
    assert notifier.notify("Paged", "Incident 12 declared") == expected
    notifier.shutdown()
