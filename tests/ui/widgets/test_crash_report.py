"""After a crash inside the workstation the reviewer is told, on screen, that what they
recorded is safe and where the report is; Help → Open log folder names that folder."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from reviewer.actions import ActionId
from reviewer.log_file import LogFile
from tests.qt_wait import pump_until
from ui.app import report_crashes


@pytest.mark.qt_no_exception_capture
def test_an_exception_on_another_thread_is_reported_in_the_status_line(offline_window, tmp_path):
    window = offline_window
    logs = LogFile(tmp_path / "logs", logging.INFO)
    try:
        report_crashes(window, logs)

        def decode_job() -> None:
            try:
                raise RuntimeError("tile decoder broke")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())  # what Python does for an uncaught one

        worker = threading.Thread(target=decode_job)
        worker.start()
        worker.join()
        pump_until(lambda: "Something went wrong" in window.status_line.text(),
                   what="crash reported on screen")
    finally:
        logs.close()
    said = window.status_line.text()
    assert "RuntimeError" in said and "what you recorded is safe" in said
    assert str(logs.directory) in said
    assert "tile decoder broke" in logs.path.read_text()


# Offscreen Qt has no file manager to hand the folder to and says so; the line names it anyway.
@pytest.mark.qt_log_ignore("does not support QPlatformServices")
def test_help_names_the_log_folder(offline_window, monkeypatch, tmp_path):
    window = offline_window
    monkeypatch.setenv("REVIEWER_LOG_DIR", str(tmp_path / "the-logs"))
    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    entry = next(a for a in help_menu.actions() if a.text() == "Open log folder")
    assert entry is window.registry.actions[ActionId.OPEN_LOG_FOLDER]
    entry.trigger()
    assert f"Log folder: {tmp_path / 'the-logs'}" in window.status_line.text()
    assert (tmp_path / "the-logs").is_dir()

