"""What the reviewer sees of media: blurred and grayscale unless revealed, only while held, only
as much as asked for, and never for categories that are never rendered."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from reviewer.actions import ActionId
from reviewer.media.stages import Stage
from tests.qt_wait import pump, pump_until
from tests.ui.keystrokes import when_open
from ui.media.zoom import ZoomDialog


def _pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


def _sharpness(image: QImage | Image.Image) -> float:
    gray = _pil(image) if isinstance(image, QImage) else image
    shifted = gray.transform(gray.size, Image.Transform.AFFINE, (1, 0, 1, 0, 1, 0))
    return ImageStat.Stat(ImageChops.difference(gray, shifted)).mean[0]


def _tiles(window):
    return window.media_grid.visible_tiles()


def _go_to(window, case_id):
    while window.session.current().id != case_id:
        QTest.keyClick(window, Qt.Key.Key_J)
    pump_until(window.media_grid.is_settled, what=f"{case_id} painted")


def _revealed_tile(window):
    grid = window.media_grid
    return grid.tiles[grid.reveal.item]


def _hold(window, shift=False):
    QTest.keyPress(window, Qt.Key.Key_Space,
                   Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier)
    pump_until(lambda: _revealed_tile(window).showing_revealed(), what="revealed render")
    pump_until(window.media_grid.is_settled, what="revealed painted")


def _real_pixels(window, shift=False):
    """The deliberate second key, pressed while reveal is held."""
    QTest.keyClick(window, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier)
    tile = _revealed_tile(window)
    pump_until(lambda: tile.shown_stage() is Stage.REVEALED, what="real pixels")
    pump_until(window.media_grid.is_settled, what="real pixels painted")


def test_media_is_blurred_and_grayscale_by_default_with_its_label_on_top(offline_window):
    tiles = _tiles(offline_window)
    assert len(tiles) == 2
    for tile in tiles:
        assert not tile.showing_revealed()
        assert tile.base.image.allGray()
        assert _sharpness(tile.base.image) < 1.5
        assert tile.media.category == "graphic_violence" and tile.media.label
        assert tile.base_key.style.blur_fraction >= 0.08
    assert "hold Space to reveal" in offline_window.media_desk.reveal_hint.text()


def _crop_at(shot: Image.Image, tile, fx: float, fy: float, half: int) -> Image.Image:
    """A square around a point given as fractions of the image drawn in the tile."""
    w, h = tile.base.image.width(), tile.base.image.height()
    x = 4 + (tile.width() - 8 - w) // 2 + int(fx * w)
    y = 44 + (tile.height() - 48 - h) // 2 + int(fy * h)
    return shot.crop((x - half, y - half, x + half, y + half))


def test_holding_space_reveals_a_spotlight_and_releasing_reblurs_at_once(offline_window):
    window = offline_window
    tile = _tiles(window)[0]
    concealed = _pil(tile.grab().toImage())
    _hold(window)
    window.media_grid.point_spotlight(0.2, 0.25)  # as the mouse would
    assert _sharpness(tile.revealed.image) > 3 * _sharpness(tile.base.image)
    assert tile.exposed_fraction() == 0.15 and window.media_grid.exposed_fraction() == 0.15
    revealed = _pil(tile.grab().toImage())
    half = 20
    inside = [_crop_at(shot, tile, 0.2, 0.25, half) for shot in (concealed, revealed)]
    outside = [_crop_at(shot, tile, 0.8, 0.8, half) for shot in (concealed, revealed)]
    assert _sharpness(inside[1]) > 2 * _sharpness(inside[0])  # the spotlight is sharp ...
    assert ImageChops.difference(*outside).getbbox() is None  # ... and nothing outside it changed
    QTest.keyRelease(window, Qt.Key.Key_Space)
    # No waiting: the blurred render is cached, so the release takes effect synchronously.
    assert not any(t.showing_revealed() for t in _tiles(window))
    assert window.media_grid.exposed_fraction() == 0
    assert ImageChops.difference(_pil(tile.grab().toImage()), concealed).getbbox() is None


def test_widen_shows_the_whole_image_and_arrows_move_the_spotlight_not_the_case(offline_window):
    window = offline_window
    _hold(window)
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.session.current().id == "c1-two-images"
    assert window.media_grid.reveal.spot == (0.6, 0.5)
    QTest.keyClick(window, Qt.Key.Key_W)
    assert window.media_grid.exposed_fraction() == 1.0
    QTest.keyRelease(window, Qt.Key.Key_Space)
    assert not window.media_grid.reveal.widened  # the next reveal starts small again


def test_colour_is_a_separate_step(offline_window):
    window = offline_window
    _hold(window)
    _real_pixels(window)
    assert _revealed_tile(window).revealed.image.allGray()
    QTest.keyRelease(window, Qt.Key.Key_Space)
    _hold(window, shift=True)
    assert _revealed_tile(window).revealed.image.allGray()  # reduced detail comes in grey
    _real_pixels(window, shift=True)  # Shift is still down from Shift+Space
    assert not _revealed_tile(window).revealed.image.allGray()
    QTest.keyRelease(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert not window.media_grid.revealed


def test_autorepeat_of_a_held_key_does_not_toggle_reveal(offline_window):
    window = offline_window
    QTest.keyPress(window, Qt.Key.Key_Space)
    QTest.keyEvent(QTest.KeyAction.Press, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert window.media_grid.revealed
    QTest.keyRelease(window, Qt.Key.Key_Space)
    assert not window.media_grid.revealed


def test_reveal_ends_on_case_change_even_while_the_key_is_held(offline_window):
    window = offline_window
    QTest.keyPress(window, Qt.Key.Key_Space)
    assert window.media_grid.revealed
    window.registry.actions[ActionId.NEXT_CASE].trigger()
    assert window.session.current().id == "c2-corrupt"
    assert not window.media_grid.revealed


def test_reveal_times_out_even_if_still_held(offline_window):
    window = offline_window
    window.reveal.timeout.setInterval(150)
    QTest.keyPress(window, Qt.Key.Key_Space)
    assert window.media_grid.revealed
    pump(0.5)
    assert not window.media_grid.revealed


def test_losing_focus_reblurs(offline_window, qtbot):
    from PySide6.QtWidgets import QWidget
    window = offline_window
    QTest.keyPress(window, Qt.Key.Key_Space)
    assert window.media_grid.revealed
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    pump_until(lambda: not window.isActiveWindow(), what="focus moved away")
    assert not window.media_grid.revealed


def test_panic_key_blanks_everything_until_pressed_again(offline_window):
    window = offline_window
    QTest.keyClick(window, Qt.Key.Key_H)
    pump_until(window.media_grid.is_settled, what="blank painted")
    assert all(t.painted == ("metadata",) for t in _tiles(window))
    QTest.keyPress(window, Qt.Key.Key_Space)
    assert not window.media_grid.revealed  # no reveal while blanked
    QTest.keyRelease(window, Qt.Key.Key_Space)
    QTest.keyClick(window, Qt.Key.Key_J)
    assert window.media_grid.reveal.blanked  # stays blank on the next case
    QTest.keyClick(window, Qt.Key.Key_H)
    assert not window.media_grid.reveal.blanked


def test_corrupt_image_shows_a_placeholder_naming_the_reason(offline_window):
    window = offline_window
    _go_to(window, "c2-corrupt")
    tile = _tiles(window)[0]
    assert tile.base.image is None
    assert tile.base.reason.startswith("Cannot be displayed: the file is damaged")


def test_animation_is_a_blurred_storyboard_that_does_not_play(offline_window):
    window = offline_window
    _go_to(window, "c4-animated")
    tile = _tiles(window)[0]
    assert tile.base.caption == "Animation: 12 of 20 frames · not playing"
    assert tile.base.image.allGray() and _sharpness(tile.base.image) < 2


def test_never_render_category_shows_only_the_refusal_and_metadata(offline_window):
    window = offline_window
    _go_to(window, "c5-never")
    tile = _tiles(window)[0]
    assert tile.base.image is None and tile.never_rendered()
    assert tile.base.reason == "Not shown: the csam suspected category is never rendered."
    assert tile.painted == (tile.base_key, None)
    QTest.keyPress(window, Qt.Key.Key_Space)
    assert not tile.showing_revealed()
    QTest.keyRelease(window, Qt.Key.Key_Space)


def test_zoom_view_renders_through_the_same_filter(offline_window):
    window = offline_window
    seen = {}

    def look(zoom):
        pump_until(zoom.grid.is_settled, what="zoom painted")
        tile = zoom.grid.visible_tiles()[0]
        seen["gray"] = tile.base.image.allGray()
        seen["sharp"] = _sharpness(tile.base.image)
        seen["wide"] = tile.base.image.width()
        zoom.reject()
    waiting = when_open(ZoomDialog, look)
    QTest.keyClick(window, Qt.Key.Key_Z)
    waiting.stop()
    assert seen["gray"] and seen["sharp"] < 1.5 and seen["wide"] > 400


def test_exposure_is_metered_while_revealed(offline_window):
    window = offline_window
    _hold(window)
    pump(0.45)
    QTest.keyRelease(window, Qt.Key.Key_Space)
    reading = window.meter.reading("c1-two-images")
    assert 0.03 < reading.case_s < 0.15  # ~0.5 s × 15% spotlight
    assert "Exposure: case" in window.media_desk.exposure_label.text()


def test_case_text_is_plain_text_and_html_is_shown_not_rendered(offline_window):
    window = offline_window
    _go_to(window, "c3-html")
    text = window.case_panel.text
    assert text.toPlainText().startswith('<b>bold</b><img src="http://example.invalid/x.png">')
    assert "&lt;img" in text.toHtml()  # escaped: no image element, nothing loaded


def test_relax_for_this_case_goes_back_to_the_org_line_only_until_the_next_case(qtbot, tmp_path):
    from reviewer.profile import Profile
    from tests.ui.conftest import prepare_store
    from ui.app import build_workstation
    profile = Profile(tmp_path / "strict").ensure()
    profile.save_setting("media", {"blur_fraction": 0.3, "colour": False})  # stricter than org
    prepare_store(profile)
    window = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(window)
    window.show()
    pump_until(window.media_grid.is_settled, what="painted")
    tile = _tiles(window)[0]
    assert tile.base_key.style.blur_fraction == 0.3
    QTest.keyClick(window, Qt.Key.Key_R)
    assert tile.relaxed and tile.base_key.style.blur_fraction == 0.12  # graphic_violence, shipped
    QTest.keyClick(window, Qt.Key.Key_J)
    QTest.keyClick(window, Qt.Key.Key_K)
    assert not _tiles(window)[0].relaxed and _tiles(window)[0].base_key.style.blur_fraction == 0.3


# --- one item at a time -----------------------------------------------------------------------
def _image_point(tile, fx: float, fy: float):
    """A point in the tile's image area, as a person would aim the pointer."""
    from PySide6.QtCore import QPoint
    return QPoint(4 + int(fx * (tile.width() - 8)), 44 + int(fy * (tile.height() - 48)))


