"""The run dashboard's data: experiments as columns, a change feed, locks and selections."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

import orjson
from sqlalchemy import ColumnElement, Row, Text, cast, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hypertuner import searchspace
from hypertuner.core.errors import Conflict, InvalidInput, NotFound
from hypertuner.db.types import utcnow
from hypertuner.models import (
    Experiment,
    ExperimentStatus,
    MetricSummary,
    RangeLock,
    Run,
    SavedSelection,
    User,
)
from hypertuner.schemas.common import JsonFloat, encode_float
from hypertuner.schemas.dashboard import LockWrite, ParamInfo, Scale, SelectionCreate
from hypertuner.services.curation import check_experiments

log = logging.getLogger(__name__)
ExperimentRow = Row[int, int, str, str | None, bool, str | None]
INF = math.inf

# Changes committed while a feed query runs may carry a slightly earlier time than its cursor.
FEED_OVERLAP = timedelta(seconds=5)
MAX_LISTED_VALUES = 1000
# A positive numeric list spanning this many decades is drawn on a log axis.
LOG_DECADES = 2.0


def experiment_columns(
    session: Session, run: Run, since: datetime | None, stats: Sequence[str] = ("last",)
) -> dict[str, object]:
    """The run's experiments as parallel arrays, ready for JSON (non-finite floats as text).

    With `since`, only experiments still running, or created, started or ended after it.
    `stats` chooses which summaries of each metric to send: last, min and/or max.
    """
    cursor = utcnow()
    changed = _changed_since(since) if since is not None else None

    rows = _experiment_rows(session, run, changed)
    params = [_decode(row.params) for row in rows]
    infos = param_infos(run, params)
    ids = [row.id for row in rows]
    names, metric_values, nonfinite = _metric_columns(session, run, ids, changed, stats)

    return {
        "run_id": run.id,
        "run_status": run.status,
        "cursor": cursor,
        "full": changed is None,
        "total": len(rows) if changed is None else _count(session, run),
        "params": [info.model_dump() for info in infos],
        "metrics": names,
        "id": ids,
        "index": [row.index for row in rows],
        "status": [row.status for row in rows],
        "reason": [row.reason for row in rows],
        "stop_requested": [row.stop_requested for row in rows],
        "nonfinite": nonfinite,
        "values": {info.name: [p.get(info.name) for p in params] for info in infos},
        "metric_values": metric_values,
    }


def _changed_since(since: datetime) -> ColumnElement[bool]:
    moment = (since if since.tzinfo else since.replace(tzinfo=UTC)) - FEED_OVERLAP
    # Only a running experiment changes without a timestamp (its metrics); a queued one
    # changes when it starts or ends, and both are stamped.
    return or_(
        Experiment.status == ExperimentStatus.RUNNING,
        Experiment.created_at >= moment,
        Experiment.started_at >= moment,
        Experiment.ended_at >= moment,
    )


def _experiment_rows(
    session: Session, run: Run, changed: ColumnElement[bool] | None
) -> Sequence[ExperimentRow]:
    # Core execution and params as text (decoded by orjson): ORM row loading and the JSON
    # type's decoder cost more than the query itself for 10,000s of experiments.
    query = select(
        Experiment.id,
        Experiment.index,
        Experiment.status,
        Experiment.reason,
        Experiment.stop_requested,
        cast(Experiment.params, Text).label("params"),
    ).where(Experiment.run_id == run.id)
    if changed is not None:
        query = query.where(changed)
    return session.connection().execute(query.order_by(Experiment.index, Experiment.id)).all()


def _decode(text: str | None) -> dict[str, object]:
    value = orjson.loads(text) if text else {}
    return value if isinstance(value, dict) else {}


def _count(session: Session, run: Run) -> int:
    query = select(func.count()).where(Experiment.run_id == run.id)
    return session.scalar(query) or 0


def _metric_columns(
    session: Session,
    run: Run,
    ids: list[int],
    changed: ColumnElement[bool] | None,
    stats: Sequence[str],
) -> tuple[list[str], dict[str, dict[str, list[JsonFloat]]], list[int]]:
    """Metric names of the whole run, the chosen summaries aligned with `ids`, and per
    experiment the count of non-finite values logged."""
    chosen = [getattr(MetricSummary, stat) for stat in stats]
    query = (
        select(MetricSummary.experiment_id, MetricSummary.name, MetricSummary.nonfinite_count)
        .add_columns(*chosen)
        .join(Experiment, Experiment.id == MetricSummary.experiment_id)
        .where(Experiment.run_id == run.id)
    )
    if changed is not None:
        query = query.where(changed)
    rows = session.connection().execute(query).all()

    names = sorted({row[1] for row in rows} | _run_metric_names(session, run, changed))
    position = {experiment_id: i for i, experiment_id in enumerate(ids)}
    blank: list[JsonFloat] = [None] * len(ids)
    columns = {name: {stat: list(blank) for stat in stats} for name in names}
    nonfinite = [0] * len(ids)
    for experiment_id, name, odd, *values in rows:
        i = position[experiment_id]
        nonfinite[i] += odd
        for stat, value in zip(stats, values, strict=True):
            columns[name][stat][i] = (
                value if value is None or -INF < value < INF else encode_float(value)
            )
    return names, columns, nonfinite


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
    kinds = {type(value) for value in values if value is not None}
    if not kinds or not kinds <= {int, float}:
        kind = "bool" if kinds == {bool} else "categorical"
        return ParamInfo(name=name, type=kind, scale="band")
    kind = "int" if kinds == {int} else "float"
    return ParamInfo(name=name, type=kind, scale=_scale(kind, False, values))


def _scale(value_type: str, log: bool, values: Sequence[object]) -> Scale:
    if value_type in ("categorical", "bool"):
        return "band"
    if log:
        return "log"
    numbers = [v for v in values if isinstance(v, int | float) and -INF < v < INF]
    low, high = (min(numbers), max(numbers)) if numbers else (0, 0)
    if low > 0 and math.log10(high / low) >= LOG_DECADES:
        return "log"
    return "linear"


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
    """Keep a named selection; names are unique within a run, its experiments the run's."""
    _check_in_run(session, run, data.experiment_ids)
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


def _check_in_run(session: Session, run: Run, ids: Sequence[int]) -> None:
    check_experiments(session, Experiment.run_id == run.id, ids, f"run {run.id}")


def delete_selection(session: Session, run: Run, user: User, selection_id: int) -> None:
    selection = session.get(SavedSelection, selection_id)
    if selection is None or selection.run_id != run.id:
        raise NotFound(f"selection {selection_id} not found in run {run.id}")
    session.delete(selection)
    log.info("selection %s removed from run %s by user %s", selection_id, run.id, user.id)
