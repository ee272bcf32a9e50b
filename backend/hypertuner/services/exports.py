"""Project-wide experiment listings: the dashboard's columnar table and the CSV and JSON
exports. One load serves them all, in a fixed number of queries whatever the project's size
(runs, run notes, experiments with their curation and origin, metric summaries, production)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Executable, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from hypertuner.core.errors import NotFound
from hypertuner.db.session import raw_rows
from hypertuner.db.types import utcnow
from hypertuner.models import (
    Experiment,
    ExperimentCuration,
    ExperimentOrigin,
    MetricSummary,
    Project,
    Run,
    RunNote,
)
from hypertuner.schemas.common import JsonFloat, encode_float
from hypertuner.schemas.dashboard import ParamInfo
from hypertuner.services import curation, dashboard

Summary = tuple[float | None, float | None, float | None, int, int]
"""last, min, max, count, nonfinite_count of one metric of one experiment."""
INF = math.inf
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Outer-joined curation: an experiment without a row was never archived.
NOT_ARCHIVED = or_(ExperimentCuration.archived.is_(None), ExperimentCuration.archived.is_(False))


@dataclass(slots=True)
class Row:
    """One experiment with its curation and origin; the last fields only in a full load."""

    id: int
    run_id: int
    index: int
    status: str
    params: dict[str, object]
    starred: bool
    archived: bool
    tags: list[str]
    has_note: bool
    label: str | None
    param_types: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    note: str = ""


@dataclass
class Listing:
    project: Project
    runs: list[Run]
    run_notes: dict[int, str]
    rows: list[Row]
    summaries: dict[int, dict[str, Summary]]
    production_id: int | None
    hidden: int = 0
    metric_names: list[str] = field(default_factory=list)


def load(
    session: Session,
    project: Project,
    ids: Sequence[int] | None = None,
    include_archived: bool = False,
    full: bool = True,
    latest: int | None = None,
) -> Listing:
    """The project's experiments (or those in `ids`, archived or not), oldest run first.

    Without `full`, only what the table shows: no types, reasons, times, note texts or
    metric summaries (the table reads those straight into columns). `latest` keeps only the
    last experiments in that order (the newest runs'), still oldest first.
    """
    runs = list(
        session.scalars(
            select(Run).where(Run.project_id == project.id).order_by(Run.created_at, Run.id)
        )
    )
    notes_query = select(RunNote.run_id, RunNote.note).join(Run, Run.id == RunNote.run_id)
    notes = dict(session.execute(notes_query.where(Run.project_id == project.id)).all())

    wanted = set(ids) if ids is not None else None
    rows = _rows(session, project, wanted, include_archived or wanted is not None, full, latest)
    if wanted is not None:
        _check_found(project, ids or [], rows)
    summaries = _summaries(session, project, wanted, {row.id for row in rows}) if full else {}
    production = curation.current_production(session, project)

    production_id = production.experiment_id if production else None
    listing = Listing(project, runs, notes, rows, summaries, production_id)
    listing.metric_names = sorted({name for s in summaries.values() for name in s})
    if not include_archived and wanted is None:
        listing.hidden = _archived_count(session, project)
    return listing


def _rows(
    session: Session,
    project: Project,
    wanted: set[int] | None,
    include_archived: bool,
    full: bool,
    latest: int | None = None,
) -> list[Row]:
    """JSON values are read as text and parsed with orjson: at 100,000 rows much faster than
    the driver's json.loads per row."""
    query = _rows_query(project, wanted, include_archived, full, latest)
    rows = []
    for found in _processed_rows(session, query) if full else raw_rows(session, query):
        eid, run_id, index, status, params, starred, archived, tags, noted, name = found[:10]
        if wanted is not None and eid not in wanted:
            continue
        row = Row(
            *(eid, run_id, index, status, orjson.loads(params) if params else {}),
            *(bool(starred), bool(archived), orjson.loads(tags) if tags else []),
            *(bool(noted), name or found[10]),
        )
        if full:
            types, row.reason, row.started_at, row.ended_at, note = found[11:]
            row.param_types, row.note = orjson.loads(types) if types else {}, note or ""
        rows.append(row)
    return rows[::-1] if latest is not None else rows


def _rows_query(
    project: Project,
    wanted: set[int] | None,
    include_archived: bool,
    full: bool,
    latest: int | None = None,
) -> Executable:
    columns: list[Any] = [Experiment.id, Experiment.run_id, Experiment.index]
    columns += [Experiment.status, cast(Experiment.params, Text), ExperimentCuration.starred]
    columns += [ExperimentCuration.archived, cast(ExperimentCuration.tags, Text)]
    columns += [ExperimentCuration.note != "", ExperimentOrigin.name, ExperimentOrigin.source_id]
    if full:
        columns += [cast(Experiment.param_types, Text), Experiment.reason]
        columns += [Experiment.started_at, Experiment.ended_at, ExperimentCuration.note]
    query = (
        select(*columns)
        .outerjoin(ExperimentCuration, ExperimentCuration.experiment_id == Experiment.id)
        .outerjoin(ExperimentOrigin, ExperimentOrigin.experiment_id == Experiment.id)
        .where(Experiment.project_id == project.id)
    )
    order = [Experiment.run_id, Experiment.index, Experiment.id]
    if latest is None:
        query = query.order_by(*order)
    else:  # newest first here; _rows turns them back
        query = query.order_by(*(column.desc() for column in order)).limit(latest)
    if not include_archived:
        query = query.where(NOT_ARCHIVED)
    if wanted is not None and len(wanted) <= curation.CHUNK:
        query = query.where(Experiment.id.in_(sorted(wanted)))
    return query


def _check_found(project: Project, ids: Sequence[int], rows: list[Row]) -> None:
    found = {row.id for row in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        shown = ", ".join(str(i) for i in missing[:10])
        raise NotFound(
            f"{len(missing)} experiments not found in project {project.id}: {shown}",
            field="experiment_ids",
        )


def _summary_query(project: Project, wanted: set[int] | None, full: bool) -> Executable:
    columns: list[Any] = [MetricSummary.experiment_id, MetricSummary.name]
    columns += [MetricSummary.last, MetricSummary.min, MetricSummary.max]
    if full:
        columns += [MetricSummary.count, MetricSummary.nonfinite_count]
    query = (
        select(*columns)
        .join(Experiment, Experiment.id == MetricSummary.experiment_id)
        .where(Experiment.project_id == project.id)
    )
    if wanted is not None and len(wanted) <= curation.CHUNK:
        query = query.where(MetricSummary.experiment_id.in_(sorted(wanted)))
    return query


def _summaries(
    session: Session, project: Project, wanted: set[int] | None, listed: set[int]
) -> dict[int, dict[str, Summary]]:
    found: dict[int, dict[str, Summary]] = {}
    for eid, name, last, low, high, count, nonfinite in raw_rows(
        session, _summary_query(project, wanted, full=True)
    ):
        if eid in listed:
            found.setdefault(eid, {})[name] = (last, low, high, count, nonfinite)
    return found


def _archived_count(session: Session, project: Project) -> int:
    query = select(func.count()).where(
        ExperimentCuration.project_id == project.id, ExperimentCuration.archived.is_(True)
    )
    return session.scalar(query) or 0


def param_infos(listing: Listing) -> list[ParamInfo]:
    """Type and axis of every hyperparameter, inferred from its values across the project,
    the way the run dashboard infers those a run's spec does not declare."""
    anonymous = Run(spec={})  # no spec: every type comes from the values seen
    return dashboard.param_infos(anonymous, (row.params for row in listing.rows))


def experiment_table(
    session: Session, project: Project, include_archived: bool, latest: int | None = None
) -> dict[str, object]:
    """The dashboard's table as parallel arrays, ready for JSON (non-finite floats as text).

    With `latest`, only the last experiments in run order (the newest runs'; an experiment
    added late to an old run is not among them): a first answer the dashboard can draw at once
    while the whole table, which takes seconds at 100,000 experiments, is on its way.
    """
    listing = load(session, project, include_archived=include_archived, full=False, latest=latest)
    rows = listing.rows
    infos = param_infos(listing)
    names, metric_values = _metric_columns(session, project, rows, latest is not None)
    available = len(rows) if latest is None else _listed_count(session, project, include_archived)
    return {
        "project_id": project.id,
        "total": len(rows),
        "available": available,
        "partial": len(rows) < available,
        "archived_hidden": listing.hidden,
        "runs": [_table_run(run, listing) for run in listing.runs],
        "params": [info.model_dump() for info in infos],
        "metrics": names,
        "id": [r.id for r in rows],
        "run_id": [r.run_id for r in rows],
        "index": [r.index for r in rows],
        "status": [r.status for r in rows],
        "label": [r.label for r in rows],
        "values": {info.name: [r.params.get(info.name) for r in rows] for info in infos},
        "metric_values": metric_values,
        "starred": [r.starred for r in rows],
        "archived": [r.archived for r in rows],
        "tags": [r.tags for r in rows],
        "has_note": [r.has_note for r in rows],
        "production_experiment_id": listing.production_id,
    }


RUN_FIELDS = ("id", "name", "kind", "status", "objective_metric", "objective_mode", "created_at")


def _table_run(run: Run, listing: Listing) -> dict[str, object]:
    fields: dict[str, object] = {name: getattr(run, name) for name in RUN_FIELDS}
    return fields | {"has_note": bool(listing.run_notes.get(run.id))}


def _listed_count(session: Session, project: Project, include_archived: bool) -> int:
    query = (
        select(func.count())
        .select_from(Experiment)
        .outerjoin(ExperimentCuration, ExperimentCuration.experiment_id == Experiment.id)
        .where(Experiment.project_id == project.id)
    )
    if not include_archived:
        query = query.where(NOT_ARCHIVED)
    return session.scalar(query) or 0


def _summary_rows(
    session: Session, project: Project, rows: list[Row], by_id: bool
) -> list[Sequence[Any]]:
    """Summaries of the whole project, or (`by_id`) of the listed rows only."""
    if not by_id:
        return raw_rows(session, _summary_query(project, None, full=False))
    ids = [row.id for row in rows]
    found: list[Sequence[Any]] = []
    for start in range(0, len(ids), curation.CHUNK):
        chunk = set(ids[start : start + curation.CHUNK])
        found += raw_rows(session, _summary_query(project, chunk, full=False))
    return found


def _metric_columns(
    session: Session, project: Project, rows: list[Row], by_id: bool = False
) -> tuple[list[str], dict[str, dict[str, list[JsonFloat]]]]:
    """Last, min and max of every metric, aligned with `rows`, read in one pass: at 100,000
    experiments this is the hottest loop of the table."""
    position = {row.id: i for i, row in enumerate(rows)}
    size = len(rows)
    columns: dict[str, tuple[list[JsonFloat], list[JsonFloat], list[JsonFloat]]] = {}
    for eid, name, last, low, high in _summary_rows(session, project, rows, by_id):
        i = position.get(eid)
        if i is None:
            continue
        column = columns.get(name)
        if column is None:
            column = columns[name] = ([None] * size, [None] * size, [None] * size)
        # Inline finiteness checks: a call per value costs more than the rest of the loop.
        column[0][i] = last if last is None or -INF < last < INF else encode_float(last)
        column[1][i] = low if low is None or -INF < low < INF else encode_float(low)
        column[2][i] = high if high is None or -INF < high < INF else encode_float(high)

    names = sorted(columns)
    return names, {n: dict(zip(("last", "min", "max"), columns[n], strict=True)) for n in names}


def _processed_rows(session: Session, query: Executable) -> list[Sequence[Any]]:
    return list(session.connection().execute(query).all())


def export_csv(
    session: Session, project: Project, ids: Sequence[int] | None, archived: bool
) -> str:
    """One line per experiment; `param:` and `metric:` headers say each column's role, so the
    file imports back as it was."""
    listing = load(session, project, ids, archived)
    names = [info.name for info in param_infos(listing)]
    metrics = listing.metric_names
    run_names = {run.id: run.name for run in listing.runs}

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            *("experiment_id", "run_id", "run", "index", "status", "label"),
            *("started_at", "ended_at", "starred", "archived", "tags", "note"),
            *(f"param:{name}" for name in names),
            *(f"metric:{name}" for name in metrics),
            *(f"metric_min:{name}" for name in metrics),
            *(f"metric_max:{name}" for name in metrics),
        ]
    )
    for row in listing.rows:
        summary = listing.summaries.get(row.id, {})
        writer.writerow(
            [
                *(row.id, row.run_id, _cell(run_names.get(row.run_id)), row.index, row.status),
                _cell(row.label),
                *(_time(row.started_at), _time(row.ended_at)),
                *(_cell(row.starred), _cell(row.archived)),
                _cell(";".join(row.tags)),
                _cell(row.note),
                *(_cell(row.params.get(name)) for name in names),
                *(_number(summary, name, 0) for name in metrics),
                *(_number(summary, name, 1) for name in metrics),
                *(_number(summary, name, 2) for name in metrics),
            ]
        )
    return out.getvalue()


