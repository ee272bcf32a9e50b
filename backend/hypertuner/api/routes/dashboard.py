"""The run dashboard: experiments as columns with a change feed, range locks, selections."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import orjson
from fastapi import APIRouter, Path, Query, Response

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.models import Role
from hypertuner.schemas.dashboard import (
    ExperimentColumns,
    LockRead,
    LockWrite,
    SelectionCreate,
    SelectionRead,
    Stat,
)
from hypertuner.services import dashboard, projects

router = APIRouter(tags=["dashboard"])
ParamName = Annotated[str, Path(min_length=1, max_length=200)]
# Ids are 32-bit columns: a larger number is refused here rather than overflowing the driver.
RunId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SelectionId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/runs/{run_id}/columns", response_model=ExperimentColumns)
def experiment_columns(
    run_id: RunId,
    user: CurrentUser,
    session: SessionDep,
    since: Annotated[
        datetime | None, Query(description="A `cursor` from an earlier answer")
    ] = None,
    stats: Annotated[
        list[Stat] | None, Query(max_length=3, description="Metric summaries to send")
    ] = None,
) -> Response:
    """The run's experiments as parallel arrays (fast for 10,000s); with `since`, changes only.

    `stats` (repeatable: last, min, max; last by default) picks each metric's summaries.
    """
    run = projects.get_run(session, user, run_id)
    chosen = list(dict.fromkeys(stats or ["last"]))
    body = orjson.dumps(dashboard.experiment_columns(session, run, since, chosen))
    return Response(body, media_type="application/json")


@router.get("/runs/{run_id}/locks")
def list_locks(run_id: RunId, user: CurrentUser, session: SessionDep) -> list[LockRead]:
    """The run's locked hyperparameter ranges, with who locked them and when."""
    run = projects.get_run(session, user, run_id)
    return [LockRead.model_validate(lock) for lock in dashboard.list_locks(session, run)]


@router.put("/runs/{run_id}/locks/{name}")
def put_lock(
    run_id: RunId, name: ParamName, data: LockWrite, user: CurrentWriter, session: SessionDep
) -> LockRead:
    """Lock a promising range of one hyperparameter (replacing an earlier lock)."""
    run = projects.get_run(session, user, run_id, Role.EDITOR)
    lock = dashboard.put_lock(session, run, user, name, data)
    session.commit()
    return LockRead.model_validate(lock)


@router.delete("/runs/{run_id}/locks/{name}", status_code=204)
def delete_lock(run_id: RunId, name: ParamName, user: CurrentWriter, session: SessionDep) -> None:
    """Unlock one hyperparameter."""
    run = projects.get_run(session, user, run_id, Role.EDITOR)
    dashboard.delete_lock(session, run, user, name)
    session.commit()


@router.get("/runs/{run_id}/selections")
def list_selections(run_id: RunId, user: CurrentUser, session: SessionDep) -> list[SelectionRead]:
    """The run's named selections, oldest first."""
    run = projects.get_run(session, user, run_id)
    return [SelectionRead.model_validate(s) for s in dashboard.list_selections(session, run)]


@router.post("/runs/{run_id}/selections", status_code=201)
def create_selection(
    run_id: RunId, data: SelectionCreate, user: CurrentWriter, session: SessionDep
) -> SelectionRead:
    """Keep the current selection under a name (unique within the run)."""
    run = projects.get_run(session, user, run_id, Role.EDITOR)
    selection = dashboard.create_selection(session, run, user, data)
    session.commit()
    return SelectionRead.model_validate(selection)


@router.delete("/runs/{run_id}/selections/{selection_id}", status_code=204)
def delete_selection(
    run_id: RunId, selection_id: SelectionId, user: CurrentWriter, session: SessionDep
) -> None:
    """Forget a named selection."""
    run = projects.get_run(session, user, run_id, Role.EDITOR)
    dashboard.delete_selection(session, run, user, selection_id)
    session.commit()
