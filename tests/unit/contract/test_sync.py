"""Lease renewals and the change feed are checked against the contract item by item."""

import logging

import pytest

from reviewer.domain import MalformedAnswer
from reviewer.sync import answers


def _change(seq, case_id, kind="withdrawn", **changes) -> dict:
    return {"seq": seq, "case_id": case_id, "kind": kind, "at": "2026-11-20T10:00:00Z",
            "data": {}, **changes}


def test_a_bad_change_is_skipped_and_the_cursor_still_moves_on(caplog):
    with caplog.at_level(logging.WARNING, logger="reviewer.sync.answers"):
        changes, cursor, more = answers.change_feed({"changes": [
            _change(1, "c1"), _change(2, "c2", kind="exploded"), _change(3, "c3")],
            "cursor": 3, "more": False})
    assert [c["case_id"] for c in changes] == ["c1", "c3"] and (cursor, more) == (3, False)
    assert "skipped change of case c2" in caplog.text and "'kind'" in caplog.text


@pytest.mark.parametrize("answer", [
    {"changes": [], "cursor": True, "more": False},
    {"changes": [], "cursor": "7", "more": False},
    {"changes": [], "cursor": 7, "more": 1},
    {"changes": [{**_change(1, "c1"), "seq": "1"}], "cursor": "x", "more": False},
])
def test_a_feed_whose_cursor_or_flag_is_not_what_the_contract_says_is_malformed(answer):
    with pytest.raises(MalformedAnswer, match="change feed answer"):
        answers.change_feed(answer)


def test_lease_renewal_keeps_the_good_items_of_both_lists(caplog):
    with caplog.at_level(logging.WARNING, logger="reviewer.sync.answers"):
        renewed, lost = answers.lease_renewal({
            "renewed": [{"case_id": "c1", "lease_expires_at": "2026-11-20T11:00:00Z"},
                        {"case_id": "c2"}],
            "lost": [{"case_id": "c3", "reason": "decided"}, {"reason": "withdrawn"}]})
    assert renewed == {"c1": "2026-11-20T11:00:00Z"} and lost == {"c3": "decided"}
    assert "lease of case c2" in caplog.text and "lease of case ?" in caplog.text
    with pytest.raises(MalformedAnswer):
        answers.lease_renewal({"renewed": []})
