"""Projects."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hypertuner.models.member import Role
from hypertuner.schemas.common import ReadSchema, Schema


class ProjectCreate(Schema):
    name: str = Field(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")
    description: str = Field(default="", max_length=10_000)


class ProjectRead(ReadSchema):
    id: int
    name: str
    description: str
    owner_id: int
    created_at: datetime
    role: Role = Field(description="Your role in the project: what the app lets you do")


class ProjectUpdate(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")
    description: str | None = Field(default=None, max_length=10_000)
