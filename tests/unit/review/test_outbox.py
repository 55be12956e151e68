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


def test_only_the_sending_mark_skips_the_fsync_and_every_other_commit_keeps_it(tmp_path):
    """mark_sending commits with synchronous=NORMAL (losing it in a power cut leaves the
    decisions pending and due, sent again under the same keys); the store is FULL again
    right after, so a decision recorded next is durable when `record` returns."""
    outbox = Outbox(open_store(tmp_path / "store.sqlite3"))
    first, second = (Decision.new(c, ActionId.REMOVE, "spam") for c in ("c-1", "c-2"))
    outbox.record(first)
    outbox.mark_sending([first.decision_id])
    assert outbox.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    outbox.record(second)
    assert [d.decision_id for d in outbox.due()] == [first.decision_id, second.decision_id]
    outbox.db.execute("UPDATE outbox SET state = 'pending' WHERE decision_id = ?",
                      (first.decision_id,))  # the mark, as a power cut may have undone it
    assert [d.decision_id for d in outbox.due()] == [first.decision_id, second.decision_id]


def test_answers_are_kept_as_sent_not_ascii_escaped(tmp_path):
    outbox = Outbox(open_store(tmp_path / "store.sqlite3"))
    decision = Decision.new("c-1", ActionId.REMOVE, "spam")
    outbox.record(decision)
    body = {"status": "accepted", "decision": {"note": "Begründung für “Spezialisten”"}}
    outbox.record_answers([(decision.decision_id, "accepted", body)])
    stored = outbox.db.execute("SELECT response FROM outbox").fetchone()[0]
    assert "Begründung für “Spezialisten”" in stored and outbox.entries()[0].response == body


def test_due_reads_the_unsent_in_order_off_the_front_of_its_index(tmp_path):
    """Sent and answered decisions leave the outbox's read path: due decisions come in the
    order they were made, a `sending` one among them and one in backoff left out, read off
    the index of unsent rows rather than gathered from every row and sorted."""
    outbox = Outbox(open_store(tmp_path / "store.sqlite3"))
    made = [Decision.new(f"c-{i}", ActionId.REMOVE, "spam") for i in range(6)]
    for decision in made:
        outbox.record(decision)
    ids = [d.decision_id for d in made]
    outbox.record_answers([(ids[0], "accepted", {"status": "accepted"}),
                           (ids[3], "rejected", {"error": "stale_lease"})])
    outbox.mark_sending([ids[4]])
    outbox.db.execute("UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00Z' "
                      "WHERE decision_id = ?", (ids[2],))  # in backoff
    assert [d.decision_id for d in outbox.due()] == [ids[1], ids[4], ids[5]]
    assert [d.decision_id for d in outbox.due(limit=2)] == [ids[1], ids[4]]
    plan = outbox.db.execute("EXPLAIN QUERY PLAN SELECT seq FROM outbox INDEXED BY outbox_open "
                             "WHERE state IN ('pending', 'sending') ORDER BY seq").fetchall()
    assert not any("TEMP B-TREE" in row[-1] for row in plan)


def test_due_leaves_out_the_request_still_out_and_still_fills_the_batch(tmp_path):
    """The push reads the next batch while the last one is out: those ids are left out, a
    `sending` one a crash left behind is not, and `limit` decisions still come when more wait.
    Each comes with its action and note as recorded."""
    outbox = Outbox(open_store(tmp_path / "store.sqlite3"))
    made = [Decision.new(f"c-{i}", ActionId.ESCALATE if i == 5 else ActionId.REMOVE, "spam",
                         "plan" if i == 5 else "") for i in range(8)]
    for decision in made:
        outbox.record(decision)
    ids = [d.decision_id for d in made]
    outbox.mark_sending([ids[0], ids[1], ids[3]])  # 3: left `sending` by a crash
    due = outbox.due(limit=3, in_flight={ids[0], ids[1]})
    assert [d.decision_id for d in due] == [ids[2], ids[3], ids[4]]
    assert [d.decision_id for d in outbox.due(limit=4, in_flight=set(ids[:5]))] == ids[5:]
    escalation = outbox.due(limit=1, in_flight=set(ids[:5]))[0]
    assert (escalation.action, escalation.note) == (ActionId.ESCALATE, "plan")
