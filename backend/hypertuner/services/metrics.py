"""Metric ingestion (idempotent batches, fast bulk insert) and histories with downsampling."""

from __future__ import annotations

import functools
import logging
import math
import struct
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlalchemy import Executable, case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hypertuner.db.session import raw_rows
from hypertuner.models import MetricBatch, MetricPoint, MetricSummary
from hypertuner.schemas.common import encode_float
from hypertuner.schemas.metric import MetricBatchIn, MetricHistory, MetricPointRead
from hypertuner.services import flags, metric_batches
from hypertuner.services.metric_batches import BatchPoint, ParsedBatch

log = logging.getLogger(__name__)

COLUMNS = "metric_points (experiment_id, name, step, epoch, value, wall_time)"
COPY_SQL = f"COPY {COLUMNS} FROM STDIN (FORMAT BINARY)"
SQLITE_INSERT = f"INSERT INTO {COLUMNS} VALUES (?, ?, ?, ?, ?, ?)"

Arrival = tuple[float, int | None, int | None]  # value, step, epoch


@dataclass
class _Summary:
    """What one batch adds to the summary of one metric."""

    count: int
    nonfinite: int
    low: float | None
    high: float | None
    last: float
    last_step: int | None
    last_epoch: int | None

    @classmethod
    def of(cls, points: list[Arrival]) -> _Summary:
        """Summarize one metric's points in arrival order (builtins do the per-value work).

        The last value is the last one to arrive, unless a later arrival has a smaller step.
        """
        finite = [value for value, _, _ in points if math.isfinite(value)]
        last = points[0]
        for point in points:
            if point[1] is None or last[1] is None or point[1] >= last[1]:
                last = point
        return cls(
            count=len(points),
            nonfinite=len(points) - len(finite),
            low=min(finite, default=None),
            high=max(finite, default=None),
            last=last[0],
            last_step=last[1],
            last_epoch=last[2],
        )

    def row(self, experiment_id: int, name: str) -> dict[str, object]:
        return {
            "experiment_id": experiment_id,
            "name": name,
            "count": self.count,
            "nonfinite_count": self.nonfinite,
            "min": self.low,
            "max": self.high,
            "last": None if math.isnan(self.last) else self.last,
            "last_step": self.last_step,
            "last_epoch": self.last_epoch,
        }


def ingest(session: Session, experiment_id: int, batch: MetricBatchIn | ParsedBatch) -> int | None:
    """Store a batch once; answer the number of points, or None for a repeated batch id."""
    parsed = batch if isinstance(batch, ParsedBatch) else metric_batches.from_schema(batch)
    points = parsed.points
    if not _claim_batch(session, experiment_id, parsed.batch_id, len(points)):
        return None

    if _dialect(session) == "postgresql":
        _copy_points(session, experiment_id, points)
    else:
        rows = [(experiment_id, n, s, e, None if v != v else v, t) for n, s, e, v, t in points]
        session.connection().exec_driver_sql(SQLITE_INSERT, rows)
    summaries = _summaries(points)
    _merge_summaries(session, experiment_id, summaries)
    flags.after_batch(session, experiment_id, summaries.keys())
    return len(points)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _claim_batch(session: Session, experiment_id: int, batch_id: str, points: int) -> bool:
    claim = _statements(_dialect(session)).claim
    row = {"experiment_id": experiment_id, "batch_id": batch_id, "points": points}
    return session.execute(claim, row).first() is not None


def _summaries(points: list[BatchPoint]) -> dict[str, _Summary]:
    series: dict[str, list[Arrival]] = {}
    for name, step, epoch, value, _ in points:
        series.setdefault(name, []).append((value, step, epoch))
    return {name: _Summary.of(arrivals) for name, arrivals in series.items()}


def _copy_points(session: Session, experiment_id: int, points: list[BatchPoint]) -> None:
    """PostgreSQL's binary COPY: no number is turned into text and back (NaN stored as NULL)."""
    connection = session.connection().connection.driver_connection
    assert connection is not None
    with connection.cursor() as cursor, cursor.copy(COPY_SQL) as copy:
        copy.write(copy_binary(experiment_id, points))


def copy_binary(experiment_id: int, points: list[BatchPoint]) -> bytes:
    """The rows in COPY's binary format: a header, per row its field count and each field's
    length and big-endian bytes (-1 for NULL), and a trailer."""
    heads = {}
    for name in {point[0] for point in points}:
        raw = name.encode()
        heads[name] = _HEAD.pack(6, 4, experiment_id, len(raw)) + raw

    out = [COPY_HEADER]
    pack = _FULL_ROW.pack
    for name, step, epoch, value, wall in points:
        out.append(heads[name])
        if step is None or epoch is None or wall is None or value != value:
            out.append(_int(step) + _int(epoch) + _float(value) + _float(wall))
        else:
            out.append(pack(4, step, 4, epoch, 8, value, 8, wall))
    out.append(COPY_TRAILER)
    return b"".join(out)


COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # signature, flags, no header extension
COPY_TRAILER = b"\xff\xff"
NULL_FIELD = b"\xff\xff\xff\xff"
_HEAD = struct.Struct("!hiii")  # field count; experiment_id's length and value; name's length
_FULL_ROW = struct.Struct("!iiiiidid")  # step, epoch, value, wall time with their lengths
_INT_FIELD = struct.Struct("!ii")
_FLOAT_FIELD = struct.Struct("!id")


