"""The idempotency hash keeps its exact bytes: stored keys replay against it, so the fast path
for bodies of text fields must hash what the standard encoder's canonical form hashes."""

from __future__ import annotations

import hashlib
import json

from server.decisions import canonical_request_hash


def _standard(payload: object) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_text_bodies_hash_as_the_standard_encoder_writes_them():
    every_character = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(every_character), 4096):
        text = "".join(every_character[start:start + 4096])
        body = {"note": text, "case_id": text[::-1], text[:5]: "", "": text[-3:]}
        assert canonical_request_hash(body) == _standard(body)


def test_a_decision_body_hashes_as_before_whatever_its_key_order():
    body = {"decision_id": "d-1", "case_id": "c-1", "action": "remove", "policy": "spam",
            "note": "Tab\there, \"quoted\", back\\slash, ünïcode ✓, new\nline",
            "decided_at": "2026-12-02T07:19:31.895000+00:00"}
    shuffled = dict(reversed(list(body.items())))
    assert canonical_request_hash(body) == canonical_request_hash(shuffled) == _standard(body)
    # a known value: the bytes of the canonical form must not change between releases
    assert canonical_request_hash({"b": "2", "a": "é"}) == hashlib.sha256(
        '{"a":"é","b":"2"}'.encode()).hexdigest()


def test_bodies_with_other_values_take_the_standard_encoder():
    for body in ({"a": 1, "b": [1.5, None, True], "c": {"z": "1", "y": "2"}},
                 {"decision_id": "d", "extra": 10**30, "f": 1e16, "n": float("nan")},
                 ["not", "an", "object"], "text", 3):
        assert canonical_request_hash(body) == _standard(body)
