"""The reduced-detail stage in the window, driven by keys as a reviewer presses them: holding
reveal shows reduced detail first, real pixels only after the second key while held; the zoom
shows the same stages; a preset without real pixels stops at reduced; the status bar names the
stage on screen, and the exposure meter keeps the two stages apart."""

from __future__ import annotations

from PIL import Image, ImageChops
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from reviewer.media.render import MediaRenderer, style_for
from reviewer.media.stages import Stage
from reviewer.profile import Profile
from tests.qt_wait import pump, pump_until
from tests.ui.conftest import GOOD, prepare_store
from tests.ui.keystrokes import when_open
from ui.app import build_workstation
from ui.media.zoom import ZoomDialog


def _pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L",
                           image.bytesPerLine())


def _settled_on(grid, stage: Stage):
    tile = grid.tiles[grid.reveal.item]
    pump_until(lambda: tile.shown_stage() is stage, what=f"{stage.value} in the spotlight")
    pump_until(grid.is_settled, what=f"{stage.value} painted")
    return tile


def _is_the_renderers(tile, stage: Stage) -> bool:
    """The spotlight holds exactly what the one renderer makes of the item at `stage`."""
    style = style_for(tile.preset, tile.media.category, stage=stage)
    expected = MediaRenderer().render("k", GOOD, tile.reveal_key.box, style).image
    return ImageChops.difference(_pil(tile.revealed.image), expected.convert("L")).getbbox() is None


def _window(qtbot, tmp_path, media_setting=None):
    profile = Profile(tmp_path / "profile").ensure()
    if media_setting:
        profile.save_setting("media", media_setting)
    prepare_store(profile)
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pump_until(window.media_grid.is_settled, what="first case media painted")
    return window


def test_holding_reveal_shows_reduced_detail_and_real_pixels_only_after_the_second_key(
        offline_window):
    window = offline_window
    grid, hint = window.media_grid, window.media_desk.reveal_hint
    QTest.keyClick(window, Qt.Key.Key_D)  # not held: the second key alone shows nothing
    assert grid.asked_stage() is Stage.BLURRED and not grid.visible_tiles()[0].showing_revealed()
    QTest.keyPress(window, Qt.Key.Key_Space)
    tile = _settled_on(grid, Stage.REDUCED)
    assert _is_the_renderers(tile, Stage.REDUCED)
    assert hint.text().startswith("REDUCED DETAIL — D: real pixels")
    assert hint.property("revealMode") == "reduced"
    QTest.keyClick(window, Qt.Key.Key_D)
    tile = _settled_on(grid, Stage.REVEALED)
    assert _is_the_renderers(tile, Stage.REVEALED)
    assert hint.text().startswith("REAL PIXELS — release to blur")
    QTest.keyRelease(window, Qt.Key.Key_Space)
    assert grid.asked_stage() is Stage.BLURRED and not tile.showing_revealed()
    assert hint.text().startswith("Blurred")
    QTest.keyPress(window, Qt.Key.Key_Space)  # the next hold starts at reduced detail again
    assert _settled_on(grid, Stage.REDUCED) is tile
    QTest.keyRelease(window, Qt.Key.Key_Space)


def test_real_pixels_end_when_the_reveal_moves_to_another_item(offline_window):
    window = offline_window
    grid = window.media_grid
    QTest.keyPress(window, Qt.Key.Key_Space)
    QTest.keyClick(window, Qt.Key.Key_D)
    _settled_on(grid, Stage.REVEALED)
    QTest.keyClick(window, Qt.Key.Key_Tab)  # the next item of the case
    assert grid.reveal.item == 1 and _settled_on(grid, Stage.REDUCED) is grid.tiles[1]
    QTest.keyRelease(window, Qt.Key.Key_Space)


def test_the_zoom_shows_the_same_stages(offline_window):
    window = offline_window
    seen = {}

    def look(zoom):
        pump_until(zoom.grid.is_settled, what="zoom painted")
        QTest.keyPress(zoom, Qt.Key.Key_Space)
        seen["first"] = _settled_on(zoom.grid, Stage.REDUCED).shown_stage()
        QTest.keyClick(zoom, Qt.Key.Key_D)
        seen["then"] = _settled_on(zoom.grid, Stage.REVEALED).shown_stage()
        QTest.keyRelease(zoom, Qt.Key.Key_Space)
        seen["after"] = zoom.grid.tiles[0].showing_revealed()
        zoom.reject()
    waiting = when_open(ZoomDialog, look)
    QTest.keyClick(window, Qt.Key.Key_Z)
    waiting.stop()
    assert seen == {"first": Stage.REDUCED, "then": Stage.REVEALED, "after": False}


def test_a_preset_without_real_pixels_stops_at_reduced_detail(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, {"reveal": False})  # the reviewer's own stricter setting
    grid, hint = window.media_grid, window.media_desk.reveal_hint
    QTest.keyPress(window, Qt.Key.Key_Space)
    tile = _settled_on(grid, Stage.REDUCED)
    assert "real pixels not allowed for this category" in hint.text()
    QTest.keyClick(window, Qt.Key.Key_D)
    QTest.keyClick(window, Qt.Key.Key_W)
    pump(0.2)
    assert tile.shown_stage() is Stage.REDUCED and grid.asked_stage() is Stage.REDUCED
    assert tile.reveal_key.style.stage is Stage.REDUCED and tile.exposed_fraction() == 1.0
    QTest.keyRelease(window, Qt.Key.Key_Space)


def test_a_preset_without_either_stage_stays_blurred(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, {"reveal": False, "reduced": False})
    QTest.keyPress(window, Qt.Key.Key_Space)
    QTest.keyClick(window, Qt.Key.Key_D)
    pump(0.2)
    assert window.media_grid.exposed_fraction() == 0
    assert window.media_desk.reveal_hint.text() == "Still blurred: this category is not revealed"
    QTest.keyRelease(window, Qt.Key.Key_Space)


def test_exposure_records_the_stage_shown(offline_window):
    window = offline_window
    QTest.keyPress(window, Qt.Key.Key_Space)
    _settled_on(window.media_grid, Stage.REDUCED)
    QTest.keyClick(window, Qt.Key.Key_W)  # the whole image, reduced
    pump(0.4)
    QTest.keyClick(window, Qt.Key.Key_D)  # then real pixels, still the whole image
    _settled_on(window.media_grid, Stage.REVEALED)
    pump(0.4)
    QTest.keyRelease(window, Qt.Key.Key_Space)
    reading = window.meter.reading("c1-two-images")
    assert 0.25 < reading.case_reduced_s < 1.0 and 0.25 < reading.case_real_s < 1.0
    assert reading.case_s == reading.case_reduced_s + reading.case_real_s
    saved = window.meter.db.execute(
        "SELECT exposure_s, reduced_s FROM exposure WHERE case_id = 'c1-two-images'").fetchone()
    assert saved[1] > 0.25 and saved[0] - saved[1] > 0.25
    assert "real pixels" in window.media_desk.exposure_label.text()
