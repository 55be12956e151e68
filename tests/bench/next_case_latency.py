"""Next-case latency: decision key press -> next case painted, media included.

The window is the real one (`build_workstation`, no sync engine) over a profile store holding
10,000 cached cases. For each decision the clock starts before the key press and stops once
the case panel has painted the new case's header and every visible media tile has painted its
final (blurred) render of the new case's media.

"Warm": before each key the reviewer reads the case long enough for the decode pool to finish
prefetching the next cases (`media.idle()`); the one-frame target applies here. "Cold": the
next key follows as soon as the case settled, so prefetch may still be running. Cases share
a pool of 40 images, so some renders are still cached from earlier cases: cold is a best case.
"Cold, own media" (no target) is the cold run over cases whose media no other case has
(profile_store's own-media queue): every render is a decode, as for new work in a real queue.

Waiting never uses QTest.qWait: PySide6 holds the GIL in it and the decode threads starve.

Beside each wall-clock figure, the UI thread's CPU time over the same span (`ui_cpu`): on a
shared machine the wall clock also counts waiting for a core, so a change is judged by its
CPU figure when the load moves between runs. It has no target: the target is the wall clock.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer.profile import Profile
from tests.bench.profile_store import OWN_MEDIA_QUEUE
from tests.bench.refcount_guard import RefcountGuard
from tests.bench.results import FRAME_MS, Figure
from tests.qt_wait import pump_until
from ui.app import build_workstation
from ui.keys.palette import CommandPalette
from ui.decide.policy_picker import PolicyPicker
from ui.main_window import MainWindow

CASES = 10_000
DECISIONS = 200
WARMUP_DECISIONS = 3  # first presses load fonts, styles and code paths once; not measured
DECISION_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)  # not E: a dialog
WINDOW_SIZE = (1500, 920)
SETTLE_TIMEOUT_S = 10.0
UI_CPU_MS: list[float] = []  # the UI thread's CPU time of each timed decision, in order


class HeaderPaintWatch(QObject):
    """Remembers what the case header label showed when it was last painted: the proof that
    the new case reached the screen, not just the widget's state."""

    def __init__(self, label):
        super().__init__(label)
        self.painted_text = ""
        label.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint:
            self.painted_text = watched.text()
        return False


def build_store(root: Path, cases: int = CASES) -> Profile:
    # A child process, so the builder's images and 10,000 case objects stay out of peak RSS.
    subprocess.run([sys.executable, "-m", "tests.bench.profile_store", str(root), str(cases),
                    "--seal", "--own-media", str(OWN_MEDIA_CASES)], check=True)
    return Profile(root)


def case_on_screen(window: MainWindow, watch: HeaderPaintWatch) -> bool:
    case = window.session.current()
    return (case is not None and watch.painted_text.startswith(case.id + " ")
            and window.media_grid.is_settled())


def pump_until_on_screen(window: MainWindow, watch: HeaderPaintWatch) -> None:
    """Process events until the case is painted, sleeping only while decode threads work.
    The sleep is short because the clock is running; sleeping releases the GIL to the pool."""
    deadline = time.perf_counter() + SETTLE_TIMEOUT_S
    while True:
        QApplication.processEvents()
        if case_on_screen(window, watch):
            return
        if time.perf_counter() > deadline:
            raise AssertionError("the next case was not painted within the timeout")
        time.sleep(0.0002)


def open_window(profile: Profile) -> tuple[MainWindow, HeaderPaintWatch, float]:
    """Build and show the window; returns it with the ms from store open to first case painted."""
    start = time.perf_counter()
    window = build_workstation(profile, None, None, undo_grace_s=10)
    watch = HeaderPaintWatch(window.case_panel.header)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.activateWindow()  # the decision shortcuts are window shortcuts
    pump_until(lambda: window.windowHandle() and window.windowHandle().isExposed(), what="exposed")
    pump_until_on_screen(window, watch)
    return window, watch, (time.perf_counter() - start) * 1000


class _PickerEnter:
    """Answers the policy picker with Enter (the default policy) and notes when: for decisions
    that ask for a policy, the key that records the decision is that Enter."""

    def __init__(self, on_press: Callable[[], None]):
        self.on_press = on_press
        self.pressed_at: float | None = None
        self.cpu_at: float | None = None
        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._answer)

    def _answer(self) -> None:
        picker = PolicyPicker.current
        if picker is not None and picker.isVisible() and self.pressed_at is None:
            self.on_press()
            self.pressed_at, self.cpu_at = time.perf_counter(), time.thread_time()
            QTest.keyClick(picker.filter, Qt.Key.Key_Return)

    def __enter__(self) -> "_PickerEnter":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()


def _nothing() -> None:
    pass


def time_decision(window: MainWindow, watch: HeaderPaintWatch, key: Qt.Key,
                  on_press: Callable[[], None] = _nothing) -> float:
    """Milliseconds from the key that records the decision to the next case painted.
    `on_press` runs as that key goes down (the profiler starts there)."""
    before = window.session.current().id
    on_press()
    start, cpu_start = time.perf_counter(), time.thread_time()
    with _PickerEnter(on_press) as picker:
        QTest.keyClick(window, key)
    if window.session.current().id == before:
        raise AssertionError(f"key {key} did not record a decision on {before}")
    pump_until_on_screen(window, watch)
    UI_CPU_MS.append((time.thread_time() - (picker.cpu_at or cpu_start)) * 1000)
    start = picker.pressed_at or start
    return (time.perf_counter() - start) * 1000


PALETTE_DECISIONS = 60
OWN_MEDIA_DECISIONS = 100
# Past the last decision the prefetch still reads ahead (PREFETCH_CASES): it finds cases there.
OWN_MEDIA_CASES = OWN_MEDIA_DECISIONS + 5


