"""The run dashboard's data: experiments as columns, a change feed, locks and selections."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Row, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hypertuner import searchspace
from hypertuner.core.errors import Conflict, InvalidInput, NotFound
from hypertuner.db.types import utcnow
from hypertuner.models import Experiment, MetricSummary, RangeLock, Run, SavedSelection, User
from hypertuner.models.experiment import ACTIVE_STATUSES
from hypertuner.schemas.common import JsonFloat, encode_float
from hypertuner.schemas.dashboard import LockWrite, ParamInfo, SelectionCreate

log = logging.getLogger(__name__)
ExperimentRow = Row[int, int, str, str | None, bool, dict[str, object]]

# Changes committed while a feed query runs may carry a slightly earlier time than its cursor.
FEED_OVERLAP = timedelta(seconds=5)
MAX_LISTED_VALUES = 1000
# A positive numeric list spanning this many decades is drawn on a log axis.
LOG_DECADES = 2.0


def experiment_columns(session: Session, run: Run, since: datetime | None) -> dict[str, object]:
    """The run's experiments as parallel arrays, ready for JSON (non-finite floats as text).

    With `since`, only experiments still active, or created, started or ended after it.
    """
    cursor = utcnow()
    changed = _changed_since(since) if since is not None else None

    rows = _experiment_rows(session, run, changed)
    params = [row.params or {} for row in rows]
    infos = param_infos(run, params)
    metrics, stats = _metric_columns(session, run, [row.id for row in rows], changed)

    total = len(rows) if changed is None else _count(session, run)
    return {
        "run_id": run.id,
        "run_status": run.status,
        "cursor": cursor,
        "full": changed is None,
        "total": total,
        "params": [info.model_dump() for info in infos],
        "metrics": metrics,
        "id": [row.id for row in rows],
        "index": [row.index for row in rows],
        "status": [row.status for row in rows],
        "reason": [row.reason for row in rows],
        "stop_requested": [row.stop_requested for row in rows],
        "nonfinite": stats.pop("__nonfinite__"),
        "values": {info.name: [p.get(info.name) for p in params] for info in infos},
        "metric_values": stats,
    }


def _changed_since(since: datetime) -> ColumnElement[bool]:
    moment = (since if since.tzinfo else since.replace(tzinfo=UTC)) - FEED_OVERLAP
    return or_(
        Experiment.status.in_(ACTIVE_STATUSES),
        Experiment.created_at >= moment,
        Experiment.started_at >= moment,
        Experiment.ended_at >= moment,
    )


def _experiment_rows(
    session: Session, run: Run, changed: ColumnElement[bool] | None
) -> Sequence[ExperimentRow]:
    query = select(
        Experiment.id,
        Experiment.index,
        Experiment.status,
        Experiment.reason,
        Experiment.stop_requested,
        Experiment.params,
    ).where(Experiment.run_id == run.id)
    if changed is not None:
        query = query.where(changed)
    return session.execute(query.order_by(Experiment.index, Experiment.id)).all()


def _count(session: Session, run: Run) -> int:
    query = select(func.count()).where(Experiment.run_id == run.id)
    return session.scalar(query) or 0


def _metric_columns(
    session: Session, run: Run, ids: list[int], changed: ColumnElement[bool] | None
) -> tuple[list[str], dict[str, object]]:
    """Metric names of the whole run, and last/min/max columns aligned with `ids`."""
    query = (
        select(
            MetricSummary.experiment_id,
            MetricSummary.name,
            MetricSummary.last,
            MetricSummary.min,
            MetricSummary.max,
            MetricSummary.nonfinite_count,
        )
        .join(Experiment, Experiment.id == MetricSummary.experiment_id)
        .where(Experiment.run_id == run.id)
    )
    if changed is not None:
        query = query.where(changed)
    rows = session.execute(query).all()

    names = sorted({row.name for row in rows} | _run_metric_names(session, run, changed))
    position = {experiment_id: i for i, experiment_id in enumerate(ids)}
    blank: list[JsonFloat] = [None] * len(ids)
    columns = {
        name: {"last": list(blank), "min": list(blank), "max": list(blank)} for name in names
    }
    nonfinite = [0] * len(ids)
    for row in rows:
        i = position[row.experiment_id]
        column = columns[row.name]
        column["last"][i] = encode_float(row.last)
        column["min"][i] = encode_float(row.min)
        column["max"][i] = encode_float(row.max)
        nonfinite[i] += row.nonfinite_count

    stats: dict[str, object] = dict(columns)
    stats["__nonfinite__"] = nonfinite
    return names, stats


def _run_metric_names(session: Session, run: Run, changed: ColumnElement[bool] | None) -> set[str]:
    if changed is None:
        return set()  # the full listing already saw every name
    query = (
        select(MetricSummary.name)
        .distinct()
        .join(Experiment, Experiment.id == MetricSummary.experiment_id)
        .where(Experiment.run_id == run.id)
    )
    return set(session.scalars(query))


def param_infos(run: Run, params: Iterable[Mapping[str, object]]) -> list[ParamInfo]:
    """Type and axis of each hyperparameter: from the run's spec, else from the values seen."""
    try:
        dimensions = {d.name: d for d in searchspace.parse_space(run.spec or {})}
    except searchspace.InvalidSearchSpace:
        dimensions = {}

    seen: dict[str, list[object]] = {name: [] for name in dimensions}
    for combination in params:
        for name, value in combination.items():
            seen.setdefault(name, []).append(value)

    infos = []
    for name, values in seen.items():
        dimension = dimensions.get(name)
        if dimension is None:
            infos.append(_inferred_info(name, values))
            continue
        listed = list(dimension.values) if dimension.size <= MAX_LISTED_VALUES else None
        scale = _scale(dimension.type, dimension.log, listed or values)
        infos.append(ParamInfo(name=name, type=dimension.type, scale=scale, values=listed))
    return infos


