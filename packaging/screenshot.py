"""Renders the README screenshot: the workstation on the built-in demo, a case with media.

    QT_QPA_PLATFORM=offscreen python packaging/screenshot.py docs/screenshot.png
    python packaging/screenshot.py docs/theme-light.png light   # under a real (X) display
    python packaging/screenshot.py docs/spanish.png dark es     # the interface in Spanish

The optional second argument picks the theme (system, dark, light), as settings.json would;
the third the interface language, as settings.json's "language" would.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.profile import Profile  # noqa: E402
from server.runner import start_demo_server  # noqa: E402
from ui.app import apply_stylesheet, build_workstation  # noqa: E402


def pump_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        QApplication.processEvents()
        time.sleep(0.01)  # sleeping in Python lets the sync and decode threads run


def main(out: Path, theme: str = "system", language: str = "") -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Path(tmp) / "profile"
        Profile(settings).ensure().save_setting("theme", theme)
        apply_stylesheet(app, Profile(settings))
        server, token = start_demo_server(Path(tmp) / "server")
        if language:  # the same key a reviewer sets in settings.json
            Profile(settings).save_setting("language", language)
        window = build_workstation(Profile(settings), server.url, token)
        window.resize(1500, 920)
        window.show()
        window.bridge.start()
        pump_until(lambda: window.session.current() is not None)
        # Show a case with two or more images, as a reviewer of the graphic queue would see it.
        for _ in range(60):
            case = window.session.current()
            if case and len(case.media) >= 2 and all(m.category != "benign" for m in case.media):
                break
            window.session.next()
            window.show_current()
        pump_until(lambda: window.media_grid.is_settled() and window.bridge.last_status is not None)
        window.grab().save(str(out))
        window.close()
        server.stop()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png"),
                  sys.argv[2] if len(sys.argv) > 2 else "system",
                  sys.argv[3] if len(sys.argv) > 3 else ""))
