"""A run is one sweep: a command template, a search space and its experiments."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hypertuner.db.base import Base
from hypertuner.db.types import JsonColumn, UTCDateTime, utcnow


class RunStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    STOPPED = "stopped"


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_project_created", "project_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="sweep")
    command: Mapped[str] = mapped_column(Text, default="")
    workdir: Mapped[str] = mapped_column(Text, default="")
    spec: Mapped[dict[str, object]] = mapped_column(JsonColumn, default=dict)
    strategy: Mapped[str] = mapped_column(String(16), default="grid")
    samples: Mapped[int | None] = mapped_column(Integer)
    seed: Mapped[int | None] = mapped_column(Integer)
    objective_metric: Mapped[str | None] = mapped_column(String(200))
    objective_mode: Mapped[str] = mapped_column(String(4), default="max")
    max_concurrent: Mapped[int] = mapped_column(Integer, default=1)
    early_stopping: Mapped[dict[str, object] | None] = mapped_column(JsonColumn)
    status: Mapped[str] = mapped_column(String(16), default=RunStatus.PENDING)
    script_fingerprint: Mapped[str | None] = mapped_column(String(80))
    data_fingerprints: Mapped[dict[str, str]] = mapped_column(JsonColumn, default=dict)
    warnings: Mapped[list[str]] = mapped_column(JsonColumn, default=list)
    stop_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    driver_pid: Mapped[int | None] = mapped_column(Integer)
    driver_host: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
