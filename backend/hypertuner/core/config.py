"""Service settings, read once from `HYPERTUNER_*` environment variables."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me-local-only"


SIDE_PORTS = 7  # ports after the local head's GCS port that it also takes
RAY_WORKER_PORTS = (10002, 19999)  # Ray's default min/max worker ports


class Settings(BaseSettings):
    """Every setting of the service; the README lists them all."""

    model_config = SettingsConfigDict(env_prefix="HYPERTUNER_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Folder for SQLite, logs, Ray")
    database_url: str = Field(default="", description="SQLAlchemy URL; empty = SQLite in data_dir")
    ray_address: str = Field(default="", description="Ray cluster address; empty = local Ray")
    local_ray_port: int = Field(default=6390, description="GCS port of the local Ray head")
    max_concurrent_experiments: int = Field(default=2, ge=1, le=1024)
    admin_username: str = "admin"
    admin_password: str = Field(default="", description="Bootstrap admin password")
    secret_key: str = PLACEHOLDER_SECRET
    mode: str = Field(default="local", pattern="^(local|production)$")
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = Field(default="", description="URL experiments use to reach the API")
    stop_grace_seconds: float = Field(default=10.0, ge=0)
    heartbeat_timeout_seconds: float = Field(default=60.0, ge=5)
    max_body_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)
    sqlite_busy_seconds: float = Field(
        default=30.0, ge=0.1, le=600, description="How long a SQLite write waits for the lock"
    )
    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=20, ge=1)
    login_window_seconds: int = Field(default=300, ge=1)
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS")

    @field_validator("local_ray_port")
    @classmethod
    def _port_clear_of_ray_workers(cls, value: int) -> int:
        # The head takes this port and the next 7; Ray's workers take 10002-19999.
        if (
            not 1024 <= value <= 65535 - SIDE_PORTS
            or RAY_WORKER_PORTS[0] - SIDE_PORTS <= value <= RAY_WORKER_PORTS[1]
        ):
            raise ValueError(
                f"HYPERTUNER_LOCAL_RAY_PORT must be within 1024-{65535 - SIDE_PORTS} and leave "
                f"{RAY_WORKER_PORTS[0]}-{RAY_WORKER_PORTS[1]} (Ray's worker ports) free, "
                f"with the {SIDE_PORTS} ports after it"
            )
        return value

    @field_validator("secret_key")
    @classmethod
    def _secret_not_empty(cls, value: str) -> str:
        if not value:
            raise ValueError("HYPERTUNER_SECRET_KEY must not be empty")
        return value

    def model_post_init(self, _context: object) -> None:
        if self.mode == "production" and self.secret_key == PLACEHOLDER_SECRET:
            raise ValueError("set HYPERTUNER_SECRET_KEY in production mode")

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file inside the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'hypertuner.db').resolve()}"

    @property
    def base_url(self) -> str:
        """How launched experiments reach this service."""
        return self.public_url.rstrip("/") or f"http://{self.host}:{self.port}"


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
