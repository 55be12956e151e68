"""Hash-list entries as numpy arrays, compared with PDQ hashes many at a time.

A hash-sharing programme's list holds from a few hundred to millions of PDQ hashes. Reading
every entry from the database and comparing it in Python for each arriving image costs seconds
per image at a million entries; here the entries are four 64-bit words per row, and one XOR
with a popcount (`numpy.bitwise_count`) compares an image with all of them in C.

Each API process keeps the entries of the lists it last saw in each database (`entries_of`).
Lists never change once loaded (a lead loads or removes a whole list) and their ids are never
reused, so the set of list ids is the cache's whole key: a list loaded or removed by another
process changes it.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import numpy
from sqlalchemy import Connection, Engine, select

from server.store.alerts_schema import hash_list_entries, hash_lists

_WORDS = 4  # 256 bits
_PAIR_BUDGET = 8_000_000  # hash pairs compared per numpy step: ~100 MB of work arrays


def words_of(hexes: list[str]) -> numpy.ndarray:
    """(n, 4) native uint64 words of 64-digit hex hashes, high word first."""
    if not hexes:
        return numpy.zeros((0, _WORDS), dtype=numpy.uint64)
    raw = numpy.frombuffer(bytes.fromhex("".join(hexes)), dtype=">u8")
    return raw.astype(numpy.uint64).reshape(-1, _WORDS)


def hex_of(words: numpy.ndarray) -> str:
    return words.astype(">u8").tobytes().hex()


def columns_of(words: numpy.ndarray) -> numpy.ndarray:
    """(4, n): each word position contiguous, so one comparison step streams one array."""
    return numpy.ascontiguousarray(words.T)


def distances(queries: numpy.ndarray, columns: numpy.ndarray) -> numpy.ndarray:
    """(queries, entries) Hamming distances as uint16, one word position at a time."""
    apart = numpy.bitwise_count(queries[:, 0, None] ^ columns[0]).astype(numpy.uint16)
    for word in range(1, _WORDS):
        apart += numpy.bitwise_count(queries[:, word, None] ^ columns[word])
    return apart


def nearest(queries: numpy.ndarray, entries: numpy.ndarray,
            limits: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """For each query row, the closest entry row within that entry's limit: (entry index,
    distance) per query, index -1 and distance 257 where none is within its limit. Compared in
    slices so that memory stays bounded whatever the sizes."""
    found = numpy.full(len(queries), -1, dtype=numpy.int64)
    best = numpy.full(len(queries), 257, dtype=numpy.int32)
    if not len(queries) or not len(entries):
        return found, best
    columns = columns_of(entries)
    step = max(1, _PAIR_BUDGET // len(entries))
    for start in range(0, len(queries), step):
        apart = distances(queries[start:start + step], columns)
        apart[apart > limits[None, :]] = 257  # out of that entry's reach
        closest = apart.argmin(axis=1)
        distance = apart[numpy.arange(len(apart)), closest]
        within = distance <= 256
        found[start:start + step] = numpy.where(within, closest, -1)
        best[start:start + step] = numpy.where(within, distance, 257)
    return found, best


@dataclass(frozen=True)
class Entries:
    """Every entry of every list: words, the list each row belongs to, that list's distance."""
    list_ids: tuple[int, ...]
    columns: numpy.ndarray  # (4, rows): see columns_of
    owner: numpy.ndarray  # list id per row
    limit: numpy.ndarray  # the owning list's match distance per row

    def matches(self, pdq: str, lists: dict[int, dict]) -> list[dict]:
        """The closest entry of each list within that list's distance of `pdq`."""
        if not len(self.owner):
            return []
        apart = distances(words_of([pdq]), self.columns)[0]
        hits = numpy.nonzero(apart <= self.limit)[0]
        best: dict[int, dict] = {}
        for row in hits[numpy.argsort(apart[hits], kind="stable")]:
            list_id = int(self.owner[row])
            if list_id not in best and list_id in lists:
                best[list_id] = {**lists[list_id], "distance": int(apart[row]),
                                 "entry": hex_of(self.columns[:, row])}
        return list(best.values())


# Per engine, that is per database: tests (and tools) open several databases in one process,
# and list ids start at 1 in each of them.
_cached: weakref.WeakKeyDictionary[Engine, Entries] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def entries_of(conn: Connection) -> Entries:
    """The current lists' entries, read again only when the set of lists has changed."""
    ids = tuple(conn.execute(select(hash_lists.c.id).order_by(hash_lists.c.id)).scalars())
    with _lock:
        known = _cached.get(conn.engine)
        if known is not None and known.list_ids == ids:
            return known
    limits = dict(conn.execute(select(hash_lists.c.id, hash_lists.c.distance)
                               .where(hash_lists.c.id.in_(ids))).all()) if ids else {}
    parts, owners, reach = [], [], []
    for list_id in ids:  # one list at a time: plain strings, never a million Row objects
        hexes = list(conn.execute(select(hash_list_entries.c.pdq)
                                  .where(hash_list_entries.c.list_id == list_id)).scalars())
        parts.append(words_of(hexes))
        owners.append(numpy.full(len(hexes), list_id, dtype=numpy.int64))
        reach.append(numpy.full(len(hexes), limits.get(list_id, -1), dtype=numpy.int32))
    fresh = Entries(ids, columns_of(numpy.concatenate(parts) if parts else words_of([])),
                    numpy.concatenate(owners) if owners else numpy.zeros(0, numpy.int64),
                    numpy.concatenate(reach) if reach else numpy.zeros(0, numpy.int32))
    with _lock:
        _cached[conn.engine] = fresh
    return fresh
