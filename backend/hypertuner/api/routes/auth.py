"""Login and logout for the browser, who am I, and changing one's password."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from hypertuner.api.deps import SESSION_COOKIE, CurrentUser, SessionDep
from hypertuner.api.security import CSRF_COOKIE, csrf_token
from hypertuner.core.config import Settings
from hypertuner.core.errors import NotAuthenticated
from hypertuner.db.types import utcnow
from hypertuner.models import User
from hypertuner.schemas.auth import LoginRequest, PasswordChange, UserRead
from hypertuner.services import auth, users
from hypertuner.services.login_limit import LoginLimiter

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login")
def login(
    data: LoginRequest, request: Request, response: Response, session: SessionDep
) -> UserRead:
    """Check the credentials and set the session cookie (and its CSRF token cookie)."""
    limiter: LoginLimiter = request.app.state.login_limiter
    address = request.client.host if request.client else "unknown"
    limiter.check(data.username, address)
    try:
        user = auth.authenticate(session, data.username, data.password)
    except NotAuthenticated:
        limiter.failed(data.username, address)
        raise

    _start_session(request, response, session, user)
    session.commit()
    return UserRead.model_validate(user)


def _start_session(request: Request, response: Response, session: SessionDep, user: User) -> None:
    settings: Settings = request.app.state.settings
    expires = utcnow() + auth.SESSION_LIFETIME
    _, secret = auth.issue_token(session, user, "session", name="browser", expires_at=expires)
    secure = request.url.scheme == "https"
    max_age = int(auth.SESSION_LIFETIME.total_seconds())
    response.set_cookie(
        SESSION_COOKIE, secret, max_age=max_age, httponly=True, samesite="lax", secure=secure
    )
    response.set_cookie(
        CSRF_COOKIE,
        csrf_token(settings.secret_key, secret),
        max_age=max_age,
        httponly=False,
        samesite="strict",
        secure=secure,
    )


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, session: SessionDep) -> None:
    """End the browser session (its token is revoked)."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        auth.revoke_secret(session, secret)
        session.commit()
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)


@router.get("/me")
def me(user: CurrentUser) -> UserRead:
    """The logged-in user."""
    return UserRead.model_validate(user)


@router.post("/password", status_code=204)
def change_password(
    data: PasswordChange,
    request: Request,
    response: Response,
    user: CurrentUser,
    session: SessionDep,
) -> None:
    """Change your password; other browser sessions end, this one gets a new cookie."""
    users.change_password(session, user, data.current_password, data.new_password)
    if SESSION_COOKIE in request.cookies:
        _start_session(request, response, session, user)
    session.commit()
