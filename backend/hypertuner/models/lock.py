"""Dashboard state kept per run: range locks on hyperparameters and named selections."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hypertuner.db.base import Base
from hypertuner.db.types import JsonColumn, UTCDateTime, utcnow


class RangeLock(Base):
    """A promising range of one hyperparameter, recorded with who locked it and when.

    Numeric hyperparameters keep `low`/`high`; categorical ones keep the chosen `values`.
    """

    __tablename__ = "range_locks"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    values: Mapped[list[object] | None] = mapped_column(JsonColumn)
    locked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    locked_by_name: Mapped[str] = mapped_column(String(64), default="")
    locked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SavedSelection(Base):
    """A named selection of a run's dashboard: its brushes and filters, and who saved it."""

    __tablename__ = "saved_selections"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[dict[str, object]] = mapped_column(JsonColumn, default=dict)
    experiment_ids: Mapped[list[int]] = mapped_column(JsonColumn, default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_name: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
