"""Where a save dialog starts: the user's documents folder, never the working directory (which
is the source checkout under `make run`, or wherever the launcher happened to start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def suggested_path(file_name: str) -> str:
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return str(Path(folder) / file_name)
