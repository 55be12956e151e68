"""Assembles the workstation: store, session, sync worker, decode pool, window."""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QApplication

from reviewer.api_client import ApiClient
from reviewer.keymap import load_keymap
from reviewer.profile import Profile
from reviewer.resources import RESOURCES_DIR
from reviewer.session import ReviewSession
from reviewer.store import open_store
from reviewer.sync_engine import SyncEngine, SyncSettings
from ui.main_window import MainWindow
from ui.media_service import MediaService
from ui.sync_bridge import SyncBridge


def build_workstation(profile: Profile, server_url: str | None, token: str | None,
                      settings: SyncSettings | None = None) -> MainWindow:
    """Everything but the event loop; tests and benchmarks drive the window this returns."""
    profile.ensure()
    keymap = load_keymap(profile.keymap_path)
    for conflict in keymap.conflicts:
        print(f"keymap conflict: {conflict}", file=sys.stderr)
    engine = None
    if server_url and token:
        engine = SyncEngine(profile.store_path, ApiClient(server_url, token), settings=settings)
    bridge = SyncBridge(engine)
    session = ReviewSession(open_store(profile.store_path))
    media = MediaService(profile.store_path)
    window = MainWindow(session, media, bridge, keymap)
    if keymap.conflicts:
        window.last_decision.setText("Key binding conflicts: " + "; ".join(keymap.conflicts))
    # Objects made at start-up live all shift: freezing them keeps the garbage collector from
    # walking them again and again, which otherwise shows up as pauses between key presses.
    gc.collect()
    gc.freeze()
    return window


def apply_stylesheet(app: QApplication) -> None:
    path = RESOURCES_DIR / "style.qss"
    if path.exists():
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def run_workstation(profile: Profile, server_url: str | None, token: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Reviewer Workstation")
    app.setDesktopFileName("reviewer-workstation")
    apply_stylesheet(app)
    window = build_workstation(profile, server_url, token)
    window.show()
    window.bridge.start()
    return app.exec()
