"""The one place where exceptions become JSON error answers."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException

from hypertuner.core.errors import Conflict, DatabaseBusy, HyperTunerError

log = logging.getLogger(__name__)


def error_response(
    status: int, code: str, message: str, field: str | None = None, details: object = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "field": field, "details": details}}
    return JSONResponse(body, status_code=status)


async def _domain(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HyperTunerError)
    return error_response(error.status_code, error.code, error.message, error.field, error.details)


def _location(loc: tuple[object, ...]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path")]
    return ".".join(parts)


def _problem(item: Mapping[str, Any]) -> dict[str, str]:
    loc = tuple(item.get("loc", ()))
    if item.get("type") == "json_invalid":
        detail = (item.get("ctx") or {}).get("error", "invalid JSON")
        if loc and isinstance(loc[-1], int):
            # A whole body that does not parse: its location is a character offset.
            return {"field": "", "message": f"the body is not valid JSON ({detail})"}
        return {"field": _location(loc), "message": f"not valid JSON ({detail})"}
    message = str(item.get("msg", "")).removeprefix("Value error, ")
    return {"field": _location(loc), "message": message}


async def _validation(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [_problem(item) for item in error.errors()]
    first = problems[0] if problems else {"field": "", "message": "invalid request"}
    message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return error_response(422, "invalid_input", message, first["field"] or None, problems)


async def _http(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
        error.status_code, "http_error"
    )
    return error_response(error.status_code, code, str(error.detail))


ROLLED_BACK = {"40001", "40P01"}  # serialization failure, deadlock detected: safe to retry


async def _operational(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, OperationalError)
    if "database is locked" in str(error.orig):
        reason = "the database is busy with another write (SQLite takes one writer at a time)"
    elif getattr(error.orig, "sqlstate", None) in ROLLED_BACK:
        reason = "PostgreSQL gave way to a concurrent write (deadlock or serialization)"
    else:
        return await _unexpected(request, error)
    log.warning("database busy on %s %s: %s", request.method, request.url.path, error.orig)
    busy = DatabaseBusy(f"{reason}; nothing was written, try again in a moment")
    answer = await _domain(request, busy)
    answer.headers["Retry-After"] = "2"
    return answer


async def _stale(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StaleDataError)
    log.warning("concurrent change on %s %s: %s", request.method, request.url.path, error)
    changed = Conflict(
        "another request changed or removed this at the same moment; nothing was written, "
        "reload it and try again"
    )
    return await _domain(request, changed)


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error; the server log has details")


def install(app: FastAPI) -> None:
    """Register every handler on `app`."""
    app.add_exception_handler(HyperTunerError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(OperationalError, _operational)
    app.add_exception_handler(StaleDataError, _stale)
    app.add_exception_handler(Exception, _unexpected)
