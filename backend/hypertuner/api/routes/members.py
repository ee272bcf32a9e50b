"""Sharing: a project's members and roles, and its audit history."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.api.params import Id
from hypertuner.models import Role
from hypertuner.schemas.auth import AuditEventRead, MemberAdd, MemberRead, MemberUpdate
from hypertuner.services import audit, members, projects

router = APIRouter(tags=["sharing"])


@router.get("/projects/{project_id}/members")
def list_members(project_id: Id, user: CurrentUser, session: SessionDep) -> list[MemberRead]:
    """Who has access to the project, with which role."""
    project = projects.get_project(session, user, project_id)
    return [
        MemberRead(user_id=m.user_id, username=u.username, role=Role(m.role), added_at=m.added_at)
        for m, u in members.list_members(session, project)
    ]


@router.post("/projects/{project_id}/members", status_code=201)
def add_member(
    project_id: Id, data: MemberAdd, user: CurrentWriter, session: SessionDep
) -> MemberRead:
    """Share the project with another user (owners only)."""
    project = projects.get_project(session, user, project_id, Role.OWNER)
    member = members.add_member(session, project, user, data.username, data.role)
    session.commit()
    return MemberRead(
        user_id=member.user_id,
        username=data.username,
        role=Role(member.role),
        added_at=member.added_at,
    )


@router.patch("/projects/{project_id}/members/{user_id}")
def change_role(
    project_id: Id, user_id: Id, data: MemberUpdate, user: CurrentWriter, session: SessionDep
) -> MemberRead:
    """Change a member's role (owners only; a project keeps at least one owner)."""
    project = projects.get_project(session, user, project_id, Role.OWNER)
    member = members.change_role(session, project, user, user_id, data.role)
    session.commit()
    listed = dict((m.user_id, u.username) for m, u in members.list_members(session, project))
    return MemberRead(
        user_id=member.user_id,
        username=listed[member.user_id],
        role=Role(member.role),
        added_at=member.added_at,
    )


@router.delete("/projects/{project_id}/members/{user_id}", status_code=204)
def remove_member(project_id: Id, user_id: Id, user: CurrentWriter, session: SessionDep) -> None:
    """Remove a member (owners only; a project keeps at least one owner)."""
    project = projects.get_project(session, user, project_id, Role.OWNER)
    members.remove_member(session, project, user, user_id)
    session.commit()


@router.get("/projects/{project_id}/audit")
def project_audit(project_id: Id, user: CurrentUser, session: SessionDep) -> list[AuditEventRead]:
    """What happened in the project, newest first: runs, stops, sharing, imports, deletions."""
    projects.get_project(session, user, project_id)
    return [AuditEventRead.model_validate(e) for e in audit.history(session, project_id)]
