"""Metric batches in, metric histories out."""

from __future__ import annotations

from pydantic import Field

from hypertuner.schemas.common import JsonFloat, MetricValue, Name, ReadSchema, Schema


class MetricRecord(Schema):
    step: int | None = Field(default=None, ge=-(2**31), le=2**31 - 1)
    epoch: int | None = Field(default=None, ge=-(2**31), le=2**31 - 1)
    time: float | None = Field(default=None, allow_inf_nan=False)
    values: dict[Name, MetricValue] = Field(min_length=1, max_length=1000)


class MetricBatchIn(Schema):
    batch_id: str = Field(min_length=1, max_length=64)
    records: list[MetricRecord] = Field(min_length=1, max_length=100_000)


class MetricBatchResult(ReadSchema):
    stored: int
    duplicate: bool


class MetricPointRead(ReadSchema):
    step: int | None
    epoch: int | None
    value: JsonFloat
    time: float | None


class MetricHistory(ReadSchema):
    name: str
    total: int
    downsampled: bool
    points: list[MetricPointRead]


class MetricNames(ReadSchema):
    names: list[str]
