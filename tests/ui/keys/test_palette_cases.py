"""The palette makes entries only for the cases a query matches, and ranks exactly as scoring
every entry (`reviewer.fuzzy.rank` over `entries_for`) did."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from reviewer.fuzzy import rank, score
from ui.keys.palette import CommandPalette, entries_for, parts_for, ranked
from ui.keys.palette_cases import CaseEntries, case_entry

IDS = [f"bench-{n:06d}" for n in range(0, 3000, 7)] + ["c3-html", "c-spam", "ÉTÉ-1", "Σσς-9"]
QUERIES = ["", "no viol", "c3-ht", "bench-0001", "b0", "html", "é", "2", "zzz", "case", " c s "]


@pytest.mark.parametrize("query", QUERIES)
def test_the_cases_a_query_matches_are_the_ones_scoring_every_entry_finds(qapp, query):
    every = sorted(((-s, i) for i, case_id in enumerate(IDS)
                    if (s := score(query, case_entry(case_id))) is not None))[:40]
    assert CaseEntries(IDS).best(query, 40) == [(-negated, i) for negated, i in every]


@pytest.mark.parametrize("query", QUERIES[:-1])
def test_a_line_break_or_a_longer_lowered_id_is_matched_as_scoring_finds(qapp, query):
    ids = ["a\nb", "no\nviolation", "c-1", "İstanbul-3"]  # İ lowers to two letters
    every = [i for i, c in enumerate(ids) if score(query, case_entry(c)) is not None]
    assert [i for _, i in sorted(CaseEntries(ids).best(query, 10), key=lambda t: t[1])] == every


@pytest.mark.parametrize("query", ["", "no viol", "c-sp", "queue", "remove", "case c", "q"])
def test_the_palette_ranks_as_ranking_every_entry_did(offline_window, query):
    window = offline_window
    args = (window.registry, window.session, window.palette_targets)
    every = [e.text for e in rank(query, entries_for(*args), key=lambda e: e.text)][:50]
    assert [e.text for e in ranked(query, parts_for(*args), window.palette_targets)] == every


def test_a_case_entry_made_on_demand_opens_its_case(offline_window):
    window = offline_window
    target = window.session.upcoming(1)[0].id
    args = (window.registry, window.session, window.palette_targets)
    entry = next(e for e in ranked(target, parts_for(*args), window.palette_targets)
                 if e.kind == "case")
    assert entry.text == case_entry(target)
    entry.run()
    assert window.session.current().id == target


def test_the_palette_is_kept_between_openings_and_reads_its_entries_afresh(offline_window):
    """One overlay, hidden between uses (not made and destroyed each time): each opening
    starts unfiltered, without the last answer, and lists the cases open now."""
    window = offline_window
    first = window.session.current().id
    seen = []

    def answer(typed: str, key=Qt.Key.Key_Return):
        def run():
            palette = CommandPalette.current
            seen.append((palette, palette.search.text(), palette.chosen))
            QTest.keyClicks(palette.search, typed)
            seen.append(any(e.text == case_entry(first) for e in palette.shown))
            QTest.keyClick(palette.search, key)
        QTimer.singleShot(5, run)

    for typed, key in ((first, Qt.Key.Key_Return), ("no viol", Qt.Key.Key_Return),
                       (first, Qt.Key.Key_Escape)):
        answer(typed, key)
        QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert [e.decision.case_id for e in window.session.outbox.entries()] == [first]
    opened, listed = seen[0::2], seen[1::2]
    assert len({id(palette) for palette, _, _ in opened}) == 1
    assert not opened[0][0].isVisible()
    assert [(text, chosen) for _, text, chosen in opened] == [("", None)] * 3
    assert listed == [True, False, False]  # decided: no longer an open case
