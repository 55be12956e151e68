"""Password sign-in over real HTTP: POST /v1/login issues a new token per sign-in, POST
/v1/logout revokes only the token it presents, guessing is throttled and audited."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from server.auth.accounts import add_reviewer, revoke_reviewer, set_password
from server.auth.login_throttle import LoginThrottle, ThrottleLimits
from server.auth.passwords import WeakPassword, hash_password, verify_password

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def anonymous(server):
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


def login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/v1/login", json={"username": username, "password": password})


def me(server, token: str) -> httpx.Response:
    return httpx.get(f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"})


def audit(client_for) -> list[dict]:
    response = client_for("lena").get("/v1/audit", params={"limit": 500})
    response.raise_for_status()
    return response.json()["entries"]


def test_a_password_is_exchanged_for_a_new_token_each_time(server, db_path, anonymous):
    add_reviewer(db_path, "rita", "senior", password=PASSWORD)
    first, second = login(anonymous, "rita", PASSWORD), login(anonymous, "rita", PASSWORD)
    assert first.status_code == second.status_code == 200
    assert first.json()["reviewer"] == "rita" and first.json()["role"] == "senior"
    assert first.json()["token"] != second.json()["token"]
    for answer in (first, second):
        assert me(server, answer.json()["token"]).json() == {"name": "rita", "role": "senior"}
    if isinstance(db_path, Path):  # the SQLite file itself (PostgreSQL keeps the same rows)
        stored = db_path.read_bytes() + Path(f"{db_path}-wal").read_bytes()
        assert PASSWORD.encode() not in stored
        assert first.json()["token"].encode() not in stored  # kept hashed, like every token


def test_signing_out_on_one_machine_keeps_the_other_signed_in(server, db_path, anonymous):
    account_token = add_reviewer(db_path, "rita", "reviewer", password=PASSWORD)
    laptop = login(anonymous, "rita", PASSWORD).json()["token"]
    desktop = login(anonymous, "rita", PASSWORD).json()["token"]
    out = httpx.post(f"{server.url}/v1/logout", headers={"Authorization": f"Bearer {laptop}"})
    assert out.status_code == 200 and out.json() == {"revoked": True}
    assert me(server, laptop).status_code == 401
    assert me(server, desktop).status_code == 200
    assert me(server, account_token).status_code == 200
    # The admin-issued account token is not revoked by signing out (only by the admin).
    kept = httpx.post(f"{server.url}/v1/logout",
                      headers={"Authorization": f"Bearer {account_token}"})
    assert kept.json() == {"revoked": False} and me(server, account_token).status_code == 200


def test_revoking_the_reviewer_stops_their_signed_in_tokens(server, db_path, anonymous):
    add_reviewer(db_path, "rita", "reviewer", password=PASSWORD)
    token = login(anonymous, "rita", PASSWORD).json()["token"]
    revoke_reviewer(db_path, "rita")
    assert me(server, token).status_code == 401
    assert login(anonymous, "rita", PASSWORD).status_code == 401  # and no new sign-in


def test_a_wrong_password_reads_exactly_like_an_unknown_user(server, db_path, anonymous,
                                                             client_for):
    add_reviewer(db_path, "rita", "reviewer", password=PASSWORD)
    wrong = login(anonymous, "rita", "not the password")
    unknown = login(anonymous, "my-password-typed-as-name", PASSWORD)
    no_password = login(anonymous, "alice", PASSWORD)  # an account without a password
    for answer in (wrong, unknown, no_password):
        assert answer.status_code == 401
        assert answer.json() == {"error": "invalid_credentials"}
    entries = [e for e in audit(client_for) if e["action"] == "login_failed"]
    assert [(e["actor"], e["detail"]["reason"]) for e in entries] == [
        ("rita", "wrong_password"), ("(unknown user)", "unknown_user"),
        ("(unknown user)", "unknown_user")]
    logged = str(audit(client_for))
    assert "not the password" not in logged and PASSWORD not in logged
    assert "my-password-typed-as-name" not in logged  # a mistyped name may be a password


def test_guessing_is_throttled_per_name_even_with_the_right_password(server, db_path, anonymous,
                                                                    client_for):
    add_reviewer(db_path, "rita", "reviewer", password=PASSWORD)
    add_reviewer(db_path, "omar", "reviewer", password=PASSWORD)
    for attempt in range(5):
        assert login(anonymous, "rita", f"guess {attempt}").status_code == 401
    locked = login(anonymous, "rita", PASSWORD)
    assert locked.status_code == 429 and locked.json() == {"error": "too_many_attempts"}
    assert int(locked.headers["Retry-After"]) > 0
    assert login(anonymous, "RITA ", PASSWORD).status_code == 429  # same name, other spelling
    assert login(anonymous, "omar", PASSWORD).status_code == 200  # others are not locked out
    actions = [e["action"] for e in audit(client_for)]
    assert actions.count("login_failed") == 5 and actions.count("login") == 1


def test_guessing_many_names_from_one_address_is_throttled(server, db_path, anonymous):
    add_reviewer(db_path, "rita", "reviewer", password=PASSWORD)
    for n in range(30):
        assert login(anonymous, f"name-{n}", "guess").status_code == 401
    assert login(anonymous, "rita", PASSWORD).status_code == 429


def test_a_password_can_be_set_for_an_existing_reviewer(server, db_path, anonymous, client_for):
    assert login(anonymous, "alice", PASSWORD).status_code == 401
    with pytest.raises(WeakPassword):
        set_password(db_path, "alice", "short")
    assert set_password(db_path, "alice", PASSWORD) == 1
    answer = login(anonymous, "alice", PASSWORD)
    assert answer.status_code == 200 and answer.json()["role"] == "reviewer"
    assert [e["detail"] for e in audit(client_for) if e["action"] == "password_set"] == [
        {"reviewer": "alice", "accounts": 1}]


def test_bad_bodies_are_refused_without_a_token(anonymous):
    assert anonymous.post("/v1/login", json={"username": "rita"}).status_code == 422
    assert anonymous.post("/v1/login", json={"username": "", "password": "x"}).status_code == 422
    assert anonymous.post("/v1/logout").status_code == 401


def test_the_admin_command_reads_the_password_from_stdin(server, db_path, anonymous):
    def admin(*args: str, stdin: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "main.py", "admin", *args, "--db", str(db_path)],
                              cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=60)

    added = admin("add-reviewer", "nora", "--role", "lead", "--password-stdin",
                  stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert PASSWORD not in added.stdout + added.stderr  # never echoed
    assert login(anonymous, "nora", PASSWORD).json()["role"] == "lead"
    weak = admin("set-password", "nora", stdin="short\n")
    assert weak.returncode == 2 and "at least 8 characters" in weak.stderr
    changed = admin("set-password", "nora", stdin="another long password\n")
    assert changed.returncode == 0, changed.stderr
    assert login(anonymous, "nora", "another long password").status_code == 200


def test_the_throttle_lets_a_name_try_again_once_failures_leave_the_window():
    now = [1000.0]
    throttle = LoginThrottle(ThrottleLimits(window_s=60, per_name=2, per_address=100),
                             clock=lambda: now[0])
    for _ in range(2):
        assert throttle.retry_after("rita", "10.0.0.1") == 0
        throttle.failed("rita", "10.0.0.1")
        now[0] += 10
    assert throttle.retry_after("rita", "10.0.0.1") == pytest.approx(40)  # first failure + 60
    now[0] += 41
    assert throttle.retry_after("rita", "10.0.0.1") == 0
    throttle.failed("rita", "10.0.0.1")
    throttle.succeeded("rita")  # the right password clears the name's count
    assert throttle.retry_after("rita", "10.0.0.1") == 0


def test_password_hashes_are_salted_and_never_match_a_mangled_entry():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$") and PASSWORD not in first
    assert verify_password(PASSWORD, first) and verify_password(PASSWORD, second)
    assert not verify_password(PASSWORD + " ", first)
    for mangled in (None, "", "scrypt$1$2", first.replace("scrypt", "md5"), first[:-2]):
        assert not verify_password(PASSWORD, mangled)


def test_api_processes_on_one_database_share_the_throttle(db_path, backend):
    """Guesses spread over two API processes on one PostgreSQL count together."""
    if backend != "postgresql":
        pytest.skip("SQLite serves from one process")
    from server.runner import ServerThread

    add_reviewer(db_path, "rita", "reviewer", password=PASSWORD)
    with ServerThread(db_path) as one, ServerThread(db_path) as other, \
            httpx.Client(base_url=one.url) as first, httpx.Client(base_url=other.url) as second:
        for attempt in range(5):
            assert login((first, second)[attempt % 2], "rita", f"guess {attempt}").status_code \
                == 401
        assert login(first, "rita", PASSWORD).status_code == 429
        assert login(second, "rita", PASSWORD).status_code == 429
