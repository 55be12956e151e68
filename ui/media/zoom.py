"""One media item, large: a window (or full screen with F11) that renders through the same
filter, with the same held reveal, spotlight and timeout as the case view — no bypass.

Keys: ←/→ other items of the case, F11 full screen, Esc closes (which also hides everything).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from reviewer.domain import Case
from reviewer.media.exposure import ExposureMeter
from reviewer.keymap import Keymap
from reviewer.media.presets import PresetBook
from ui.media.service import MediaService
from ui.media.grid import MediaGrid
from ui.media.reveal_controller import RevealController


class ZoomDialog(QDialog):
    def __init__(self, service: MediaService, presets: PresetBook, keymap: Keymap,
                 meter: ExposureMeter | None, case: Case, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Media of {case} — blurred; hold Space to reveal").format(
            case=case.id))
        self.case = case
        self.index = 0
        self.grid = MediaGrid(service, presets, self)
        self.reveal = RevealController(self, self.grid, keymap, meter, lambda: self.case.id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.grid)
        for key, slot in (("Right", lambda: self.step(1)), ("Left", lambda: self.step(-1)),
                          ("F11", self.toggle_full_screen)):
            QShortcut(QKeySequence(key), self, activated=slot)
        self.resize(1200, 900)
        self.step(0)

    def step(self, delta: int) -> None:
        if self.reveal.keys.held:
            return  # arrows move the spotlight while revealing
        self.index = (self.index + delta) % len(self.case.media)
        self.reveal.conceal()
        self.grid.set_media((self.case.media[self.index],))

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def done(self, result: int) -> None:
        self.reveal.shutdown()
        super().done(result)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.ActivationChange and not self.isActiveWindow():
            self.reveal.conceal()
        super().changeEvent(event)
