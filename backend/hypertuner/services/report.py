"""The project report's data: chosen experiments with values and metrics, each run's best
objective run after run with the best so far, what each run changed, the chosen journal
entries and the production choice. `hypertuner.report` renders it as one HTML file."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Sequence

from sqlalchemy.orm import Session

from hypertuner.core.errors import NotFound
from hypertuner.db.types import utcnow
from hypertuner.models import Project, Run, User
from hypertuner.schemas.common import JsonFloat, encode_float
from hypertuner.schemas.curation import JournalRead, ProductionMarkRead
from hypertuner.schemas.exports import (
    MAX_REPORT_EXPERIMENTS,
    ChangedParam,
    ProgressPoint,
    ReportData,
    ReportExperiment,
    ReportMetric,
    ReportProject,
    ReportRequest,
    ReportRun,
)
from hypertuner.schemas.run import Objective
from hypertuner.services import curation, exports
from hypertuner.services.exports import Listing, Row

log = logging.getLogger(__name__)
MAX_POINTS_PER_RUN = 400
MAX_CHANGED_VALUES = 12
JOURNAL_LIMIT = 200
HISTORY_SHOWN = 20
# Metric names that are better when lower; the project dashboard's guess uses the same words.
LOWER_IS_BETTER = re.compile(r"loss|err|mse|mae|rmse|perplexity|regret|inertia", re.IGNORECASE)


def report_data(
    session: Session, user: User, project: Project, request: ReportRequest
) -> ReportData:
    """Everything the report shows, chosen as the request says or by the defaults."""
    listing = exports.load(session, project, include_archived=True)
    objective = request.objective or usual_objective(listing.runs, listing.metric_names)
    runs, points, sampled = progress(listing, objective)
    chosen = _chosen(listing, request, runs)

    data = ReportData(
        title=request.title or f"{project.name}: tuning report",
        project=ReportProject(id=project.id, name=project.name, description=project.description),
        generated_at=utcnow(),
        generated_by=user.username,
        objective=objective,
        runs=runs,
        progress=points,
        progress_sampled=sampled,
        param_names=sorted({name for row in chosen for name in row.params}),
        metric_names=sorted({n for row in chosen for n in listing.summaries.get(row.id, {})}),
        experiments=[_experiment(row, listing, objective) for row in chosen],
        journal=_journal(session, project, request.journal_entry_ids),
        production=None,
        production_experiment=None,
        production_history=[],
    )
    if request.include_production:
        _add_production(session, project, listing, objective, data)
    log.info("report data of project %s built for user %s", project.id, user.id)
    return data


def usual_objective(runs: Sequence[Run], metric_names: Sequence[str] = ()) -> Objective | None:
    """The objective most runs use; between equals, the latest run's.

    Where no run names one (imports, external launchers), the first metric, as the project
    dashboard does: minimised when its name says it is a loss or an error.
    """
    counted = Counter(
        (run.objective_metric, run.objective_mode) for run in runs if run.objective_metric
    )
    if not counted:
        return _guessed_objective(metric_names)
    most = max(counted.values())
    for run in reversed(runs):
        key = (run.objective_metric or "", run.objective_mode)
        if run.objective_metric and counted[key] == most:
            mode = "min" if run.objective_mode == "min" else "max"
            return Objective(metric=run.objective_metric, mode=mode)
    return None


def _guessed_objective(metric_names: Sequence[str]) -> Objective | None:
    if not metric_names:
        return None
    name = metric_names[0]
    return Objective(metric=name, mode="min" if LOWER_IS_BETTER.search(name) else "max")


def objective_value(listing: Listing, row: Row, objective: Objective | None) -> float | None:
    """An experiment's best value of the objective over its curve (finite values only)."""
    if objective is None:
        return None
    summary = listing.summaries.get(row.id, {}).get(objective.metric)
    if summary is None:
        return None
    return summary[2] if objective.mode == "max" else summary[1]


def progress(
    listing: Listing, objective: Objective | None
) -> tuple[list[ReportRun], list[ProgressPoint], bool]:
    """Per run, in the order they were made: its best, the best so far and what changed."""
    by_run: dict[int, list[Row]] = {}
    for row in listing.rows:
        if not row.archived:
            by_run.setdefault(row.run_id, []).append(row)

    runs: list[ReportRun] = []
    points: list[ProgressPoint] = []
    sampled = False
    before: dict[str, dict[str, object]] = {}
    for run in listing.runs:
        rows = by_run.get(run.id, [])
        scored = [(r, v) for r in rows if (v := objective_value(listing, r, objective)) is not None]
        best = _best(scored, objective)
        values = _values(rows)
        so_far = runs[-1].best_so_far if runs else None
        runs.append(_run(run, listing, rows, best, _better(so_far, best, objective)))
        runs[-1].changed = _changed(before, values)
        before = values or before

        kept = _sample(scored, best)
        sampled = sampled or len(kept) < len(scored)
        points.extend(ProgressPoint(run_id=run.id, experiment_id=r.id, value=v) for r, v in kept)
    return runs, points, sampled


