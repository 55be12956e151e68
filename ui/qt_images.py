"""Pillow image -> QImage, done in the render pool so the UI thread only paints."""

from __future__ import annotations

from PIL import Image
from PySide6.QtGui import QImage

_FORMATS = {"L": QImage.Format.Format_Grayscale8, "RGB": QImage.Format.Format_RGB888}


def to_qimage(image: Image.Image) -> QImage:
    if image.mode not in _FORMATS:
        image = image.convert("RGB")
    data = image.tobytes()
    bytes_per_line = len(data) // image.height
    # .copy(): QImage must own its pixels; `data` is freed when this function returns.
    return QImage(data, image.width, image.height, bytes_per_line, _FORMATS[image.mode]).copy()
