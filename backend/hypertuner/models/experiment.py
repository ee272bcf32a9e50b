"""An experiment is one combination of hyperparameter values, run as one process."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hypertuner.db.base import Base
from hypertuner.db.types import JsonColumn, UTCDateTime, utcnow


class ExperimentStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    STOPPED = "stopped"
    LOST = "lost"


ACTIVE_STATUSES = (ExperimentStatus.QUEUED, ExperimentStatus.RUNNING)


class Experiment(Base):
    __tablename__ = "experiments"
    __table_args__ = (
        Index("ix_experiments_run_index", "run_id", "index"),
        Index("ix_experiments_project_key", "project_id", "params_key"),
        Index("ix_experiments_status", "status"),
        # The project table's order: its newest rows are read from the end, without a sort.
        Index("ix_experiments_project_order", "project_id", "run_id", "index", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer, default=0)
    params: Mapped[dict[str, object]] = mapped_column(JsonColumn, default=dict)
    param_types: Mapped[dict[str, str]] = mapped_column(JsonColumn, default=dict)
    params_key: Mapped[str] = mapped_column(String(64))
    argv: Mapped[list[str]] = mapped_column(JsonColumn, default=list)
    script_fingerprint: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16), default=ExperimentStatus.QUEUED)
    stop_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)
    exit_code: Mapped[int | None] = mapped_column(Integer)
    stdout_tail: Mapped[str] = mapped_column(Text, default="")
    stderr_tail: Mapped[str] = mapped_column(Text, default="")
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
