"""Cached case content and media sealed at rest: the cipher, the cache through it, the key in
the keyring, and the purge of what is no longer needed."""

from __future__ import annotations

import os
import tracemalloc
from datetime import timedelta

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from reviewer.sync import change_feed
from reviewer.actions import ActionId
from reviewer.store.crypto import (CacheCipher, TamperedItem, case_context, media_context,
                                   new_key)
from reviewer.store.cache_guard import purge_stale, unlock_cache
from reviewer.store.case_cache import CaseCache
from reviewer.account.credentials import EPHEMERAL_CACHE_WARNING, cache_key
from reviewer.domain import Case, Decision, utc_now
from reviewer.review.outbox import Outbox
from reviewer.context.guidelines import Guideline, GuidelineStore
from reviewer.profile import Profile
from reviewer.store.database import open_store
from tests.factories import case_dict, sha, synthetic_png

MARKER = "MARKER-7f3a9c-private-text"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this test only (this machine has no real backend). It has no
    `priority` on purpose: that keeps keyring's discovery from choosing it for other tests."""

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def sealed(tmp_path):
    db = open_store(tmp_path / "store.sqlite3", CacheCipher(new_key()))
    return CaseCache(db)


def flip_one_byte(db, table: str, column: str, where: str, key: str) -> None:
    """Flip a bit in the middle of a stored blob, as disk damage or tampering would."""
    blob = bytearray(db.execute(f"SELECT {column} FROM {table} WHERE {where} = ?",
                                (key,)).fetchone()[0])
    blob[len(blob) // 2] ^= 0x01
    db.execute(f"UPDATE {table} SET {column} = ? WHERE {where} = ?", (bytes(blob), key))
    db.conn.commit()


# --- the cipher -----------------------------------------------------------------------------
def test_every_seal_has_a_fresh_nonce_and_opens_only_with_its_own_context():
    cipher = CacheCipher(new_key())
    one, two = cipher.seal(b"text", case_context("c1")), cipher.seal(b"text", case_context("c1"))
    assert one != two and one[:12] != two[:12]
    assert cipher.open(one, case_context("c1")) == b"text"
    with pytest.raises(TamperedItem):
        cipher.open(one, case_context("c2"))  # another case's row
    with pytest.raises(TamperedItem):
        cipher.open(one, media_context("c1"))  # a payload moved into a media slot
    with pytest.raises(TamperedItem):
        CacheCipher(new_key()).open(one, case_context("c1"))  # another key
    with pytest.raises(TamperedItem):
        cipher.open(one[:20], case_context("c1"))
    with pytest.raises(ValueError):
        CacheCipher(b"short")


def test_a_sealed_item_opens_without_a_copy_of_its_ciphertext():
    """Decode threads open media: a copy of the sealed bytes is made under the interpreter
    lock, which the UI thread then waits for."""
    cipher, context, data = CacheCipher(new_key()), media_context("m"), os.urandom(4 << 20)
    blob = cipher.seal(data, context)
    tracemalloc.start()
    try:
        opened = cipher.open(blob, context)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert opened == data
    assert peak < 1.5 * len(data)  # the clear bytes, and no second copy beside them


# --- the cache through it -------------------------------------------------------------------
def test_case_text_and_media_are_stored_sealed_and_read_back(sealed):
    image = synthetic_png(seed=5)
    sealed.save_cases([Case.from_api(case_dict("c1", text=MARKER, media=[image]))], None)
    sealed.save_media(sha(image), "image/png", image)
    payload, blob = sealed.db.execute("SELECT payload, sealed_payload FROM cases").fetchone()
    assert payload == "{}" and MARKER.encode() not in blob
    assert sealed.db.execute("SELECT data FROM media").fetchone()[0] != image
    assert sealed.case("c1").text == MARKER
    assert sealed.media_bytes(sha(image)) == image
    # The clear columns the case list needs are still there.
    assert sealed.summary("c1").language == "en" and sealed.open_case_ids() == ["c1"]


def test_a_priority_change_from_the_feed_reaches_a_sealed_case(sealed):
    sealed.save_cases([Case.from_api(case_dict("c1", priority=4))], None)
    change_feed.apply_changes(sealed.db, [{"case_id": "c1", "kind": "priority_changed",
                                           "data": {"priority": 1}}], 1)
    assert sealed.case("c1").priority == 1 and sealed.case("c1").text == "Reported text"


def test_a_flipped_byte_in_a_payload_drops_the_case_instead_of_crashing(sealed):
    sealed.save_cases([Case.from_api(case_dict("c1")), Case.from_api(case_dict("c2"))], None)
    flip_one_byte(sealed.db, "cases", "sealed_payload", "id", "c1")
    assert sealed.case("c1") is None
    assert sealed.open_case_ids() == ["c2"]  # off the list: the server hands it out again
    sealed.save_cases([Case.from_api(case_dict("c1"))], None)
    assert sealed.case("c1").id == "c1"


def test_a_flipped_byte_in_media_deletes_it_so_it_is_fetched_again(sealed):
    image = synthetic_png(seed=6)
    sealed.save_cases([Case.from_api(case_dict("c1", media=[image]))], None)
    sealed.save_media(sha(image), "image/png", image)
    assert sealed.missing_media() == []
    flip_one_byte(sealed.db, "media", "data", "sha256", sha(image))
    assert sealed.media_bytes(sha(image)) is None
    assert sealed.missing_media() == [sha(image)]


def test_a_store_opened_without_a_key_keeps_working_in_clear(tmp_path):
    cache = CaseCache(open_store(tmp_path / "store.sqlite3"))
    assert cache.cipher is None
    cache.save_cases([Case.from_api(case_dict("c1", text=MARKER))], None)
    assert MARKER in cache.db.execute("SELECT payload FROM cases").fetchone()[0]
    assert cache.case("c1").text == MARKER


# --- the key ---------------------------------------------------------------------------------
def test_the_cache_key_is_made_once_and_kept_in_the_keyring(memory_keyring, tmp_path):
    first = cache_key(tmp_path / "profile")
    again = cache_key(tmp_path / "profile")
    assert first.fresh and not again.fresh and first.key == again.key and len(first.key) == 32
    assert not first.warning
    name = f"cache-key:{(tmp_path / 'profile').resolve()}"
    assert ("reviewer-workstation", name) in memory_keyring.secrets
    assert cache_key(tmp_path / "other").key != first.key  # one key per profile


def test_without_a_keyring_the_key_lives_for_one_process_only(no_keyring, tmp_path):
    first, again = cache_key(tmp_path / "profile"), cache_key(tmp_path / "profile")
    assert first.fresh and again.fresh and first.key != again.key
    assert first.warning == EPHEMERAL_CACHE_WARNING


def test_unlock_seals_clear_content_and_a_kept_key_opens_it_next_time(memory_keyring, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    image = synthetic_png(seed=7)
    clear = CaseCache(open_store(profile.store_path))  # e.g. written by an older version
    clear.save_cases([Case.from_api(case_dict("c1", text=MARKER, media=[image]))], None)
    clear.save_media(sha(image), "image/png", image)
    assert unlock_cache(profile) == ""
    assert MARKER.encode() not in profile.store_path.read_bytes()
    unlock_cache(profile)  # a second start finds the key: nothing is lost
    cache = CaseCache(open_store(profile.store_path))
    assert cache.cipher is not None
    assert cache.case("c1").text == MARKER and cache.media_bytes(sha(image)) == image


def test_without_a_keyring_each_start_forgets_the_last_ones_cache(no_keyring, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    assert unlock_cache(profile) == EPHEMERAL_CACHE_WARNING
    cache = CaseCache(open_store(profile.store_path))
    cache.save_cases([Case.from_api(case_dict("open")), Case.from_api(case_dict("waiting"))], None)
    Outbox(cache.db).record(Decision.new("waiting", ActionId.REMOVE, "p"))
    unlock_cache(profile)  # the next process: the old key is gone with the old process
    rows = {r[0] for r in open_store(profile.store_path).execute("SELECT id FROM cases")}
    assert rows == {"waiting"}  # its unsent decision keeps the row (and its decided state)


# --- purging -------------------------------------------------------------------------------
def test_purge_drops_settled_and_expired_cases_and_media_no_case_uses(sealed):
    shared, own, old_image = (synthetic_png(seed=s) for s in (10, 11, 12))
    cases = {
        "decided-synced": [shared, own], "decided-waiting": [], "withdrawn": [],
        "open": [shared], "reversible": [], "old": [old_image],
    }
    sealed.save_cases([Case.from_api(case_dict(i, media=m)) for i, m in cases.items()], None)
    for data in (shared, own, old_image):
        sealed.save_media(sha(data), "image/png", data)
    outbox = Outbox(sealed.db)
    synced = [Decision.new(i, ActionId.REMOVE, "p") for i in ("decided-synced", "reversible")]
    for decision in synced:
        outbox.record(decision)
    outbox.record_answers([(d.decision_id, "accepted", {}) for d in synced])
    outbox.record(Decision.new("decided-waiting", ActionId.REMOVE, "p"))
    sealed.mark_lost({"withdrawn": "withdrawn"})
    sealed.db.execute("UPDATE cases SET cached_at = '2020-01-01T00:00:00Z' WHERE id = 'old'")
    sealed.db.conn.commit()

    purge_stale(sealed.db, timedelta(hours=24), utc_now())
    left = {r[0] for r in sealed.db.execute("SELECT id FROM cases")}
    assert left == {"decided-waiting", "open", "reversible"}  # newest accepted: may be reversed
    assert sealed.media_bytes(sha(shared)) == shared  # an open case still uses it
    assert sealed.media_bytes(sha(own)) is None and sealed.media_bytes(sha(old_image)) is None
    assert sealed.db.execute("SELECT count(*) FROM case_media WHERE case_id = 'decided-synced'"
                             ).fetchone()[0] == 0



def test_the_start_purge_takes_media_no_case_uses_and_writes_nothing_when_nothing_is_due(sealed):
    kept, orphan = synthetic_png(seed=20), synthetic_png(seed=21)
    sealed.save_cases([Case.from_api(case_dict("open", media=[kept]))], None)
    for data in (kept, orphan):  # the orphan: left by an older run, no case links to it
        sealed.save_media(sha(data), "image/png", data)
    assert purge_stale(sealed.db, timedelta(hours=24), utc_now()) == 1
    assert sealed.media_bytes(sha(orphan)) is None and sealed.media_bytes(sha(kept)) == kept
    statements: list[str] = []
    sealed.db.conn.set_trace_callback(statements.append)
    assert purge_stale(sealed.db, timedelta(hours=24), utc_now()) == 0
    sealed.db.conn.set_trace_callback(None)
    assert len(statements) == 1 and statements[0].startswith("SELECT")  # no BEGIN, no fsync
    # ...and it reads indexes of the few cases due, never a scan of every open case.
    plan = [row[3] for row in sealed.db.execute(f"EXPLAIN QUERY PLAN {statements[0]}")]
    assert not [step for step in plan if step.startswith("SCAN cases")
                and "cases_left" not in step], plan

# --- guidelines and decision notes ------------------------------------------------------------
GUIDELINE = {"id": "hate_speech", "version": 1, "seq": 1, "title": f"Playbook {MARKER}",
             "kind": "policy", "policy_area": "hate_speech", "queue_id": "",
             "body": f"Thresholds: {MARKER}", "requires_ack": False,
             "published_at": "2026-11-20T10:00:00Z", "published_by": "lead"}


def test_decision_notes_and_answers_are_sealed_and_read_back(sealed):
    outbox, note = Outbox(sealed.db), f"Escalation plan {MARKER}"
    decision = Decision.new("c1", ActionId.ESCALATE, "p", note)
    outbox.record(decision)
    assert [d.note for d in outbox.due()] == [note]
    outbox.record_answers([(decision.decision_id, "accepted", {"decision": {"note": note}})])
    clear, sealed_note, answer, sealed_answer = sealed.db.execute(
        "SELECT note, sealed_note, response, sealed_response FROM outbox").fetchone()
    assert (clear, answer) == ("", "")
    assert MARKER.encode() not in sealed_note + sealed_answer
    (entry,) = outbox.entries()
    assert entry.decision.note == note and entry.response == {"decision": {"note": note}}
    assert outbox.notes_since(0) == [(1, "c1", note)]


def test_a_note_that_does_not_open_is_never_sent_and_says_why(sealed):
    outbox = Outbox(sealed.db)
    decision = Decision.new("c1", ActionId.SUSPEND, "p", f"Reason {MARKER}")
    outbox.record(decision)
    flip_one_byte(sealed.db, "outbox", "sealed_note", "decision_id", decision.decision_id)
    assert outbox.due() == []  # not sent without its note, nor with garbage
    (entry,) = outbox.unacknowledged()  # rejected here, shown with the conflicts
    assert entry.state == "rejected" and entry.response["error"] == "note_unreadable"
    assert outbox.waiting() == 0


def test_guidelines_are_sealed_and_one_that_does_not_open_is_fetched_again(sealed):
    library = GuidelineStore(sealed.db)
    other = {**GUIDELINE, "id": "a_first", "seq": 2, "title": "A first title", "body": "Body",
             "policy_area": "spam"}
    library.save([Guideline.from_api(GUIDELINE), Guideline.from_api(other)], 2)
    rows = sealed.db.execute("SELECT title, body, sealed_text FROM guidelines").fetchall()
    assert all(r[:2] == ("", "") and MARKER.encode() not in r[2] for r in rows)
    assert [g.title for g in library.documents()] == ["A first title", GUIDELINE["title"]]
    assert library.for_policy("hate_speech").body == GUIDELINE["body"]
    assert library.tag_for("hate_speech") == "hate_speech@1"

    flip_one_byte(sealed.db, "guidelines", "sealed_text", "guideline_id", "hate_speech")
    assert library.get("hate_speech") is None  # dropped, never garbage on screen
    assert library.cursor() == 0  # so the next sync fetches it again
    assert [g.guideline_id for g in library.documents()] == ["a_first"]


def test_without_a_keyring_a_restart_refetches_guidelines_and_names_lost_notes(no_keyring,
                                                                               tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    unlock_cache(profile)
    db = open_store(profile.store_path)
    GuidelineStore(db).save([Guideline.from_api(GUIDELINE)], 1)
    Outbox(db).record(Decision.new("c1", ActionId.ESCALATE, "p", f"Plan {MARKER}"))
    unlock_cache(profile)  # the next process: the old key is gone with the old process
    db = open_store(profile.store_path)
    assert GuidelineStore(db).documents() == [] and GuidelineStore(db).cursor() == 0
    assert Outbox(db).due() == []
    (entry,) = Outbox(db).unacknowledged()
    assert "decide the case again" in entry.response["detail"]



def test_without_a_keyring_a_restart_forgets_sealed_contexts_instead_of_failing_on_each(
        no_keyring, tmp_path, caplog):
    from reviewer.context.investigation import InvestigationStore

    profile = Profile(tmp_path / "profile").ensure()
    unlock_cache(profile)
    accounts = InvestigationStore(open_store(profile.store_path))
    case = Case.from_api(case_dict("c1"))
    accounts.cases.save_cases([case], None)
    assert accounts.save_context({"case_id": "c1", "author": {"id": case.author.id},
                                  "prior_enforcement": [], "strikes": {"count": 1},
                                  "other_open_cases": [], "reporters": [], "notes": []})
    unlock_cache(profile)  # the next process: the old key is gone with the old process
    db = open_store(profile.store_path)
    assert db.execute("SELECT count(*) FROM case_context").fetchone()[0] == 0
    with caplog.at_level("WARNING"):
        assert InvestigationStore(db).context("c1") == (None, "", "")  # fetched again
    assert "failed authentication" not in caplog.text  # expected, so not reported as tampering
