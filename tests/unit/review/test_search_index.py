"""The search index in its encrypted file: the same hits as an index built afresh, kept across a
restart without a rebuild, up to date with refreshed and purged cases, never in clear on disk,
and rebuilt, saying why, when the file is missing, damaged or under a key that is gone."""

from __future__ import annotations

import pytest

from reviewer.context.investigation import InvestigationStore
from reviewer.domain import Case
from reviewer.review.case_list import CaseList, ListQuery
from reviewer.review.search_indexer import SearchIndexer
from reviewer.store import search_file
from reviewer.store.case_cache import CaseCache
from reviewer.store.crypto import CacheCipher, new_key
from reviewer.store.database import open_store, unlock_store
from tests.factories import case_dict

MARKER = "quokkamarker"
QUERIES = ("harbour", "ledger", "quarr", "harbour ledger", MARKER, "brigading", "c-7",
           "nothing-like-this", "東京")


def make_case(case_id: str, text: str, author: str = "a1") -> Case:
    data = case_dict(case_id, text=text)
    data["author"]["id"] = author
    return Case.from_api(data)


def texts(n: int) -> list[Case]:
    words = ("harbour", "ledger", "quarry", "東京 news")
    return [make_case(f"c-{i}", f"{words[i % 4]} {words[(i * 7) % 4]} item{i} {MARKER * (i == 3)}",
                      author=f"a{i % 3}") for i in range(12)]


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.sqlite3"
    cipher = CacheCipher(new_key())
    unlock_store(path, cipher)
    db = open_store(path)
    CaseCache(db).save_cases(texts(12), None)
    InvestigationStore(db).add_note(CaseCache(db).case("c-1"), "Known for brigading")
    return path, db, cipher


def indexer_for(path, db) -> SearchIndexer:
    indexer = SearchIndexer(path)
    indexer.attach(db)
    indexer.run_pass(db)
    return indexer


def hits(indexer: SearchIndexer) -> dict:
    return {q: indexer.index.search(q) for q in QUERIES}


def fresh_hits(db) -> dict:
    """What an index built afresh in memory finds."""
    indexer = SearchIndexer(None)
    indexer.run_once(db)
    return hits(indexer)


def test_the_file_finds_what_an_index_built_afresh_finds_and_survives_a_restart(store):
    path, db, _ = store
    first = indexer_for(path, db)
    assert first.index.status == "created"
    assert hits(first) == fresh_hits(db)
    assert first.index.search(MARKER) == {"c-3"}
    assert first.index.search("brigading") == {"c-1", "c-4", "c-7", "c-10"}  # author a1
    first.index.file.close()

    again = SearchIndexer(path)
    again.attach(db)
    assert again.index.status == "opened"
    assert len(again.index.indexed) == 12  # searchable before any pass: no rebuild
    assert again.run_once(db) == 0
    assert hits(again) == fresh_hits(db)


def test_refreshed_and_purged_cases_are_brought_up_to_date(store):
    path, db, _ = store
    indexer = indexer_for(path, db)
    CaseCache(db).save_cases([make_case("c-3", "now about a lighthouse")], None)
    db.execute("DELETE FROM cases WHERE id = 'c-5'")
    db.conn.commit()
    indexer.run_pass(db)
    assert indexer.index.search(MARKER) == frozenset()
    assert indexer.index.search("lighthouse") == {"c-3"}
    assert indexer.index.search("item5") == frozenset()
    assert hits(indexer) == fresh_hits(db)


def test_a_case_refreshed_later_in_the_whole_second_of_the_mark_is_indexed_again(store):
    path, db, _ = store
    indexer = indexer_for(path, db)
    db.execute("UPDATE cases SET cached_at = '2026-12-01T10:00:07Z'")
    db.conn.commit()
    indexer.run_pass(db)  # the mark is now that whole second
    assert indexer.index.mark("cached_through") == "2026-12-01T10:00:07Z"
    CaseCache(db).save_cases([make_case("c-3", "now about a lighthouse")], None)
    db.execute("UPDATE cases SET cached_at = '2026-12-01T10:00:07.500000Z' WHERE id = 'c-3'")
    db.conn.commit()
    indexer.run_pass(db)
    assert indexer.index.search("lighthouse") == {"c-3"}
    assert indexer.index.search(MARKER) == frozenset()
    assert hits(indexer) == fresh_hits(db)


def test_no_word_of_the_cases_reaches_the_disk_in_clear(store):
    path, db, _ = store
    indexer = indexer_for(path, db)
    indexer.index.file.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [p for p in path.parent.iterdir() if p.name.startswith(search_file.FILE_NAME)]
    assert files
    on_disk = b"".join(p.read_bytes() for p in files)
    for word in (MARKER, "harbour", "brigading", "item11"):  # long enough never to be chance
        assert word.encode() not in on_disk
    assert "東京".encode() not in on_disk


