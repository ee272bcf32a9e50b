"""Experiments and the launcher's lifecycle calls."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from hypertuner.schemas.common import FiniteJson, JsonFloat, ReadSchema, Schema
from hypertuner.schemas.flags import FlagRead, StoppedByRead


class MetricSummaryRead(ReadSchema):
    last: JsonFloat
    min: JsonFloat
    max: JsonFloat
    last_step: int | None
    last_epoch: int | None
    count: int
    nonfinite_count: int


class ExperimentRead(ReadSchema):
    id: int
    run_id: int
    project_id: int
    index: int
    params: dict[str, object]
    param_types: dict[str, str]
    argv: list[str]
    status: str
    stop_requested: bool
    reason: str | None
    exit_code: int | None
    host: str | None
    script_fingerprint: str | None
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    metrics: dict[str, MetricSummaryRead] = Field(default_factory=dict)
    flags: list[FlagRead] = Field(default_factory=list, description="Raised flags (badges)")
    stopped_by: StoppedByRead | None = Field(
        default=None, description="Which rule stopped it (request, asha or a flag)"
    )


class ExperimentDetail(ExperimentRead):
    stdout_tail: str
    stderr_tail: str
    heartbeat_at: datetime | None
    pid: int | None


class ExternalExperimentCreate(Schema):
    params: dict[str, FiniteJson] = Field(default_factory=dict)
    run: str | None = Field(default=None, min_length=1, max_length=200)


class ExternalExperimentCreated(ReadSchema):
    experiment: ExperimentRead
    token: str


class ExperimentStarted(Schema):
    host: str = Field(default="", max_length=255)
    pid: int | None = Field(default=None, ge=0, le=2**31 - 1)


class ExperimentFinished(Schema):
    status: Literal["completed", "failed", "stopped"]
    exit_code: int | None = Field(default=None, ge=-(2**31), le=2**31 - 1)
    stdout_tail: str | None = Field(default=None, max_length=200_000)
    stderr_tail: str | None = Field(default=None, max_length=200_000)
    reason: str | None = Field(default=None, max_length=10_000)


class HeartbeatAnswer(ReadSchema):
    stop: bool
