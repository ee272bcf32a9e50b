"""Logging setup, called once by each entry point (server, driver, CLI)."""

from __future__ import annotations

import logging
import os


def configure_logging(level: str | None = None) -> None:
    """Readable one-line records on stderr; the level comes from HYPERTUNER_LOG_LEVEL."""
    chosen = level or os.environ.get("HYPERTUNER_LOG_LEVEL", "INFO")
    logging.basicConfig(
        level=chosen.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
