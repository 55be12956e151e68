"""The workstation's own log file: where a crash, a dead thread or a hard fault leaves a report.

stderr is gone once a desktop session closes the window, so the workstation also writes a
rotating file in the platform's log directory (platformdirs `user_log_dir`;
`REVIEWER_LOG_DIR` overrides it, which the tests use). Uncaught exceptions, on the main thread
and on any other, are written there with their traceback; `faulthandler` writes the Python
stacks of a segfault or an abort to a second file, since no Python code runs after one.

What goes in: the same records as stderr. Those never carry a token, a password, case text or
a note (tests/sync/test_client_logging.py checks the file too); as a second line of defence the
formatter blanks anything that looks like an Authorization header or a bearer token, since an
exception's text is not ours to choose.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs

APP_NAME = "reviewer-workstation"
LOG_DIR_ENV = "REVIEWER_LOG_DIR"
LOG_NAME = "workstation.log"
FAULTS_NAME = "faults.log"
MAX_BYTES = 2 * 1024 * 1024  # five old files of this size: a week of a busy shift's warnings
BACKUPS = 5

log = logging.getLogger("reviewer.crash")

_SECRETS = re.compile(
    r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?|bearer\s+)[^\s\"',;}]+")


def log_dir() -> Path:
    """Where the log files are (created on first use)."""
    chosen = os.environ.get(LOG_DIR_ENV)
    return Path(chosen) if chosen else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class _Redacting(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _SECRETS.sub(r"\1[redacted]", super().format(record))


CrashListener = Callable[[str], None]


class LogFile:
    """The rotating file handler plus the crash hooks; `close` puts everything back."""

    def __init__(self, directory: Path, level: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        os.chmod(directory, 0o700)  # error reports may name case ids; only this user reads them
        self.directory = directory
        self.path = directory / LOG_NAME
        self.handler = logging.handlers.RotatingFileHandler(
            self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        os.chmod(self.path, 0o600)
        self.handler.setLevel(level)
        self.handler.setFormatter(_Redacting(
            "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        self._root_level = logging.getLogger().level
        root = logging.getLogger()
        if root.getEffectiveLevel() > level:
            # The file wants more than the terminal shows: handlers already there (stderr)
            # keep showing only what they showed before.
            for other in root.handlers:
                if other.level == logging.NOTSET:
                    other.setLevel(root.getEffectiveLevel())
            root.setLevel(level)
        root.addHandler(self.handler)
        self._faults = open(directory / FAULTS_NAME, "a", encoding="utf-8")  # noqa: SIM115
        os.chmod(directory / FAULTS_NAME, 0o600)
        self._had_faulthandler = faulthandler.is_enabled()
        faulthandler.enable(self._faults, all_threads=True)
        self._listeners: list[CrashListener] = []
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._on_uncaught
        threading.excepthook = self._on_thread_died

    def on_crash(self, listener: CrashListener) -> None:
        """`listener(summary)` runs after each uncaught exception is written down, on the
        thread it happened in (a window marshals it to its own thread)."""
        self._listeners.append(listener)

    def _on_uncaught(self, kind: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, exc, tb)
            return
        log.critical("uncaught %s", kind.__name__, exc_info=(kind, exc, tb))
        self._tell(kind.__name__)
        self._previous_hook(kind, exc, tb)  # stderr as before, for whoever runs it in a terminal

    def _on_thread_died(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread else "?"
        log.critical("thread %s ended by an uncaught %s", name, args.exc_type.__name__,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        self._tell(f"{args.exc_type.__name__} in thread {name}")
        self._previous_thread_hook(args)

    def _tell(self, summary: str) -> None:
        self.handler.flush()
        for listener in list(self._listeners):
            try:
                listener(summary)
            except Exception:  # a listener that fails must not hide the report itself
                log.exception("crash listener failed")

    def close(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        if self._had_faulthandler:
            faulthandler.enable(sys.stderr, all_threads=True)
        else:
            faulthandler.disable()
        self._faults.close()
        root = logging.getLogger()
        root.removeHandler(self.handler)
        root.setLevel(self._root_level)
        self.handler.close()


_installed: LogFile | None = None


def install(directory: Path | None = None, level: int = logging.INFO) -> LogFile:
    """Start writing the log file and catching crashes; once per process (later calls return
    the first)."""
    global _installed
    if _installed is None:
        _installed = LogFile(directory or log_dir(), level)
    return _installed


def installed() -> LogFile | None:
    return _installed
