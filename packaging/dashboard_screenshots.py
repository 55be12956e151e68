"""Renders the README pictures of both dashboards from the real app on the built-in demo.

    python packaging/dashboard_screenshots.py docs/   # under a display (Xvfb works)

The demo central API carries a shift's history (server/demo/history.py) and is started with
the `daily_totals` exposure policy, so the team's exposure distribution has something to show.
A workstation's own record (30 days of exposure, breaks, decisions by what was revealed) lives
only on that machine, so this script first works a little through the real paths — the
exposure meter by stage, decisions through the review session, the break key — and writes
older days of synthetic exposure through the same meter.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["REVIEWER_EXPOSURE_POLICY"] = "daily_totals"

from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.actions import ActionId  # noqa: E402
from reviewer.media.breaks import record_break  # noqa: E402
from reviewer.media.exposure import ExposureMeter  # noqa: E402
from reviewer.media.stages import Stage  # noqa: E402
from reviewer.profile import Profile  # noqa: E402
from server.auth.accounts import add_reviewer  # noqa: E402
from server.runner import DEMO_DB_NAME, start_demo_server  # noqa: E402
from ui.app import apply_stylesheet, build_workstation  # noqa: E402


def pump_until(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        QApplication.processEvents()
        time.sleep(0.02)


def pump(seconds: float) -> None:
    pump_until(lambda: False, seconds)


def work_a_little(window, rng: random.Random) -> None:
    """Thirty days of this machine's record, through the meter, the session and B."""
    db = window.session.cache.db
    today = date.today()
    for back in range(29, 0, -1):  # earlier days: exposure and decisions by stage
        day = (today - timedelta(days=back)).isoformat()
        meter = ExposureMeter(db, today=lambda day=day: day)
        if rng.random() < 0.2:
            continue  # a day off
        for number in range(rng.randint(20, 40)):
            case_id = f"earlier-{back}-{number}"
            look = rng.random()
            if look > 0.45:
                meter.add(case_id, rng.uniform(20, 90), rng.uniform(0.1, 0.5), Stage.REDUCED)
            if look > 0.8:
                meter.add(case_id, rng.uniform(10, 60), rng.uniform(0.1, 0.4), Stage.REVEALED)
            meter.note_decision(case_id)
        meter.flush(decisions=True)
    for _ in range(12):  # today, on live demo cases, through the review session
        case = window.session.current()
        if case is None:
            break
        if case.media and rng.random() < 0.6:
            stage = Stage.REDUCED if rng.random() < 0.7 else Stage.REVEALED
            window.meter.add(case.id, rng.uniform(5, 20), 0.3, stage)
        window.meter.note_decision(case.id)
        window.session.decide(ActionId.NO_VIOLATION if rng.random() < 0.5 else ActionId.LABEL_SENSITIVE)
    window.meter.flush()
    record_break(db)
    window.registry.actions[ActionId.TOOK_BREAK].trigger()


def shoot(profile_dir: Path, server, token: str, out: Path, tab: int, rng) -> None:
    window = build_workstation(Profile(profile_dir), server.url, token)
    window.resize(1500, 920)
    window.show()
    window.bridge.start()
    pump_until(lambda: window.bridge.last_status is not None and window.session.current())
    if tab == 0:
        work_a_little(window, rng)
    window.registry.actions[ActionId.DASHBOARD].trigger()
    view = window.dashboards.view
    view.resize(1500, 980)
    view.tabs.setCurrentIndex(tab)
    done = window.bridge.last_status
    pump_until(lambda: window.bridge.last_status is not done)  # the figures asked for just now
    view.reload()
    pump(1.0)
    view.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


def main(folder: Path) -> int:
    app = QApplication(sys.argv[:1])
    apply_stylesheet(app)
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as tmp:
        server, token = start_demo_server(Path(tmp) / "server")
        lead = add_reviewer(Path(tmp) / "server" / DEMO_DB_NAME, "demo-lead", "lead")
        shoot(Path(tmp) / "reviewer", server, token, folder / "dashboard-mine.png", 0, rng)
        shoot(Path(tmp) / "lead", server, lead, folder / "dashboard-team.png", 1, rng)
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
