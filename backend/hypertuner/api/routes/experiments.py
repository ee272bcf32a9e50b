"""Experiments: read, stop, and the lifecycle calls of launchers and the SDK."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep, WritableExperiment
from hypertuner.api.params import Id
from hypertuner.models import Role
from hypertuner.schemas.experiment import (
    ExperimentDetail,
    ExperimentFinished,
    ExperimentRead,
    ExperimentStarted,
    ExternalExperimentCreate,
    ExternalExperimentCreated,
    HeartbeatAnswer,
)
from hypertuner.services import audit, experiments, projects

router = APIRouter(tags=["experiments"])


@router.post("/projects/{project_id}/experiments", status_code=201)
def create_external_experiment(
    project_id: Id, data: ExternalExperimentCreate, user: CurrentWriter, session: SessionDep
) -> ExternalExperimentCreated:
    """For external launchers: create a running experiment and a token scoped to it."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    experiment, token = experiments.create_external(session, project, user, data.params, data.run)
    session.commit()
    return ExternalExperimentCreated(
        experiment=experiments.read_many(session, [experiment])[0], token=token
    )


@router.get("/experiments/{experiment_id}")
def get_experiment(experiment_id: Id, user: CurrentUser, session: SessionDep) -> ExperimentDetail:
    """One experiment, with the tails of its output."""
    experiment = projects.get_experiment(session, user, experiment_id)
    return experiments.read_detail(session, experiment)


@router.post("/experiments/{experiment_id}/stop")
def stop_experiment(experiment_id: Id, user: CurrentWriter, session: SessionDep) -> ExperimentRead:
    """Stop one experiment; metrics logged so far are kept."""
    experiment = projects.get_experiment(session, user, experiment_id, Role.EDITOR)
    experiments.request_stop(experiment)
    audit.record(
        session,
        user,
        "experiment.stop",
        project_id=experiment.project_id,
        target=f"experiment {experiment.id}",
        summary="stop requested",
    )
    session.commit()
    return experiments.read_many(session, [experiment])[0]


@router.post("/experiments/{experiment_id}/started")
def experiment_started(
    data: ExperimentStarted, experiment: WritableExperiment, session: SessionDep
) -> HeartbeatAnswer:
    """The launcher reports the process; the answer says whether to stop at once."""
    stop = experiments.mark_started(session, experiment, data)
    session.commit()
    return HeartbeatAnswer(stop=stop)


@router.post("/experiments/{experiment_id}/heartbeat")
def experiment_heartbeat(experiment: WritableExperiment, session: SessionDep) -> HeartbeatAnswer:
    """The launcher's sign of life; the answer says whether to stop."""
    stop = experiments.heartbeat(experiment)
    session.commit()
    return HeartbeatAnswer(stop=stop)


@router.post("/experiments/{experiment_id}/finished")
def experiment_finished(
    data: ExperimentFinished, experiment: WritableExperiment, session: SessionDep
) -> ExperimentRead:
    """The outcome of the experiment; its token stops working."""
    experiments.mark_finished(session, experiment, data)
    session.commit()
    return experiments.read_many(session, [experiment])[0]
