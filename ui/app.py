"""Assembles the workstation: store, session, sync worker, decode pool, window."""

from __future__ import annotations

import ctypes
import gc
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from reviewer.sync.api_client import ApiClient
from reviewer.store.cache_guard import unlock_cache
from reviewer.store.case_cache import purge_media_of_later
from reviewer.media.exposure import ExposureMeter
from reviewer.keymap import Keymap, KeymapError, load_keymap
from reviewer.log_file import LogFile
from reviewer.log_file import install as install_log_file
from reviewer.media.presets import UserMedia, never_fetched
from reviewer.profile import Profile
from reviewer.resources import APP_ID
from reviewer.user_settings import exposure_settings, user_media
from reviewer.user_settings import problems as settings_problems
from reviewer.review.search_indexer import SearchIndexer
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from reviewer.sync.engine import SyncEngine, SyncSettings
from ui.decide.hold_desk import HoldDesk
from ui.account.profile_lock import ForwardRequests
from ui.i18n.core_text import shown
from ui.i18n.language import choose_language, use_language
from ui.main_window import MainWindow
from ui.account.account_actions import AccountActions
from ui.context.incident_desk import IncidentDesk
from ui.media.service import MediaService
from ui.settings.desk import SettingsDesk
from ui.sync.bridge import SyncBridge
from ui.widgets.app_icon import product_icon
from ui.theme.theme import Theme, theme_setting
from ui.widgets.window_layout import remember_layout


UNDO_GRACE_S = 10.0  # a decision waits unsent this long, so Ctrl+Z can still withdraw it
# Start-up lists this many cases of the work order (a few screenfuls), with every count: the
# whole list follows in steps once the first case is painted (WorkList, CaseList.load_step).
HEAD_ROWS = 200


def build_workstation(profile: Profile, server_url: str | None, token: str | None,
                      settings: SyncSettings | None = None,
                      undo_grace_s: float = UNDO_GRACE_S,
                      ca_bundle: str | None = None) -> MainWindow:
    """Everything but the event loop; tests and benchmarks drive the window this returns."""
    read_fonts_aside()
    return_large_blocks()
    profile.ensure()
    use_language(choose_language(profile.settings().get("language")))  # before any widget
    # First, before any store connection: every connection after this one seals the cache.
    cache_warning = unlock_cache(profile)
    keymap, problems = _keymap(profile)
    mine = user_preset(profile)
    db = open_store(profile.store_path)
    never = never_fetched(db, mine)
    settings = settings or SyncSettings()
    settings.never_fetch = frozenset(settings.never_fetch) | never
    engine = None
    if server_url and token:
        engine = SyncEngine(profile.store_path, ApiClient(server_url, token, ca_bundle=ca_bundle),
                            settings=settings)
    bridge = SyncBridge(engine)
    session = ReviewSession(db, undo_grace_s=undo_grace_s, head=HEAD_ROWS)
    media = MediaService(profile.store_path, policy_name=session.guidelines.policy_name)
    window = MainWindow(session, media, bridge, keymap, mine,
                        ExposureMeter(db, exposure_settings(profile.settings())))
    session.calm.after = lambda: window.meter.settings.calm_after_graphic  # settings.json
    start_search_index(window, profile)
    purge_never_rendered_soon(window, profile, never)
    window.attach(AccountActions(window, bridge, window.meter, window.conceal, profile,
                                 server_url, token, ca_bundle))
    window.attach_desk(SettingsDesk(window, profile, window.media_desk, window.meter,
                                    window.conceal))
    window.attach_desk(IncidentDesk(window, session.incidents, bridge, session.current))
    window.attach_desk(HoldDesk(window, session, window.show_current, bridge.wake))
    remember_layout(window, profile)
    notes = ([shown(cache_warning)] if cache_warning else []) + (
        [QCoreApplication.translate("", "Key bindings: {problems}").format(
            problems="; ".join(problems))] if problems else [])
    unusable = settings_problems(profile.settings())
    notes += [f"settings.json: {'; '.join(unusable)}"] if unusable else []
    if notes:
        window.status_line.say(" · ".join(notes))
    # Objects made at start-up live all shift: freezing them keeps the garbage collector from
    # walking them again and again, which otherwise shows up as pauses between key presses.
    # Only the young generations are collected first: the oldest holds what the imports made
    # (~100,000 objects, ~30 ms to walk on the way to the first case) and little garbage.
    gc.collect(1)
    gc.freeze()
    # The UI thread shares the interpreter with the decode pool, the search indexer and the
    # sync worker, and takes it back every time Qt calls into Python (each painted row): with
    # one of them busy in Python it waits up to the switch interval each time, 5 ms by
    # default. At 0.5 ms a change of the 100,000-case list beside a busy Python thread took
    # ~10 ms instead of ~18 (UI-thread CPU ~3.5 ms either way).
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    return window


SWITCH_INTERVAL_S = 0.0005


def read_fonts_aside() -> None:
    """Qt reads the font database (fontconfig's configuration, then every installed font:
    ~12-16 ms) when the first text is measured, on the UI thread, in the middle of building the
    window. Read here on a thread of its own instead, while the store opens and the window is
    built: every QFontDatabase function is thread-safe (one lock), so a measure that comes
    first waits for the rest of it, and PySide lets go of the interpreter for the call."""
    threading.Thread(target=QFontDatabase.families, name="fonts", daemon=True).start()


