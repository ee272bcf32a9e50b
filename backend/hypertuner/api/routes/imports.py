"""Import of past history (CSV/TSV, Optuna, TensorBoard HParams, Ray Tune, MLflow)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.api.params import Id
from hypertuner.api.text_guard import MESSAGE, has_nul
from hypertuner.importers import Format
from hypertuner.models import Project, Role
from hypertuner.schemas.imports import ImportPreview, ImportResult, ImportSettings
from hypertuner.services import imports, projects

router = APIRouter(tags=["imports"])

Files = Annotated[
    list[UploadFile],
    File(description="Files, or one zip/tar of a folder (Ray Tune trial folders, mlruns/)"),
]
SourceFormat = Annotated[
    Format, Form(alias="format", description="The files' format, or auto to detect it")
]
Settings = Annotated[
    str, Form(description="JSON of ImportSettings: run_name, roles, types, objective")
]


def _readable(project_id: Id, user: CurrentUser, session: SessionDep) -> Project:
    return projects.get_project(session, user, project_id)


def _editable(project_id: Id, user: CurrentWriter, session: SessionDep) -> Project:
    return projects.get_project(session, user, project_id, Role.EDITOR)


# As dependencies, the role checks answer 401/403/404 before the upload is looked at.
EditableProject = Annotated[Project, Depends(_editable)]


def _read(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    return [(upload.filename or "", upload.file.read()) for upload in files]


def _settings(text: str) -> ImportSettings:
    if has_nul(text):
        problem = {"type": "nul", "loc": ("body", "settings"), "msg": MESSAGE, "input": None}
        raise RequestValidationError([problem])
    try:
        return ImportSettings.model_validate_json(text or "{}")
    except ValidationError as error:
        problems = [
            {**item, "loc": ("body", "settings", *item["loc"])}
            for item in error.errors(include_url=False)
        ]
        raise RequestValidationError(problems) from error


@router.post("/projects/{project_id}/imports/preview", dependencies=[Depends(_readable)])
def preview_import(
    files: Files,
    source_format: SourceFormat = "auto",
    settings: Settings = "{}",
) -> ImportPreview:
    """Detected format, columns with their type and suggested role, sample rows; stores nothing."""
    return imports.preview(_read(files), source_format, _settings(settings))


@router.post("/projects/{project_id}/imports", status_code=201)
def create_import(
    project: EditableProject,
    user: CurrentWriter,
    session: SessionDep,
    files: Files,
    source_format: SourceFormat = "auto",
    settings: Settings = "{}",
) -> ImportResult:
    """Import the files as one run of kind `imported`: all or nothing."""
    uploads, chosen = _read(files), _settings(settings)
    result = imports.import_run(session, project, user, uploads, source_format, chosen)
    session.commit()
    return result
