"""The label strip across the top of a media tile, drawn once into an image kept by what it
shows and copied at every paint.

A tile paints at every decision, pointer move and render that arrives, and laying its two lines
of text out (a bold copy of the font, an elided label, two drawText calls) is most of a paint's
Python: ~40 us a tile. The strip holds text only, never media pixels, so keeping it changes
nothing of what a reveal or the blur shows.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter

from reviewer.media.bytes_lru import BytesLru
from ui.theme.palette import Palette

# A grid shows up to a few dozen tiles; a case ahead and a resize or two each add their own.
STRIPS_KEPT = 64
_STRIP_BYTES = 16 << 20  # and a bound by bytes: a strip across a full-screen zoom is ~0.3 MB

_strips: BytesLru[tuple, QImage] = BytesLru(QImage.sizeInBytes, _STRIP_BYTES, STRIPS_KEPT)


def paint_label_strip(painter: QPainter, width: int, height: int, font: QFont, title: str,
                      label: str, colours: Palette, ratio: float) -> None:
    """Copies the strip for these words at (0, 0), drawing it first when none is kept."""
    key = (width, height, font, title, label, ratio, colours.media_bg, colours.media_label_bg,
           colours.media_attention, colours.media_text)
    image = _strips.get(key)
    if image is None:
        image = _drawn(width, height, font, title, label, colours, ratio)
        _strips.put(key, image)
    painter.drawImage(QPoint(0, 0), image)


def kept_strips() -> int:
    return len(_strips)


def _drawn(width: int, height: int, font: QFont, title: str, label: str, colours: Palette,
           ratio: float) -> QImage:
    # Opaque, on the tile's own ground: the strip then lands on the tile as a plain copy, the
    # text blended over the same colours as when it was drawn on the tile itself.
    image = QImage(max(1, round(width * ratio)), max(1, round(height * ratio)),
                   QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    strip = QRect(0, 0, width, height)
    painter = QPainter(image)
    painter.fillRect(strip, colours.colour("media_bg"))
    painter.fillRect(strip, colours.colour("media_label_bg"))
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(colours.colour("media_attention"))
    inner = strip.adjusted(8, 2, -8, -2)
    painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
    bold.setBold(False)
    painter.setFont(bold)
    painter.setPen(colours.colour("media_text"))
    shown = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, inner.width())
    painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, shown)
    painter.end()
    return image
