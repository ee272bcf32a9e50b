"""Personal API tokens for the SDK and the CLI."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.api.params import Id
from hypertuner.db.types import utcnow
from hypertuner.schemas.auth import TokenCreate, TokenCreated, TokenRead
from hypertuner.services import auth

router = APIRouter(prefix="/tokens", tags=["tokens"])


@router.post("", status_code=201)
def create_token(data: TokenCreate, user: CurrentWriter, session: SessionDep) -> TokenCreated:
    """Create a token; its secret is in this answer only."""
    expires = utcnow() + timedelta(days=data.expires_in_days) if data.expires_in_days else None
    token, secret = auth.issue_token(
        session, user, "personal", name=data.name, scope=data.scope, expires_at=expires
    )
    session.commit()
    return TokenCreated(**TokenRead.model_validate(token).model_dump(), token=secret)


@router.get("")
def list_tokens(user: CurrentUser, session: SessionDep) -> list[TokenRead]:
    """Your personal tokens that are not revoked."""
    return [TokenRead.model_validate(t) for t in auth.personal_tokens(session, user)]


@router.delete("/{token_id}", status_code=204)
def revoke_token(token_id: Id, user: CurrentWriter, session: SessionDep) -> None:
    """Revoke one of your tokens."""
    auth.revoke_personal(session, user, token_id)
    session.commit()
