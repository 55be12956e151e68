"""What the reviewer sees of media: blurred and grayscale unless revealed, and only while held."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from tests.qt_wait import pump, pump_until


def _pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


def _sharpness(image: QImage) -> float:
    gray = _pil(image)
    shifted = gray.transform(gray.size, Image.Transform.AFFINE, (1, 0, 1, 0, 1, 0))
    return ImageStat.Stat(ImageChops.difference(gray, shifted)).mean[0]


def _tiles(window):
    return window.media_grid.visible_tiles()


def test_media_is_blurred_and_grayscale_by_default_with_its_label_on_top(offline_window):
    tiles = _tiles(offline_window)
    assert len(tiles) == 2
    for tile in tiles:
        assert tile.result_key.style.revealed is False and tile.result_key.style.colour is False
        assert tile.result.image.allGray()
        assert _sharpness(tile.result.image) < 1.5
        assert tile.media.category == "graphic_violence" and tile.media.label
    assert "hold Space to reveal" in offline_window.reveal_hint.text()


def test_holding_space_reveals_and_releasing_reblurs_at_once(offline_window):
    window = offline_window
    blurred = [_sharpness(t.result.image) for t in _tiles(window)]
    QTest.keyPress(window, Qt.Key.Key_Space)
    pump_until(lambda: all(t.result_key.style.revealed for t in _tiles(window)), what="revealed")
    revealed = [_sharpness(t.result.image) for t in _tiles(window)]
    assert all(r > 2.5 and r > 3 * b for r, b in zip(revealed, blurred)), (revealed, blurred)
    assert "REVEALED" in window.reveal_hint.text()
    QTest.keyRelease(window, Qt.Key.Key_Space)
    # No waiting: the blurred render is cached, so the release takes effect synchronously.
    assert all(not t.result_key.style.revealed for t in _tiles(window))
    assert all(_sharpness(t.result.image) < 1.5 for t in _tiles(window))


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
    QTest.keyClick(window, Qt.Key.Key_J)
    assert window.session.current().id == "c2-corrupt"
    assert not window.media_grid.revealed


def test_reveal_times_out_even_if_still_held(offline_window):
    window = offline_window
    window._reveal_timer.setInterval(150)
    QTest.keyPress(window, Qt.Key.Key_Space)
    assert window.media_grid.revealed
    pump(0.5)
    assert not window.media_grid.revealed


def test_corrupt_image_shows_a_placeholder_naming_the_reason(offline_window):
    window = offline_window
    QTest.keyClick(window, Qt.Key.Key_J)
    pump_until(lambda: window.media_grid.is_settled(), what="placeholder painted")
    tile = _tiles(window)[0]
    assert tile.result.image is None
    assert tile.result.reason.startswith("Cannot be displayed: the file is damaged")


def test_case_text_is_plain_text_and_html_is_shown_not_rendered(offline_window):
    window = offline_window
    QTest.keyClick(window, Qt.Key.Key_J)
    QTest.keyClick(window, Qt.Key.Key_J)
    text = window.case_panel.text
    assert window.session.current().id == "c3-html"
    assert text.toPlainText().startswith('<b>bold</b><img src="http://example.invalid/x.png">')
    assert "&lt;img" in text.toHtml()  # escaped: no image element, nothing loaded
    assert "No media attached" not in window.case_panel.header.text()
