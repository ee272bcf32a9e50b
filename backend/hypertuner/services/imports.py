"""Import of past history as an imported run: preview, then store, all or nothing.

Every file is read and every value checked before the first row is written; the rows then
go in through the session's one transaction (the route commits once at the end), so a
failure anywhere leaves nothing behind. Metric points go through `metrics.ingest`, the same
path as live experiments, one idempotent batch per experiment and chunk.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from hypertuner import importers
from hypertuner.core.errors import InvalidInput
from hypertuner.db.types import utcnow
from hypertuner.importers import ColumnInfo, CurvePoint, ImportPlan, PlannedExperiment
from hypertuner.models import Experiment, ExperimentCuration, ExperimentOrigin, Project, Run, User
from hypertuner.models.run import RunStatus
from hypertuner.schemas.common import encode_float
from hypertuner.schemas.imports import ImportColumn, ImportPreview, ImportResult, ImportSettings
from hypertuner.schemas.metric import MetricBatchIn, MetricRecord
from hypertuner.schemas.run import Objective, RunRead
from hypertuner.services import audit, metrics, runs

log = logging.getLogger(__name__)
SAMPLE_ROWS = 20
BATCH_POINTS = 50_000
MAX_WARNINGS = 50
# Points go in through metrics.ingest, one batch per experiment (a few statements each,
# ~2 ms): 20,000 rows take under a minute. On SQLite the import holds the write lock that
# long, so live ingestion waits; a batched ingest for many experiments would lift both.
MAX_EXPERIMENTS = 20_000
Upload = tuple[str, bytes]


def _plan(uploads: Sequence[Upload], source_format: str, settings: ImportSettings) -> ImportPlan:
    table = importers.read_upload(list(uploads), source_format)
    infos = importers.columns(table, settings.roles, settings.types)
    if len(table.rows) > MAX_EXPERIMENTS:
        message = f"{len(table.rows)} rows: an import takes at most {MAX_EXPERIMENTS}; split it"
        raise InvalidInput(message, field="files")
    metrics_chosen = [info.name for info in infos if info.role == "metric"]
    if settings.objective and settings.objective.metric not in metrics_chosen:
        message = f"the objective {settings.objective.metric!r} is not one of the metric columns"
        raise InvalidInput(message, field="settings.objective.metric")
    return importers.plan_import(table, infos)


def preview(
    uploads: Sequence[Upload], source_format: str, settings: ImportSettings
) -> ImportPreview:
    """What an import of these files would create, without storing anything."""
    plan = _plan(uploads, source_format, settings)
    return ImportPreview(
        format=plan.format,
        files=plan.files,
        ignored_files=plan.ignored_files,
        rows=len(plan.experiments),
        metric_points=plan.metric_points,
        columns=_columns(plan.columns),
        sample=[_sample(e, plan.columns) for e in plan.experiments[:SAMPLE_ROWS]],
        warnings=plan.warnings[:MAX_WARNINGS],
    )


def _columns(infos: list[ColumnInfo]) -> list[ImportColumn]:
    return [
        ImportColumn(
            name=i.name,
            type=i.type,
            role=i.role,
            present=i.present,
            distinct=i.distinct,
            examples=i.examples,
            curve=i.curve,
            notes=i.notes,
        )
        for i in infos
    ]


def _sample(experiment: PlannedExperiment, infos: list[ColumnInfo]) -> dict[str, object]:
    """A row as it will be stored: values, last metric values, status and source id."""
    row: dict[str, object] = {"status": experiment.status, "source_id": experiment.source_id}
    for info in infos:
        if info.role == "hyperparameter":
            row[info.name] = experiment.params.get(info.name)
        elif info.role == "metric":
            curve = experiment.metrics.get(info.name)
            row[info.name] = encode_float(curve[-1].value) if curve else None
    return row


def import_run(
    session: Session,
    project: Project,
    user: User,
    uploads: Sequence[Upload],
    source_format: str,
    settings: ImportSettings,
) -> ImportResult:
    """Create the imported run with its experiments and metric points (caller commits)."""
    plan = _plan(uploads, source_format, settings)

    names = ", ".join(name for name, _ in uploads)
    default_name = f"imported {plan.format}: {names}".encode("utf-8", "replace").decode()
    name = settings.run_name or default_name[:200]
    run = _create_run(session, project, user, plan, name, settings.objective)
    stored = _create_experiments(session, run, plan)
    points = sum(_ingest(session, run, i, e, p) for i, (e, p) in enumerate(stored))

    _audit(session, user, run, plan, points)
    counts = runs.status_counts(session, [run.id])[run.id]
    return ImportResult(
        run=RunRead.model_validate(run).model_copy(update={"counts": counts}),
        experiments=len(stored),
        metric_points=points,
        archived=sum(planned.row.archived for _, planned in stored),
        columns=_columns(plan.columns),
        warnings=plan.warnings[:MAX_WARNINGS],
    )


def _audit(session: Session, user: User, run: Run, plan: ImportPlan, points: int) -> None:
    """The audit event and the log line of an import."""
    count = len(plan.experiments)
    audit.record(
        session,
        user,
        "run.import",
        project_id=run.project_id,
        target=run.name,
        summary=f"imported {count} experiments from {plan.format} as run {run.id}",
        details={"run_id": run.id, "format": plan.format, "files": plan.files[:50]},
    )
    log.info(
        "run %s imported into project %s by user %s: %d experiments, %d metric points (%s)",
        *(run.id, run.project_id, user.id, count, points, plan.format),
    )


def _create_run(
    session: Session,
    project: Project,
    user: User,
    plan: ImportPlan,
    name: str,
    objective: Objective | None,
) -> Run:
    starts = [e.started_at for e in plan.experiments if e.started_at]
    ends = [e.ended_at for e in plan.experiments if e.ended_at]
    run = Run(
        project_id=project.id,
        name=name,
        kind="imported",
        strategy="imported",
        objective_metric=objective.metric if objective else None,
        objective_mode=objective.mode if objective else "max",
        status=RunStatus.COMPLETED,
        warnings=plan.warnings[:MAX_WARNINGS],
        created_by=user.id,
        started_at=min(starts) if starts else None,
        ended_at=max(ends) if ends else utcnow(),
    )
    session.add(run)
    session.flush()
    return run


def _create_experiments(
    session: Session, run: Run, plan: ImportPlan
) -> list[tuple[int, PlannedExperiment]]:
    """Bulk inserts: at thousands of rows, ORM objects in the session would make every later
    statement scan them."""
    now = utcnow()
    rows: list[dict[str, object]] = [
        {
            "run_id": run.id,
            "project_id": run.project_id,
            "index": index,
            "params": planned.params,
            "param_types": planned.param_types,
            "params_key": runs.params_key(planned.params),
            "argv": [],
            "status": planned.status,
            "reason": planned.row.reason,
            "created_at": now,
            "started_at": planned.started_at,
            "ended_at": planned.ended_at,
        }
        for index, planned in enumerate(plan.experiments)
    ]
    statement = insert(Experiment).returning(Experiment.id, sort_by_parameter_order=True)
    ids = list(session.scalars(statement, rows))
    stored = list(zip(ids, plan.experiments, strict=True))

    session.execute(insert(ExperimentOrigin), [_origin(run, i, p) for i, p in stored])
    archived = [_archived(run, i) for i, p in stored if p.row.archived]
    if archived:
        session.execute(insert(ExperimentCuration), archived)
    return stored


def _origin(run: Run, experiment_id: int, planned: PlannedExperiment) -> dict[str, object]:
    row = planned.row
    return {
        "experiment_id": experiment_id,
        "run_id": run.id,
        "source": row.source[:1000],
        "line": row.line,
        "source_id": _short(planned.source_id),
        "name": _short(row.name),
        "parent_id": _short(row.parent_id),
    }


def _short(text: str | None) -> str | None:
    return None if text is None else text[:200]


def _archived(run: Run, experiment_id: int) -> dict[str, object]:
    """Deleted in the source: kept, but hidden until someone restores it."""
    return {
        "experiment_id": experiment_id,
        "project_id": run.project_id,
        "starred": False,
        "archived": True,
        "tags": [],
        "note": "",
        "updated_at": utcnow(),
    }


def _ingest(
    session: Session, run: Run, index: int, experiment_id: int, planned: PlannedExperiment
) -> int:
    records = [_record(name, point) for name, curve in planned.metrics.items() for point in curve]
    stored = 0
    for part, start in enumerate(range(0, len(records), BATCH_POINTS)):
        batch = MetricBatchIn.model_construct(
            batch_id=f"import-{run.id}-{index}-{part}",
            records=records[start : start + BATCH_POINTS],
        )
        stored += metrics.ingest(session, experiment_id, batch) or 0
    return stored


def _record(name: str, point: CurvePoint) -> MetricRecord:
    # Built without validation: the importers already checked names, steps and values.
    wall_time = point.wall_time if point.wall_time and math.isfinite(point.wall_time) else None
    return MetricRecord.model_construct(
        step=point.step, epoch=None, time=wall_time, values={name: point.value}
    )
