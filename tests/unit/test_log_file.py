"""The log file: a crash, a dead thread or a hard fault leaves a report on disk, in a real
process, and nothing that looks like a token is written."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from reviewer.log_file import FAULTS_NAME, LOG_NAME, LogFile

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, log_dir: Path) -> subprocess.CompletedProcess:
    script = ("import logging\nlogging.basicConfig(level=logging.WARNING)  # as main.py does\n"
              "from reviewer import log_file\nlog_file.install()\n" + textwrap.dedent(code))
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "REVIEWER_LOG_DIR": str(log_dir)})


def test_a_dead_thread_and_an_uncaught_exception_leave_tracebacks(tmp_path):
    done = _run("""
        import threading
        def sync_round():
            raise ValueError("round broke")
        t = threading.Thread(target=sync_round, name="sync-worker"); t.start(); t.join()
        def on_key():
            raise KeyError("handler broke")
        on_key()
    """, tmp_path)
    assert done.returncode == 1
    assert "KeyError" in done.stderr  # the terminal still sees it as before
    text = (tmp_path / LOG_NAME).read_text()
    assert "thread sync-worker ended by an uncaught ValueError" in text
    assert "in sync_round" in text and "round broke" in text
    assert "uncaught KeyError" in text and "in on_key" in text


def test_a_hard_fault_leaves_the_python_stacks(tmp_path):
    done = _run("""
        import faulthandler
        def decode_tile():
            faulthandler._sigsegv()
        decode_tile()
    """, tmp_path)
    assert done.returncode != 0
    faults = (tmp_path / FAULTS_NAME).read_text()
    assert "Segmentation fault" in faults and "decode_tile" in faults


def test_only_this_user_can_read_the_log_and_bearer_tokens_are_blanked(tmp_path):
    logs = LogFile(tmp_path / "logs", logging.INFO)
    try:
        logging.getLogger("reviewer.test").warning(
            "request failed: Authorization: Bearer tok-123-secret; header %s",
            {"authorization": "Bearer tok-456-secret"})
    finally:
        logs.close()
    text = logs.path.read_text()
    assert "request failed" in text
    assert "tok-123-secret" not in text and "tok-456-secret" not in text
    assert stat.S_IMODE(os.stat(logs.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(logs.directory).st_mode) == 0o700


def test_the_terminal_keeps_showing_warnings_only(tmp_path):
    done = _run("""
        import logging
        logging.getLogger("httpx").info("HTTP Request: GET /v1/queues")
        logging.getLogger("reviewer.sync").warning("round failed")
    """, tmp_path)
    assert "round failed" in done.stderr and "HTTP Request" not in done.stderr
    assert "HTTP Request" in (tmp_path / LOG_NAME).read_text()  # the file has the INFO too


def test_closing_puts_the_hooks_back(tmp_path):
    import threading

    before = (sys.excepthook, threading.excepthook)
    LogFile(tmp_path, logging.INFO).close()
    assert (sys.excepthook, threading.excepthook) == before
