"""The run dashboard: experiments as columns, range locks and named selections."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import Field, StrictBool, StrictFloat, StrictInt, StrictStr, model_validator

from hypertuner.schemas.common import FiniteJson, JsonFloat, JsonInt, Name, ReadSchema, Schema

Scale = Literal["linear", "log", "band"]
Stat = Literal["last", "min", "max"]
LockValue = StrictStr | StrictBool | JsonInt | StrictFloat | None


class ParamInfo(ReadSchema):
    name: str
    type: str = Field(description="int, float, bool or categorical")
    scale: Scale = Field(description="How the dashboard draws its axis")
    values: list[object] | None = Field(
        default=None, description="The grid values, when the spec lists at most 1,000"
    )


class MetricColumns(ReadSchema):
    """The summaries asked for with `stats` (the last value by default)."""

    last: list[JsonFloat] | None = None
    min: list[JsonFloat] | None = None
    max: list[JsonFloat] | None = None


class ExperimentColumns(ReadSchema):
    """Experiments of a run as parallel arrays: position `i` of every list is one experiment.

    With `since`, only experiments that may have changed after that cursor are listed
    (`full` is false); merge them by `id`.
    """

    run_id: int
    run_status: str
    cursor: datetime = Field(description="Pass as `since` to get only later changes")
    full: bool
    total: int = Field(description="Experiments in the run, listed or not")
    params: list[ParamInfo]
    metrics: list[str]
    id: list[int]
    index: list[int]
    status: list[str]
    reason: list[str | None]
    stop_requested: list[bool]
    nonfinite: list[int] = Field(description="NaN or infinite metric values logged")
    values: dict[str, list[object]] = Field(description="Hyperparameter values; null = unset")
    metric_values: dict[str, MetricColumns]


class LockWrite(Schema):
    """A numeric range (`low`, `high`) or, for a categorical hyperparameter, `values`."""

    low: float | None = Field(default=None, allow_inf_nan=False, strict=True)
    high: float | None = Field(default=None, allow_inf_nan=False, strict=True)
    values: list[LockValue] | None = Field(default=None, min_length=1, max_length=1000)

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        ranged = self.low is not None or self.high is not None
        if ranged and self.values is not None:
            raise ValueError("give either low and high, or values, not both")
        if not ranged and self.values is None:
            raise ValueError("give low and high, or values")
        if ranged and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not be above high")
        return self


class LockRead(ReadSchema):
    name: str
    low: float | None
    high: float | None
    values: list[object] | None
    locked_by: str = Field(validation_alias="locked_by_name")
    locked_at: datetime


class SelectionCreate(Schema):
    name: Name
    state: dict[str, FiniteJson] = Field(
        default_factory=dict, description="The dashboard's brushes and filters, as it sent them"
    )
    experiment_ids: list[Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]] = Field(
        default_factory=list, max_length=1_000_000
    )


class SelectionRead(ReadSchema):
    id: int
    name: str
    state: dict[str, object]
    experiment_ids: list[int]
    created_by: str = Field(validation_alias="created_by_name")
    created_at: datetime
