"""Frequent words answered from bitmaps find exactly what FTS5 finds: for whole words, prefixes
of them, prefixes shared with rare words, phrases, words with diacritics and combinations; the
rows added since they were made are asked of FTS5 until the indexer's next pass makes them
again; and they are kept in the encrypted index file across a restart."""

from __future__ import annotations

import random

import pytest

from reviewer.domain import Case
from reviewer.review import search_index, search_terms
from reviewer.review.search_indexer import SearchIndexer
from reviewer.review.search_terms import HotTerms
from reviewer.store.case_cache import CaseCache
from reviewer.store.crypto import CacheCipher, new_key
from reviewer.store.database import open_store, unlock_store
from tests.factories import case_dict

COMMON = ("video", "please", "review", "link")
RARE = ("videos", "vídeo", "linked", "plead", "quarry1", "quarry2", "東京")
QUERIES = ("video", "vid", "v", "videos", "vídeo", "VIDEO", "please", "ple", "pl", "p",
           "link", "lin", "linked", "review video", "rev pl", "video quarry1", "quarr",
           "link-please", "please link", "c-1", "c", "東京", "nothing", "video nothing", "_")


def cases(n: int, seed: int = 5) -> list[Case]:
    rng = random.Random(seed)
    made = []
    for i in range(n):
        words = [w for w in COMMON if rng.random() < 0.8] + rng.sample(RARE, rng.randint(0, 2))
        made.append(Case.from_api(case_dict(f"c-{i}", text=" ".join(words) or "plain")))
    return made


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch):
    monkeypatch.setattr(search_terms, "HOT_MIN_ROWS", 20)  # the four COMMON words, not RARE


def without_bitmaps(index, query: str) -> frozenset[str]:
    hot, index._hot = index._hot, HotTerms()
    try:
        index.forget_recent()
        return frozenset(index.search(query) or ())
    finally:
        index._hot = hot
        index.forget_recent()


def assert_same_as_fts5(index) -> None:
    for query in QUERIES:
        index.forget_recent()
        assert frozenset(index.search(query) or ()) == without_bitmaps(index, query), query


def test_bitmaps_find_what_fts5_finds(tmp_path):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases(cases(60), None)
    indexer = SearchIndexer(None)
    indexer.run_pass(db)
    index = indexer.index
    assert index.hot_current()
    assert {"video", "please", "review", "link"} <= set(index._hot.bits)
    assert index._hot.answers("please") and index._hot.answers("rev")
    # Prefixes of rare words too ("videos", "plead", "linked") are left to FTS5.
    assert not any(map(index._hot.answers, ("video", "vid", "ple", "link", "quarry1")))
    assert_same_as_fts5(index)


def test_rows_added_since_are_asked_of_fts5_until_the_bitmaps_are_made_again(tmp_path,
                                                                            monkeypatch):
    db = open_store(tmp_path / "store.sqlite3")
    CaseCache(db).save_cases(cases(60), None)
    indexer = SearchIndexer(None)
    indexer.run_pass(db)
    index = indexer.index
    assert index._hot.answers("please")
    # A new word under a prefix the bitmaps answered: FTS5 answers for the rows added since,
    # the bitmaps for the rows they describe.
    CaseCache(db).save_cases([Case.from_api(case_dict("c-new", text="pleaseful review"))], None)
    indexer.run_once(db)
    assert not index.hot_current() and index._hot.answers("please")
    asked, fts = [], index._fts
    index._fts = lambda query, since=0, conn=None: (
        asked.append((query, since, conn)), fts(query, since, conn))[1]
    assert "c-new" in index.search("please") and "c-new" in index.search("rev")
    # Asked of the rows added since, indexed again in memory as they were added.
    recent = index._added.conn
    assert asked == [('"please" *', index._hot.through, recent),
                     ('"rev" *', index._hot.through, recent)]
    index._fts = fts
    assert_same_as_fts5(index)
    assert not index.hot_due()  # kept in memory: not made again for them
    monkeypatch.setattr(search_index, "ADDED_MAX", 0)
    index.add([("c-newer", "video")])  # more rows than are kept in memory
    assert index.hot_due() and index._added is None
    assert_same_as_fts5(index)
    indexer.run_pass(db)  # made again
    assert index.hot_current() and not index._hot.answers("please")
    assert index._hot.answers("rev")
    assert_same_as_fts5(index)


