"""What assistive technology is told about a widget, and announcements it should speak.

Qt's own widgets tell a screen reader their role and text; a name and a description say what
the control is for. Custom-painted widgets (media tiles, the sweep grid) are otherwise silent,
so they set both and set them again whenever what they show changes: Qt then sends the
NameChanged / DescriptionChanged events a screen reader follows.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def describe(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Set the accessible name and description, only when they change (each change is an
    event a screen reader may speak)."""
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)
    if widget.accessibleDescription() != description:
        widget.setAccessibleDescription(description)
    return widget


def announce(widget: QWidget, text: str) -> None:
    """Ask the screen reader to speak `text` now (politely: after what it is saying). Kept on
    the widget as the `announced` property too, which is what a test can read back."""
    widget.setProperty("announced", text)
    if QAccessible.isActive():  # no assistive technology listening: nothing to build
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
