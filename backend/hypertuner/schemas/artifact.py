"""Artifacts: typed JSON payloads attached to an experiment."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hypertuner.schemas.common import FiniteJson, ReadSchema, Schema


class ArtifactCreate(Schema):
    kind: str = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")
    name: str | None = Field(default=None, min_length=1, max_length=200)
    payload: FiniteJson
    idempotency_key: str | None = Field(default=None, min_length=1, max_length=64)


class ArtifactSummary(ReadSchema):
    id: int
    experiment_id: int
    kind: str
    name: str
    created_at: datetime


class ArtifactRead(ArtifactSummary):
    payload: object
