"""Sealing cached case content and media bytes with AES-GCM before they reach the disk.

Reported content is private: a copied profile directory or a stolen laptop disk must not give
it away. So is what the organisation and its reviewers write about it: the enforcement
guidelines (a leaked playbook shows abusers where the lines are) and decision notes
(escalation plans, reasons for a reversal) are sealed the same way. Every write gets a fresh random 96-bit nonce, stored in front of the ciphertext. The
item's id is bound in as associated data, so a sealed blob moved to another row (one case's
payload into another case, a payload into a media slot) fails to open instead of showing the
wrong content. A blob that fails to open is treated as missing and fetched again.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # the size GCM is designed for; random per write, never reused on purpose


class TamperedItem(ValueError):
    """A sealed blob did not authenticate: flipped bits, a wrong key, or another row's blob."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def open_kept(cipher: "CacheCipher | None", data: bytes, sealed: bool,
              context: bytes) -> bytes | None:
    """A stored item's bytes: as they are if kept in clear; opened if `sealed`, or None with no
    cipher to open them. Raises `TamperedItem` for a sealed item that does not authenticate."""
    if not sealed:
        return bytes(data)
    if cipher is None:
        return None
    return cipher.open(data, context)


def case_context(case_id: str) -> bytes:
    # A kind prefix keeps a case id and a media hash from ever meaning the same thing.
    return b"case\0" + case_id.encode("utf-8")


def media_context(sha256: str) -> bytes:
    return b"media\0" + sha256.encode("ascii")


def small_media_context(sha256: str, mode: str) -> bytes:
    """A media item's kept small decode (reviewer/store/small_media.py): never opens as the
    media's bytes, nor as its copy in another mode."""
    return b"small-media\0" + mode.encode("ascii") + b"\0" + sha256.encode("ascii")


def guideline_context(guideline_id: str, version: int) -> bytes:
    return b"guideline\0" + f"{guideline_id}@{version}".encode("utf-8")


def decision_context(decision_id: str, part: str) -> bytes:
    """`part`: "note" or "response" -- a decision's note never opens as its answer."""
    return b"decision\0" + part.encode("ascii") + b"\0" + decision_id.encode("utf-8")


def seal_text(cipher: "CacheCipher | None", text: str, context: bytes) -> tuple[str, bytes | None]:
    """(what the clear column holds, the sealed blob): ('', blob) with a cipher; (text, None)
    without one (a store opened without a key, sealed at the next unlock)."""
    if cipher is None:
        return text, None
    return "", cipher.seal(text.encode("utf-8"), context)


def open_text(cipher: "CacheCipher | None", clear: str, blob: bytes | None,
              context: bytes) -> str:
    """The text `seal_text` stored. Raises TamperedItem if the blob does not open (flipped
    bits, another key, or no key on this connection)."""
    if blob is None:
        return clear
    if cipher is None:
        raise TamperedItem("sealed item, and this connection has no key")
    return cipher.open(blob, context).decode("utf-8")


class CacheCipher:
    """Seals and opens cache items under one key. Safe to share between threads."""

    def __init__(self, key: bytes):
        if len(key) != KEY_BYTES:
            raise ValueError(f"a cache key is {KEY_BYTES} bytes, not {len(key)}")
        self._aead = AESGCM(key)
        # A separate key for blind indexes, derived so that it never doubles as the AES key.
        self._blind_key = hmac.new(key, b"blind-index", hashlib.sha256).digest()
        self._file_keys = hmac.new(key, b"sealed-files", hashlib.sha256).digest()

    def file_key(self, purpose: str) -> bytes:
        """The key of another encrypted file that belongs with this store (the search index):
        derived, so it is gone exactly when the store's key is, and never equals the AES key
        or another file's."""
        return hmac.new(self._file_keys, purpose.encode("ascii"), hashlib.sha256).digest()

    def blind(self, value: str) -> str:
        """A keyed hash of `value`: equal values match, but the value cannot be read back or
        guessed from the hash without the key (an author id is not kept in clear)."""
        return hmac.new(self._blind_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def seal(self, data: bytes, context: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data, context)

    def open(self, blob: bytes, context: bytes) -> bytes:
        blob = bytes(blob)
        if len(blob) < NONCE_BYTES + 16:  # shorter than a nonce and a tag: cut off
            raise TamperedItem("sealed item is truncated")
        try:
            # The ciphertext is read where it lies: a sliced copy is a memcpy into fresh pages
            # under the interpreter lock (0.4-2.6 ms for 0.3-3 MB of media on a busy machine,
            # while the UI thread waits to paint); the decrypt itself runs without the lock.
            return self._aead.decrypt(blob[:NONCE_BYTES], memoryview(blob)[NONCE_BYTES:],
                                      context)
        except InvalidTag as exc:
            raise TamperedItem("sealed item failed authentication") from exc