LARGE_BLOCK = 128 * 1024  # glibc's default threshold, kept from moving up
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


def return_large_blocks() -> None:
    """Blocks of 128 KB and more (a list of 100,000 ids, a column, a numpy order, SQLite's
    joined strings) are mapped apart and given back to the system when freed. glibc raises the
    threshold after each such free, so later big blocks land in the heaps of the threads that
    made them (the list's, the indexer's, the decode pool's) and stay resident once freed: at
    100,000 cases that held ~20 MB more at the peak. Glibc only; elsewhere nothing changes."""
    set_mmap_threshold(LARGE_BLOCK)


def set_mmap_threshold(size: int) -> None:
    """Blocks of `size` and more are mapped apart; glibc's own moving threshold stops moving.
    Glibc on Linux only; elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        # The process's own symbols, libc's among them: find_library runs `ldconfig -p`.
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, size)
    except (OSError, AttributeError, TypeError):  # not glibc (musl has no mallopt)
        pass


SEARCH_INDEX_DELAY_MS = 1500  # let the first case paint and the first sync round start first


def start_search_index(window: MainWindow, profile: Profile) -> None:
    """Full-text search reads the whole cache on its own thread, shortly after start-up: it
    decrypts every cached case, which must not delay the first case on screen."""
    window.work_list.attach_indexer(SearchIndexer(profile.store_path), SEARCH_INDEX_DELAY_MS)


NEVER_RENDER_PURGE_DELAY_MS = 2000  # once the first case and its media are on screen


def purge_never_rendered_soon(window: MainWindow, profile: Profile,
                              never: frozenset[str]) -> None:
    """Delete cached bytes of never-render categories, on a thread, shortly after start-up:
    it reads every case_media row (a core's worth of SQLite for ~0.1-0.2 s at 100,000 cases),
    which would otherwise compete with the first case's decodes on a two-core machine. Until
    then the renderer refuses those categories itself, so no byte of them is shown."""
    def purge() -> None:
        if window.isVisible():  # a window closed first: its next start purges
            purge_media_of_later(profile.store_path, never)
    QTimer.singleShot(NEVER_RENDER_PURGE_DELAY_MS, window, purge)


def _keymap(profile: Profile) -> tuple[Keymap, list[str]]:
    """The merged keymap and what is wrong with the reviewer's overrides, if anything. A broken
    override file is reported and ignored rather than keeping the workstation from starting."""
    try:
        keymap = load_keymap(profile.keymap_path)
        problems = list(keymap.conflicts)
    except KeymapError as exc:
        keymap, problems = load_keymap(None), [f"{exc} — using the default keys"]
    for problem in problems:
        print(f"keymap: {problem}", file=sys.stderr)
    return keymap, problems


def user_preset(profile: Profile) -> UserMedia | None:
    """The reviewer's own stricter media settings ("media" for every category and
    "media_categories" for one each, in settings.json), if any; what cannot be used is named
    on stderr and left out."""
    problems: list[str] = []
    mine = user_media(profile.settings(), problems)
    for problem in problems:
        print(f"settings: {problem}", file=sys.stderr)
    return mine


def apply_stylesheet(app: QApplication, profile: Profile | None = None) -> None:
    """The theme and text size the profile's settings ask for (the desktop's by default)."""
    Theme.of(app).apply(*theme_setting(profile.settings() if profile else {}))


class CrashRelay(QObject):
    """Carries a crash summary from whichever thread it happened on to the window's thread."""

    reported = Signal(str)


def report_crashes(window: MainWindow, logs: LogFile) -> CrashRelay:
    """After an uncaught exception the reviewer learns it happened, that what they recorded
    is safe (decisions are durable before they show as made), and where the report is."""
    relay = CrashRelay(window)
    said = relay.tr("Something went wrong inside the workstation (%1); what you recorded is "
                    "safe. A report is in %2 (Help → Open log folder).")
    relay.reported.connect(lambda summary: window.status_line.say(
        said.replace("%1", summary).replace("%2", str(logs.directory))))
    logs.on_crash(relay.reported.emit)
    return relay


def run_workstation(profile: Profile, server_url: str | None, token: str | None,
                    ca_bundle: str | None = None, listen_at: Path | None = None) -> int:
    """The window and the event loop. `listen_at`: the profile this process holds (locked by
    the caller); a second start on it brings this window forward."""
    logs = install_log_file()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Reviewer Workstation")
    app.setDesktopFileName(APP_ID)  # packaging/linux/<APP_ID>.desktop: its icon and name
    app.setWindowIcon(product_icon())  # the window, the tray and notifications
    apply_stylesheet(app, profile)
    window = build_workstation(profile, server_url, token, ca_bundle=ca_bundle)
    report_crashes(window, logs)
    window.show()
    if listen_at is not None:
        forward = ForwardRequests(listen_at, window)
        forward.requested.connect(lambda: (window.showNormal(), window.raise_(),
                                           window.activateWindow()))
    window.bridge.start()
    return app.exec()
