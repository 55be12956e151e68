"""Pillow images become QImages the painter draws directly: grey ones stay one byte a pixel
(the blurred and reduced stages are grey by default, and the decode pool's cache holds many),
colour ones become RGB32; each owns its pixels."""

from __future__ import annotations

from PIL import Image
from PySide6.QtGui import QImage

from ui.media.qt_images import to_qimage


def test_a_grey_image_stays_grey_at_a_quarter_of_the_bytes_with_the_same_pixels():
    grey = Image.linear_gradient("L").resize((300, 200))
    image = to_qimage(grey)
    assert image.format() == QImage.Format.Format_Grayscale8
    assert image.sizeInBytes() <= 300 * 200 * 1.1  # rows padded to 4 bytes at most
    assert [image.pixelColor(x, 100).red() for x in (0, 150, 299)] == [
        grey.getpixel((x, 100)) for x in (0, 150, 299)]
    del grey  # the QImage owns its pixels: nothing refers to Pillow's buffer
    assert image.pixelColor(299, 100).red() == image.pixelColor(299, 100).green()


def test_a_colour_image_becomes_rgb32():
    colour = Image.new("RGB", (30, 20), (200, 40, 10))
    image = to_qimage(colour)
    assert image.format() == QImage.Format.Format_RGB32
    assert image.pixelColor(5, 5).getRgb()[:3] == (200, 40, 10)
