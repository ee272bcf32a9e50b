"""Login and logout for the browser, and who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from hypertuner.api.deps import SESSION_COOKIE, CurrentUser, SessionDep
from hypertuner.db.types import utcnow
from hypertuner.schemas.auth import LoginRequest, UserRead
from hypertuner.services import auth

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login")
def login(
    data: LoginRequest, request: Request, response: Response, session: SessionDep
) -> UserRead:
    """Check the credentials and set the session cookie."""
    user = auth.authenticate(session, data.username, data.password)
    expires = utcnow() + auth.SESSION_LIFETIME
    _, secret = auth.issue_token(session, user, "session", name="browser", expires_at=expires)
    session.commit()

    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(auth.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return UserRead.model_validate(user)


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: SessionDep) -> None:
    """End the browser session (its token is revoked)."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        auth.revoke_secret(session, secret)
        session.commit()
    response.delete_cookie(SESSION_COOKIE)


@router.get("/me")
def me(user: CurrentUser) -> UserRead:
    """The logged-in user."""
    return UserRead.model_validate(user)
