"""A malformed animated PNG in a case: the tile shows the same one-line reason `main.py render`
prints for the same bytes. Real store, real window, offscreen."""

from __future__ import annotations

from reviewer.domain import Case, Queue
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.e2e.test_main_cli import _run
from tests.factories import case_dict, sha
from tests.malformed_apng import MALFORMED
from tests.qt_wait import pump_until
from ui.app import build_workstation


def test_the_tile_names_the_same_reason_as_the_command_line(qtbot, tmp_path):
    files = [make() for make in MALFORMED.values()]
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("graphic_media", "Graphic media", 1, ("violent_graphic",),
                             "violent_graphic")])
    cache.save_cases([Case.from_api(case_dict("c-apng", priority=1, media=files))], None)
    for data in files:
        cache.save_media(sha(data), "image/png", data)

    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    pump_until(window.media_grid.is_settled, what="malformed media painted")
    tiles = window.media_grid.visible_tiles()
    assert len(tiles) == len(files)
    for index, (tile, data) in enumerate(zip(tiles, files)):
        source = tmp_path / f"in-{index}.png"
        source.write_bytes(data)
        printed = _run("render", str(source), "--out", str(tmp_path / "out.png")).stderr
        assert tile.base.image is None
        assert "APNG" in tile.base.reason  # Pillow's own words for what is wrong
        assert printed == f"error: {tile.base.reason}\n"
