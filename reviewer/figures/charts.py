"""Charts as data: what each dashboard chart plots, built once and read by both the widget
(ui/figures/) and the CSV export, so a chart and its export can never disagree.

Labels are English, marked for translation (reviewer/words.py); the ui translates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.words import translate

BARS, STACKED, PERCENT, LINES = "bars", "stacked", "percent", "lines"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    key: str  # stable id: the export's first column, and how tests find a chart
    title: str
    kind: str  # BARS, STACKED (bars on top of each other), PERCENT (stacked to 100%), LINES
    categories: tuple[str, ...]  # the x axis
    series: tuple[Series, ...]
    unit: str = ""  # of the values (the y axis title)
    line: Series | None = None  # a reference drawn over bars (the daily cap)
    empty_text: str = ""  # shown instead of the plot: why there is nothing to draw

    @property
    def has_data(self) -> bool:
        """Something to plot (zero is a figure too: an hour without decisions)."""
        return not self.empty_text and bool(self.categories) and bool(self.series)


@dataclass(frozen=True)
class Tile:
    """One figure in words: a label, its value, and a detail line."""

    key: str
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Dashboard:
    title: str
    synced_at: str | None  # when the central API's figures were fetched; None: never
    note: str = ""  # why figures are missing or old, in one line ('' if nothing to say)
    tiles: tuple[Tile, ...] = ()
    charts: tuple[Chart, ...] = ()
    table_headers: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)

    def tile(self, key: str) -> Tile:
        return next(t for t in self.tiles if t.key == key)


NO_DATA_YET = translate("core", "No data yet")
