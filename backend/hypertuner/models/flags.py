"""Flags raised on experiments, the rules per project, roughness scores and stop records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hypertuner.db.base import Base
from hypertuner.db.types import JsonColumn, UTCDateTime, utcnow


class FlagRuleSet(Base):
    """A project's flag rules (`hypertuner.flags.FlagRules` as JSON); absent = defaults."""

    __tablename__ = "flag_rules"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    rules: Mapped[dict[str, object]] = mapped_column(JsonColumn, default=dict)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExperimentFlag(Base):
    """A flag raised on an experiment: the epoch where its rule fired, and why."""

    __tablename__ = "experiment_flags"
    __table_args__ = (Index("ix_experiment_flags_name", "name", "experiment_id"),)

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    epoch: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CurveScore(Base):
    """The roughness of an experiment's noisy-rule curve; `noisy` compares it within the run."""

    __tablename__ = "curve_scores"

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True
    )
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    metric: Mapped[str] = mapped_column(String(200))
    roughness: Mapped[float | None] = mapped_column(Float)
    points: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StopKind:
    REQUEST = "request"
    ASHA = "asha"
    FLAG = "flag"


class StopRecord(Base):
    """Why an experiment was stopped: by request, by ASHA or by a flag (the first one wins)."""

    __tablename__ = "experiment_stops"

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")
    epoch: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
