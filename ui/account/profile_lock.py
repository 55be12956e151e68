"""One workstation per profile: two processes on one profile would be two writers on one outbox.

The first process holds a QLockFile in the profile directory for as long as it runs (a crash
leaves a lock whose process is gone, which the next start removes) and listens on a local
socket named after the profile. A second window start asks the first to come forward and
exits; `sync` and `logout` refuse with one line naming the process that holds the profile.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "workstation.lock"
WAIT_MS = 200  # a lock being released by a process that is just closing


class ProfileInUse(RuntimeError):
    def __init__(self, root: Path, pid: int):
        super().__init__(f"the profile {root} is in use by Reviewer Workstation "
                         f"(process {pid}); close it first")
        self.pid = pid


def lock_profile(root: Path) -> QLockFile:
    """The profile's lock, held until released (or the process ends). Raises ProfileInUse."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = QLockFile(str(root / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has run
    if not lock.tryLock(WAIT_MS):
        pid = lock.getLockInfo()[0] if lock.error() == QLockFile.LockError.LockFailedError else 0
        raise ProfileInUse(root, pid)
    return lock


def _socket_name(root: Path) -> str:
    return "reviewer-workstation-" + hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def bring_forward(root: Path) -> bool:
    """Ask the workstation holding `root` to show its window; True if it heard."""
    socket = QLocalSocket()
    socket.connectToServer(_socket_name(root))
    if not socket.waitForConnected(1000):
        return False
    socket.write(b"forward\n")
    sent = socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    return sent


class ForwardRequests(QObject):
    """Listens, in the process that holds the profile, for a second start's request."""

    requested = Signal()

    def __init__(self, root: Path, parent: QObject | None = None):
        super().__init__(parent)
        name = _socket_name(root)
        QLocalServer.removeServer(name)  # left over by a crash: we hold the lock now
        self._server = QLocalServer(self)
        self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            self.requested.emit()
