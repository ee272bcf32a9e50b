"""Project-wide listings: the dashboard's experiment table, CSV and JSON exports, the report."""

from __future__ import annotations

from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Query, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from hypertuner.api.deps import CurrentUser, SessionDep
from hypertuner.api.params import MAX_ID, Id
from hypertuner.core.errors import InvalidInput
from hypertuner.report import render_html
from hypertuner.schemas.exports import ExperimentTable, ReportData, ReportRequest
from hypertuner.services import exports, projects, report

router = APIRouter(tags=["exports"])

IdList = Annotated[
    str | None,
    Query(description="Comma-separated ids, e.g. 3,4,9; unset = all", max_length=2_000_000),
]
IncludeArchived = Annotated[bool, Query(description="Also list archived experiments")]
MAX_LATEST = 10_000


def _ids(text: str | None, field: str) -> list[int] | None:
    if text is None:
        return None
    try:
        ids = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise InvalidInput(f"{field} must be comma-separated integers", field=field) from error
    if any(not 1 <= i <= MAX_ID for i in ids):
        raise InvalidInput(f"{field} holds an id out of range", field=field)
    return ids


def _json(body: object) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/projects/{project_id}/experiments/table", response_model=ExperimentTable)
def experiment_table(
    project_id: Id,
    user: CurrentUser,
    session: SessionDep,
    include_archived: IncludeArchived = False,
    latest: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_LATEST,
            description="Only the last N in run order (the newest runs'), for a first paint",
        ),
    ] = None,
) -> Response:
    """Every experiment of every run as parallel arrays (fast for 100,000s)."""
    project = projects.get_project(session, user, project_id)
    return _json(exports.experiment_table(session, project, include_archived, latest))


@router.get("/projects/{project_id}/export.csv", response_class=Response)
def export_csv(
    project_id: Id,
    user: CurrentUser,
    session: SessionDep,
    experiment_ids: IdList = None,
    include_archived: IncludeArchived = True,
) -> Response:
    """The experiments as CSV: one line each, `param:` and `metric:` columns (imports back)."""
    project = projects.get_project(session, user, project_id)
    ids = _ids(experiment_ids, "experiment_ids")
    text = exports.export_csv(session, project, ids, include_archived)
    headers = _attachment(f"project-{project.id}-experiments.csv")
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/projects/{project_id}/export.json")
def export_json(
    project_id: Id,
    user: CurrentUser,
    session: SessionDep,
    experiment_ids: IdList = None,
    include_archived: IncludeArchived = True,
) -> Response:
    """Runs, experiments with values, types, metric summaries and curation, the journal and
    the production history, as one JSON document."""
    project = projects.get_project(session, user, project_id)
    ids = _ids(experiment_ids, "experiment_ids")
    body = orjson.dumps(exports.export_json(session, project, ids, include_archived))
    headers = _attachment(f"project-{project.id}-experiments.json")
    return Response(body, media_type="application/json", headers=headers)


@router.get("/projects/{project_id}/report/data")
def report_data(
    project_id: Id,
    user: CurrentUser,
    session: SessionDep,
    experiment_ids: IdList = None,
    journal_entry_ids: IdList = None,
    title: str | None = None,
    objective_metric: str | None = None,
    objective_mode: Literal["min", "max"] = "max",
    include_production: bool = True,
) -> ReportData:
    """What the report shows, for the app's read-only report page; writes nothing."""
    project = projects.get_project(session, user, project_id)
    raw = {
        "title": title,
        "experiment_ids": _ids(experiment_ids, "experiment_ids"),
        "journal_entry_ids": _ids(journal_entry_ids, "journal_entry_ids"),
        "include_production": include_production,
        "objective": {"metric": objective_metric, "mode": objective_mode}
        if objective_metric
        else None,
    }
    try:
        request = ReportRequest.model_validate(raw)
    except ValidationError as error:
        problems = [{**e, "loc": ("query", *e["loc"])} for e in error.errors(include_url=False)]
        raise RequestValidationError(problems) from error
    return report.report_data(session, user, project, request)


@router.post("/projects/{project_id}/report", response_class=Response)
def report_file(
    project_id: Id, data: ReportRequest, user: CurrentUser, session: SessionDep
) -> Response:
    """The report as one self-contained HTML file (inline CSS and SVG, no scripts)."""
    project = projects.get_project(session, user, project_id)
    html = render_html(report.report_data(session, user, project, data))
    headers = _attachment(f"project-{project.id}-report.html")
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)
