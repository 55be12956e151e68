"""The search index's rows in memory (reviewer/review/index_rows.py)."""

from __future__ import annotations

import numpy as np
import pytest

from reviewer.review import index_rows
from reviewer.review.index_rows import IndexRows, hashes_of, split_chunks


@pytest.mark.parametrize("text", ["", "a", "a,b,c", "a,b,c,d", "a,b,c,d,e,f", "a,b,c,d,e,f,g",
                                  ",,,,", "a,,b,"])
def test_a_text_split_a_slice_at_a_time_is_the_text_split(monkeypatch, text):
    monkeypatch.setattr(index_rows, "CHUNK", 3)
    parts = list(split_chunks(text, ","))
    assert [i for part in parts for i in part] == text.split(",")
    assert all(len(part) <= 3 for part in parts)


def test_hashes_are_the_ids_hashes_a_slice_at_a_time(monkeypatch):
    monkeypatch.setattr(index_rows, "CHUNK", 4)
    ids = [f"case-{i}" for i in range(11)] + [""]
    assert hashes_of(ids).tolist() == [hash(i) for i in ids[:-1]] + [0]


def test_what_views_handed_out_never_changes():
    """A search's hits and the work list's mapping read the rows as they were when made."""
    rows = IndexRows.of(np.array(["a", "b", "", "c"], dtype=object))
    cases, hashes = rows.views()
    assert rows.views()[0] is cases  # the same objects while the rows stay
    rows.append([f"n{i}" for i in range(3000)])  # grown past the room it had
    rows.blank([0, 5])
    assert cases.tolist() == ["a", "b", "", "c"] and hashes.tolist() == [
        hash("a"), hash("b"), 0, hash("c")]
    new_cases, new_hashes = rows.views()
    assert new_cases is not cases and len(rows) == 3004
    assert new_cases[:6].tolist() == ["", "b", "", "c", "n0", ""]
    assert new_hashes.tolist() == [hash(c) for c in new_cases.tolist()]
    rows.append(["x"])  # in the room left: past the end of the views handed out
    rows.blank([1])
    assert new_cases[1] == "b" and len(new_cases) == 3004
    assert rows.views()[0][[1, -1]].tolist() == ["", "x"]
