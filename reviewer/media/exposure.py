"""The exposure meter: how much graphic media a reviewer has actually seen.

Exposure is revealed time × revealed area fraction (a 15% spotlight held for 10 s is 1.5 s),
kept by stage (the reduced-detail rendering apart from real pixels, so a reviewer sees how much
they needed the real thing), per case, per shift and per day on this machine only — it is the
reviewer's own wellbeing record, never sent to the central API. It raises calm prompts: a break
after a stretch of work or exposure, a warning at 80% of the daily cap and a suggestion to move
to a low-exposure queue at 100%. Nothing here makes a sound. The totals, the cap and the
prompts count both stages: the reduced stage is gentler, not harmless, and a new stage must not
loosen the cap.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable

import sqlite_utils

from reviewer.media.breaks import record_break
from reviewer.words import translate
from reviewer.media.stages import Stage
from reviewer.store.database import StoreError, transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExposureSettings:
    break_after_work_s: float = 50 * 60
    break_after_exposure_s: float = 5 * 60
    daily_cap_s: float = 20 * 60
    warn_fraction: float = 0.8
    # Graphic cases decided in a row before a calm one is served (reviewer/review/calm_order.py).
    calm_after_graphic: int = 10


@dataclass(frozen=True)
class DecisionShares:
    """How a day's decisions were made: how many without any reveal, after reduced detail,
    after real pixels, and how many were the decision earlier ones on the same media suggested."""

    without_reveal: int = 0
    reduced: int = 0
    real_pixels: int = 0
    by_suggestion: int = 0

    @property
    def total(self) -> int:
        return self.without_reveal + self.reduced + self.real_pixels


@dataclass(frozen=True)
class ExposureReading:
    case_s: float
    shift_s: float
    day_s: float
    day_cap_s: float
    case_reduced_s: float = 0.0  # the part of each total spent on the reduced-detail stage
    shift_reduced_s: float = 0.0
    day_reduced_s: float = 0.0
    decisions: DecisionShares = DecisionShares()  # today's, by the stage seen before deciding

    @property
    def case_real_s(self) -> float:
        """Real pixels: the rest of the total."""
        return max(0.0, self.case_s - self.case_reduced_s)

    @property
    def day_real_s(self) -> float:
        return max(0.0, self.day_s - self.day_reduced_s)

    @property
    def day_fraction(self) -> float:
        return self.day_s / self.day_cap_s if self.day_cap_s else 0.0


NO_REVEAL = "none"  # `exposure.decided` of a case decided without any reveal

BREAK = "break"
CAP_WARNING = "cap_warning"
CAP_REACHED = "cap_reached"

PROMPT_TEXT = {
    BREAK: translate("core", "You have been at it a while. A short break away from the screen "
                             "helps — press B when you are back."),
    CAP_WARNING: translate("core", "You have used 80% of today's media exposure allowance."),
    CAP_REACHED: translate("core", "Today's media exposure allowance is used up. Consider "
                                   "moving to a low-exposure queue, such as Appeals, for the "
                                   "rest of the day."),
}


class ExposureMeter:
    def __init__(self, db: sqlite_utils.Database, settings: ExposureSettings | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 today: Callable[[], str] = lambda: date.today().isoformat()):
        self.db = db
        self.settings = settings or ExposureSettings()
        self._clock, self._today = clock, today
        self._shift_start = self._since_break = clock()
        self._shift_s = self._since_break_s = 0.0
        self._case_s: dict[str, float] = {}
        self._case_reduced_s: dict[str, float] = {}
        self._shift_reduced_s = 0.0
        self._unsaved: dict[str, tuple[float, float]] = {}  # case: (total, reduced part)
        self._saved_day, self._saved_s = "", (0.0, 0.0)  # today's saved totals, read once a day
        self._shown: set[str] = set()
        self._decided: tuple[str, dict[str, tuple[str, int]]] = ("", {})  # day: decided cases
        self._decided_unsaved: dict[str, tuple[str, int]] = {}  # case: (stage, by suggestion)
        # Today's shares, counted again only after a decision is noted or withdrawn: a reading
        # is taken on every case change, and the day's decisions run into the thousands.
        self._shares: DecisionShares | None = None

    def add(self, case_id: str, seconds: float, area_fraction: float,
            stage: Stage = Stage.REVEALED) -> None:
        """`seconds` with `area_fraction` of an image shown at `stage` (blurred counts nothing)."""
        exposure = max(0.0, seconds) * min(1.0, max(0.0, area_fraction))
        if exposure == 0 or stage is Stage.BLURRED:
            return
        reduced = exposure if stage is Stage.REDUCED else 0.0
        self._case_s[case_id] = self._case_s.get(case_id, 0.0) + exposure
        self._case_reduced_s[case_id] = self._case_reduced_s.get(case_id, 0.0) + reduced
        total, part = self._unsaved.get(case_id, (0.0, 0.0))
        self._unsaved[case_id] = (total + exposure, part + reduced)
        self._shift_s += exposure
        self._shift_reduced_s += reduced
        self._since_break_s += exposure

    def flush(self, decisions: bool = False) -> None:
        """Save what was added since the last flush (called on release, not on every tick).
        Noted decisions go along with exposure, or alone with `decisions` (after a pause in
        deciding, at shutdown): a commit of their own on every decision would delay the paint
        of the next case."""
        if not (self._unsaved or (decisions and self._decided_unsaved)):
            return
        day = self._today()
        try:
            with transaction(self.db) as conn:
                conn.executemany(
                    "INSERT INTO exposure (day, case_id, exposure_s, reduced_s) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(day, case_id) DO UPDATE SET exposure_s = "
                    "exposure_s + excluded.exposure_s, reduced_s = reduced_s + excluded.reduced_s",
                    [(day, case_id, *s) for case_id, s in self._unsaved.items()])
                conn.executemany(
                    "INSERT INTO exposure (day, case_id, decided, by_suggestion) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(day, case_id) DO UPDATE SET "
                    "decided = excluded.decided, by_suggestion = excluded.by_suggestion",
                    [(day, case_id, *d) for case_id, d in self._decided_unsaved.items()])
        except StoreError as exc:
            # A full disk: the figures stay in memory (the meter still reads them) and go out
            # with the next flush; the decision path is what tells the reviewer about the disk.
            log.warning("exposure kept in memory, not saved yet: %s", exc)
            return
        self._decided_unsaved.clear()
        if day == self._saved_day:
            self._saved_s = _plus(self._saved_s, *self._unsaved.values())
        self._unsaved.clear()

    def reading(self, case_id: str | None) -> ExposureReading:
        """No query on the way: called on every case change, on the UI thread."""
        day, day_reduced = _plus(self._saved_today(), *self._unsaved.values())
        return ExposureReading(
            self._case_s.get(case_id, 0.0) if case_id else 0.0, self._shift_s, day,
            self.settings.daily_cap_s,
            case_reduced_s=self._case_reduced_s.get(case_id, 0.0) if case_id else 0.0,
            shift_reduced_s=self._shift_reduced_s, day_reduced_s=day_reduced,
            decisions=self.decision_shares())

    def _saved_today(self) -> tuple[float, float]:
        today = self._today()
        if today != self._saved_day:  # first reading, or past midnight: the store says
            self._saved_s = tuple(self.db.execute(
                "SELECT coalesce(sum(exposure_s), 0), coalesce(sum(reduced_s), 0) FROM exposure "
                "WHERE day = ?", (today,)).fetchone())
            self._saved_day = today
        return self._saved_s

    def new_prompts(self) -> list[str]:
        """Prompts that became due since they were last shown, each shown once."""
        due = []
        s = self.settings
        worked = self._clock() - self._since_break
        if worked >= s.break_after_work_s or self._since_break_s >= s.break_after_exposure_s:
            due.append(BREAK)
        fraction = self.reading(None).day_fraction
        if fraction >= 1.0:
            due.append(CAP_REACHED)
        elif fraction >= s.warn_fraction:
            due.append(CAP_WARNING)
        fresh = [p for p in due if p not in self._shown]
        self._shown.update(fresh)
        return fresh

    def note_decision(self, case_id: str, by_suggestion: bool = False) -> str:
        """Note how the case was decided: the most realistic stage seen of it first (on any
        day, by any view), and whether it was the suggested decision. Returns that stage.
        Kept in memory until a flush saves it: this runs between a decision and the next
        case's paint, where a durable commit would cost a frame."""
        seen, reduced = self.db.execute(
            "SELECT coalesce(sum(exposure_s), 0), coalesce(sum(reduced_s), 0) FROM exposure "
            "WHERE case_id = ?", (case_id,)).fetchone()
        seen, reduced = _plus((seen, reduced), self._unsaved.get(case_id, (0.0, 0.0)))
        stage = (Stage.REVEALED.value if seen - reduced > 0 else
                 Stage.REDUCED.value if reduced > 0 else NO_REVEAL)
        decided = self._decided_today()
        before, after = decided.get(case_id), (stage, int(by_suggestion))
        decided[case_id] = self._decided_unsaved[case_id] = after
        if self._shares is not None:  # kept up to date, not counted again over the whole day
            self._shares = _shares_moved(self._shares, before, after)
        return stage

    def decision_shares(self, day: str | None = None) -> DecisionShares:
        """A day's decisions by the stage seen first (a case decided again counts once)."""
        if day is not None and day != self._today():
            return _shares(dict(self._decided_rows(day)))
        decided = self._decided_today()
        if self._shares is None:
            self._shares = _shares(decided)
        return self._shares

    def _decided_today(self) -> dict[str, tuple[str, int]]:
        """Today's decided cases: read once a day, then kept up to date here."""
        today = self._today()
        if self._decided[0] != today:
            self._decided = (today, dict(self._decided_rows(today)))
            self._decided[1].update(self._decided_unsaved)
            self._shares = None
        return self._decided[1]

    def _decided_rows(self, day: str):
        for case_id, stage, by in self.db.execute(
                "SELECT case_id, decided, by_suggestion FROM exposure WHERE day = ? AND "
                "decided != ''", (day,)):
            yield case_id, (stage, by)

    def forget_decision(self, case_id: str) -> None:
        """The decision was undone (withdrawn before it was sent): it no longer counts among
        today's decisions by stage. What was seen of the case still counts as exposure."""
        self._decided_today().pop(case_id, None)
        self._decided_unsaved.pop(case_id, None)
        self._shares = None
        try:
            with transaction(self.db) as conn:
                conn.execute("UPDATE exposure SET decided = '', by_suggestion = 0 "
                             "WHERE day = ? AND case_id = ?", (self._today(), case_id))
        except StoreError as exc:  # a full disk: the figure is put right in memory at least
            log.warning("undone decision still in the saved exposure log: %s", exc)

    def took_break(self) -> None:
        record_break(self.db)  # the personal dashboard counts breaks taken
        self._since_break = self._clock()
        self._since_break_s = 0.0
        self._shown.discard(BREAK)


def _shares(decided: dict[str, tuple[str, int]]) -> DecisionShares:
    stages = Counter(stage for stage, _ in decided.values())
    return DecisionShares(stages[NO_REVEAL], stages[Stage.REDUCED.value],
                          stages[Stage.REVEALED.value], sum(by for _, by in decided.values()))


def _shares_moved(shares: DecisionShares, before: tuple[str, int] | None,
                  after: tuple[str, int]) -> DecisionShares:
    """`shares` with one case's decision changed from `before` (None: newly decided) to
    `after`, as _shares would count them again."""
    stages = Counter({NO_REVEAL: shares.without_reveal, Stage.REDUCED.value: shares.reduced,
                      Stage.REVEALED.value: shares.real_pixels})
    by_suggestion = shares.by_suggestion + after[1]
    if before is not None:
        stages[before[0]] -= 1
        by_suggestion -= before[1]
    stages[after[0]] += 1
    return DecisionShares(stages[NO_REVEAL], stages[Stage.REDUCED.value],
                          stages[Stage.REVEALED.value], by_suggestion)


def _plus(*pairs: tuple[float, float]) -> tuple[float, float]:
    """(total, reduced part) pairs added up."""
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)
