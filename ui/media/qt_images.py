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
    # Converted here, in the decode pool, to the format the raster painter draws fastest, so
    # the UI thread only blits; the conversion also gives the QImage its own copy of the pixels.
    wrapped = QImage(data, image.width, image.height, bytes_per_line, _FORMATS[image.mode])
    if image.mode == "L":
        # Grey stays grey, a quarter of RGB32's bytes (the blurred and reduced stages are grey
        # by default; the decode pool's cache holds up to 96 of them): the raster painter
        # draws Grayscale8 as fast as RGB32. The copy owns its pixels, as a conversion would.
        return wrapped.copy()
    return wrapped.convertToFormat(QImage.Format.Format_RGB32)
