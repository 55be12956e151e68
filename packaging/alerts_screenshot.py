"""Renders the README's alerts-panel screenshot: the demo's crisis arrives at a seeded central
API, the spike alert pages the on-call demo reviewer, and the workstation's alerts panel (what
Shift+A opens) shows it after one sync round, with the incidents panel beside it.

    QT_QPA_PLATFORM=offscreen python packaging/alerts_screenshot.py docs/alerts-panel.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.context.alerts import AlertStore  # noqa: E402
from reviewer.profile import Profile  # noqa: E402
from server.auth.accounts import add_reviewer  # noqa: E402
from server.demo.crisis import CrisisFeed, put_on_call  # noqa: E402
from server.demo.seed import seed_database  # noqa: E402
from server.runner import DEMO_REVIEWER, ServerThread  # noqa: E402
from ui.app import apply_stylesheet, build_workstation  # noqa: E402
from ui.context.alerts_panel import AlertsPanel  # noqa: E402


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    apply_stylesheet(app)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "central.sqlite3"
        seed_database(db_path, seed=0, cases=160)
        token = add_reviewer(db_path, DEMO_REVIEWER, "reviewer")
        put_on_call(db_path, DEMO_REVIEWER)
        with ServerThread(db_path) as server:
            CrisisFeed(db_path, lambda: True, delay=0, spacing=0).run()
            window = build_workstation(Profile(Path(tmp) / "profile"), server.url, token)
            window.bridge.engine.run_once()  # cases, alerts and the page arrive
            store = AlertStore(window.session.cache.db)
            panel = AlertsPanel(store, window)
            panel.reload()
            panel.select(next(a.id for a in store.alerts() if a.kind == "spike"))
            panel.resize(1100, 560)
            panel.show()
            app.processEvents()
            panel.grab().save(str(out))
            panel.close()
            window.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/alerts-panel.png")))
