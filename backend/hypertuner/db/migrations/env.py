"""Alembic environment: runs migrations on the URL that `hypertuner.db.migrate` passes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

import hypertuner.models  # noqa: F401  (registers every table)
from hypertuner.db.base import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or ""


def run_migrations_online() -> None:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=url.startswith("sqlite"),
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
