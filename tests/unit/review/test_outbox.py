"""The outbox's own account of where each decision stands, four eyes included."""

from __future__ import annotations

from reviewer.actions import ActionId
from reviewer.domain import Decision
from reviewer.review.outbox import Outbox
from reviewer.store.database import open_store
from reviewer.sync.change_feed import apply_changes


def test_a_decision_held_for_a_senior_is_counted_apart_until_the_ruling_arrives(tmp_path):
    outbox = Outbox(open_store(tmp_path / "store.sqlite3"))
    held, plain = (Decision.new(c, ActionId.SUSPEND, "spam", "ring") for c in ("c-vip", "c-1"))
    outbox.record(held)
    outbox.record(plain)
    outbox.record_answers([(held.decision_id, "accepted", {"status": "pending_approval"}),
                           (plain.decision_id, "accepted", {"status": "accepted"})])
    assert outbox.waiting() == 0 and outbox.awaiting_approval() == 1
    counts = outbox.counts()
    assert counts["accepted"] == 1 and counts["awaiting_approval"] == 1
    ruling = {"seq": 1, "case_id": "c-vip", "kind": "approval",
              "data": {"original_decision_id": held.decision_id, "outcome": "approved",
                       "reviewer": "senior-one", "action": "suspend"}}
    applied = apply_changes(outbox.db, [ruling], new_cursor=1)
    assert applied.outcomes == ["senior-one approved your “Suspend” on c-vip"]
    assert outbox.awaiting_approval() == 0 and outbox.counts()["accepted"] == 2
