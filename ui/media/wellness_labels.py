"""Calm wellness feedback: a small exposure reading and, when due, one prompt at a time.

No sound, no flashing, no modal interruption: a prompt is a line of text the reviewer can
dismiss (B after a break, or it goes when the next prompt replaces it).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel

from reviewer.media.exposure import PROMPT_TEXT, ExposureReading
from ui.i18n.core_text import shown
from ui.widgets.accessible import describe


def _short(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f}s"
    return f"{seconds // 60:.0f}m {seconds % 60:02.0f}s"


class ExposureLabel(QLabel):
    def __init__(self):
        super().__init__()
        self.setObjectName("exposureLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._reading: ExposureReading | None = None

    def show_reading(self, reading: ExposureReading) -> None:
        # Shown again on every concealment and case change, mostly unchanged: text, tooltip
        # and description are set (and repainted) only when the reading moved.
        if reading == self._reading:
            return
        self._reading = reading
        today = QLocale().toString(reading.day_fraction * 100, "f", 0) + QLocale().percent()
        self.setText(self.tr("Exposure: case {case} ({real} real pixels) · today {today}").format(
            case=_short(reading.case_s), real=_short(reading.case_real_s), today=today))
        self.setToolTip(self.tr(
            "Revealed time × revealed area. This case {case}, this shift {shift}, today {day} "
            "of a {cap} daily allowance; of today's, {reduced} reduced detail and {real} real "
            "pixels. Kept on this machine only.").format(
            case=_short(reading.case_s), shift=_short(reading.shift_s),
            day=_short(reading.day_s), cap=_short(reading.day_cap_s),
            reduced=_short(reading.day_reduced_s), real=_short(reading.day_real_s))
            + self._decided(reading))
        describe(self, self.tr("Exposure"), self.toolTip())

    def _decided(self, reading: ExposureReading) -> str:
        """Today's decisions by what was seen first: deciding unseen is the aim."""
        shares = reading.decisions
        if not shares.total:
            return ""
        return "\n" + self.tr(
            "Today's decisions: {unseen} without any reveal ({suggested} by the suggested "
            "decision), {reduced} after reduced detail, {real} after real pixels.").format(
            unseen=shares.without_reveal, suggested=shares.by_suggestion,
            reduced=shares.reduced, real=shares.real_pixels)


class PromptBanner(QLabel):
    def __init__(self):
        super().__init__()
        self.setObjectName("wellnessPrompt")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.prompt = ""
        self.hide()

    def show_prompt(self, prompt: str) -> None:
        self.prompt = prompt
        self.setText(shown(PROMPT_TEXT[prompt]))
        self.show()

    def dismiss(self) -> None:
        self.prompt = ""
        self.hide()
