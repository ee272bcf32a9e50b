"""Login, users and personal API tokens."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hypertuner.models.member import Role
from hypertuner.schemas.common import ReadSchema, Schema


class LoginRequest(Schema):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class UserRead(ReadSchema):
    id: int
    username: str
    is_admin: bool


class TokenCreate(Schema):
    name: str = Field(min_length=1, max_length=100)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)
    scope: str = Field(default="write", pattern="^(read|write)$")


class TokenRead(ReadSchema):
    id: int
    name: str
    scope: str
    created_at: datetime
    expires_at: datetime | None


class TokenCreated(TokenRead):
    token: str = Field(description="The secret; shown only in this answer")


class PasswordChange(Schema):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class UserCreate(Schema):
    username: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=1, max_length=1024)
    is_admin: bool = False


class UserAdminRead(UserRead):
    is_active: bool
    created_at: datetime


class UserUpdate(Schema):
    is_active: bool


class MemberAdd(Schema):
    username: str = Field(min_length=1, max_length=64)
    role: Role


class MemberUpdate(Schema):
    role: Role


class MemberRead(ReadSchema):
    user_id: int
    username: str
    role: Role
    added_at: datetime


class AuditEventRead(ReadSchema):
    id: int
    user_id: int | None
    action: str
    target: str
    summary: str
    details: dict[str, object]
    created_at: datetime
