"""Apply or undo Alembic migrations programmatically (the service upgrades on start)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config

from hypertuner.core.config import get_settings

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at our migrations and `url`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url or get_settings().resolved_database_url)
    return config


def upgrade(url: str | None = None, revision: str = "heads") -> None:
    """Bring the database at `url` up to `revision`, creating the SQLite folder if needed."""
    config = alembic_config(url)
    target = config.get_main_option("sqlalchemy.url") or ""
    if target.startswith("sqlite:///"):
        Path(target.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)

    log.info("upgrading database schema to %s", revision)
    command.upgrade(config, revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Undo migrations down to `revision`."""
    command.downgrade(alembic_config(url), revision)
