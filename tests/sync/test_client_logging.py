"""No token, password, case text or note in any log record, on either side of a real sync:
sign-in with a password, claiming, media, a decision with a note, a refused token, sign-out —
with every logger of the workstation and the server at DEBUG, and in the log file on disk
(reviewer/log_file.py) that a crash report goes to."""

from __future__ import annotations

import base64
import logging
import traceback

import pytest

from reviewer.actions import ActionId
from reviewer.sync.api_client import ApiClient, ApiRejected
from reviewer.profile import Profile
from reviewer.review.session import ReviewSession
from reviewer.account.sign_in import SignInError, sign_in_with_password
from reviewer.account.sign_out import SignOut
from reviewer.store.database import open_store
from reviewer.log_file import LogFile
from reviewer.sync.engine import SyncEngine, SyncSettings
from server.auth.accounts import add_reviewer
from tests.factories import synthetic_png

CASE_MARKER = "case-text-marker-91c3"
NOTE_MARKER = "note-marker-4d7a"
PASSWORD = "password-marker-correct-horse"
WRONG_PASSWORD = "password-marker-wrong-guess"
LOGGERS = ("", "reviewer", "httpx", "httpcore", "keyring", "uvicorn", "uvicorn.error",
           "uvicorn.access", "fastapi", "sqlalchemy.engine", "server")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        lines = []
        for record in self.records:
            lines.append(f"{record.name}: {record.getMessage()} {record.args!r}")
            if record.exc_info:
                lines.append("".join(traceback.format_exception(*record.exc_info)))
        return "\n".join(lines)


@pytest.fixture
def everything_logged():
    capture = _Capture()
    saved = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.DEBUG)
        logger.addHandler(capture)
    yield capture
    for logger, level in saved:
        logger.removeHandler(capture)
        logger.setLevel(level)


def test_a_whole_session_logs_no_secret_and_no_content(tmp_path, central_api, everything_logged):
    log_file = LogFile(tmp_path / "logs", logging.DEBUG)
    add_reviewer(central_api.db_path, "rita", "reviewer", password=PASSWORD)
    with central_api.lead() as lead:
        lead.post("/v1/cases", json={
            "id": "case-logged", "queue_id": "appeals", "priority": 1,
            "text": f"Reported post: {CASE_MARKER}",
            "media": [{"data_base64": base64.b64encode(synthetic_png(64, 48)).decode(),
                       "mime": "image/png", "category": "none", "label": "Synthetic square"}],
        }).raise_for_status()
    with pytest.raises(SignInError):
        sign_in_with_password(central_api.url, "rita", WRONG_PASSWORD)
    token = sign_in_with_password(central_api.url, "rita", PASSWORD).token
    profile = Profile(tmp_path / "profile").ensure()
    client = ApiClient(central_api.url, token)
    engine = SyncEngine(profile.store_path, client,
                        settings=SyncSettings(prefetch_per_queue=200, low_watermark=199))
    engine.run_once()
    session = ReviewSession(open_store(profile.store_path))
    session.go_to("case-logged")
    assert CASE_MARKER in session.current().text  # the content really went through
    session.decide(ActionId.ESCALATE, note=NOTE_MARKER)
    assert engine.run_once().accepted == 1
    with pytest.raises(ApiRejected):
        ApiClient(central_api.url, "made-up-token-marker").queues()
    assert SignOut(profile, central_api.url, client).run().signed_out

    log_file.close()
    logged = everything_logged.text()
    on_disk = log_file.path.read_text(encoding="utf-8")
    assert "sync round done" in on_disk and "SELECT" in on_disk  # the file got it all too
    assert "HTTP Request: POST" in logged and "sync round done" in logged  # capture works
    assert "SELECT" in logged  # the server's SQL at DEBUG too
    secrets = {"case text": CASE_MARKER, "note": NOTE_MARKER, "password": PASSWORD,
               "wrong password": WRONG_PASSWORD, "signed-in token": token,
               "refused token": "made-up-token-marker",
               **{f"{role} token": t for role, t in central_api.tokens.items()}}
    assert [name for name, secret in secrets.items() if secret in logged] == []
    assert [name for name, secret in secrets.items() if secret in on_disk] == []
