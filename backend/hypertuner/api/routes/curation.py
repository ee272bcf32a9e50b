"""Curation: star, archive, tag and annotate experiments; run notes; the project journal; the
production choice and its history."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.api.params import Id
from hypertuner.models import Role
from hypertuner.schemas.curation import (
    BulkCuration,
    BulkResult,
    CurationRead,
    CurationUpdate,
    JournalCreate,
    JournalRead,
    JournalUpdate,
    ProductionChoice,
    ProductionMarkRead,
    ProductionRead,
    RunNoteRead,
    RunNoteWrite,
)
from hypertuner.services import curation, projects

router = APIRouter(tags=["curation"])


@router.get("/experiments/{experiment_id}/curation")
def read_curation(experiment_id: Id, user: CurrentUser, session: SessionDep) -> CurationRead:
    """Star, archive flag, tags and markdown note of one experiment."""
    experiment = projects.get_experiment(session, user, experiment_id)
    return curation.read_curation(session, experiment)


@router.patch("/experiments/{experiment_id}/curation")
def update_curation(
    experiment_id: Id, data: CurationUpdate, user: CurrentWriter, session: SessionDep
) -> CurationRead:
    """Change any of star, archive flag, tags (replaced whole) and note; others stay."""
    experiment = projects.get_experiment(session, user, experiment_id, Role.EDITOR)
    answer = curation.update_curation(session, user, experiment, data)
    session.commit()
    return answer


@router.post("/projects/{project_id}/curation/bulk")
def bulk_curation(
    project_id: Id, data: BulkCuration, user: CurrentWriter, session: SessionDep
) -> BulkResult:
    """Star, archive or tag many experiments at once; all or nothing."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    updated = curation.bulk_update(session, user, project, data)
    session.commit()
    return BulkResult(updated=updated)


@router.get("/runs/{run_id}/note")
def read_run_note(run_id: Id, user: CurrentUser, session: SessionDep) -> RunNoteRead:
    """The markdown note of a run (empty if none)."""
    run = projects.get_run(session, user, run_id)
    return RunNoteRead.model_validate(curation.read_run_note(session, run))


@router.put("/runs/{run_id}/note")
def write_run_note(
    run_id: Id, data: RunNoteWrite, user: CurrentWriter, session: SessionDep
) -> RunNoteRead:
    """Replace the markdown note of a run."""
    run = projects.get_run(session, user, run_id, Role.EDITOR)
    note = curation.write_run_note(session, user, run, data.note)
    session.commit()
    return RunNoteRead.model_validate(note)


@router.get("/projects/{project_id}/journal")
def list_journal(project_id: Id, user: CurrentUser, session: SessionDep) -> list[JournalRead]:
    """The project's journal, newest day first."""
    project = projects.get_project(session, user, project_id)
    return [JournalRead.model_validate(e) for e in curation.list_journal(session, project)]


@router.post("/projects/{project_id}/journal", status_code=201)
def add_journal_entry(
    project_id: Id, data: JournalCreate, user: CurrentWriter, session: SessionDep
) -> JournalRead:
    """Add a dated markdown entry (today unless `day` is given)."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    entry = curation.add_journal_entry(session, user, project, data)
    session.commit()
    return JournalRead.model_validate(entry)


@router.patch("/projects/{project_id}/journal/{entry_id}")
def update_journal_entry(
    project_id: Id, entry_id: Id, data: JournalUpdate, user: CurrentWriter, session: SessionDep
) -> JournalRead:
    """Correct an entry's text or day."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    entry = curation.get_journal_entry(session, project, entry_id)
    curation.update_journal_entry(session, user, entry, data)
    session.commit()
    return JournalRead.model_validate(entry)


@router.delete("/projects/{project_id}/journal/{entry_id}", status_code=204)
def delete_journal_entry(
    project_id: Id, entry_id: Id, user: CurrentWriter, session: SessionDep
) -> None:
    """Remove an entry."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    entry = curation.get_journal_entry(session, project, entry_id)
    curation.delete_journal_entry(session, user, entry)
    session.commit()


@router.post("/projects/{project_id}/production", status_code=201)
def mark_production(
    project_id: Id, data: ProductionChoice, user: CurrentWriter, session: SessionDep
) -> ProductionRead:
    """Mark an experiment as the production choice (null clears it); history keeps every mark."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    experiment = None
    if data.experiment_id is not None:
        experiment = projects.get_experiment(session, user, data.experiment_id)
    mark = curation.mark_production(session, user, project, experiment, data.note)
    session.commit()
    return curation.describe_production(session, mark)


@router.get("/projects/{project_id}/production")
def read_production(project_id: Id, user: CurrentUser, session: SessionDep) -> ProductionRead:
    """The current production choice, or nulls when there is none."""
    project = projects.get_project(session, user, project_id)
    return curation.describe_production(session, curation.current_production(session, project))


@router.get("/projects/{project_id}/production/history")
def production_history(
    project_id: Id, user: CurrentUser, session: SessionDep
) -> list[ProductionMarkRead]:
    """Who marked which experiment when, newest first (a null experiment cleared the choice)."""
    project = projects.get_project(session, user, project_id)
    marks = curation.production_history(session, project)
    return [ProductionMarkRead.model_validate(mark) for mark in marks]
