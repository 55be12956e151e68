"""The product icon as Qt shows it: the window, the tray and notifications all use this one.

Built from the rendered PNG sizes (not the SVG), so no SVG plugin is needed in a bundle and
each size is the one drawn for it; reviewer/resources.py says where they are.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from reviewer.resources import ICON_SIZES, icon_file


def product_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        if icon_file(size).is_file():
            icon.addFile(str(icon_file(size)))
    return icon


def notification_icon_file() -> str:
    """A picture file for the platform's notification service, which wants a path, not a QIcon."""
    return str(icon_file(256))