def _cell(value: object) -> str:
    """A value as CSV text; text that a spreadsheet would run as a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"'{text}" if text.startswith(FORMULA_STARTS) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number(summary: dict[str, Summary], name: str, part: int) -> str:
    values = summary.get(name)
    value = None if values is None else values[part]
    encoded = encode_float(value)
    return "" if encoded is None else str(encoded) if isinstance(encoded, str) else repr(encoded)


def _time(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def export_json(
    session: Session, project: Project, ids: Sequence[int] | None, archived: bool
) -> dict[str, object]:
    """Runs, experiments (values, types, metric summaries, curation) and the project's
    journal and production history, as one JSON document."""
    listing = load(session, project, ids, archived)
    listed_runs = {row.run_id for row in listing.rows}
    return {
        "format": "hypertuner-export",
        "version": 1,
        "exported_at": utcnow(),
        "project": {"id": project.id, "name": project.name, "description": project.description},
        "runs": [
            {**_table_run(run, listing), "note": listing.run_notes.get(run.id, "")}
            for run in listing.runs
            if run.id in listed_runs
        ],
        "experiments": [_json_row(row, listing) for row in listing.rows],
        "journal": [
            {"id": e.id, "day": e.day, "body": e.body, "author": e.author}
            for e in curation.list_journal(session, project)
        ],
        "production_history": [
            {
                "experiment_id": m.experiment_id,
                "note": m.note,
                "marked_by": m.marked_by_name,
                "marked_at": m.marked_at,
            }
            for m in curation.production_history(session, project)
        ],
    }


ROW_FIELDS = (
    *("id", "run_id", "index", "status", "label", "params", "param_types", "reason"),
    *("started_at", "ended_at", "starred", "archived", "tags", "note"),
)


def _json_row(row: Row, listing: Listing) -> dict[str, object]:
    fields: dict[str, object] = {name: getattr(row, name) for name in ROW_FIELDS}
    fields["metrics"] = {
        name: {
            "last": encode_float(last),
            "min": encode_float(low),
            "max": encode_float(high),
            "count": count,
            "nonfinite_count": nonfinite,
        }
        for name, (last, low, high, count, nonfinite) in listing.summaries.get(row.id, {}).items()
    }
    return fields
