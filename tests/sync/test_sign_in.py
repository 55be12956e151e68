"""Signing in and out against the real central API, with a real store and a (file) keyring:
which credentials a start uses, and that sign-out wipes the cache but never drops a decision
that has not reached the central API unless the reviewer says so."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyringBackend

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient, InsecureServerUrl
from reviewer.store.cache_guard import unlock_cache
from reviewer.account.credentials import KEYRING_SERVICE, NoKeyring, cache_key_name
from reviewer.review.outbox import Outbox
from reviewer.profile import Profile
from reviewer.review.session import ReviewSession
from reviewer.account.sign_in import (
    SignInError, StartMode, keep_token, plan_start, sign_in_with_password,
)
from reviewer.account.sign_out import SignOut
from reviewer.store.database import open_store, transaction
from reviewer.sync.engine import SyncEngine, SyncSettings
from server.auth.accounts import add_reviewer
from tests.file_keyring import file_keyring

PASSWORD = "correct horse battery"
SMALL = SyncSettings(prefetch_per_queue=5, low_watermark=2)
ROOT = Path(__file__).resolve().parents[2]
STORE_FILES = ("store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm")


@pytest.fixture
def keyring_file(tmp_path):
    with file_keyring(tmp_path / "keyring.json") as path:
        yield path


@pytest.fixture
def rita(central_api):
    add_reviewer(central_api.db_path, "rita", "reviewer", password=PASSWORD)
    return central_api


def signed_in_profile(tmp_path, api) -> tuple[Profile, str]:
    """A profile signed in as rita with cases claimed and cached (sealed, key in the keyring)."""
    profile = Profile(tmp_path / "profile").ensure()
    signed_in = sign_in_with_password(api.url, "rita", PASSWORD)
    keep_token(profile, signed_in)
    assert unlock_cache(profile) == ""  # a keyring: the cache key is kept there
    SyncEngine(profile.store_path, ApiClient(api.url, signed_in.token), settings=SMALL).run_once()
    return profile, signed_in.token


def me(api, token: str) -> int:
    return httpx.get(f"{api.url}/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def test_a_start_uses_the_demo_a_stored_token_or_asks(tmp_path, keyring_file, monkeypatch):
    profile = Profile(tmp_path / "profile").ensure()
    assert plan_start(profile, None).mode is StartMode.DEMO
    asked = plan_start(profile, "http://127.0.0.1:8765/")
    assert (asked.mode, asked.server_url, asked.token) == (
        StartMode.ASK, "http://127.0.0.1:8765", None)
    assert plan_start(profile, None).mode is StartMode.ASK  # the last server is remembered
    keyring.set_password(KEYRING_SERVICE, "http://127.0.0.1:8765", "stored-token")
    ready = plan_start(profile, None)
    assert (ready.mode, ready.token) == (StartMode.READY, "stored-token")
    monkeypatch.setenv("REVIEWER_TOKEN", "from-the-environment")
    assert plan_start(profile, None).token == "from-the-environment"
    with pytest.raises(InsecureServerUrl):
        plan_start(profile, "http://central-api.example.org")


def test_signing_in_keeps_the_token_in_the_keyring_or_nowhere(tmp_path, rita, keyring_file):
    with pytest.raises(SignInError) as wrong:
        sign_in_with_password(rita.url, "rita", "not the password")
    assert wrong.value.field == "password" and "Wrong user name or password" in str(wrong.value)
    profile = Profile(tmp_path / "profile").ensure()
    signed_in = sign_in_with_password(rita.url, "rita", PASSWORD)
    assert me(rita, signed_in.token) == 200
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyringBackend())
    try:
        with pytest.raises(NoKeyring, match="No OS keyring is available"):
            keep_token(profile, signed_in)
    finally:
        keyring.set_keyring(previous)
    leaked = [p for p in tmp_path.rglob("*")
              if p.is_file() and signed_in.token.encode() in p.read_bytes()]
    assert leaked == []
    keep_token(profile, signed_in)
    assert keyring.get_password(KEYRING_SERVICE, rita.url) == signed_in.token


def test_sign_out_revokes_the_token_and_wipes_the_cache(tmp_path, rita, keyring_file):
    profile, token = signed_in_profile(tmp_path, rita)
    session = ReviewSession(open_store(profile.store_path), undo_grace_s=60)
    decided = session.decide(ActionId.NO_VIOLATION)  # still in its grace window: sent at sign-out
    key_name = cache_key_name(profile.root)
    assert keyring.get_password(KEYRING_SERVICE, key_name)
    result = SignOut(profile, rita.url, ApiClient(rita.url, token)).run()
    assert result.signed_out and result.unsent == {} and result.notes == ()
    assert [d["decision_id"] for d in rita.decisions()] == [decided.decision_id]
    assert [name for name in STORE_FILES if (profile.root / name).exists()] == []
    assert keyring.get_password(KEYRING_SERVICE, key_name) is None  # crypto-shredded
    assert keyring.get_password(KEYRING_SERVICE, rita.url) is None
    assert me(rita, token) == 401  # revoked on the central API too
    assert profile.settings()["server_url"] == rita.url  # the next start asks to sign in again
    assert plan_start(profile, None).mode is StartMode.ASK


def test_sign_out_refuses_while_decisions_are_unsent_unless_discarded(tmp_path, rita,
                                                                     keyring_file):
    profile, token = signed_in_profile(tmp_path, rita)
    session = ReviewSession(open_store(profile.store_path))
    session.decide(ActionId.REMOVE)
    session.decide(ActionId.NO_VIOLATION)
    rita.server.stop()  # offline
    with transaction(session.cache.db) as conn:  # a bulletin acknowledged offline counts too
        conn.execute("INSERT INTO guideline_acks (guideline_id, version, acknowledged_at) "
                     "VALUES ('crisis-bulletin', 1, '2026-11-22T07:00:00Z')")
    signing_out = SignOut(profile, rita.url, ApiClient(rita.url, token, timeout=2))
    refused = signing_out.run()
    assert (refused.signed_out, refused.unsent) == (
        False, {"decisions": 2, "guideline acknowledgements": 1})
    assert refused.unsent_text() == "2 decisions and 1 guideline acknowledgement"
    assert profile.store_path.exists() and Outbox(open_store(profile.store_path)).waiting() == 2
    assert keyring.get_password(KEYRING_SERVICE, rita.url) == token  # still signed in
    assert keyring.get_password(KEYRING_SERVICE, cache_key_name(profile.root))
    discarded = signing_out.run(discard_unsent=True)
    assert discarded.signed_out and discarded.unsent["decisions"] == 2
    assert "could not be told" in " ".join(discarded.notes)
    assert not profile.store_path.exists()
    assert keyring.get_password(KEYRING_SERVICE, rita.url) is None


def test_todays_exposure_survives_the_wipe(tmp_path, rita, keyring_file):
    profile, token = signed_in_profile(tmp_path, rita)
    db = open_store(profile.store_path)
    db.execute("INSERT INTO exposure (day, case_id, exposure_s) VALUES (?, 'c1', 42.5), "
               "('2000-01-01', 'c0', 9)", (date.today().isoformat(),))
    db.conn.commit()
    assert SignOut(profile, rita.url, ApiClient(rita.url, token)).run().signed_out
    fresh = open_store(profile.store_path)
    assert fresh.execute("SELECT case_id, exposure_s FROM exposure").fetchall() == [("c1", 42.5)]
    assert fresh.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_the_logout_command_refuses_then_discards(tmp_path, rita, keyring_file):
    profile, token = signed_in_profile(tmp_path, rita)
    ReviewSession(open_store(profile.store_path)).decide(ActionId.REMOVE)
    rita.server.stop()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
           "TEST_KEYRING_FILE": str(keyring_file)}

    def logout(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "main.py", "logout", "--profile", str(profile.root),
                               *extra], cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env=env)

    refused = logout()
    assert refused.returncode == 1, refused.stderr
    assert "not yet at the central API: 1 decision;" in refused.stderr
    assert profile.store_path.exists()
    done = logout("--discard-unsent")
    assert done.returncode == 0, done.stderr
    assert "signed out" in done.stdout and "discarded, unsent: 1 decision)" in done.stdout
    assert not profile.store_path.exists()
    assert token not in keyring_file.read_text()
