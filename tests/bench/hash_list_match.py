"""Hash lists at a programme's size: loading a list and matching arriving media against it.

A seeded central database (SQLite, the demo's synthetic media) gets a list of ENTRIES random
PDQ hashes with a few near copies of stored images among them. Printed, with no target yet:

- loading the list the first time (hashing the media of every case still open, then comparing
  it with the whole list), and loading a second list of the same size (comparing only);
- matching one arriving image against both lists (2 × ENTRIES entries), and the same comparison
  written as the plain Python loop it replaced, side by side in one run, as a ratio.

  python -m tests.bench.hash_list_match
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from server.alerts import hash_lists, pdq_index
from server.demo.seed import seed_database
from server.store.alerts_schema import media_pdq
from server.store.database import open_database
from tests.bench.results import RESULTS_PATH, Figure, save, table

ENTRIES = 100_000
SEEDED_CASES = 2_000
ARRIVALS = 30


def _spec(name: str, hashes: list[str]) -> dict:
    return {"name": name, "category": "bench", "action": "remove", "distance": 31,
            "severity": "high", "hashes": hashes}


def _list_of(rng: random.Random, near: list[str]) -> list[str]:
    hashes = [f"{rng.getrandbits(256):064x}" for _ in range(ENTRIES - len(near))]
    return hashes + [f"{int(pdq, 16) ^ 0b10110:064x}" for pdq in near]


def _plain_python(pdq: str, entries: list[tuple[int, str, int]]) -> dict[int, int]:
    """What matching one image cost before: every entry's row compared in Python."""
    best: dict[int, int] = {}
    value = int(pdq, 16)
    for list_id, entry, distance in entries:
        bits = (value ^ int(entry, 16)).bit_count()
        if bits <= distance and bits < best.get(list_id, 257):
            best[list_id] = bits
    return best


def run(workdir: Path) -> list[Figure]:
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "central.sqlite3"
    seed_database(db_path, cases=SEEDED_CASES)
    database = open_database(db_path)
    rng = random.Random(17)
    now = datetime(2026, 1, 1)
    try:
        with database.write() as conn:
            started = time.perf_counter()
            first = hash_lists.load_list(conn, _spec("first", _list_of(rng, [])), "bench", now)
            first_ms = (time.perf_counter() - started) * 1000
            stored = [row.pdq for row in conn.execute(
                select(media_pdq.c.pdq).where(media_pdq.c.pdq.is_not(None)))]
            near = rng.sample(stored, min(5, len(stored)))
            started = time.perf_counter()
            second = hash_lists.load_list(conn, _spec("second", _list_of(rng, near)), "bench", now)
            second_ms = (time.perf_counter() - started) * 1000
            entries = pdq_index.entries_of(conn)  # as the first arrival after a load reads them
            lists = {item["id"]: {"list_id": item["id"]} for item in (first, second)}
            rows = [(int(owner), pdq_index.hex_of(entries.columns[:, row]), int(limit))
                    for row, (owner, limit) in enumerate(zip(entries.owner, entries.limit))]
        arrivals = [near[i % len(near)] for i in range(ARRIVALS)]
        vectorised, plain = [], []
        for pdq in arrivals:  # side by side, alternating, so both see the same machine
            started = time.perf_counter()
            found = {m["list_id"]: m["distance"] for m in entries.matches(pdq, lists)}
            vectorised.append(time.perf_counter() - started)
            started = time.perf_counter()
            expected = _plain_python(pdq, rows)
            plain.append(time.perf_counter() - started)
            assert found == expected, (found, expected)  # the same matches, or no figure
    finally:
        database.close()
    per_image = statistics.median(vectorised) * 1000
    return [
        Figure(f"hash_list_first_load_{ENTRIES // 1000}k_entries_{len(stored)}_live_media_ms",
               first_ms, "ms"),
        Figure(f"hash_list_next_load_{ENTRIES // 1000}k_entries_ms", second_ms, "ms"),
        Figure(f"hash_list_match_one_image_{2 * ENTRIES // 1000}k_entries_ms", per_image, "ms"),
        Figure("hash_list_match_vs_plain_python_loop",
               statistics.median(plain) / statistics.median(vectorised), "x", better="higher"),
    ]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-hashlists-") as tmp:
        figures = run(Path(tmp))
    print(table(figures))
    save(figures, RESULTS_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
