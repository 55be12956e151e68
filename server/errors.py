"""Error bodies in the contract's shape: `{"error": "<code>", ...}`, never FastAPI's `detail`."""

from __future__ import annotations

import json
import logging
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("server.errors")
_INTERNAL_ERROR = json.dumps({"error": "internal_error"}).encode()
_UNAVAILABLE = json.dumps({"error": "unavailable"}).encode()

_CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid_request",
}


class ApiError(Exception):
    """Raise anywhere in a request to answer `status` with the JSON `body`."""

    def __init__(self, status: int, error: str, headers: dict[str, str] | None = None, **extra):
        super().__init__(error)
        self.status = status
        self.body = {"error": error, **extra}
        self.headers = headers


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse(
        {"error": "invalid_request", "detail": _plain_errors(exc.errors())}, status_code=422
    )


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    # Unknown routes and wrong methods, raised by the router itself.
    if exc.status_code == 400:  # FastAPI's "error parsing the body" (e.g. not UTF-8)
        return JSONResponse({"error": "invalid_request", "detail": [
            {"loc": ["body"], "msg": "body is not valid JSON", "type": "json_invalid"}]},
            status_code=422)
    code = _CODES_BY_STATUS.get(exc.status_code, "error")
    return JSONResponse({"error": code}, status_code=exc.status_code, headers=exc.headers)


def _plain_errors(errors) -> list[dict]:
    """Pydantic errors without `ctx`/`input`, which may hold values that are not JSON."""
    return [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in errors
    ]


class ContentFreeErrors:
    """ASGI middleware: an unexpected exception becomes a 500 logged without its message.

    Exception messages carry values (a database error quotes the row it could not write, a
    validation error the input), and the row may be case text. The log gets the exception's
    type, the route and the stack of code locations, which is what fixing the bug needs;
    Starlette's own handler would log (and uvicorn print) the whole message.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the point is to catch everything
            _log_without_values(scope, exc)
            if not started:
                await _send_internal_error(send, retry=isinstance(exc, OperationalError))


def _log_without_values(scope, exc: Exception) -> None:
    route = scope.get("route")
    where = getattr(route, "path", "?")  # the template (/v1/cases/{case_id}), not the ids
    stack = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    logger.error("unhandled %s in %s %s\n%s", type(exc).__name__, scope.get("method"), where,
                 stack.rstrip())


async def _send_internal_error(send, retry: bool = False) -> None:
    """500, or for a database that is briefly unavailable (restarting, failing over) or that
    cancelled the transaction to break a lock cycle: 503 with Retry-After, which clients
    retry with backoff; the transaction was rolled back, so a retry is safe."""
    body = _UNAVAILABLE if retry else _INTERNAL_ERROR
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    if retry:
        headers.append((b"retry-after", b"1"))
    await send({"type": "http.response.start", "status": 503 if retry else 500,
                "headers": headers})
    await send({"type": "http.response.body", "body": body})
