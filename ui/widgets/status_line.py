"""The status line: the one place where the workstation tells the reviewer what just happened.

Controllers never write to it directly; each has a `message` signal that the window connects
here, so every outcome, refusal and notice reaches the reviewer the same way and in one spot.

A message is only worth showing while it is true and fresh: an ordinary message fades after
`MESSAGE_LIFETIME_S`; one that is true only for a while (the undo grace window, `say_for`)
counts down each second and turns into what stays true when its time is up. The line is one
line: where a message does not fit it is elided with a visible "…", never clipped, and a
countdown's own words ("Ctrl+Z undoes it for 9 s") are kept whole while the message before them
gives way, since they are what the reviewer must act on in time. The whole text is the
tooltip, and every message stays readable whole, with its local time, in the message log
(`history`, shown by ui/widgets/message_log.py).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QTimer

from ui.widgets.accessible import announce, describe
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.label_holder import LabelHolder

MESSAGE_LIFETIME_S = 30.0  # long enough to read twice; the log keeps it afterwards
HISTORY_SIZE = 200


@dataclass(frozen=True)
class LoggedMessage:
    at: datetime  # local time, as the reviewer's clock shows it
    text: str


@dataclass(frozen=True)
class _Countdown:
    template: str  # "{left}" stands for the whole seconds left
    deadline: float  # time.monotonic()
    then: str


class StatusLine(ElidedLabel):
    def __init__(self, lifetime_s: float = MESSAGE_LIFETIME_S):
        super().__init__()
        self.setObjectName("statusLine")
        # Takes the width the status bar gives it, and no more (ElidedLabel): a long message
        # is elided inside that width instead of pushing the line past the window's edge.
        # What the window lays out: a new message (one after every decision) relayouts
        # nothing around it.
        self.holder = LabelHolder(self)
        self.lifetime_s = lifetime_s
        describe(self, self.tr("Messages"), self.tr("The latest message; Ctrl+Shift+M shows "
                                                     "the recent ones"))
        self._history: deque[LoggedMessage] = deque(maxlen=HISTORY_SIZE)
        self._countdown: _Countdown | None = None
        self._fade = QTimer(self, singleShot=True)
        self._fade.timeout.connect(lambda: self._show(""))
        self._tick = QTimer(self, interval=250)  # a whole second never shows late by more
        self._tick.timeout.connect(self._count_down)

    # --- what the window connects to ---------------------------------------------------------
    def say(self, text: str) -> None:
        """Show a message until it fades (or the next one replaces it); a screen reader
        speaks it too."""
        self._countdown = None
        self._tick.stop()
        self._log(text)
        self._show(text)
        announce(self, text)
        self._fade.start(int(self.lifetime_s * 1000))

    def say_for(self, template: str, seconds: float, then: str) -> None:
        """Show a message that is true for `seconds` only: "{left}" in `template` counts the
        whole seconds down; when they are up the line says `then`, which fades as usual."""
        self._fade.stop()
        self._countdown = _Countdown(template, time.monotonic() + seconds, then)
        self._log(_fill(template, seconds))
        self._count_down()
        self._tick.start()

    # --- reading it ---------------------------------------------------------------------------
    def history(self) -> list[LoggedMessage]:
        """Recent messages, newest first."""
        return list(reversed(self._history))

    def shown_text(self) -> str:
        """What fits on the line: one line, elided with "…" when the message is longer; while a
        countdown runs, its words after the message stay whole and the message is elided."""
        one_line = " ".join(self.text().split())
        width = self.contentsRect().width()
        countdown = self._countdown
        then = " ".join(countdown.then.split()) if countdown else ""
        if not then or not one_line.startswith(then) or one_line == then:
            return self.elided(one_line, width)
        tail = one_line[len(then):]
        room = width - self.fontMetrics().horizontalAdvance(tail)
        if room < self.fontMetrics().horizontalAdvance("……"):
            return self.elided(one_line, width)  # too narrow even for the offer alone
        return self.elided(then, room) + tail

    # --- internals ----------------------------------------------------------------------------
    def _log(self, text: str) -> None:
        if text:
            self._history.append(LoggedMessage(datetime.now().astimezone(), text))

    def _show(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(text)

    def _count_down(self) -> None:
        countdown = self._countdown
        if countdown is None:
            return
        left = countdown.deadline - time.monotonic()
        if left > 0:
            self._show(_fill(countdown.template, left))
            return
        self._countdown = None
        self._tick.stop()
        self._show(countdown.then)
        self._fade.start(int(self.lifetime_s * 1000))


def _fill(template: str, seconds: float) -> str:
    """Seconds left as the reviewer counts them (9.2 s left reads "10"); a plain replace, since
    the message may quote text with braces of its own."""
    return template.replace("{left}", str(max(1, int(seconds + 0.999))))
