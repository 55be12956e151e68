"""A never-render item through every view that could show it: the case grid, the zoom view, the
sweep grid, the decode pool, the renderer itself and the `render` command. Each gets the
renderer's refusal and not one pixel, even with the item's bytes sitting in the local store, and
none of them reads those bytes.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewer.domain import Case, Queue
from reviewer.keymap import load_keymap
from reviewer.media.presets import MediaPreset, PresetBook
from reviewer.media.render import MediaRenderer, RenderStyle, style_for
from reviewer.media.stages import Stage
from reviewer.profile import Profile
from reviewer.review.session import ReviewSession
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_png
from tests.qt_wait import pump_until
from tests.ui.conftest import NEVER
from ui.decide.sweep_view import SweepView
from ui.media.service import MediaService, RenderKey
from tests.ui.keystrokes import when_open
from ui.media.zoom import ZoomDialog

REFUSAL = "Not shown: the csam suspected category is never rendered."
ORDINARY = synthetic_png(320, 240, seed=31)
BOX = (320, 224)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def bytes_read(monkeypatch) -> list[str]:
    """The sha256 of every item whose bytes the decode pool reads from the store."""
    read: list[str] = []
    real = CaseCache.media_bytes

    def spy(self, sha256):
        read.append(sha256)
        return real(self, sha256)
    monkeypatch.setattr(CaseCache, "media_bytes", spy)
    return read


def _plant(store_path) -> None:
    """Put the item's bytes in the store, as if a cache from before the preset changed kept
    them: the refusal must not depend on their absence."""
    CaseCache(open_store(store_path)).save_media(sha(NEVER), "image/png", NEVER)


def _every_style(preset: MediaPreset, category: str = "csam_suspected"):
    """Every stage (blurred, reduced detail, real pixels), grey and in colour: as a view asks
    through the preset, and as a style made by hand that asks for the stage outright."""
    asked = [style_for(preset, category, stage=stage, colour=colour)
             for stage, colour in itertools.product(Stage, (False, True))]
    outright = [RenderStyle(stage=stage, colour=colour, category=category, never_render=True)
                for stage, colour in itertools.product(Stage, (False, True))]
    return list(dict.fromkeys(asked + outright))


def _refused(result) -> bool:
    return result is not None and result.image is None and result.reason == REFUSAL


def _go_to_never(window) -> None:
    while window.session.current().id != "c5-never":
        QTest.keyClick(window, Qt.Key.Key_J)
    pump_until(window.media_grid.is_settled, what="never-render case painted")


def test_the_case_grid_shows_the_refusal_and_no_pixels(offline_window, tmp_path, bytes_read):
    window = offline_window
    _plant(Profile(tmp_path / "profile").store_path)
    _go_to_never(window)
    tile = window.media_grid.visible_tiles()[0]
    assert _refused(tile.base) and tile.never_rendered()
    for modifier in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        QTest.keyPress(window, Qt.Key.Key_Space, modifier)  # reveal, then reveal in colour
        QTest.keyClick(window, Qt.Key.Key_W)  # and widen
        QTest.keyClick(window, Qt.Key.Key_D, modifier)  # and ask for real pixels
        assert not tile.showing_revealed() and window.media_grid.exposed_fraction() == 0
        assert tile.revealed is None or tile.revealed.image is None
        QTest.keyRelease(window, Qt.Key.Key_Space, modifier)
    QTest.keyClick(window, Qt.Key.Key_R)  # the organisation's line: never-render there too
    assert _refused(tile.base)
    assert sha(NEVER) not in bytes_read


def test_the_zoom_view_shows_the_refusal_and_no_pixels(offline_window, tmp_path, bytes_read):
    window = offline_window
    _plant(Profile(tmp_path / "profile").store_path)
    _go_to_never(window)
    seen = {}

    def look(zoom):
        pump_until(zoom.grid.is_settled, what="zoom painted")
        tile = zoom.grid.visible_tiles()[0]
        seen["base"], seen["revealed"] = tile.base, tile.revealed
        zoom.reject()
    waiting = when_open(ZoomDialog, look)
    QTest.keyClick(window, Qt.Key.Key_Z)
    waiting.stop()
    assert _refused(seen["base"]) and seen["revealed"] is None
    assert sha(NEVER) not in bytes_read


def test_the_sweep_grid_shows_the_refusal_and_no_pixels(qtbot, tmp_path, bytes_read):
    path = tmp_path / "store.sqlite3"
    db = open_store(path)
    cache = CaseCache(db)
    cache.save_queues([Queue("graphic_media", "Graphic media", 2, ("violent_graphic",),
                             "violent_graphic")])
    cache.save_cases([Case.from_api(case_dict("ordinary", media=[ORDINARY])),
                      Case.from_api(case_dict("never", media=[NEVER], category="csam_suspected"))],
                     None)
    cache.save_media(sha(ORDINARY), "image/png", ORDINARY)
    _plant(path)
    service = MediaService(path)
    session = ReviewSession(db)
    view = SweepView(service, PresetBook.load(), load_keymap(), session,
                     [cache.case("ordinary"), cache.case("never")])
    qtbot.addWidget(view)
    try:
        view.show()
        pump_until(view.is_settled, what="sweep thumbnails")
        never = view.cells["never"]
        pump_until(lambda: never.painted == (never.key,), what="never-render cell painted")
        assert _refused(never.result) and never.result.never_rendered
        assert view.cells["ordinary"].result.image is not None  # the pool does render others
        assert sha(NEVER) not in bytes_read
    finally:
        view.close()
        service.shutdown()


def test_the_decode_pool_refuses_without_reading_the_bytes(qtbot, tmp_path, bytes_read):
    path = tmp_path / "store.sqlite3"
    _plant(path)
    service = MediaService(path)
    got = {}
    service.rendered.connect(lambda key, result: got.__setitem__(key, result))
    # A preset that would allow reveal and colour: the refusal wins over every style.
    styles = _every_style(MediaPreset(never_render=True))
    keys = [RenderKey(sha(NEVER), BOX, style) for style in styles]
    try:
        for key in keys:
            service.request(key)  # straight into the pool, as prefetch does
        pump_until(lambda: len(got) == len(keys), what="pool answers")
        assert all(_refused(got[key]) and got[key].final for key in keys)
        assert all(_refused(service.result(key)) for key in keys)
        assert bytes_read == []
    finally:
        service.shutdown()


def test_the_renderer_refuses_every_style():
    for style in _every_style(MediaPreset(never_render=True)):
        result = MediaRenderer().render(sha(NEVER), NEVER, BOX, style)
        assert _refused(result) and result.never_rendered


def test_the_render_command_refuses_with_one_line_and_writes_nothing(tmp_path):
    source, out = tmp_path / "in.png", tmp_path / "out.png"
    source.write_bytes(NEVER)
    run = subprocess.run([sys.executable, "main.py", "render", str(source), "--out", str(out),
                          "--category", "csam_suspected"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and not out.exists()
    assert run.stderr.strip().splitlines() == [f"error: {REFUSAL}"]
    assert run.stdout == ""
