"""Runs: preview, launch, list, read and stop sweeps."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query

from hypertuner.api.deps import CurrentUser, CurrentWriter, LauncherDep, SessionDep
from hypertuner.api.params import Id
from hypertuner.core.errors import LauncherUnavailable
from hypertuner.flags import FlagName
from hypertuner.models import Role, Run
from hypertuner.schemas.experiment import ExperimentRead
from hypertuner.schemas.run import RunCreate, RunPreview, RunRead
from hypertuner.services import audit, experiments, projects, runs

log = logging.getLogger(__name__)
router = APIRouter(tags=["runs"])


def _read(run: Run, counts: dict[str, int]) -> RunRead:
    return RunRead.model_validate(run).model_copy(update={"counts": counts})


@router.post("/projects/{project_id}/runs/preview")
def preview_run(
    project_id: Id, data: RunCreate, user: CurrentUser, session: SessionDep
) -> RunPreview:
    """How many experiments a launch would create, each marked if it already ran."""
    project = projects.get_project(session, user, project_id)
    return runs.plan_run(session, project, data).preview


@router.post("/projects/{project_id}/runs", status_code=201)
def launch_run(
    project_id: Id,
    data: RunCreate,
    user: CurrentWriter,
    session: SessionDep,
    launcher: LauncherDep,
) -> RunRead:
    """Store the run with its experiments and start it on Ray Tune."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    run = runs.create_run(session, project, user, runs.plan_run(session, project, data))
    audit.record(
        session,
        user,
        "run.launch",
        project_id=project.id,
        target=f"run {run.id}",
        summary=f"launched {run.name!r}",
    )
    session.commit()

    try:
        handle = launcher.submit(run.id)
    except Exception as error:
        log.exception("could not start the driver of run %s", run.id)
        runs.mark_launch_failed(session, run, str(error))
        session.commit()
        raise LauncherUnavailable(f"the run was stored but could not start: {error}") from error

    run.driver_pid, run.driver_host = handle.pid, handle.host
    session.commit()
    return _read(run, runs.status_counts(session, [run.id])[run.id])


@router.get("/projects/{project_id}/runs")
def list_runs(project_id: Id, user: CurrentUser, session: SessionDep) -> list[RunRead]:
    """Every run of a project, oldest first, with experiment counts per status."""
    project = projects.get_project(session, user, project_id)
    found = runs.list_runs(session, project)
    counts = runs.status_counts(session, [run.id for run in found])
    return [_read(run, counts[run.id]) for run in found]


@router.get("/runs/{run_id}")
def get_run(run_id: Id, user: CurrentUser, session: SessionDep) -> RunRead:
    """One run."""
    run = projects.get_run(session, user, run_id)
    return _read(run, runs.status_counts(session, [run.id])[run.id])


@router.post("/runs/{run_id}/stop")
def stop_run(run_id: Id, user: CurrentWriter, session: SessionDep) -> RunRead:
    """Stop every experiment of the run (SIGTERM, then SIGKILL after the grace period)."""
    run = projects.get_run(session, user, run_id, Role.EDITOR)
    runs.request_stop(session, run)
    audit.record(
        session,
        user,
        "run.stop",
        project_id=run.project_id,
        target=f"run {run.id}",
        summary=f"stopped {run.name!r}",
    )
    session.commit()
    return _read(run, runs.status_counts(session, [run.id])[run.id])


@router.get("/runs/{run_id}/experiments")
def list_experiments(
    run_id: Id,
    user: CurrentUser,
    session: SessionDep,
    flag: Annotated[list[FlagName] | None, Query(description="Only these flags (any)")] = None,
) -> list[ExperimentRead]:
    """The run's experiments with their values, metric summaries and flags."""
    run = projects.get_run(session, user, run_id)
    return experiments.read_many(session, experiments.list_for_run(session, run), flag)
