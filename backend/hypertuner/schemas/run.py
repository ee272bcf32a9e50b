"""Runs (sweeps): the launch request, its preview and the run as stored."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from hypertuner.flags import FlagName
from hypertuner.schemas.common import FiniteJson, JsonFloat, ReadSchema, Schema


class Objective(Schema):
    metric: str = Field(min_length=1, max_length=200)
    mode: Literal["min", "max"] = "max"


class NoEarlyStopping(Schema):
    """Every experiment runs to its end (unless stopped by hand)."""

    kind: Literal["none"] = "none"


class AshaStopping(Schema):
    """Ray Tune's ASHA on the run's objective, one rung step per objective report."""

    kind: Literal["asha"]
    grace_period: int = Field(default=1, ge=1, le=100_000, description="Reports before a stop")
    reduction_factor: float = Field(default=2, gt=1, le=100, description="Keeps 1/factor")
    max_t: int = Field(default=100, ge=1, le=1_000_000, description="Last rung, in reports")

    @model_validator(mode="after")
    def _rungs_fit(self) -> AshaStopping:
        if self.max_t < self.grace_period:
            raise ValueError("max_t must be at least grace_period")
        return self


class FlagStopping(Schema):
    """Stop an experiment as soon as one of these flags is raised on it."""

    kind: Literal["flags"]
    flags: list[FlagName] = Field(min_length=1, max_length=4)

    @field_validator("flags")
    @classmethod
    def _distinct(cls, flags: list[FlagName]) -> list[FlagName]:
        return list(dict.fromkeys(flags))


EarlyStopping = Annotated[
    NoEarlyStopping | AshaStopping | FlagStopping, Field(discriminator="kind")
]


class RunCreate(Schema):
    name: str = Field(min_length=1, max_length=200)
    command: str = Field(min_length=1, max_length=10_000)
    params: dict[str, FiniteJson] = Field(default_factory=dict, description="Search-space spec")
    strategy: Literal["grid", "random", "lhs", "sobol"] = "grid"
    samples: int | None = Field(default=None, ge=1, le=100_000)
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1)
    objective: Objective | None = None
    early_stopping: EarlyStopping | None = Field(
        default=None, description="none (default), asha (needs an objective) or flags"
    )
    max_concurrent: int = Field(default=1, ge=1, le=1024)
    workdir: str | None = Field(default=None, max_length=4096)
    data_paths: list[Annotated[str, Field(min_length=1, max_length=4096)]] = Field(
        default_factory=list, max_length=100
    )
    repeat_existing: bool = False
    confirm_large: bool = False


class PreviewExisting(ReadSchema):
    experiment_id: int
    run_id: int
    status: str
    objective: JsonFloat = None


class PreviewCombination(ReadSchema):
    index: int
    params: dict[str, object]
    argv: list[str]
    existing: PreviewExisting | None = None


class RunPreview(ReadSchema):
    count: int
    to_run: int
    already_run: int
    combinations: list[PreviewCombination]
    warnings: list[str]
    script_fingerprint: str | None
    data_fingerprints: dict[str, str]


class RunRead(ReadSchema):
    id: int
    project_id: int
    name: str
    kind: str
    command: str
    workdir: str
    spec: dict[str, object]
    strategy: str
    samples: int | None
    seed: int | None
    objective_metric: str | None
    objective_mode: str
    max_concurrent: int
    early_stopping: EarlyStopping = Field(default_factory=NoEarlyStopping)
    status: str
    stop_requested: bool
    script_fingerprint: str | None
    data_fingerprints: dict[str, str]
    warnings: list[str]
    error: str | None
    driver_pid: int | None
    driver_host: str | None
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    counts: dict[str, int] = Field(default_factory=dict, description="Experiments per status")

    @field_validator("early_stopping", mode="before")
    @classmethod
    def _none_stored_as_null(cls, value: object) -> object:
        return {"kind": "none"} if value is None else value
