"""Engine and session factory, one per process and database URL."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Executable, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from hypertuner.core.config import get_settings


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    busy_ms = int(get_settings().sqlite_busy_seconds * 1000)
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


@functools.lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the configured database)."""
    url = url or get_settings().resolved_database_url
    if url.startswith("sqlite"):
        busy = get_settings().sqlite_busy_seconds
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


@functools.lru_cache(maxsize=8)
def get_session_factory(url: str | None = None) -> sessionmaker[Session]:
    """A session factory bound to the engine for `url`."""
    return sessionmaker(get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session committed on success and rolled back on error."""
    session = get_session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def raw_rows(session: Session, query: Executable) -> list[Any]:
    """The driver's own tuples, without SQLAlchemy's per-row processing: only for queries
    whose columns need none (numbers, text) on either database. At 10⁵-10⁶ rows it halves
    the read."""
    result = session.connection().execute(query)
    try:
        rows: list[Any] = list(result.cursor.fetchall())
    finally:
        result.close()
    return rows
