"""The investigation store: contexts and account notes sealed at rest, notes following the
account from case to case, and related cases by author and by (near-)identical media."""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
from PIL import Image

from reviewer.store.crypto import CacheCipher, new_key
from reviewer.store.case_cache import CaseCache
from reviewer.domain import Case, to_iso, utc_now
from reviewer.context.investigation import InvestigationStore
from reviewer.media.hashes import hash_cached_media
from reviewer.store.database import open_store
from server.demo.synthetic_media import draw_image
from tests.factories import case_dict, sha

MARKER = "MARKER-investigation-93c1"


def make_case(case_id: str, author: str = "a1", media: list[bytes] = (), **kw) -> Case:
    data = case_dict(case_id, media=list(media), **kw)
    data["author"]["id"] = author
    return Case.from_api(data)


def context_for(case: Case, **extra) -> dict:
    return {"case_id": case.id, "author": {"id": case.author.id, "handle": case.author.handle,
                                           "high_profile": True},
            "prior_enforcement": [], "strikes": {"count": 2, "window_days": 90},
            "other_open_cases": [], "other_open_total": 0, "reporters": [], "notes": [],
            **extra}


@pytest.fixture
def sealed(tmp_path):
    path = tmp_path / "store.sqlite3"
    db = open_store(path, CacheCipher(new_key()))
    return InvestigationStore(db), path


def test_context_is_sealed_and_read_back_and_a_damaged_copy_is_dropped(sealed):
    store, path = sealed
    case = make_case("c1")
    store.cases.save_cases([case], None)
    assert store.context("c1") == (None, "", "")  # not fetched yet
    assert store.save_context(context_for(case, notes=[{"note_id": "n1", "body": MARKER,
                                                       "reviewer": "sam",
                                                       "created_at": "2026-01-01T00:00:00Z"}]))
    assert not store.save_context(context_for(case, notes=[{"note_id": "n1", "body": MARKER,
                                                           "reviewer": "sam",
                                                           "created_at": "2026-01-01T00:00:00Z"}],
                                              generated_at="later"))  # nothing new to show
    context, fetched_at, error = store.context("c1")
    assert context["strikes"]["count"] == 2 and fetched_at and error == ""
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert MARKER.encode() not in path.read_bytes()

    blob = bytearray(store.db.execute("SELECT data FROM case_context").fetchone()[0])
    blob[len(blob) // 2] ^= 1
    store.db.execute("UPDATE case_context SET data = ?", (bytes(blob),))
    store.db.conn.commit()
    assert store.context("c1") == (None, "", "")
    assert store.due_case_ids(to_iso(utc_now()), 10) == ["c1"]  # so it is fetched again


def test_a_note_written_here_shows_at_once_on_every_case_of_the_account_sealed(sealed):
    store, path = sealed
    author = "author-id-7c2e"
    first, second = make_case("c1", author=author), make_case("c2", author=author)
    other = make_case("c3", author="a2")
    store.cases.save_cases([first, second, other], None)
    note = store.add_note(first, f"{MARKER} <b>not bold</b>")
    shown = store.load(second).notes
    assert [(n.body, n.state) for n in shown] == [(f"{MARKER} <b>not bold</b>", "pending")]
    assert store.load(other).notes == ()
    assert store.pending_notes() == [(note.note_id, store.cases.author_key(author), author,
                                      f"{MARKER} <b>not bold</b>")]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert MARKER.encode() not in path.read_bytes()
    assert author.encode() not in path.read_bytes()  # the author id is blinded and sealed

    # Once the server lists it, its copy (naming the writer) replaces ours; newest first.
    store.mark_note(note.note_id, "sent")
    server_notes = [{"note_id": note.note_id, "body": note.body, "reviewer": "alice",
                     "created_at": note.created_at},
                    {"note_id": "old", "body": "older", "reviewer": "sam",
                     "created_at": "2020-01-01T00:00:00Z"}]
    store.save_context(context_for(second, notes=server_notes))
    shown = store.load(first).notes  # its own context is not here: the account's newest is
    assert [(n.body, n.reviewer) for n in shown] == [(note.body, "alice"), ("older", "sam")]
    assert store.pending_notes() == []


def _drawing(seed: int, fmt: str = "PNG", scale: float = 1.0) -> bytes:
    image = Image.open(io.BytesIO(draw_image(random.Random(seed), f"SAMPLE {seed}",
                                             image_format="PNG").data)).convert("RGB")
    if scale != 1.0:
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 70} if fmt == "JPEG" else {}))
    return out.getvalue()


