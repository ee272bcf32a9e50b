"""Dependencies shared by the routes: database session, caller identity, launcher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from hypertuner.api.params import Id
from hypertuner.api.security import CSRF_HEADER, UNSAFE_METHODS, csrf_valid
from hypertuner.core.config import Settings
from hypertuner.core.errors import Forbidden, NotAuthenticated
from hypertuner.db.session import get_session_factory
from hypertuner.launcher.base import Launcher
from hypertuner.models import Experiment, Role, User
from hypertuner.services import auth, projects

SESSION_COOKIE = "hypertuner_session"


def get_db() -> Iterator[Session]:
    """A session per request; write routes commit explicitly before answering."""
    session = get_session_factory()()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise NotAuthenticated("the Authorization header must be 'Bearer <token>'")
    return value.strip()


def get_principal(request: Request, session: SessionDep) -> auth.Principal:
    """Whoever the bearer token or session cookie belongs to.

    A cookie-authenticated write must also carry the session's CSRF token in the
    X-CSRF-Token header, which a page of another site cannot read or forge.
    """
    secret = _bearer(request)
    if secret is None:
        secret = request.cookies.get(SESSION_COOKIE)
        if not secret:
            raise NotAuthenticated("log in or send an API token")
        principal = auth.resolve_token(session, secret)
        settings: Settings = request.app.state.settings
        presented = request.headers.get(CSRF_HEADER)
        if request.method in UNSAFE_METHODS and not csrf_valid(
            settings.secret_key, secret, presented
        ):
            raise Forbidden("missing or invalid CSRF token: send the X-CSRF-Token header")
        return principal
    return auth.resolve_token(session, secret)


PrincipalDep = Annotated[auth.Principal, Depends(get_principal)]


def get_user(principal: PrincipalDep) -> User:
    """A person (session or personal token); experiment tokens are refused here."""
    if principal.kind == "experiment":
        raise Forbidden("an experiment token may only write to its own experiment")
    return principal.user


def get_writer(principal: PrincipalDep) -> User:
    user = get_user(principal)
    if not principal.can_write:
        raise Forbidden("this token is read-only")
    return user


def get_admin(user: Annotated[User, Depends(get_writer)]) -> User:
    if not user.is_admin:
        raise Forbidden("this needs an administrator")
    return user


CurrentUser = Annotated[User, Depends(get_user)]
CurrentAdmin = Annotated[User, Depends(get_admin)]
CurrentWriter = Annotated[User, Depends(get_writer)]


def get_writable_experiment(
    experiment_id: Id, principal: PrincipalDep, session: SessionDep
) -> Experiment:
    """The experiment, if the caller is its owner with write access or holds its token."""
    if principal.kind == "experiment":
        if principal.experiment_id != experiment_id:
            raise Forbidden("this token belongs to another experiment")
        experiment = session.get(Experiment, experiment_id)
        assert experiment is not None
        return experiment

    if not principal.can_write:
        raise Forbidden("this token is read-only")
    return projects.get_experiment(session, principal.user, experiment_id, Role.EDITOR)


WritableExperiment = Annotated[Experiment, Depends(get_writable_experiment)]


def get_writable_experiment_id(
    experiment_id: Id, principal: PrincipalDep, session: SessionDep
) -> int:
    """As `get_writable_experiment`, without loading the experiment for its own token.

    The token's lookup already found the experiment active; metric ingest runs this on every
    batch and needs only the id.
    """
    if principal.kind == "experiment" and principal.experiment_id == experiment_id:
        return experiment_id
    return get_writable_experiment(experiment_id, principal, session).id


def get_launcher(request: Request) -> Launcher:
    launcher: Launcher = request.app.state.launcher
    return launcher


LauncherDep = Annotated[Launcher, Depends(get_launcher)]
