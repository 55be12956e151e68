"""A workstation window over a prepared local store (no server): for view-level tests."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QTimer

from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_animation, synthetic_png
from tests.qt_wait import pump_until
from ui.app import build_workstation
from ui.i18n.language import use_language

# Pillow imports its rarer format plugins (AVIF and others, C extensions loaded with dlopen)
# on the first bytes its common ones do not recognise, an audio item's for one, and holds the
# GIL meanwhile. In a decode thread that deadlocked a test (seen in py-spy): the UI thread was
# loading QtMultimedia's FFmpeg plugin, holding the loader's lock, and that plugin's Qt warning
# went to pytest-qt's message handler, which is Python and waits for the GIL. The workstation
# routes no Qt message to Python; here the plugins are loaded first, on this thread.
Image.init()

GOOD = synthetic_png(800, 600, seed=3, fmt="JPEG")
SECOND = synthetic_png(640, 480, seed=4)
CORRUPT = GOOD[: len(GOOD) // 2]
ANIMATED = synthetic_animation(frames=20)
NEVER = synthetic_png(300, 200, seed=9)  # stands in for a never-render item; never saved


def prepare_store(profile: Profile) -> None:
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("graphic_media", "Graphic media", 3, ("violent_graphic",), "violent_graphic")])
    cases = [
        case_dict("c1-two-images", priority=1, hours_left=1, media=[GOOD, SECOND]),
        case_dict("c2-corrupt", priority=1, hours_left=2, media=[CORRUPT]),
        case_dict("c3-html", priority=1, hours_left=3,
                  text='<b>bold</b><img src="http://example.invalid/x.png"> שלום', media=[]),
        case_dict("c4-animated", priority=1, hours_left=4, media=[ANIMATED]),
        case_dict("c5-never", priority=1, hours_left=5, media=[NEVER], category="csam_suspected"),
    ]
    cache.save_cases([Case.from_api(c) for c in cases], None)
    for data in (GOOD, SECOND, CORRUPT, ANIMATED):
        cache.save_media(sha(data), "image/jpeg", data)


@pytest.fixture(autouse=True)
def english_interface(qapp):
    """Widgets built outside build_workstation speak English too, plurals included (the
    window installs the translations itself; a test of one widget would otherwise see
    "1 follower(s)")."""
    use_language("en")


@pytest.fixture(autouse=True)
def timeouts_reach_modal_loops(qapp):
    """A modal dialog's event loop runs in C++; a Python signal handler (pytest-timeout's
    alarm) runs only when Python code does. This timer gives it that chance, so a dialog that
    nobody answers fails its test after the timeout instead of hanging the whole run."""
    timer = QTimer(interval=200)
    timer.timeout.connect(lambda: None)
    timer.start()
    yield
    timer.stop()


@pytest.fixture
def offline_window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    prepare_store(profile)
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(lambda: window.media_grid.is_settled(), what="first case media painted")
    return window
