"""Projects and the access rule: a member sees a project; editors write; owners share.

Unknown and inaccessible objects answer the same `NotFound`, so ids leak nothing.
"""

from __future__ import annotations

import logging

from sqlalchemy import case, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hypertuner.core.errors import Conflict, Forbidden, NotFound
from hypertuner.models import Experiment, Project, ProjectMember, Role, Run, User
from hypertuner.schemas.project import ProjectCreate, ProjectUpdate
from hypertuner.services import audit

log = logging.getLogger(__name__)


def list_projects(session: Session, user: User, name: str | None = None) -> list[Project]:
    """Projects the user is a member of; own ones first when several share a name."""
    query = (
        select(Project)
        .join(ProjectMember, ProjectMember.project_id == Project.id)
        .where(ProjectMember.user_id == user.id)
        .order_by(case((Project.owner_id == user.id, 0), else_=1), Project.id)
    )
    if name is not None:
        query = query.where(Project.name == name)
    return list(session.scalars(query))


def create_project(session: Session, user: User, data: ProjectCreate) -> Project:
    project = Project(name=data.name, description=data.description, owner_id=user.id)
    session.add(project)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"you already have a project named {data.name!r}", field="name") from error

    session.add(
        ProjectMember(project_id=project.id, user_id=user.id, role=Role.OWNER, added_by=user.id)
    )
    log.info("project %s %r created by user %s", project.id, project.name, user.id)
    return project


def role_of(session: Session, user: User, project_id: int) -> Role | None:
    member = session.get(ProjectMember, (project_id, user.id))
    return Role(member.role) if member is not None else None


def require_role(session: Session, user: User, project_id: int, role: Role, message: str) -> Role:
    """The caller's role in the project, if it is at least `role`."""
    held = role_of(session, user, project_id)
    if held is None:
        raise NotFound(message)
    if held.rank < role.rank:
        raise Forbidden(f"this needs the {role} role in the project; you are a {held}")
    return held


def get_project(session: Session, user: User, project_id: int, role: Role = Role.VIEWER) -> Project:
    project = session.get(Project, project_id)
    message = f"project {project_id} not found"
    if project is None:
        raise NotFound(message)
    require_role(session, user, project_id, role, message)
    return project


def get_run(session: Session, user: User, run_id: int, role: Role = Role.VIEWER) -> Run:
    run = session.get(Run, run_id)
    message = f"run {run_id} not found"
    if run is None:
        raise NotFound(message)
    require_role(session, user, run.project_id, role, message)
    return run


def get_experiment(
    session: Session, user: User, experiment_id: int, role: Role = Role.VIEWER
) -> Experiment:
    experiment = session.get(Experiment, experiment_id)
    message = f"experiment {experiment_id} not found"
    if experiment is None:
        raise NotFound(message)
    require_role(session, user, experiment.project_id, role, message)
    return experiment


def update_project(session: Session, project: Project, user: User, data: ProjectUpdate) -> None:
    if data.name is not None and data.name != project.name:
        audit.record(
            session,
            user,
            "project.rename",
            project_id=project.id,
            target=project.name,
            summary=f"renamed to {data.name!r}",
        )
        project.name = data.name
    if data.description is not None:
        project.description = data.description
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"a project named {data.name!r} exists already", field="name") from error


def delete_project(session: Session, project: Project, user: User) -> None:
    """Delete the project; the audit event outlives it (its project id becomes empty)."""
    active = session.scalar(
        select(Run.id).where(Run.project_id == project.id, Run.status.in_(("pending", "running")))
    )
    if active is not None:
        raise Conflict(f"run {active} of this project is still running; stop it first")
    audit.record(
        session,
        user,
        "project.delete",
        project_id=None,
        target=project.name,
        summary=f"deleted project {project.id} {project.name!r}",
        details={"project_id": project.id},
    )
    session.delete(project)
    log.info("project %s deleted by user %s", project.id, user.id)