def _int(value: int | None) -> bytes:
    return NULL_FIELD if value is None else _INT_FIELD.pack(4, value)


def _float(value: float | None) -> bytes:
    if value is None or value != value:
        return NULL_FIELD
    return _FLOAT_FIELD.pack(8, value)


def _merge_summaries(session: Session, experiment_id: int, batch: dict[str, _Summary]) -> None:
    """One upsert adds the batch to each metric's summary, atomically under concurrency.

    Rows go in name order, so two batches of one experiment lock them in the same order
    (in arrival order, batches naming `a, b` and `b, a` could deadlock on PostgreSQL).
    """
    rows = [batch[name].row(experiment_id, name) for name in sorted(batch)]
    session.execute(_statements(_dialect(session)).merge, rows)


@dataclass(frozen=True)
class _Statements:
    """Built once per dialect, so SQLAlchemy compiles them once: this runs on every batch."""

    claim: Executable
    merge: Executable


@functools.cache
def _statements(dialect: str) -> _Statements:
    module = postgresql if dialect == "postgresql" else sqlite
    batches = MetricBatch.__table__
    claim = module.insert(batches).on_conflict_do_nothing().returning(batches.c.batch_id)

    merge = module.insert(MetricSummary.__table__)
    old, new = MetricSummary.__table__.c, merge.excluded
    newer = or_(old.last_step.is_(None), new.last_step.is_(None), new.last_step >= old.last_step)
    merge = merge.on_conflict_do_update(
        index_elements=[old.experiment_id, old.name],
        set_={
            "count": old.count + new.count,
            "nonfinite_count": old.nonfinite_count + new.nonfinite_count,
            "min": case((or_(new.min.is_(None), old.min <= new.min), old.min), else_=new.min),
            "max": case((or_(new.max.is_(None), old.max >= new.max), old.max), else_=new.max),
            "last": case((newer, new.last), else_=old.last),
            "last_step": case((newer, new.last_step), else_=old.last_step),
            "last_epoch": case((newer, new.last_epoch), else_=old.last_epoch),
        },
    )
    return _Statements(claim, merge)


def history(
    session: Session,
    experiment_id: int,
    name: str,
    max_points: int | None,
    steps: tuple[int | None, int | None] = (None, None),
) -> MetricHistory:
    """One metric's points in step order, downsampled to about `max_points` if asked.

    `steps` (first, last), both inclusive, keeps only that range: a zoomed chart asks for
    its range, so it gets full detail there from the same point budget.
    """
    where = [MetricPoint.experiment_id == experiment_id, MetricPoint.name == name]
    first, last = steps
    if first is not None:
        where.append(MetricPoint.step >= first)
    if last is not None:
        where.append(MetricPoint.step <= last)

    total = session.scalar(select(func.count()).where(*where)) or 0
    query = (
        select(MetricPoint.step, MetricPoint.epoch, MetricPoint.value, MetricPoint.wall_time)
        .where(*where)
        .order_by(MetricPoint.step.nulls_first(), MetricPoint.id)  # alike on both databases
    )
    rows: list[Point] = raw_rows(session, query)  # NULL (a stored NaN) stays None until the end
    downsampled = max_points is not None and total > max_points
    if downsampled:
        assert max_points is not None
        rows = keep_extremes(rows, max_points)

    points = [
        MetricPointRead(step=s, epoch=e, value=encode_float(math.nan if v is None else v), time=t)
        for s, e, v, t in rows
    ]
    return MetricHistory(name=name, total=total, downsampled=downsampled, points=points)


Point = tuple[int | None, int | None, float | None, float | None]  # value None: NaN


def keep_extremes(rows: list[Point], max_points: int) -> list[Point]:
    """Downsample to at most `max_points`, keeping each bucket's min, max and first non-finite.

    The first and last points always stay, so the curve keeps its ends and every spike.
    numpy scans the values (a million take a few milliseconds); ties keep the first point.
    """
    if len(rows) <= max_points:
        return rows
    if max_points < 5:
        return rows[:1] + rows[-1:] if max_points >= 2 else rows[:max_points]

    values = np.array([row[2] for row in rows[1:-1]], dtype=float)  # None becomes NaN
    buckets = (max_points - 2) // 3
    size = len(values) / buckets
    kept: list[int] = [0]
    for bucket in range(buckets):
        start = int(bucket * size)
        chosen = _bucket_extremes(values[start : int((bucket + 1) * size)])
        kept.extend(1 + start + index for index in chosen)
    kept.append(len(rows) - 1)
    return [rows[index] for index in kept]


def _bucket_extremes(chunk: npt.NDArray[np.float64]) -> list[int]:
    """Where the lowest and highest finite values and the first non-finite one are, in order."""
    if chunk.size == 0:
        return []
    finite = np.isfinite(chunk)
    chosen: set[int] = set()
    if finite.any():
        chosen.add(int(np.argmin(np.where(finite, chunk, np.inf))))
        chosen.add(int(np.argmax(np.where(finite, chunk, -np.inf))))
    if not finite.all():
        chosen.add(int(np.argmin(finite)))  # the first False
    return sorted(chosen)


def metric_names(session: Session, experiment_id: int) -> list[str]:
    query = (
        select(MetricSummary.name)
        .where(MetricSummary.experiment_id == experiment_id)
        .order_by(MetricSummary.name)
    )
    return list(session.scalars(query))