def test_related_cases_by_author_same_media_and_near_identical_media(sealed):
    store, _ = sealed
    picture, copy, unrelated = _drawing(1), _drawing(1, "JPEG", 0.5), _drawing(2)
    cases = [make_case("c1", media=[picture]), make_case("c2"),  # same author
             make_case("c3", author="a2", media=[picture]),  # the same bytes
             make_case("c4", author="a3", media=[copy]),  # re-encoded and resized
             make_case("c5", author="a4", media=[unrelated])]
    store.cases.save_cases(cases, None)
    for data in (picture, copy, unrelated):
        store.cases.save_media(sha(data), "image/png", data)
    assert hash_cached_media(store.db) == 3
    assert hash_cached_media(store.db) == 0  # each item is hashed once

    related = {r.case_id: r for r in store.load(cases[0]).related}
    assert set(related) == {"c2", "c3", "c4"}
    assert related["c2"].why == "same author"
    assert related["c3"].why == "same media"
    assert related["c4"].why.startswith("near-identical media (")
    assert related["c4"].queue_id == "graphic_media" and related["c4"].state == "open"
    assert {r.case_id for r in store.load(cases[3]).related} == {"c1", "c3"}
    assert store.load(cases[4]).related == ()


def test_contexts_are_due_when_missing_or_stale_most_urgent_first(sealed):
    store, _ = sealed
    cases = [make_case("late", priority=3), make_case("urgent", priority=1),
             make_case("fresh", priority=1)]
    store.cases.save_cases(cases, None)
    store.save_context(context_for(cases[2]))
    now = to_iso(utc_now() - timedelta(minutes=5))
    assert store.due_case_ids(now, 10) == ["urgent", "late"]
    assert store.due_case_ids(to_iso(utc_now() + timedelta(seconds=1)), 10) == [
        "urgent", "late", "fresh"]  # never fetched first, then the stale ones
    store.save_unavailable("urgent", "not_your_case")
    assert store.context("urgent") == (None, store.context("urgent")[1], "not_your_case")
    assert store.due_case_ids(now, 10) == ["late"]


def test_contexts_of_cases_no_longer_cached_are_forgotten(sealed):
    store, _ = sealed
    case = make_case("c1")
    store.cases.save_cases([case], None)
    store.save_context(context_for(case))
    store.db.execute("DELETE FROM cases")
    store.db.conn.commit()
    assert store.forget_orphans() == 1
    assert store.context("c1") == (None, "", "")


def test_without_a_key_the_store_works_in_clear(tmp_path):
    store = InvestigationStore(open_store(tmp_path / "clear.sqlite3"))
    case = make_case("c1")
    store.cases.save_cases([case], None)
    store.add_note(case, "hello")
    store.save_context(context_for(case))
    loaded = store.load(case)
    assert loaded.context["case_id"] == "c1" and loaded.notes[0].body == "hello"
    assert CaseCache(store.db).author_key("a1") == "a1"


def test_a_prolific_authors_other_cases_are_found_through_the_index_alone(sealed):
    """The author's decided cases are asked by ranges of the (author, state) index: a test of
    `local_state != 'open'` read every open case of the author from the table instead."""
    store, _ = sealed
    cases = [make_case(f"c{i}") for i in range(40)]
    store.cases.save_cases(cases, None)
    store.db.execute("UPDATE cases SET local_state = 'decided' WHERE id = 'c39'")
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    related = {r.case_id: r.state for r in store.load(cases[0]).related}
    store.db.conn.set_trace_callback(None)
    assert related["c39"] == "decided" and related["c1"] == "open"
    by_author = [s for s in statements if "FROM cases WHERE author_key" in s]
    assert len(by_author) == 2
    for sql in by_author:
        plans = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        searches = [p for p in plans if p.startswith("SEARCH cases")]
        assert searches and all("local_state" in p for p in searches), plans
