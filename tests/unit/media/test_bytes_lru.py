"""The byte-bounded LRU both render caches keep: the oldest go first, by bytes and by count,
a use keeps a value longer, and the newest stays even when it alone is over the bound."""

from __future__ import annotations

from reviewer.media.bytes_lru import BytesLru


def _lru(max_bytes: int, max_items: int | None = None) -> BytesLru[str, bytes]:
    return BytesLru(len, max_bytes, max_items)


def test_the_oldest_go_first_once_the_bytes_are_past_the_bound():
    lru = _lru(10)
    for key in "abcd":
        lru.put(key, b"xxx")
    assert list(lru) == ["b", "c", "d"] and lru.held_bytes == 9


def test_a_use_makes_a_value_the_newest():
    lru = _lru(9)
    for key in "abc":
        lru.put(key, b"xxx")
    assert lru.get("a") == b"xxx"
    lru.put("d", b"xxx")
    assert list(lru) == ["c", "a", "d"]


def test_looking_without_using_does_not_reorder():
    lru = _lru(9)
    for key in "abc":
        lru.put(key, b"xxx")
    assert "a" in lru and "z" not in lru and lru.get("z") is None
    lru.put("d", b"xxx")
    assert list(lru) == ["b", "c", "d"]


def test_the_count_bounds_it_too():
    lru = _lru(1000, max_items=2)
    for key in "abc":
        lru.put(key, b"x")
    assert list(lru) == ["b", "c"] and len(lru) == 2 and lru.held_bytes == 2


def test_the_newest_is_kept_even_over_the_bound():
    lru = _lru(4, max_items=0)
    lru.put("a", b"xx")
    lru.put("big", b"x" * 10)
    assert list(lru) == ["big"] and lru.held_bytes == 10


def test_replacing_a_key_counts_its_bytes_once():
    lru = _lru(10)
    lru.put("a", b"xxxx")
    lru.put("b", b"xx")
    lru.put("a", b"xxxxxx")
    assert list(lru) == ["b", "a"] and lru.held_bytes == 8
    lru.clear()
    assert len(lru) == 0 and lru.held_bytes == 0
