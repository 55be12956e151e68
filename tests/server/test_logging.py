"""No token, password or case content in the server's logs, even at DEBUG and on a 500."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator

import pytest

import server.cases

MARKER = "secret-case-text-5b2e"
# Client-side loggers of the test's own HTTP calls: not the server's log.
CLIENT_LOGGERS = ("httpx", "httpcore")
SERVER_LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy.engine",
                  "fastapi", "server")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        lines = []
        for record in self.records:
            if record.name.startswith(CLIENT_LOGGERS):
                continue
            lines.append(f"{record.name}: {record.getMessage()}")
            if record.exc_info:
                lines.append("".join(traceback.format_exception(*record.exc_info)))
        return "\n".join(lines)


@pytest.fixture
def server_log() -> Iterator[_Capture]:
    """Everything every server-side logger says, at DEBUG (SQL statements included)."""
    capture = _Capture()
    saved = []
    for name in SERVER_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.DEBUG)
        logger.addHandler(capture)
    yield capture
    for logger, level in saved:
        logger.removeHandler(capture)
        logger.setLevel(level)


def test_requests_leave_no_token_or_case_text_in_the_log(client_for, seeded_template, server_log,
                                                         decision_body, post_decision,
                                                         post_batch):
    alice, lena = client_for("alice"), client_for("lena")
    created = lena.post("/v1/cases", json={"id": "case-logged", "queue_id": "appeals",
                                           "text": f"<p>{MARKER}</p>"})
    assert created.status_code == 201
    assert MARKER in alice.get("/v1/cases/case-logged").text
    assert post_decision(alice, decision_body("case-logged", note=MARKER)).status_code == 201
    post_batch(alice, [decision_body("case-awkward-html", note=MARKER)]).raise_for_status()
    invalid = post_decision(alice, decision_body("case-logged", action=MARKER))
    assert invalid.status_code == 422
    client_for(None).get("/v1/me", headers={"Authorization": f"Bearer {MARKER}"})
    logged = server_log.text()
    assert "SELECT" in logged  # the capture works: SQL statements were logged at INFO
    assert MARKER not in logged
    for token in seeded_template.tokens.values():
        assert token not in logged


def test_an_unexpected_error_is_logged_without_its_message(client_for, server_log,
                                                          monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError(f"could not render {MARKER}")

    monkeypatch.setattr(server.cases, "get_case", broken)
    response = client_for("alice").get("/v1/cases/case-awkward-html")
    assert (response.status_code, response.json()) == (500, {"error": "internal_error"})
    logged = server_log.text()
    assert "RuntimeError" in logged and "/v1/cases/{case_id}" in logged
    assert MARKER not in logged
