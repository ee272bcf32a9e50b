"""Passwords (argon2), bearer tokens (random, stored as SHA-256) and the admin bootstrap."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hypertuner.core.errors import NotAuthenticated, NotFound
from hypertuner.db.types import utcnow
from hypertuner.models import ApiToken, Experiment, User
from hypertuner.models.experiment import ACTIVE_STATUSES

log = logging.getLogger(__name__)

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("timing-equaliser")
TOKEN_PREFIX = "ht_"
SESSION_LIFETIME = timedelta(days=14)


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user, through a session, personal or experiment token."""

    user: User
    kind: str
    scope: str
    experiment_id: int | None = None

    @property
    def can_write(self) -> bool:
        return self.scope == "write"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with these credentials; one message for every failure."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise NotAuthenticated("invalid username or password")

    if not verify_password(user.password_hash, password) or not user.is_active:
        raise NotAuthenticated("invalid username or password")
    return user


def issue_token(
    session: Session,
    user: User,
    kind: str,
    *,
    name: str = "",
    scope: str = "write",
    expires_at: datetime | None = None,
    experiment_id: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a token row and return it with the plain secret (shown once)."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        kind=kind,
        scope=scope,
        token_hash=hash_token(plain),
        expires_at=expires_at,
        experiment_id=experiment_id,
    )
    session.add(token)
    session.flush()
    return token, plain


def resolve_token(session: Session, plain: str) -> Principal:
    """The principal behind a bearer or session secret, or NotAuthenticated.

    One query (token, its user, its experiment's status): it runs on every request.
    """
    found = session.execute(
        select(ApiToken, User, Experiment.status)
        .join(User, User.id == ApiToken.user_id)
        .outerjoin(Experiment, Experiment.id == ApiToken.experiment_id)
        .where(ApiToken.token_hash == hash_token(plain))
    ).first()
    if found is None or found[0].revoked_at is not None:
        raise NotAuthenticated("invalid or revoked token")
    token, user, status = found
    if token.expires_at is not None and token.expires_at <= utcnow():
        raise NotAuthenticated("token expired")
    if not user.is_active:
        raise NotAuthenticated("account disabled")
    if token.experiment_id is not None and status not in ACTIVE_STATUSES:
        raise NotAuthenticated("the experiment of this token has ended")
    return Principal(user, token.kind, token.scope, token.experiment_id)


def revoke_experiment_tokens(session: Session, experiment_id: int) -> None:
    """Experiment tokens die when their experiment ends."""
    session.execute(
        update(ApiToken)
        .where(ApiToken.experiment_id == experiment_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def ensure_admin(session: Session, username: str, password: str) -> str | None:
    """Create the first admin if no user exists; return a generated password to print once."""
    if session.scalar(select(User.id).limit(1)) is not None:
        return None

    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(12)
    session.add(User(username=username, password_hash=hash_password(password), is_admin=True))
    log.info("created admin account %r", username)
    return generated


def personal_tokens(session: Session, user: User) -> list[ApiToken]:
    query = (
        select(ApiToken)
        .where(
            ApiToken.user_id == user.id,
            ApiToken.kind == "personal",
            ApiToken.revoked_at.is_(None),
        )
        .order_by(ApiToken.id)
    )
    return list(session.scalars(query))


def revoke_personal(session: Session, user: User, token_id: int) -> None:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.kind != "personal":
        raise NotFound(f"token {token_id} not found")
    token.revoked_at = token.revoked_at or utcnow()


def revoke_secret(session: Session, plain: str) -> None:
    session.execute(
        update(ApiToken)
        .where(ApiToken.token_hash == hash_token(plain), ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
