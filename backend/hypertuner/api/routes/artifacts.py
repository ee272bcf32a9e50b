"""Artifacts of experiments."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, SessionDep, WritableExperiment
from hypertuner.api.params import Id
from hypertuner.core.errors import NotFound
from hypertuner.schemas.artifact import ArtifactCreate, ArtifactRead, ArtifactSummary
from hypertuner.services import artifacts, projects

router = APIRouter(tags=["artifacts"])


@router.post("/experiments/{experiment_id}/artifacts", status_code=201)
def create_artifact(
    data: ArtifactCreate, experiment: WritableExperiment, session: SessionDep
) -> ArtifactSummary:
    """Attach a JSON artifact (a confusion matrix, a chart spec...)."""
    artifact = artifacts.create(session, experiment, data)
    session.commit()
    return ArtifactSummary.model_validate(artifact)


@router.get("/experiments/{experiment_id}/artifacts")
def list_artifacts(
    experiment_id: Id, user: CurrentUser, session: SessionDep
) -> list[ArtifactSummary]:
    """The experiment's artifacts, without payloads."""
    experiment = projects.get_experiment(session, user, experiment_id)
    return [ArtifactSummary.model_validate(a) for a in artifacts.list_for(session, experiment)]


@router.get("/artifacts/{artifact_id}")
def get_artifact(artifact_id: Id, user: CurrentUser, session: SessionDep) -> ArtifactRead:
    """One artifact with its payload."""
    artifact = artifacts.get(session, artifact_id)
    try:
        projects.get_experiment(session, user, artifact.experiment_id)
    except NotFound as error:
        raise NotFound(f"artifact {artifact_id} not found") from error
    return ArtifactRead.model_validate(artifact)
