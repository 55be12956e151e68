"""A tile says it has painted by signal; the grid listens, a tile on its own needs no listener."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.media.service import MediaService
from ui.media.tile import MediaTile


def test_a_tile_signals_each_paint_and_needs_no_grid(qtbot, tmp_path):
    service = MediaService(tmp_path / "store.sqlite3", workers=1)
    parent = QWidget()  # not a grid: no one to tell but who connects
    qtbot.addWidget(parent)
    tile = MediaTile(service, parent)
    tile.resize(120, 90)
    told = []
    tile.paint_finished.connect(lambda: told.append(True))
    try:
        tile.grab()
        tile.grab()
        assert told == [True, True]
    finally:
        service.shutdown()


def test_the_grid_hears_its_tiles(offline_window):
    grid = offline_window.media_grid
    heard = []
    grid.first_settled.connect(lambda: heard.append(True))
    grid._tell_settled = True  # as before its first media was on screen
    grid.visible_tiles()[0].grab()
    assert heard == [True] and not grid._tell_settled
