"""Moving the keyboard focus from pane to pane (F6 / Shift+F6 by default).

Tab and Shift+Tab walk every control in order, but inside the media grid they choose the next
or previous media item, as the reviewer expects there. The pane keys always move on: to the
first control of the next pane (queues, case list and filters, case, media, decisions...),
skipping panes that are hidden, so the focus can leave the grid and come back without a mouse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def set_tab_order(widgets: list[QWidget]) -> None:
    """Tab visits `widgets` in this order (each keeps its own children's order)."""
    for first, second in zip(widgets, widgets[1:]):
        QWidget.setTabOrder(first, second)


class PaneCycle:
    def __init__(self, panes: list[QWidget]):
        self.panes = panes

    def step(self, delta: int) -> QWidget | None:
        """Focus the first control of the next (+1) or previous (-1) shown pane; returns it."""
        shown = [p for p in self.panes if p.isVisible() and _first_control(p) is not None]
        if not shown:
            return None
        here = self._pane_of(QApplication.focusWidget(), shown)
        start = shown.index(here) if here is not None else (-1 if delta > 0 else 0)
        target = _first_control(shown[(start + delta) % len(shown)])
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return target

    @staticmethod
    def _pane_of(widget: QWidget | None, panes: list[QWidget]) -> QWidget | None:
        for pane in panes:
            if widget is not None and (widget is pane or pane.isAncestorOf(widget)):
                return pane
        return None


def _first_control(pane: QWidget) -> QWidget | None:
    """The pane itself if Tab stops on it, else the first of its controls in the Tab order."""
    if _stops(pane):
        return pane
    widget = pane.nextInFocusChain()
    while widget is not pane and widget is not None:
        if pane.isAncestorOf(widget) and _stops(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def _stops(widget: QWidget) -> bool:
    return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible()
            and widget.isEnabled())