def time_palette_decision(window: MainWindow, watch: HeaderPaintWatch, key: Qt.Key,
                          on_press: Callable[[], None] = _nothing) -> float:
    """A decision made from the command palette: Ctrl+K, type "no viol", Enter. Timed from
    that Enter (the key that records the decision) to the next case painted."""
    before = window.session.current().id
    pressed: list[float] = []
    cpu_pressed: list[float] = []

    def answer():
        palette = CommandPalette.current
        if palette is None or not palette.isVisible():
            QTimer.singleShot(1, answer)
            return
        QTest.keyClicks(palette.search, "no viol")
        on_press()
        pressed.append(time.perf_counter())
        cpu_pressed.append(time.thread_time())
        QTest.keyClick(palette.search, Qt.Key.Key_Return)
    QTimer.singleShot(1, answer)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    if window.session.current().id == before:
        raise AssertionError("the palette did not record a decision")
    pump_until_on_screen(window, watch)
    UI_CPU_MS.append((time.thread_time() - cpu_pressed[0]) * 1000)
    return (time.perf_counter() - pressed[0]) * 1000


def run_decisions(window: MainWindow, watch: HeaderPaintWatch, guard: RefcountGuard, count: int,
                  wait_for_prefetch: bool, measure: Callable = time_decision) -> list[float]:
    samples = []
    for i in range(count):
        if wait_for_prefetch:
            pump_until(window.is_idle, what="prefetch finished")  # the reviewer reading
        guard.checkpoint()  # outside the clock
        samples.append(measure(window, watch, DECISION_KEYS[i % len(DECISION_KEYS)]))
    return samples


def run_own_media(window: MainWindow, watch: HeaderPaintWatch,
                  guard: RefcountGuard) -> list[float]:
    """Cold decisions over the own-media queue, chosen in the queue list as a reviewer does;
    its first case settles and its prefetch finishes first, as for the other runs. Timed,
    never profiled: `--profile` reports the shared-media runs alone, as before."""
    window.work_list.panel.select_queue(OWN_MEDIA_QUEUE)
    if not window.session.current().id.startswith("own-"):
        raise AssertionError("the own-media queue was not selected")
    pump_until_on_screen(window, watch)
    pump_until(window.is_idle, what="prefetch finished")
    return run_decisions(window, watch, guard, OWN_MEDIA_DECISIONS, False)


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest rank: with 200 samples p99 is the 198th fastest, i.e. two presses were slower."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without importing math
    return ordered[int(rank) - 1]


def latency_figures(prefix: str, samples: list[float], target: float | None) -> list[Figure]:
    return [
        Figure(f"{prefix}_median", percentile(samples, 0.5), "ms", None, per_frame=True),
        Figure(f"{prefix}_p99", percentile(samples, 0.99), "ms", target, per_frame=True),
        Figure(f"{prefix}_max", max(samples), "ms", None, per_frame=True),
    ]


def ui_cpu_figures(prefix: str, samples: list[float]) -> list[Figure]:
    """The UI thread's CPU time per decision, over the same spans as the wall clock."""
    if not samples:
        return []
    return [Figure(f"{prefix}_median", percentile(samples, 0.5), "ms", None, per_frame=True),
            Figure(f"{prefix}_p99", percentile(samples, 0.99), "ms", None, per_frame=True)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run(workdir: Path, measure: Callable = time_decision) -> list[Figure]:
    profile = build_store(workdir / "profile")
    guard = RefcountGuard()  # before the first Qt call: startup alone can exhaust None
    window, watch, startup_ms = open_window(profile)
    try:
        run_decisions(window, watch, guard, WARMUP_DECISIONS, wait_for_prefetch=True)
        lost_before = guard.net_lost()
        UI_CPU_MS.clear()
        warm = run_decisions(window, watch, guard, DECISIONS, True, measure)
        cold = run_decisions(window, watch, guard, DECISIONS, False, measure)
        lost_per_decision = (guard.net_lost() - lost_before) / (len(warm) + len(cold))
        palette = run_decisions(window, watch, guard, PALETTE_DECISIONS, True,
                                getattr(measure, "palette", time_palette_decision))
        cpu_warm, cpu_cold = UI_CPU_MS[:len(warm)], UI_CPU_MS[len(warm):len(warm) + len(cold)]
        cpu_palette = UI_CPU_MS[len(warm) + len(cold):]
        rss_mb = peak_rss_mb()  # before the own-media run's decodes: the same span as before
        del UI_CPU_MS[:]
        own = run_own_media(window, watch, guard)
        cpu_own = UI_CPU_MS[:]
    finally:
        window.close()
    return [
        # Warm: half a 60 Hz frame; cold (the next key before prefetch finished): one frame.
        *latency_figures("next_case_warm", warm, FRAME_MS / 2),
        *latency_figures("next_case_cold", cold, FRAME_MS),
        *latency_figures("next_case_via_palette", palette, FRAME_MS),
        *latency_figures("next_case_cold_own_media", own, None),
        *ui_cpu_figures("next_case_warm_ui_cpu", cpu_warm),
        *ui_cpu_figures("next_case_cold_ui_cpu", cpu_cold),
        *ui_cpu_figures("next_case_via_palette_ui_cpu", cpu_palette),
        *ui_cpu_figures("next_case_cold_own_media_ui_cpu", cpu_own),
        Figure("startup_first_case_10k", startup_ms, "ms", None),
        Figure("peak_rss", rss_mb, "MB", None),
        # Steady loss means a crash ("none_dealloc") after a few thousand refs; see refcount_guard.
        Figure("none_refs_lost_per_decision", lost_per_decision, "refs", 1.0),
    ]
