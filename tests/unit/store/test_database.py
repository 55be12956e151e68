import sqlite3

import pytest

from reviewer.actions import ActionId
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, Decision
from reviewer.review.outbox import Outbox
from reviewer.store.database import SCHEMA_VERSION, StoreError, open_store
from tests.factories import case_dict, synthetic_png


@pytest.fixture
def db(tmp_path):
    return open_store(tmp_path / "store.sqlite3")


def test_store_is_durable_and_versioned(db, tmp_path):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    again = open_store(tmp_path / "store.sqlite3")  # reopening does not re-run migrations
    assert again.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "store.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        open_store(path)


def test_corrupt_store_file_is_a_store_error(tmp_path):
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the local store"):
        open_store(path)


def test_open_cases_come_most_urgent_first(db):
    cache = CaseCache(db)
    cases = [Case.from_api(case_dict("c3", priority=3, hours_left=1)),
             Case.from_api(case_dict("c1b", priority=1, hours_left=5)),
             Case.from_api(case_dict("c1a", priority=1, hours_left=2))]
    cache.save_cases(cases, None)
    assert cache.open_case_ids() == ["c1a", "c1b", "c3"]
    assert cache.case("c1b").priority == 1


def test_recording_a_decision_is_durable_and_takes_the_case_off_the_list(db, tmp_path):
    cache, outbox = CaseCache(db), Outbox(db)
    cache.save_cases([Case.from_api(case_dict("c1")), Case.from_api(case_dict("c2"))], None)
    outbox.record(Decision.new("c1", ActionId.REMOVE, "violent_graphic"))
    # Another connection (as after a crash and restart) sees the committed decision.
    other = open_store(tmp_path / "store.sqlite3")
    assert Outbox(other).counts()["pending"] == 1
    assert CaseCache(other).open_case_ids() == ["c2"]


def test_recached_case_keeps_its_local_decided_state(db):
    cache, outbox = CaseCache(db), Outbox(db)
    case = Case.from_api(case_dict("c1"))
    cache.save_cases([case], None)
    outbox.record(Decision.new("c1", ActionId.NO_VIOLATION, "p"))
    cache.save_cases([case], None)  # the server hands it out again before the push lands
    assert cache.open_case_ids() == []


def test_outbox_life_cycle_and_resend_after_crash(db):
    CaseCache(db).save_cases([Case.from_api(case_dict("c1"))], None)
    outbox = Outbox(db)
    decision = Decision.new("c1", ActionId.REMOVE, "p")
    outbox.record(decision)
    outbox.mark_sending([decision.decision_id])
    # A crash here: the row stays "sending" and is due again, under the same id.
    assert [d.decision_id for d in outbox.due()] == [decision.decision_id]
    outbox.record_answers([(decision.decision_id, "accepted", {"status": "accepted"})])
    assert outbox.due() == []
    assert outbox.counts()["accepted"] == 1 and outbox.waiting() == 0


def test_missing_media_lists_only_unfetched_media_of_open_cases(db):
    cache = CaseCache(db)
    a, b = synthetic_png(seed=1), synthetic_png(seed=2)
    cache.save_cases([Case.from_api(case_dict("c1", media=[a, b]))], None)
    from tests.factories import sha
    assert set(cache.missing_media()) == {sha(a), sha(b)}
    cache.save_media(sha(a), "image/png", a)
    assert cache.missing_media() == [sha(b)]
    assert cache.media_bytes(sha(a)) == a


def test_a_version_one_store_is_upgraded_step_by_step_keeping_its_data(tmp_path):
    from reviewer.store.database import MIGRATIONS
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(f"BEGIN;{MIGRATIONS[0]}PRAGMA user_version = 1;COMMIT;")
    conn.execute("INSERT INTO outbox (decision_id, case_id, action, policy, decided_at) "
                 "VALUES ('d1', 'c1', 'remove', 'p', '2026-01-01T00:00:00Z')")
    conn.commit()
    conn.close()
    db = open_store(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert Outbox(db).counts()["pending"] == 1
    from reviewer.store.database import read_state, write_state
    write_state(db, "cursor", "42")
    assert read_state(db, "cursor") == "42"
