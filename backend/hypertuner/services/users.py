"""Accounts: the admin creates, disables and re-enables users; users change their password."""

from __future__ import annotations

import logging

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hypertuner.core.errors import Conflict, InvalidInput, NotFound
from hypertuner.db.types import utcnow
from hypertuner.models import ApiToken, User
from hypertuner.services import auth
from hypertuner.services.passwords import check_strength

log = logging.getLogger(__name__)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))


def create_user(session: Session, username: str, password: str, is_admin: bool) -> User:
    check_strength(password, username=username)
    user = User(username=username, password_hash=auth.hash_password(password), is_admin=is_admin)
    session.add(user)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"the username {username!r} is taken", field="username") from error
    log.info("user %s %r created", user.id, username)
    return user


def set_active(session: Session, actor: User, user_id: int, active: bool) -> User:
    """Disable (every session and token stops at once) or re-enable an account."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} not found")
    if user.id == actor.id and not active:
        raise InvalidInput("you cannot disable your own account", field="is_active")

    user.is_active = active
    if not active:
        session.execute(
            update(ApiToken)
            .where(
                ApiToken.user_id == user.id,
                ApiToken.kind == "session",
                ApiToken.revoked_at.is_(None),
            )
            .values(revoked_at=utcnow())
        )
    log.info("user %s %s by %s", user.id, "enabled" if active else "disabled", actor.id)
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Change one's own password; other browser sessions end."""
    if not auth.verify_password(user.password_hash, current):
        raise InvalidInput("the current password is wrong", field="current_password")
    check_strength(new, username=user.username, field="new_password")

    user.password_hash = auth.hash_password(new)
    session.execute(
        update(ApiToken)
        .where(
            ApiToken.user_id == user.id, ApiToken.kind == "session", ApiToken.revoked_at.is_(None)
        )
        .values(revoked_at=utcnow())
    )
    log.info("user %s changed their password", user.id)
