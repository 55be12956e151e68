"""Reveal, re-blur and exposure for one media view (the main grid or a zoom window).

The reveal is on one tile of the grid at a time (which one, the grid decides). Re-blur happens
on release, on case change, when the window loses focus, after the timeout even if the key is
still held, and at once on the panic key. The hold shows reduced detail; real pixels are a
second key while it is held. While anything is revealed the exposure meter is fed revealed
time × revealed area of that one tile, under the stage it shows.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.media.exposure import ExposureMeter
from reviewer.keymap import Keymap
from reviewer.media.reveal import RevealState
from ui.keys.key_filter import KeyFilterHub
from ui.media.grid import MediaGrid
from ui.media.reveal_keys import RevealHandlers, RevealKeyFilter

REVEAL_TIMEOUT_MS = 10_000  # re-blur even if the key is still held
EXPOSURE_TICK_MS = 200


class RevealController(QObject):
    exposure_changed = Signal()

    def __init__(self, window: QWidget, grid: MediaGrid, keymap: Keymap,
                 meter: ExposureMeter | None, case_id=lambda: None):
        super().__init__(window)
        self.grid, self.meter, self._case_id = grid, meter, case_id
        self.keys = RevealKeyFilter(window, keymap, RevealHandlers(
            hold=self.hold, release=self.conceal, move=self.move, widen=self.widen,
            step=self._step_item, real=self.real_pixels))
        KeyFilterHub.of(QApplication.instance()).add(self.keys)
        self.timeout = QTimer(self, singleShot=True, interval=REVEAL_TIMEOUT_MS)
        self.timeout.timeout.connect(self.conceal)
        self._tick = QTimer(self, interval=EXPOSURE_TICK_MS)
        self._tick.timeout.connect(self._meter_tick)
        self._last_tick = 0.0

    def _step_item(self, delta: int) -> bool:
        """Tab chooses the media item while the grid has the focus, no control has it, or a
        reveal is held; elsewhere Tab walks the controls (False: not ours)."""
        focus = QApplication.focusWidget()
        if focus not in (None, self.grid) and not self.grid.reveal.held:
            return False
        return self.grid.step_current(delta)

    def hold(self, colour: bool = False) -> None:
        if self.grid.reveal.blanked or not self.grid.media:
            return
        self.grid.hold(colour)
        self.timeout.start()
        self._last_tick = time.monotonic()
        self._tick.start()

    def move(self, dx: int, dy: int) -> None:
        self.grid.set_reveal(self.grid.reveal.move(dx, dy))

    def widen(self) -> None:
        self.grid.set_reveal(self.grid.reveal.widen())

    def real_pixels(self) -> None:
        """From reduced detail to real pixels, while held; the time so far is metered as the
        stage it was."""
        self._meter_tick()
        self.grid.set_reveal(self.grid.reveal.real_pixels())

    def conceal(self, exposure_now: bool = True) -> None:
        """Back to blurred, synchronously: the blurred render is already on hand. The exposure
        line is told now unless the caller shows it soon anyway (`exposure_now`, a case change:
        the line then shows the new case's figure instead of the leaving case's)."""
        self._meter_tick()
        self._tick.stop()
        self.timeout.stop()
        self.keys.release()
        self.grid.set_reveal(self.grid.reveal.release())
        if self.meter is not None:
            self.meter.flush()
        if exposure_now:
            self.exposure_changed.emit()

    def toggle_panic(self) -> None:
        self.conceal()
        self.grid.set_reveal(RevealState(blanked=not self.grid.reveal.blanked))

    def shutdown(self) -> None:
        self.conceal()
        KeyFilterHub.of(QApplication.instance()).remove(self.keys)

    def _meter_tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        case_id = self._case_id()
        if self.meter is not None and case_id and self._tick.isActive():
            for stage, fraction in self.grid.exposure().items():
                self.meter.add(case_id, elapsed, fraction, stage)
            self.exposure_changed.emit()