def _run(
    run: Run,
    listing: Listing,
    rows: list[Row],
    best: tuple[Row, float] | None,
    best_so_far: float | None,
) -> ReportRun:
    return ReportRun(
        id=run.id,
        name=run.name,
        kind=run.kind,
        status=run.status,
        created_at=run.created_at,
        experiments=len(rows),
        best=encode_float(best[1]) if best else None,
        best_experiment_id=best[0].id if best else None,
        best_so_far=encode_float(best_so_far),
        changed=[],
        note=listing.run_notes.get(run.id, ""),
    )


def _best(scored: list[tuple[Row, float]], objective: Objective | None) -> tuple[Row, float] | None:
    if not scored or objective is None:
        return None
    pick = max if objective.mode == "max" else min
    return pick(scored, key=lambda item: item[1])


def _better(
    so_far: JsonFloat, best: tuple[Row, float] | None, objective: Objective | None
) -> float | None:
    """The best so far after a run whose best is `best` (non-finite values never win)."""
    current = so_far if isinstance(so_far, float | int) else None
    if best is None:
        return current
    if current is None:
        return best[1]
    pick = min if objective is not None and objective.mode == "min" else max
    return pick(current, best[1])


def _sample(
    scored: list[tuple[Row, float]], best: tuple[Row, float] | None
) -> list[tuple[Row, float]]:
    """At most MAX_POINTS_PER_RUN points, evenly spread, always with the best."""
    if len(scored) <= MAX_POINTS_PER_RUN:
        return scored
    step = len(scored) / (MAX_POINTS_PER_RUN - 1)
    kept = [scored[int(i * step)] for i in range(MAX_POINTS_PER_RUN - 1)]
    return [*kept, best] if best and best not in kept else kept


def _values(rows: list[Row]) -> dict[str, dict[str, object]]:
    """Distinct values of each hyperparameter, keyed by their JSON text."""
    values: dict[str, dict[str, object]] = {}
    for row in rows:
        for name, value in row.params.items():
            values.setdefault(name, {})[json.dumps(value, sort_keys=True)] = value
    return values


def _changed(
    before: dict[str, dict[str, object]], now: dict[str, dict[str, object]]
) -> list[ChangedParam]:
    changed = []
    for name, values in now.items():
        if set(values) == set(before.get(name, {})):
            continue
        ordered = sorted(values.values(), key=_order)
        shown = ordered[:MAX_CHANGED_VALUES]
        changed.append(ChangedParam(name=name, values=shown, more=len(ordered) - len(shown)))
    return changed


def _order(value: object) -> tuple[int, float, str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return 0, float(value), ""
    return 1, 0.0, str(value)


def _chosen(listing: Listing, request: ReportRequest, runs: list[ReportRun]) -> list[Row]:
    by_id = {row.id: row for row in listing.rows}
    if request.experiment_ids is not None:
        missing = [i for i in request.experiment_ids if i not in by_id]
        if missing:
            message = f"experiment {missing[0]} not found in project {listing.project.id}"
            raise NotFound(message, field="experiment_ids")
        return [by_id[i] for i in dict.fromkeys(request.experiment_ids)]

    visible = [row for row in listing.rows if not row.archived]
    picked = [row for row in visible if row.starred or row.id == listing.production_id]
    if not picked:
        best = {run.best_experiment_id for run in runs}
        picked = [row for row in visible if row.id in best]
    return picked[:MAX_REPORT_EXPERIMENTS]


def _experiment(row: Row, listing: Listing, objective: Objective | None) -> ReportExperiment:
    names = {run.id: run.name for run in listing.runs}
    summary = listing.summaries.get(row.id, {})
    return ReportExperiment(
        id=row.id,
        run_id=row.run_id,
        run_name=names.get(row.run_id, ""),
        index=row.index,
        status=row.status,
        label=row.label,
        params=row.params,
        metrics={
            name: ReportMetric(
                last=encode_float(s[0]), min=encode_float(s[1]), max=encode_float(s[2])
            )
            for name, s in summary.items()
        },
        objective=encode_float(objective_value(listing, row, objective)),
        starred=row.starred,
        archived=row.archived,
        tags=row.tags,
        note=row.note,
        started_at=row.started_at,
        ended_at=row.ended_at,
    )


def _journal(session: Session, project: Project, ids: list[int] | None) -> list[JournalRead]:
    entries = curation.list_journal(session, project)
    if ids is None:
        return [JournalRead.model_validate(e) for e in entries[:JOURNAL_LIMIT]]
    by_id = {entry.id: entry for entry in entries}
    missing = [i for i in ids if i not in by_id]
    if missing:
        message = f"journal entry {missing[0]} not found in project {project.id}"
        raise NotFound(message, field="journal_entry_ids")
    wanted = set(ids)
    return [JournalRead.model_validate(e) for e in entries if e.id in wanted]


def _add_production(
    session: Session,
    project: Project,
    listing: Listing,
    objective: Objective | None,
    data: ReportData,
) -> None:
    mark = curation.current_production(session, project)
    if mark is not None:
        data.production = ProductionMarkRead.model_validate(mark)
        row = next((r for r in listing.rows if r.id == mark.experiment_id), None)
        data.production_experiment = _experiment(row, listing, objective) if row else None
    history = curation.production_history(session, project)[:HISTORY_SHOWN]
    data.production_history = [ProductionMarkRead.model_validate(m) for m in history]