def test_space_reveals_only_the_current_tile_and_meters_only_its_area(offline_window):
    window = offline_window
    first, second = _tiles(window)
    untouched = _pil(second.grab().toImage())
    _hold(window)
    assert first.showing_revealed() and not second.showing_revealed()
    assert not second.reveal.held  # nothing of it is asked of the renderer either
    assert ImageChops.difference(_pil(second.grab().toImage()), untouched).getbbox() is None
    assert window.media_grid.exposed_fraction() == 0.15  # one spotlight, not one per tile
    QTest.keyClick(window, Qt.Key.Key_W)
    assert first.exposed_fraction() == 1.0 and second.exposed_fraction() == 0
    assert window.media_grid.exposed_fraction() == 1.0
    pump(0.45)
    QTest.keyRelease(window, Qt.Key.Key_Space)
    assert 0.3 < window.meter.reading("c1-two-images").case_s < 0.7  # ~0.5 s × one image


def test_the_tile_under_the_pointer_is_the_one_revealed_and_the_reveal_follows_it(offline_window):
    window = offline_window
    first, second = _tiles(window)
    QTest.mouseMove(second, _image_point(second, 0.25, 0.75))
    _hold(window)
    assert second.showing_revealed() and not first.showing_revealed()
    assert second.reveal.spot == pytest.approx((0.25, 0.75), abs=0.02)  # opens where it points
    QTest.mouseMove(first, _image_point(first, 0.5, 0.5))
    pump_until(first.showing_revealed, what="reveal moved to the first tile")
    assert not second.showing_revealed() and window.media_grid.exposed_fraction() == 0.15
    QTest.keyRelease(window, Qt.Key.Key_Space)
    assert not first.showing_revealed() and not second.showing_revealed()