def test_they_are_kept_in_the_encrypted_file_across_a_restart(tmp_path):
    path = tmp_path / "store.sqlite3"
    unlock_store(path, CacheCipher(new_key()))
    db = open_store(path)
    CaseCache(db).save_cases(cases(60), None)
    first = SearchIndexer(path)
    first.attach(db)
    first.run_pass(db)
    assert first.index.hot_current()
    found = {q: first.index.search(q) for q in QUERIES}
    first.index.file.close()
    again = SearchIndexer(path)
    again.attach(db)
    assert again.index.file.status == "opened" and again.index.hot_current()
    assert {q: again.index.search(q) for q in QUERIES} == found
    assert_same_as_fts5(again.index)
    for name in ("search-index.sqlite3", "search-index.sqlite3-wal"):
        file = tmp_path / name
        if file.exists():
            assert b"video" not in file.read_bytes() and b"hot_terms" not in file.read_bytes()


def test_prefixes_over_many_words_find_what_fts5_finds_and_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(search_terms, "PREFIX_MIN_WORDS", 5)
    path = tmp_path / "store.sqlite3"
    unlock_store(path, CacheCipher(new_key()))
    db = open_store(path)
    rng = random.Random(9)
    made = [Case.from_api(case_dict(f"q-{i}", text=f"quarry{rng.randint(0, 30)} tundra{i % 7} "
                                    + rng.choice(["quarrel", "quartz", "video", "tundras"])))
            for i in range(80)]
    CaseCache(db).save_cases(cases(60) + made, None)
    first = SearchIndexer(path)
    first.attach(db)
    first.run_pass(db)
    hot = first.index._hot
    assert {"quarr", "quarry", "tundra", "qu"} <= set(hot.prefixes) and "q" not in hot.prefixes
    assert not hot.answers("quarry5") and not hot.answers("tundra3")  # one word each
    queries = QUERIES + ("quarr", "quarry", "quarry1", "q", "qu", "tundra", "tundra 5",
                         "tundra3 quarr", "video tundra", "quarrel")
    for query in queries:
        first.index.forget_recent()
        assert frozenset(first.index.search(query) or ()) == without_bitmaps(first.index, query)
    found = {q: first.index.search(q) for q in queries}
    first.index.file.close()
    again = SearchIndexer(path)
    again.attach(db)
    assert again.index.hot_current() and set(again.index._hot.prefixes) == set(hot.prefixes)
    assert {q: again.index.search(q) for q in queries} == found


def test_rows_added_before_a_restart_are_asked_of_the_file(tmp_path):
    """Bitmaps read back with rows after them that this process did not add: the file's FTS5
    answers for those rows (there is no copy of them in memory)."""
    path = tmp_path / "store.sqlite3"
    unlock_store(path, CacheCipher(new_key()))
    db = open_store(path)
    CaseCache(db).save_cases(cases(60), None)
    first = SearchIndexer(path)
    first.attach(db)
    first.run_pass(db)
    CaseCache(db).save_cases([Case.from_api(case_dict("c-new", text="pleaseful review"))], None)
    first.run_once(db)  # no bitmaps made again before the restart
    first.index.file.close()
    again = SearchIndexer(path)
    again.attach(db)
    index = again.index
    assert not index.hot_current() and index._hot.answers("please") and index._added is None
    assert "c-new" in index.search("please") and "c-new" in index.search("rev")
    assert_same_as_fts5(index)
    index.add([("c-later", "please")])  # added now: still the file, not a copy of some rows
    assert index._added is None and "c-later" in index.search("ple")
    assert_same_as_fts5(index)
