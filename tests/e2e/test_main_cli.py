"""main.py as a user runs it: real processes, real ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from reviewer.actions import ActionId
from reviewer.domain import Decision
from reviewer.profile import Profile
from reviewer.review.session import ReviewSession
from reviewer.store.database import open_store

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never became healthy")


def test_serve_admin_sync_and_status_from_the_command_line(tmp_path):
    db, port = tmp_path / "central.sqlite3", _free_port()
    server = subprocess.Popen([sys.executable, "main.py", "serve", "--db", str(db), "--port", str(port),
                               "--seed", "3"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url)
        added = _run("admin", "add-reviewer", "alex", "--role", "reviewer", "--db", str(db))
        assert added.returncode == 0, added.stderr
        token = added.stdout.strip()
        assert len(token) > 30 and token not in db.read_bytes().decode("latin-1")  # stored hashed
        profile = tmp_path / "profile"
        keyring_env = {"PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
                       "TEST_KEYRING_FILE": str(tmp_path / "keyring.json")}
        synced = _run("sync", "--profile", str(profile), "--server", url, "--once",
                      env={"REVIEWER_TOKEN": token, **keyring_env})
        assert synced.returncode == 0, synced.stderr
        assert "online=True" in synced.stdout
        status = _run("status", "--profile", str(profile))
        assert status.stdout.strip() == \
            "pending=0 sending=0 accepted=0 awaiting_approval=0 conflict=0 rejected=0 withdrawn=0"
        assert token not in synced.stdout + synced.stderr  # never echoed
        _decide_three(profile, tmp_path / "keyring.json")
        assert _run("status", "--profile", str(profile)).stdout.startswith("pending=3 ")
        server.terminate()
        server.wait(10)
        offline = _run("sync", "--profile", str(profile), "--timeout", "1",
                       env={"REVIEWER_TOKEN": token, **keyring_env})
        assert offline.returncode == 1 and "online=False waiting=3" in offline.stdout
        server = subprocess.Popen([sys.executable, "main.py", "serve", "--db", str(db), "--port", str(port)],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _wait_healthy(url)
        back = _run("sync", "--profile", str(profile), env={"REVIEWER_TOKEN": token, **keyring_env})
        assert back.returncode == 0, back.stdout
        final = dict(pair.split("=") for pair in
                     _run("status", "--profile", str(profile)).stdout.split())
        # All three landed; one on a high-profile author may be held for a senior (four eyes).
        assert (final["pending"], final["sending"], final["conflict"], final["rejected"]) == \
            ("0", "0", "0", "0")
        assert int(final["accepted"]) + int(final["awaiting_approval"]) == 3
    finally:
        server.terminate()
        server.wait(10)


def _decide_three(profile: Path, keyring_file: Path) -> None:
    """Decide in this process with the cache key the `sync` process stored (encrypted cache)."""
    import keyring

    from reviewer.actions import ActionId
    from reviewer.store.cache_guard import unlock_cache
    from reviewer.profile import Profile
    from reviewer.review.session import ReviewSession
    from reviewer.store.database import open_store
    from tests.file_keyring import FileKeyring
    os.environ["TEST_KEYRING_FILE"] = str(keyring_file)
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        assert unlock_cache(Profile(profile)) == ""  # the key was found: nothing wiped
    finally:
        keyring.set_keyring(previous)
    session = ReviewSession(open_store(profile / "store.sqlite3"))
    for action in (ActionId.REMOVE, ActionId.NO_VIOLATION, ActionId.SUSPEND):
        session.decide(action)


def test_plain_http_to_another_machine_is_refused(tmp_path):
    result = _run("--profile", str(tmp_path / "p"), "--server", "http://api.example.org",
                  env={"QT_QPA_PLATFORM": "offscreen", "REVIEWER_TOKEN": "x"})
    assert result.returncode == 2
    assert "refusing plain HTTP" in result.stderr


def test_demo_starts_its_own_central_api_and_prints_where(tmp_path):
    app = subprocess.Popen([sys.executable, "main.py", "--profile", str(tmp_path / "p")], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        line = app.stdout.readline().strip()
        assert line.startswith("central API: http://127.0.0.1:"), line
        url = line.split(": ", 1)[1]
        _wait_healthy(url)
        assert httpx.get(f"{url}/v1/queues").status_code == 401  # the demo server still checks tokens
    finally:
        app.terminate()
        app.wait(10)


def test_login_refuses_to_store_a_token_without_a_keyring(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "login", "--server", "http://127.0.0.1:9", "--profile", str(tmp_path)],
        cwd=ROOT, input="secret-token-value\n", capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert result.returncode == 2
    assert "No OS keyring is available" in result.stderr
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and b"secret-token-value" in p.read_bytes()]
    assert leaked == []  # refused means refused: no fallback file


def test_render_writes_the_default_view_or_fails_with_one_line(tmp_path):
    from PIL import Image

    from tests.factories import synthetic_png
    source = tmp_path / "in.jpg"
    source.write_bytes(synthetic_png(1200, 900, fmt="JPEG"))
    out = tmp_path / "out.png"
    ok = _run("render", str(source), "--out", str(out), "--category", "graphic_violence")
    assert ok.returncode == 0 and out.exists()
    rendered = Image.open(out)
    assert rendered.mode == "L" and rendered.size == (1024, 768)
    source.write_bytes(source.read_bytes()[:300])
    bad = _run("render", str(source), "--out", str(tmp_path / "bad.png"))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "Cannot be displayed" in bad.stderr
    never = _run("render", str(tmp_path / "out.png"), "--out", str(tmp_path / "n.png"),
                 "--category", "csam_suspected")
    assert never.returncode == 2 and "never rendered" in never.stderr


def test_status_reads_without_creating_a_store_and_finds_the_demos(tmp_path):
    empty = tmp_path / "empty"
    answer = _run("status", "--profile", str(empty))
    assert answer.returncode == 0 and "no local store" in answer.stdout
    assert not (empty / "store.sqlite3").exists()
    demo = Profile(tmp_path / "p" / "demo" / "workstation").ensure()
    ReviewSession(open_store(demo.store_path)).outbox.record(
        Decision.new("c1", ActionId.REMOVE, "spam"))
    answer = _run("status", "--profile", str(tmp_path / "p"))
    assert "built-in demo" in answer.stdout and "pending=1 " in answer.stdout
    assert not (tmp_path / "p" / "store.sqlite3").exists()
