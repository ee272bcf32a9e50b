"""Flags on experiments, the flag rules of a project, and why an experiment was stopped."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from hypertuner.flags import FlagName, FlagRules
from hypertuner.schemas.common import ReadSchema


class FlagRead(ReadSchema):
    name: FlagName
    epoch: int | None = Field(
        description="Where the rule fired: an epoch (a step for metrics without epochs)"
    )
    detail: str
    raised_at: datetime | None = Field(
        default=None, description="When it was first raised; null for noisy, decided on read"
    )


class FlagInfo(ReadSchema):
    name: FlagName
    description: str


class FlagRulesRead(ReadSchema):
    project_id: int
    rules: FlagRules
    custom: bool = Field(description="False while the project uses the defaults")
    updated_at: datetime | None
    reevaluated: int | None = Field(
        default=None, description="Experiments whose flags a PUT recomputed"
    )


class StoppedByRead(ReadSchema):
    kind: Literal["request", "asha", "flag"]
    rule: str | None = Field(description='"asha", a flag name, or null for a request')
    reason: str
    detail: str
    epoch: int | None
    at: datetime
