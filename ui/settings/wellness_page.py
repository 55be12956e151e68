"""The daily exposure cap and the break interval: only ever shorter than the defaults."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from reviewer.media.exposure import ExposureSettings
from reviewer.user_settings import BREAK_RANGE_MIN, CAP_RANGE_MIN


def _minutes_box(limits: tuple[int, int], seconds: float, name: str) -> QSpinBox:
    box = QSpinBox(minimum=limits[0], maximum=limits[1])
    box.setValue(int(seconds // 60))
    box.setObjectName(name)
    return box


class WellnessPage(QWidget):
    def __init__(self, current: ExposureSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.cap = _minutes_box(CAP_RANGE_MIN, current.daily_cap_s, "dailyCap")
        self.every = _minutes_box(BREAK_RANGE_MIN, current.break_after_work_s, "breakInterval")
        for box in (self.cap, self.every):
            box.setSuffix(self.tr(" min"))
        note = QLabel(self.tr(
            "Both can only be shorter than the defaults ({cap} minutes of exposure a day, a "
            "break every {every} minutes). They apply as soon as you save.").format(
                cap=CAP_RANGE_MIN[1], every=BREAK_RANGE_MIN[1]))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Daily media exposure allowance"), self.cap)
        form.addRow(self.tr("Suggest a break after working"), self.every)
