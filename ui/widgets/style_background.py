"""The style sheet's background of a widget that paints its own (WA_OpaquePaintEvent).

A widget marked opaque spares its parents painting under it on every change, so it must paint
what they would have shown: the background its style sheet gives it.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyleOption, QWidget


def paint_style_background(widget: QWidget) -> QPainter:
    """Paint `widget`'s style sheet background; the painter is returned open, to paint on."""
    option = QStyleOption()
    option.initFrom(widget)
    painter = QPainter(widget)
    widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, widget)
    return painter
