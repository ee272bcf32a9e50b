"""Sharing a project: owners add, re-role and remove members; a project keeps an owner."""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hypertuner.core.errors import Conflict, InvalidInput, NotFound
from hypertuner.models import Project, ProjectMember, Role, User
from hypertuner.services import audit

log = logging.getLogger(__name__)


def list_members(session: Session, project: Project) -> list[tuple[ProjectMember, User]]:
    query = (
        select(ProjectMember, User)
        .join(User, User.id == ProjectMember.user_id)
        .where(ProjectMember.project_id == project.id)
        .order_by(User.username)
    )
    return [(member, user) for member, user in session.execute(query)]


def add_member(
    session: Session, project: Project, actor: User, username: str, role: Role
) -> ProjectMember:
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.is_active:
        raise InvalidInput(f"no active user named {username!r}", field="username")
    if session.get(ProjectMember, (project.id, user.id)) is not None:
        raise Conflict(f"{username!r} is already a member", field="username")

    member = ProjectMember(project_id=project.id, user_id=user.id, role=role, added_by=actor.id)
    session.add(member)
    audit.record(
        session,
        actor,
        "member.add",
        project_id=project.id,
        target=username,
        summary=f"shared with {username} as {role}",
        details={"role": str(role)},
    )
    return member


def change_role(
    session: Session, project: Project, actor: User, user_id: int, role: Role
) -> ProjectMember:
    member = _member(session, project, user_id)
    if member.role == Role.OWNER and role != Role.OWNER:
        _keep_an_owner(session, project)
    previous = member.role
    member.role = role
    audit.record(
        session,
        actor,
        "member.role",
        project_id=project.id,
        target=str(user_id),
        summary=f"role of user {user_id} changed from {previous} to {role}",
        details={"from": previous, "to": str(role)},
    )
    return member


def remove_member(session: Session, project: Project, actor: User, user_id: int) -> None:
    member = _member(session, project, user_id)
    if member.role == Role.OWNER:
        _keep_an_owner(session, project)
    session.delete(member)
    audit.record(
        session,
        actor,
        "member.remove",
        project_id=project.id,
        target=str(user_id),
        summary=f"user {user_id} removed from the project",
    )


def _member(session: Session, project: Project, user_id: int) -> ProjectMember:
    member = session.get(ProjectMember, (project.id, user_id))
    if member is None:
        raise NotFound(f"user {user_id} is not a member of this project")
    return member


def _keep_an_owner(session: Session, project: Project) -> None:
    owners = session.scalar(
        select(func.count()).where(
            ProjectMember.project_id == project.id, ProjectMember.role == Role.OWNER
        )
    )
    if (owners or 0) <= 1:
        raise Conflict("a project must keep at least one owner; make someone else owner first")
