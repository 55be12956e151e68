"""Password hashes for sign-in (POST /v1/login), with the standard library's scrypt.

Stored as "scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>": a random salt per password, and the cost
parameters beside it so they can be raised later without breaking existing hashes. Hashes are
compared in constant time. A name that matches no account is checked against a dummy hash, so
an unknown user takes as long to refuse as a wrong password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# n=2**14, r=8: ~16 MiB and a few tens of milliseconds per check: cheap for one sign-in, dear
# for a password-guessing run over a stolen database.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_LENGTH = 8
MAX_LENGTH = 1024  # scrypt takes any length; a cap keeps a request from costing a megabyte hash
_SCHEME = "scrypt"


class WeakPassword(ValueError):
    pass


def check_new_password(password: str) -> None:
    """Refuse passwords nobody should be allowed to set (too short, too long, blank)."""
    if len(password) < MIN_LENGTH or not password.strip():
        raise WeakPassword(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"a password has at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    check_new_password(password)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"{_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """True if `password` matches the stored hash. None (no password set, or no such user)
    still costs one scrypt run, then answers False."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = (stored or _DUMMY_HASH).split("$")
        if scheme != _SCHEME:
            return False
        expected = bytes.fromhex(hash_hex)
        actual = _scrypt(password, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except ValueError:  # a mangled stored hash never matches
        return False
    return hmac.compare_digest(actual, expected) and stored is not None


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # maxmem bounds what a (mangled) stored cost may ask for; too much raises ValueError.
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=64 * 1024 * 1024, dklen=HASH_BYTES)


_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
