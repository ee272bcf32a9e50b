"""Alembic migrations upgrade an empty database and downgrade it again, on both databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect

import hypertuner.models  # noqa: F401
from hypertuner.db import migrate
from hypertuner.db.base import Base


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return names


def _round_trip(url: str) -> None:
    migrate.upgrade(url)
    expected = set(Base.metadata.tables)
    assert expected <= _tables(url)

    migrate.downgrade(url, "base")
    assert _tables(url) <= {"alembic_version"}

    migrate.upgrade(url)
    assert expected <= _tables(url)


def test_sqlite_upgrade_and_downgrade(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'migrate.db'}")


def test_postgresql_upgrade_and_downgrade(postgres_url: str) -> None:
    _round_trip(postgres_url)
    migrate.downgrade(postgres_url, "base")


def test_models_match_the_migrations(tmp_path: Path) -> None:
    """No model change without a migration: autogenerate finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    url = f"sqlite:///{tmp_path / 'compare.db'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
