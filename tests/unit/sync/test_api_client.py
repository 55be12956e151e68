import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.sync.api_client import ApiClient, InsecureServerUrl, Unavailable, check_server_url
from reviewer.sync.backoff import backoff_delay


def test_backoff_grows_is_capped_and_honours_retry_after():
    rng = random.Random(1)
    ceilings = [max(backoff_delay(n, rng=rng) for _ in range(200)) for n in range(8)]
    assert ceilings[0] <= 0.5 and ceilings[3] > ceilings[0]
    assert max(backoff_delay(50, rng=rng) for _ in range(100)) <= 30.0
    assert backoff_delay(0, retry_after=7, rng=rng) >= 7


def test_plain_http_is_refused_except_to_this_machine():
    assert check_server_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert check_server_url("http://localhost:8000")
    assert check_server_url("https://api.example.org")
    with pytest.raises(InsecureServerUrl, match="refusing plain HTTP"):
        check_server_url("http://api.example.org")
    with pytest.raises(InsecureServerUrl):
        check_server_url("ftp://x")


def test_dead_server_is_unavailable_not_a_crash():
    import socket
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    client = ApiClient(f"http://127.0.0.1:{port}", "token", timeout=2)
    with pytest.raises(Unavailable):
        client.queues()


def test_the_workstation_starts_without_loading_httpx_until_a_client_is_made():
    """httpx brings click, rich and pygments along (~10 MB): a start with no server skips it."""
    code = ("import sys, ui.app, ui.cli\n"
            "assert 'httpx' not in sys.modules, 'httpx loaded at import'\n"
            "from reviewer.sync.api_client import ApiClient\n"
            "ApiClient('http://127.0.0.1:9', 't')\n"
            "assert 'httpx' in sys.modules\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env,
                   cwd=Path(__file__).resolve().parents[3])
