"""The search box and the filter and sort controls above the case list.

It only turns what the reviewer typed or picked into a ListQuery (reviewer/review/case_list.py); the
session does the filtering. Typing searches after a short pause, so the list follows the words
without re-filtering 100,000 cases on every key. The controls hand the keyboard back to the
review keys as soon as a choice is made (Enter or Esc in the search box, a pick in a menu).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QSpinBox, QToolButton, QWidget

from reviewer.review.case_list import SORT_LABELS, Facets, ListQuery, SortKey
from ui.cases.case_panel import language_choice
from ui.i18n.core_text import number, shown
from ui.widgets.accessible import describe

SEARCH_PAUSE_MS = 150  # typing pause after which the list follows the search box
ANY = ""  # item data of the "any ..." entry of a filter menu


class SearchBox(QLineEdit):
    """The search field. Esc leaves it (it would otherwise reach the window's Esc shortcut,
    which hides all media) and is reported as `escaped`; Enter is the field's too (not the
    window's Enter, which confirms a suggested decision)."""

    escaped = Signal()
    _OWN_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def event(self, event) -> bool:  # noqa: A003
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in self._OWN_KEYS:
            event.accept()  # ours, not the window's shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class CaseFilters(QWidget):
    query_changed = Signal(object)  # a ListQuery without the queue (the queue list owns it)
    done = Signal()  # the reviewer finished with the controls: keys go back to the review

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = SearchBox()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Search text and notes  ( / )"))
        self.search.setClearButtonEnabled(True)
        self.sort = self._combo("caseSort", [(shown(SORT_LABELS[k]), k) for k in SortKey])
        self.descending = QToolButton()
        self.descending.setObjectName("sortDescending")
        self.descending.setCheckable(True)
        self.descending.setText("⇅")
        self.descending.setToolTip(self.tr("Reverse the order"))
        self.priority = self._combo("filterPriority", [(self.tr("Any priority"), ANY)]
                                    + [(self.tr("P{level} only").format(level=p), p)
                                       for p in (1, 2, 3, 4)])
        self.language = self._combo("filterLanguage", [(self.tr("Any language"), ANY)])
        self.region = self._combo("filterRegion", [(self.tr("Any region"), ANY)])
        self.policy = self._combo("filterPolicy", [(self.tr("Any policy area"), ANY)])
        self.min_reports = QSpinBox()
        self.min_reports.setObjectName("filterMinReports")
        self.min_reports.setRange(0, 999)
        self.min_reports.setPrefix("≥ ")
        self.min_reports.setSuffix(self.tr(" reports"))
        self.min_reports.setSpecialValueText(self.tr("Any report count"))
        # Reached by a click, a key (/, Ctrl+L) or Tab, never handed the focus when the window
        # opens (the media grid has it): typing into them is deliberate.
        for widget in (self.search, self.min_reports):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.descending.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._describe()
        self._lay_out()
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._pause.start())
        self.search.returnPressed.connect(self._finish_search)
        self.search.escaped.connect(self._finish_search)
        for combo in (self.sort, self.priority, self.language, self.region, self.policy):
            combo.activated.connect(self._picked)
        self.descending.toggled.connect(self._picked)
        self.min_reports.valueChanged.connect(lambda _v: self._emit())
        self.min_reports.editingFinished.connect(self._reports_entered)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 3)
        grid.addWidget(self.sort, 1, 0, 1, 2)
        grid.addWidget(self.descending, 1, 2)
        grid.addWidget(self.priority, 2, 0)
        grid.addWidget(self.language, 2, 1, 1, 2)
        grid.addWidget(self.region, 3, 0)
        grid.addWidget(self.policy, 3, 1, 1, 2)
        grid.addWidget(self.min_reports, 4, 0, 1, 3)

    @staticmethod
    def _combo(name: str, entries: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for label, data in entries:
            combo.addItem(label, data)
        return combo

    def controls(self) -> list[QWidget]:
        """The controls, in the order Tab visits them (the order they are laid out in)."""
        return [self.search, self.sort, self.descending, self.priority, self.language,
                self.region, self.policy, self.min_reports]

    def _describe(self) -> None:
        for widget, name, description in (
                (self.search, self.tr("Search"), self.tr("Full text over the cached cases and "
                                                         "notes; Enter or Esc hands the keys "
                                                         "back")),
                (self.sort, self.tr("Sort order"), ""),
                (self.descending, self.tr("Reverse the order"), ""),
                (self.priority, self.tr("Priority filter"), ""),
                (self.language, self.tr("Language filter"), ""),
                (self.region, self.tr("Region filter"), ""),
                (self.policy, self.tr("Policy area filter"), ""),
                (self.min_reports, self.tr("Minimum report count"), "")):
            describe(widget, name, description)

    # --- reading and writing the controls ---------------------------------------------------
    def query(self, queue_id: str | None) -> ListQuery:
        priority = self.priority.currentData()
        return ListQuery(
            queue_id=queue_id,
            text=self.search.text(),
            priorities=frozenset({priority}) if priority else frozenset(),
            language=self.language.currentData() or "",
            region=self.region.currentData() or "",
            policy_area=self.policy.currentData() or "",
            min_reports=self.min_reports.value(),
            sort=self.sort.currentData(),
            descending=self.descending.isChecked(),
        )

    def clear(self) -> None:
        """Back to every case of the queue; the order stays as the reviewer chose it."""
        for widget in (self.search, self.sort, self.priority, self.language, self.region,
                       self.policy, self.min_reports, self.descending):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.priority, self.language, self.region, self.policy):
            combo.setCurrentIndex(0)
        self.min_reports.setValue(0)
        for widget in (self.search, self.sort, self.priority, self.language, self.region,
                       self.policy, self.min_reports, self.descending):
            widget.blockSignals(False)
        self._pause.stop()

    def show_facets(self, facets: Facets, policy_name: Callable[[str], str] = str) -> None:
        """Offer the values the cached cases have, with counts; a chosen value stays even if
        no open case has it any more (so the list can say it is empty, not silently widen).
        A language and a policy area are offered as the case panel names them (a policy by
        `policy_name`, as the header and the policy picker do), in that order; a policy's id
        is in its entry's tooltip."""
        for combo, counts, any_label, name in (
                (self.language, facets.languages, self.tr("Any language"), language_choice),
                (self.region, facets.regions, self.tr("Any region"), str),
                (self.policy, facets.policy_areas, self.tr("Any policy area"), policy_name)):
            chosen = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_label, ANY)
            values = [v for v in counts if v] + ([chosen] if chosen and chosen not in counts
                                                 else [])
            for value in sorted(values, key=lambda v: (name(v).casefold(), v)):
                combo.addItem(f"{name(value)}  ({number(counts.get(value, 0))})", value)
                if combo is self.policy:
                    combo.setItemData(combo.count() - 1, self.tr("Policy id: {policy}").format(
                        policy=value), Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_sort(self) -> None:
        self.sort.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sort.showPopup()

    # --- emitting ---------------------------------------------------------------------------
    def _finish_search(self) -> None:
        self._pause.stop()
        self._emit()
        self.done.emit()

    def _reports_entered(self) -> None:
        """Enter in the count hands the keys back; Tab (the focus moving on) does not."""
        if self.min_reports.hasFocus():
            self.done.emit()

    def _picked(self, *_args) -> None:
        self._emit()
        self.done.emit()

    def _emit(self) -> None:
        self.query_changed.emit(replace(self.query(None)))