def _inferred_info(name: str, values: list[object]) -> ParamInfo:
    present = [value for value in values if value is not None]
    numeric = bool(present) and all(_is_number(value) for value in present)
    if not numeric:
        kind = "bool" if present and all(isinstance(v, bool) for v in present) else "categorical"
        return ParamInfo(name=name, type=kind, scale="band")
    kind = "int" if all(isinstance(value, int) for value in present) else "float"
    return ParamInfo(name=name, type=kind, scale=_scale(kind, False, present))


def _scale(value_type: str, log: bool, values: Sequence[object]) -> str:
    if value_type in ("categorical", "bool"):
        return "band"
    if log:
        return "log"
    numbers = [float(v) for v in values if _is_number(v) and math.isfinite(float(v))]  # type: ignore[arg-type]
    if numbers and min(numbers) > 0 and math.log10(max(numbers) / min(numbers)) >= LOG_DECADES:
        return "log"
    return "linear"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def list_locks(session: Session, run: Run) -> list[RangeLock]:
    query = select(RangeLock).where(RangeLock.run_id == run.id).order_by(RangeLock.name)
    return list(session.scalars(query))


def put_lock(session: Session, run: Run, user: User, name: str, data: LockWrite) -> RangeLock:
    """Lock (or move the lock of) one hyperparameter's promising range."""
    info = _param_info(session, run, name)
    if info.scale == "band" and data.values is None:
        raise InvalidInput(f"{name!r} is categorical: lock it with values", field="values")
    if info.scale != "band" and data.values is not None:
        raise InvalidInput(f"{name!r} is numeric: lock it with low and high", field="low")

    lock = session.scalar(
        select(RangeLock).where(RangeLock.run_id == run.id, RangeLock.name == name)
    )
    if lock is None:
        lock = RangeLock(run_id=run.id, name=name)
        session.add(lock)
    lock.low = data.low
    lock.high = data.high
    lock.values = None if data.values is None else list(data.values)
    lock.locked_by, lock.locked_by_name, lock.locked_at = user.id, user.username, utcnow()
    session.flush()

    log.info("range of %r locked in run %s by user %s", name, run.id, user.id)
    return lock


def delete_lock(session: Session, run: Run, user: User, name: str) -> None:
    statement = delete(RangeLock).where(RangeLock.run_id == run.id, RangeLock.name == name)
    if session.execute(statement).rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound(f"{name!r} is not locked in run {run.id}")
    log.info("lock of %r removed in run %s by user %s", name, run.id, user.id)


def _param_info(session: Session, run: Run, name: str) -> ParamInfo:
    query = select(Experiment.params).where(Experiment.run_id == run.id)
    for info in param_infos(run, session.scalars(query)):
        if info.name == name:
            return info
    raise NotFound(f"run {run.id} has no hyperparameter {name!r}")


def list_selections(session: Session, run: Run) -> list[SavedSelection]:
    query = (
        select(SavedSelection).where(SavedSelection.run_id == run.id).order_by(SavedSelection.id)
    )
    return list(session.scalars(query))


def create_selection(
    session: Session, run: Run, user: User, data: SelectionCreate
) -> SavedSelection:
    """Keep a named selection; names are unique within a run."""
    selection = SavedSelection(
        run_id=run.id,
        name=data.name,
        state=data.state,
        experiment_ids=data.experiment_ids,
        created_by=user.id,
        created_by_name=user.username,
    )
    session.add(selection)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        message = f"run {run.id} already has a selection named {data.name!r}"
        raise Conflict(message, field="name") from error

    log.info("selection %s %r saved in run %s by user %s", selection.id, data.name, run.id, user.id)
    return selection


def delete_selection(session: Session, run: Run, user: User, selection_id: int) -> None:
    selection = session.get(SavedSelection, selection_id)
    if selection is None or selection.run_id != run.id:
        raise NotFound(f"selection {selection_id} not found in run {run.id}")
    session.delete(selection)
    log.info("selection %s removed from run %s by user %s", selection_id, run.id, user.id)