def test_tab_chooses_the_tile_a_reveal_opens_on_and_moves_a_held_reveal(offline_window):
    window = offline_window
    first, second = _tiles(window)
    assert first.current and not second.current  # framed: where a reveal by key would open
    QTest.keyClick(window, Qt.Key.Key_Tab)
    assert second.current and not first.current
    _hold(window)
    assert second.showing_revealed() and not first.showing_revealed()
    QTest.keyClick(window, Qt.Key.Key_W)
    QTest.keyClick(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    pump_until(first.showing_revealed, what="reveal moved back to the first tile")
    assert not second.showing_revealed()
    assert window.media_grid.exposed_fraction() == 0.15  # a fresh spotlight, not widened
    QTest.keyRelease(window, Qt.Key.Key_Space)
    QTest.keyClick(window, Qt.Key.Key_J)
    QTest.keyClick(window, Qt.Key.Key_K)
    assert _tiles(window)[0].current  # each case starts on its first item


def test_a_larger_text_size_keeps_a_tiles_category_and_label_on_lines_of_their_own(
        offline_window):
    from PySide6.QtGui import QFont

    from ui.media.tile import label_height

    grid = offline_window.media_grid
    font = QFont(grid.font())
    font.setPointSizeF(20)  # a reviewer's larger text size
    grid.setFont(font)
    pump_until(grid.is_settled, what="tiles painted again")
    tile = _tiles(offline_window)[0]
    shot = tile.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    # Inside the tile's frame: its border inks every row at the edges.
    strip = _pil(shot).crop((6, 2, tile.width() - 6, label_height(tile.font())))
    background = strip.getpixel((strip.width - 1, strip.height // 2))
    inked = [any(abs(strip.getpixel((x, y)) - background) > 40 for x in range(strip.width))
             for y in range(strip.height)]
    bands = sum(1 for y, ink in enumerate(inked) if ink and (y == 0 or not inked[y - 1]))
    assert bands == 2, inked  # the category's line, a gap, the label's line: never one blot
    assert tile.base.image.height() <= tile.height() - label_height(tile.font()) - 8
