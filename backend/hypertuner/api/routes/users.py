"""Administration of accounts (administrators only)."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentAdmin, SessionDep
from hypertuner.api.params import Id
from hypertuner.schemas.auth import UserAdminRead, UserCreate, UserUpdate
from hypertuner.services import users

router = APIRouter(prefix="/admin/users", tags=["admin"])


@router.get("")
def list_users(admin: CurrentAdmin, session: SessionDep) -> list[UserAdminRead]:
    """Every account."""
    return [UserAdminRead.model_validate(user) for user in users.list_users(session)]


@router.post("", status_code=201)
def create_user(data: UserCreate, admin: CurrentAdmin, session: SessionDep) -> UserAdminRead:
    """Create an account (the password must pass the strength check)."""
    user = users.create_user(session, data.username, data.password, data.is_admin)
    session.commit()
    return UserAdminRead.model_validate(user)


@router.patch("/{user_id}")
def update_user(
    user_id: Id, data: UserUpdate, admin: CurrentAdmin, session: SessionDep
) -> UserAdminRead:
    """Disable (sessions and tokens stop at once) or re-enable an account."""
    user = users.set_active(session, admin, user_id, data.is_active)
    session.commit()
    return UserAdminRead.model_validate(user)
