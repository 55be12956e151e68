"""The local policy library: storing versions, the guideline a decision records, bulletins to
acknowledge (read first, queued once), and the word-level "what changed" diff."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewer.actions import ActionId
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Queue
from reviewer.context.guidelines import Guideline, GuidelineStore, NotReadYet, diff_words
from reviewer.review.outbox import Outbox
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store
from tests.factories import case_dict

OLD = "Remove slurs aimed at a protected group. Criticism of governments is allowed."
NEW = ("Remove slurs aimed at a protected group. Coded language counts when the target is "
       "clear. Criticism of governments is allowed.")


def version(guideline_id: str, number: int, seq: int, *, body: str = "text", kind: str = "policy",
            policy_area: str = "", queue_id: str = "", requires_ack: bool = False) -> Guideline:
    return Guideline(guideline_id, number, seq, f"{guideline_id} title", kind,
                     policy_area or guideline_id, queue_id, body, requires_ack,
                     f"2026-11-{10 + seq:02d}T09:00:00Z", "policy-team")


@pytest.fixture
def db(tmp_path):
    return open_store(tmp_path / "store.sqlite3")


@pytest.fixture
def store(db):
    store = GuidelineStore(db)
    store.save([version("hate_speech", 1, 1, body=OLD), version("spam", 1, 2),
                version("hate_speech", 2, 3, body=NEW),
                version("crisis", 1, 4, kind="bulletin", policy_area="violent_extremism",
                        queue_id="crisis_sweep", requires_ack=True)], cursor=4)
    return store



def test_a_policy_with_no_document_is_looked_up_once_when_it_is_its_own_fallback(store):
    asked = []
    store.db.conn.set_trace_callback(asked.append)
    try:
        assert store.tag_for("no_such_policy", "no_such_policy") == ""
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(asked) == 1


def test_versions_are_kept_with_the_cursor_and_saving_again_adds_nothing(store):
    assert store.cursor() == 4
    assert store.versions("hate_speech") == [2, 1]
    assert store.get("hate_speech").body == NEW and store.get("hate_speech", 1).body == OLD
    assert [g.tag for g in store.documents()] == ["crisis@1", "hate_speech@2", "spam@1"]
    assert store.save([version("spam", 1, 2)], cursor=4) == 0
    assert store.save([version("spam", 2, 5)], cursor=5) == 1
    assert (store.cursor(), store.get("spam").version) == (5, 2)


def test_the_version_for_a_policy_is_the_latest_policy_document_never_a_bulletin(store):
    assert store.tag_for("hate_speech") == "hate_speech@2"
    assert store.tag_for("violent_extremism") == ""  # only the bulletin names it
    assert store.tag_for("no_such_policy", "spam") == "spam@1"  # the case's policy area
    assert store.tag_for("no_such_policy") == ""
    assert store.for_policy("hate_speech").version == 2


def test_a_policy_is_named_by_its_document_s_title_and_a_new_title_after_a_sync(store):
    assert store.policy_name("hate_speech") == "hate_speech title"
    assert store.policy_name("violent_extremism") == "violent_extremism"  # a bulletin only
    store.save([replace(version("hate_speech", 3, 6), title="Hateful conduct")], cursor=6)
    assert store.policy_name("hate_speech") == "hate_speech title"  # kept until told
    store.forget_names()
    assert store.policy_name("hate_speech") == "Hateful conduct"


def test_a_decision_records_the_guideline_of_its_policy_and_nothing_before_any_sync(db):
    cache = CaseCache(db)
    cache.save_queues([Queue("hate_harassment", "Hate", 2, ("hate_speech",), "hate_speech")])
    cache.save_cases([Case.from_api(case_dict(f"c{i}", queue_id="hate_harassment"))
                      for i in range(3)], None)
    session = ReviewSession(db)
    before_sync = session.decide(ActionId.REMOVE)
    assert before_sync.guideline_version == ""
    assert "guideline_version" not in before_sync.to_api()  # same body as an older client
    GuidelineStore(db).save([version("hate_speech", 3, 1)], cursor=1)
    after_sync = session.decide(ActionId.REMOVE)
    assert after_sync.guideline_version == "hate_speech@3"
    assert after_sync.to_api()["guideline_version"] == "hate_speech@3"
    # The sweep's bulk path records it too: it goes through the same session method.
    session.decide_many([cache.case("c2")], ActionId.REMOVE, "hate_speech")
    sent = {d.case_id: d.guideline_version for d in Outbox(db).due()}
    assert sent == {"c0": "", "c1": "hate_speech@3", "c2": "hate_speech@3"}


def test_a_bulletin_is_acknowledged_once_and_only_after_it_was_read(store):
    assert [g.tag for g in store.unacknowledged()] == ["crisis@1"]
    with pytest.raises(NotReadYet):
        store.acknowledge("crisis", 1)
    store.mark_read("crisis", 1)
    assert store.acknowledge("crisis", 1) is True
    assert store.acknowledge("crisis", 1) is False  # queued once
    assert store.unacknowledged() == [] and store.pending_acks() == [("crisis", 1)]
    store.mark_ack_sent("crisis", 1)
    assert store.pending_acks() == [] and store.is_acknowledged("crisis", 1)
    # A new version of the bulletin must be acknowledged again.
    store.save([version("crisis", 2, 6, kind="bulletin", queue_id="crisis_sweep",
                        requires_ack=True)], cursor=6)
    assert [g.tag for g in store.unacknowledged()] == ["crisis@2"]


def test_bulletins_for_queues_this_workstation_does_not_work_are_not_shown(store, db):
    hate = Queue("hate_harassment", "Hate", 2, ("hate_speech",), "hate_speech")
    CaseCache(db).save_queues([hate])
    assert store.unacknowledged() == []
    CaseCache(db).save_queues([Queue("crisis_sweep", "Crisis", 2, ("spam",), "spam")])
    assert [g.tag for g in store.unacknowledged()] == ["crisis@1"]


def test_an_acknowledgement_made_elsewhere_is_neither_shown_nor_sent(db):
    store = GuidelineStore(db)
    bulletin = version("crisis", 1, 1, kind="bulletin", requires_ack=True)
    store.save([bulletin], cursor=1, acknowledged={("crisis", 1): "2026-11-21T08:00:00Z"})
    assert store.unacknowledged() == [] and store.pending_acks() == []


def test_what_changed_shows_the_inserted_sentence_and_keeps_the_rest_equal(store):
    chunks = store.what_changed(store.get("hate_speech"))
    assert [(c.kind, c.text) for c in chunks] == [
        ("equal", "Remove slurs aimed at a protected group. "),
        ("insert", "Coded language counts when the target is clear. "),
        ("equal", "Criticism of governments is allowed."),
    ]
    assert "".join(c.text for c in chunks if c.kind != "delete") == NEW
    first = store.what_changed(store.get("hate_speech", 1))
    assert [(c.kind, c.text) for c in first] == [("insert", OLD)]


def test_a_replaced_word_is_a_deletion_then_an_insertion():
    chunks = diff_words("Label it sensitive now.", "Remove it now.")
    assert [(c.kind, c.text) for c in chunks] == [
        ("delete", "Label "), ("insert", "Remove "), ("equal", "it "),
        ("delete", "sensitive "), ("equal", "now.")]
    assert "".join(c.text for c in chunks if c.kind != "insert") == "Label it sensitive now."
