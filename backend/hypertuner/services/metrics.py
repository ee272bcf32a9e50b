"""Metric ingestion (idempotent batches, fast bulk insert) and histories with downsampling."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hypertuner.models import MetricBatch, MetricPoint, MetricSummary
from hypertuner.schemas.common import decode_float, encode_float
from hypertuner.schemas.metric import MetricBatchIn, MetricHistory, MetricPointRead
from hypertuner.services import flags

log = logging.getLogger(__name__)

Row = tuple[int, str, int | None, int | None, float | None, float | None]
COPY_SQL = "COPY metric_points (experiment_id, name, step, epoch, value, wall_time) FROM STDIN"


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


def ingest(session: Session, experiment_id: int, batch: MetricBatchIn) -> int | None:
    """Store a batch once; answer the number of points, or None for a repeated batch id."""
    rows, summaries = _rows(experiment_id, batch)
    if not _claim_batch(session, experiment_id, batch.batch_id, len(rows)):
        return None

    if session.get_bind().dialect.name == "postgresql":
        _copy_rows(session, rows)
    else:
        session.execute(insert(MetricPoint), [_row_dict(row) for row in rows])
    _merge_summaries(session, experiment_id, summaries)
    flags.after_batch(session, experiment_id, summaries.keys())
    return len(rows)


def _claim_batch(session: Session, experiment_id: int, batch_id: str, points: int) -> bool:
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = (
        module.insert(MetricBatch)
        .values(experiment_id=experiment_id, batch_id=batch_id, points=points)
        .on_conflict_do_nothing()
        .returning(MetricBatch.batch_id)
    )
    return session.execute(statement).first() is not None


def _rows(experiment_id: int, batch: MetricBatchIn) -> tuple[list[Row], dict[str, _Summary]]:
    """Rows to store (NaN as NULL) and each metric's summary; this loop runs per point."""
    rows: list[Row] = []
    series: dict[str, list[Arrival]] = {}
    for record in batch.records:
        step, epoch, wall_time = record.step, record.epoch, record.time
        for name, raw in record.values.items():
            value = raw if type(raw) is float else decode_float(raw)
            series.setdefault(name, []).append((value, step, epoch))
            stored = None if value != value else value  # NaN is the only value unequal to itself
            rows.append((experiment_id, name, step, epoch, stored, wall_time))
    return rows, {name: _Summary.of(points) for name, points in series.items()}


def _row_dict(row: Row) -> dict[str, object]:
    experiment_id, name, step, epoch, value, wall_time = row
    return {
        "experiment_id": experiment_id,
        "name": name,
        "step": step,
        "epoch": epoch,
        "value": value,
        "wall_time": wall_time,
    }


def _copy_rows(session: Session, rows: list[Row]) -> None:
    """PostgreSQL's COPY: the fastest way in, inside the session's transaction."""
    connection = session.connection().connection.driver_connection
    assert connection is not None
    with connection.cursor() as cursor, cursor.copy(COPY_SQL) as copy:
        for row in rows:
            copy.write_row(row)


def _merge_summaries(session: Session, experiment_id: int, batch: dict[str, _Summary]) -> None:
    query = select(MetricSummary).where(
        MetricSummary.experiment_id == experiment_id, MetricSummary.name.in_(list(batch))
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    existing = {row.name: row for row in session.scalars(query)}

    for name, part in batch.items():
        row = existing.get(name)
        if row is None:
            row = MetricSummary(experiment_id=experiment_id, name=name, count=0, nonfinite_count=0)
            session.add(row)
        _apply(row, part)
    session.flush()


def _apply(row: MetricSummary, part: _Summary) -> None:
    row.count += part.count
    row.nonfinite_count += part.nonfinite
    if part.low is not None:
        row.min = part.low if row.min is None else min(row.min, part.low)
    if part.high is not None:
        row.max = part.high if row.max is None else max(row.max, part.high)
    newer = row.last_step is None or part.last_step is None or part.last_step >= row.last_step
    if newer:
        row.last = None if math.isnan(part.last) else part.last
        row.last_step, row.last_epoch = part.last_step, part.last_epoch


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
        .order_by(MetricPoint.step, MetricPoint.id)
    )
    rows = [(s, e, math.nan if v is None else v, t) for s, e, v, t in session.execute(query)]
    downsampled = max_points is not None and total > max_points
    if downsampled:
        assert max_points is not None
        rows = keep_extremes(rows, max_points)

    points = [
        MetricPointRead(step=s, epoch=e, value=encode_float(v), time=t) for s, e, v, t in rows
    ]
    return MetricHistory(name=name, total=total, downsampled=downsampled, points=points)


Point = tuple[int | None, int | None, float, float | None]


def keep_extremes(rows: list[Point], max_points: int) -> list[Point]:
    """Downsample to at most `max_points`, keeping each bucket's min, max and first non-finite.

    The first and last points always stay, so the curve keeps its ends and every spike.
    """
    if len(rows) <= max_points:
        return rows
    if max_points < 5:
        return rows[:1] + rows[-1:] if max_points >= 2 else rows[:max_points]

    buckets = (max_points - 2) // 3
    inner = rows[1:-1]
    size = len(inner) / buckets
    kept: list[Point] = [rows[0]]
    for bucket in range(buckets):
        kept.extend(_bucket_extremes(inner[int(bucket * size) : int((bucket + 1) * size)]))
    kept.append(rows[-1])
    return kept


def _bucket_extremes(chunk: list[Point]) -> list[Point]:
    """The lowest and highest finite points and the first non-finite one, in order."""
    chosen: set[int] = set()
    finite = [index for index, point in enumerate(chunk) if math.isfinite(point[2])]
    if finite:
        chosen.add(min(finite, key=lambda index: chunk[index][2]))
        chosen.add(max(finite, key=lambda index: chunk[index][2]))
    odd = next((i for i, point in enumerate(chunk) if not math.isfinite(point[2])), None)
    if odd is not None:
        chosen.add(odd)
    return [chunk[index] for index in sorted(chosen)]


def metric_names(session: Session, experiment_id: int) -> list[str]:
    query = (
        select(MetricSummary.name)
        .where(MetricSummary.experiment_id == experiment_id)
        .order_by(MetricSummary.name)
    )
    return list(session.scalars(query))
