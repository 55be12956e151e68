"""Error bodies in the contract's shape: `{"error": "<code>", ...}`, never FastAPI's `detail`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

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
    code = _CODES_BY_STATUS.get(exc.status_code, "error")
    return JSONResponse({"error": code}, status_code=exc.status_code, headers=exc.headers)


def _plain_errors(errors) -> list[dict]:
    """Pydantic errors without `ctx`/`input`, which may hold values that are not JSON."""
    return [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in errors
    ]
