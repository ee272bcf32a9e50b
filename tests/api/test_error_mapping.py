"""Library errors that reach the edge become the API's JSON errors, never a bare 500."""

from __future__ import annotations

import asyncio
import sqlite3

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from hypertuner.api import errors


def _answer_raising(error: Exception) -> httpx.Response:
    """GET a route that raises `error`, through the app's error handlers, in process."""
    app = FastAPI()
    errors.install(app)

    @app.get("/boom")
    def boom() -> None:
        raise error

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/boom")

    return asyncio.run(get())


@pytest.mark.parametrize(
    ("error", "status", "code", "words"),
    [
        (StaleDataError("0 rows matched"), 409, "conflict", "at the same moment"),
        (
            OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked")),
            503,
            "database_busy",
            "try again",
        ),
        (
            OperationalError("INSERT", {}, psycopg.errors.DeadlockDetected("deadlock detected")),
            503,
            "database_busy",
            "concurrent write",
        ),
        (
            OperationalError("SELECT", {}, sqlite3.OperationalError("disk I/O error")),
            500,
            "internal_error",
            "server log",
        ),
    ],
)
def test_library_errors_map_to_json_answers(
    error: Exception, status: int, code: str, words: str
) -> None:
    answer = _answer_raising(error)
    assert answer.status_code == status
    body = answer.json()["error"]
    assert body["code"] == code and words in body["message"]
    assert "Traceback" not in answer.text and "INSERT" not in answer.text
