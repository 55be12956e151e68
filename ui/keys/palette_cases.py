"""The command palette's case entries ("Case c-123", one for every open cached case), made only
for the cases a query matches.

A palette made one entry per case when it opened and scored every one at every key: at 10,000
cases ~50-90 ms to open and 10-20 ms a key, ten times that at 100,000. Here the cases are one
lowered string, a line each, and one regular expression finds the query's letters in order
(`reviewer.fuzzy.score`'s rule) on every line in C, each letter where it first comes, as
`score` finds it: the match's groups are the letters' places, from which the score follows
without searching again. Only the best few become entries.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence

from reviewer.fuzzy import score
from ui.i18n.core_text import tr

_MAX_GROUPS = 90  # a longer query (Python's re allows 100 groups) is scored entry by entry


def case_entry(case_id: str) -> str:
    return tr("Case {case}").format(case=case_id)


def letters_in_order(letters: str) -> re.Pattern:
    """A line holding `letters` in order, each one skipped to where it first comes,
    possessively: a line that fails fails in one pass, and group n is letter n's place."""
    steps = "".join(f"[^\\n{re.escape(c)}]*+({re.escape(c)})" for c in letters)
    return re.compile(f"^{steps}", re.MULTILINE)


class CaseEntries:
    """`ids`: every open cached case, in the list's order (an entry's place among equals)."""

    def __init__(self, ids: Sequence[str]):
        self.ids = ids
        self._lines: str | None = None  # every case entry's text, lowered, a line each
        self._exact = False  # lowering kept every length, and no id holds a line break

    def __contains__(self, case_id: str) -> bool:
        return case_id in self.ids

    def entry_text(self, index: int) -> str:
        return case_entry(self.ids[index])

    def best(self, query: str, limit: int) -> list[tuple[float, int]]:
        """Up to `limit` (score, index) pairs of the cases `query` matches, best first and, among
        equal scores, in list order: the same as scoring every entry with `score`."""
        letters = query.lower().replace(" ", "")
        if not letters:  # every entry scores the same: the list's order
            return [(0.0, i) for i in range(min(limit, len(self.ids)))]
        found = self._scored(letters) if self._read() and len(letters) <= _MAX_GROUPS else [
            (-s, i) for i in range(len(self.ids))
            if (s := score(letters, self.entry_text(i))) is not None]
        return [(-negated, i) for negated, i in heapq.nsmallest(limit, found)]

    def _read(self) -> bool:
        """Whether the lines can stand for the entries' texts (else each is scored)."""
        if self._lines is None:
            text = _joined(tr("Case {case}"), self.ids)
            self._lines = text.lower()
            self._exact = (len(self._lines) == len(text)
                           and text.count("\n") == max(0, len(self.ids) - 1))
        return self._exact

    def _scored(self, letters: str) -> list[tuple[float, int]]:
        """(-`score`, index) of every matching line, from the places of its letters."""
        lines, found, line, at = self._lines, [], 0, 0
        for match in letters_in_order(letters).finditer(lines):
            start = match.start()
            line += lines.count("\n", at, start)
            at = start
            end = lines.find("\n", start)
            total, previous = 0.0, -2
            for place, _ in match.regs[1:]:
                total += 3.0 if place == start or not lines[place - 1].isalnum() else 1.0
                total += 2.0 if place == previous + 1 else 0.0
                previous = place
            found.append((-(total - 0.01 * ((len(lines) if end < 0 else end) - start)), line))
        return found


def _joined(template: str, ids: Sequence[str]) -> str:
    """Every id's entry text, a line each: one join where the template is text around one
    `{case}` (the ids are put in as they are, as `format` would)."""
    before, placeholder, after = template.partition("{case}")
    if placeholder and "{" not in before + after and "}" not in before + after:
        return before + (after + "\n" + before).join(ids) + after if len(ids) else ""
    return "\n".join(template.format(case=c) for c in ids)
