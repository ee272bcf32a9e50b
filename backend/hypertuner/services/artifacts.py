"""Artifacts attached to experiments (idempotent by key, like metric batches)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from hypertuner import charts
from hypertuner.core.errors import InvalidInput, NotFound
from hypertuner.models import Artifact, Experiment
from hypertuner.schemas.artifact import ArtifactCreate

log = logging.getLogger(__name__)


def create(session: Session, experiment: Experiment, data: ArtifactCreate) -> Artifact:
    """Store an artifact; a repeated idempotency key answers the stored one.

    A built-in chart kind must carry a valid spec (docs/charts.md); other kinds are kept as
    they come.
    """
    if data.idempotency_key is not None:
        query = select(Artifact).where(
            Artifact.experiment_id == experiment.id,
            Artifact.idempotency_key == data.idempotency_key,
        )
        found = session.scalar(query)
        if found is not None:
            return found

    try:
        charts.validate(data.kind, data.payload)
    except charts.ChartError as error:
        path = ".".join(str(part) for part in ("payload", *error.path))
        raise InvalidInput(f"{path}: {error.message}", field=path) from error

    artifact = Artifact(
        experiment_id=experiment.id,
        kind=data.kind,
        name=data.name or data.kind,
        payload=data.payload,
        idempotency_key=data.idempotency_key,
    )
    session.add(artifact)
    session.flush()
    log.info("artifact %s (%s) stored for experiment %s", artifact.id, data.kind, experiment.id)
    return artifact


def list_for(session: Session, experiment: Experiment) -> list[Artifact]:
    query = select(Artifact).where(Artifact.experiment_id == experiment.id).order_by(Artifact.id)
    return list(session.scalars(query))


def get(session: Session, artifact_id: int) -> Artifact:
    artifact = session.get(Artifact, artifact_id)
    if artifact is None:
        raise NotFound(f"artifact {artifact_id} not found")
    return artifact