@pytest.mark.parametrize("damage", ["garbage", "other key", "flipped page"])
def test_an_unreadable_file_is_rebuilt_and_says_why(store, damage, capfd):
    path, db, cipher = store
    indexer = indexer_for(path, db)
    indexer.index.file.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    indexer.index.file.close()
    index_file = search_file.index_path(path)
    if damage == "garbage":
        index_file.write_bytes(b"not an index" * 1000)
    elif damage == "other key":  # the store's key is gone: a new one seals from now on
        unlock_store(path, CacheCipher(new_key()))
    else:  # a byte of an FTS page, past the first page the open reads
        data = bytearray(index_file.read_bytes())
        for at in range(4096 + 100, len(data), 4096):
            data[at] ^= 0x01
        index_file.write_bytes(bytes(data))
    db = open_store(path)
    again = SearchIndexer(path)
    again.attach(db)
    if damage == "flipped page":  # found on the first read of a damaged page
        again.index.search("harbour")
        again.run_pass(db)
    assert again.index.status.startswith("rebuilt: the index file")
    again.run_pass(db)
    assert hits(again) == fresh_hits(db)
    # The rebuild is said once, in the log; SQLCipher's own "ERROR CORE ... hmac check
    # failed" lines on the terminal would look like a crash to the reviewer who started it.
    assert "ERROR CORE" not in capfd.readouterr().err


def test_damage_found_while_searching_is_rebuilt_by_the_next_pass(store):
    path, db, _ = store
    indexer = indexer_for(path, db)
    indexer.index.file.damaged(search_file.Error("hmac check failed for pgno=6"))
    indexer.run_pass(db)  # a fresh file, filled by the pass the indexer wakes itself for
    assert indexer.index.status.startswith("rebuilt: the index file was damaged")
    indexer.run_pass(db)
    assert hits(indexer) == fresh_hits(db)


def test_a_rebuild_reads_the_same_words_as_the_checked_case(store):
    from reviewer.review.search_indexer import _search_texts, search_text
    _, db, _ = store
    cache = CaseCache(db)
    ids = [f"c-{i}" for i in range(12)]
    assert sorted(_search_texts(cache, ids)) == sorted(
        (case.id, case.author.id, search_text(case)) for case in map(cache.case, ids))


def test_the_jobs_run_once_the_file_is_loaded_and_again_when_asked_while_the_pass_waits(store):
    """The list's sort orders and where each index row is in it need only the list and the
    loaded index: they run before the catch-up pass, which waits for the reviewer's pauses,
    and again when asked (rewarm: the list's columns arrived) while it waits; after a pass
    they run again, and a catch-up asked beside a rewarm is never lost."""
    import threading

    path, db, _ = store
    indexer_for(path, db).stop()  # the file, as a previous run left it
    CaseCache(db).save_cases([make_case("c-new", f"harbour {MARKER}")], None)
    indexer = SearchIndexer(path)
    passes, jobs = [], threading.Semaphore(0)
    run_pass = indexer.run_pass
    indexer.run_pass = lambda conn: (passes.append(1), run_pass(conn))
    cases = CaseList(db)
    cases.complete()
    indexer.after_pass += [lambda: cases.warm(doc_hashes=indexer.index.doc_hashes()),
                           jobs.release]
    indexer.hold(60)  # the reviewer is working the list
    indexer.start()
    try:
        assert jobs.acquire(timeout=30)  # the file is loaded: the jobs, not waiting for the pass
        assert "c-1" in indexer.index.indexed and "c-new" not in indexer.index.indexed
        found = indexer.index.search("harbour")  # a search before the pass: the file's rows
        assert list(cases.ids(ListQuery(), found)) == [
            c for c in cases.ids(ListQuery()) if c in set(found)] and "c-new" not in found
        assert {"c-0", "c-4", "c-8"} <= set(found)
        indexer.rewarm()
        assert jobs.acquire(timeout=30)  # again, while the pass waits for a pause
        assert "c-new" not in indexer.index.indexed and len(passes) <= 1
        indexer.hold(0)  # the reviewer pauses: the pass runs, then the jobs
        assert jobs.acquire(timeout=30) and len(passes) == 1
        assert "c-new" in indexer.index.indexed
        assert "c-new" in cases.ids(ListQuery(), indexer.index.search("harbour"))
        CaseCache(db).save_cases([make_case("c-newer", f"ledger {MARKER}")], None)
        indexer.rewarm()
        indexer.catch_up()  # a pass asked for beside a rewarm is never lost
        for _ in range(3):  # the rewarm's jobs (perhaps apart), then the pass's
            assert jobs.acquire(timeout=30)
            if "c-newer" in indexer.index.indexed:
                break
        assert len(passes) == 2 and "c-newer" in indexer.index.indexed
    finally:
        indexer.stop()
