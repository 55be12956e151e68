"""Hash lists at a programme's size, on both back ends: a list of tens of thousands of entries
matches arriving media by its closest entry per list; a list loaded later finds the media of
cases still to be decided; a removed list stops matching, in the same API process, at once. And
the vectorised comparison agrees with a plain bit count on random hashes."""

from __future__ import annotations

import base64
import random

import numpy

from server.alerts import pdq_index
from server.alerts.hash_lists import pdq_of_bytes
from tests.factories import synthetic_png


def _case(n: int, image: bytes) -> dict:
    return {"id": f"case-hl-{n:03d}", "queue_id": "crisis_sweep", "text": "shared picture",
            "author": {"id": f"acct-hl-{n}", "handle": f"hl{n}"},
            "media": [{"data_base64": base64.b64encode(image).decode(), "mime": "image/png",
                       "category": "benign", "label": "a picture"}]}


def _flip(pdq: str, bits: int, seed: int) -> str:
    chosen = random.Random(seed).sample(range(256), bits)
    return f"{int(pdq, 16) ^ sum(1 << bit for bit in chosen):064x}"


def _noise(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.getrandbits(256):064x}" for _ in range(count)]


def _spec(name: str, hashes: list[str], distance: int = 31) -> dict:
    return {"name": name, "category": "csam_suspected", "action": "remove",
            "distance": distance, "severity": "critical", "hashes": hashes}


def _served_matches(client, case_id: str) -> list[dict]:
    return client.get(f"/v1/cases/{case_id}").json()["media"][0]["hash_list_matches"]


def test_a_large_list_matches_by_its_closest_entry_and_each_list_once(client_for):
    lena, alice = client_for("lena"), client_for("alice")
    image = synthetic_png(seed=71)
    listed, _quality = pdq_of_bytes(image)
    big = _noise(20_000, seed=1) + [_flip(listed, 9, 2), _flip(listed, 4, 3)]
    first = lena.post("/v1/hash-lists", json=_spec("Programme A", big))
    assert first.status_code == 201, first.text
    assert first.json()["hash_count"] == 20_002
    second = lena.post("/v1/hash-lists", json=_spec("Programme B", [_flip(listed, 20, 4)], 24))
    assert lena.post("/v1/hash-lists", json=_spec("Far", [_flip(listed, 40, 5)])).status_code == 201
    assert lena.post("/v1/cases", json=_case(1, image)).status_code == 201
    matches = _served_matches(lena, "case-hl-001")
    assert [(m["list_name"], m["distance"]) for m in matches] == [
        ("Programme A", 4), ("Programme B", 20)]
    alerts = [a for a in alice.get("/v1/alerts").json()["alerts"] if a["kind"] == "hash_list"]
    assert {a["dedup_key"] for a in alerts} == {
        f"hash_list:{first.json()['id']}:{_flip(listed, 4, 3)}",
        f"hash_list:{second.json()['id']}:{_flip(listed, 20, 4)}"}


def test_a_list_loaded_later_finds_cases_still_open_and_removal_stops_matches(client_for):
    lena = client_for("lena")
    image, other = synthetic_png(seed=72), synthetic_png(seed=73, width=200, height=300)
    assert lena.post("/v1/cases", json=_case(2, image)).status_code == 201
    late = lena.post("/v1/hash-lists", json=_spec("Late", _noise(500, 6) + [
        _flip(pdq_of_bytes(image)[0], 6, 7)]))
    assert late.status_code == 201
    assert [m["distance"] for m in _served_matches(lena, "case-hl-002")] == [6]
    # The process's cached entries follow the set of lists: gone with the list, new with a new one.
    assert lena.delete(f"/v1/hash-lists/{late.json()['id']}").status_code == 204
    assert lena.post("/v1/cases", json=_case(3, image)).status_code == 201
    assert _served_matches(lena, "case-hl-003") == []
    assert lena.post("/v1/hash-lists", json=_spec(
        "Newer", [_flip(pdq_of_bytes(other)[0], 2, 8)])).status_code == 201
    assert lena.post("/v1/cases", json=_case(4, other)).status_code == 201
    assert [(m["list_name"], m["distance"]) for m in _served_matches(lena, "case-hl-004")] == [
        ("Newer", 2)]


def test_the_vectorised_comparison_agrees_with_a_plain_bit_count():
    queries, entries = _noise(300, 10), _noise(700, 11)
    entries[5] = _flip(queries[0], 3, 12)
    entries[9] = _flip(queries[0], 2, 13)
    entries[17] = _flip(queries[1], 31, 14)
    entries[18] = _flip(queries[2], 32, 15)
    limits = numpy.array([31] * 700, dtype=numpy.int32)
    limits[9] = 1  # the closer entry is out of its own list's reach: the next one wins
    found, distance = pdq_index.nearest(pdq_index.words_of(queries),
                                        pdq_index.words_of(entries), limits)
    for index, query in enumerate(queries):
        apart = [(bin(int(query, 16) ^ int(entry, 16)).count("1"), row)
                 for row, entry in enumerate(entries)]
        within = [pair for pair in apart if pair[0] <= limits[pair[1]]]
        expected = min(within) if within else (257, -1)
        assert (int(distance[index]), int(found[index])) == expected
    assert found[0] == 5 and found[1] == 17 and found[2] == -1
    assert pdq_index.hex_of(pdq_index.words_of(entries[:2])) == "".join(entries[:2])
