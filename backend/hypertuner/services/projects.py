"""Projects, visible only to their owner (sharing comes with roles later)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hypertuner.core.errors import Conflict, NotFound
from hypertuner.models import Experiment, Project, Run, User
from hypertuner.schemas.project import ProjectCreate

log = logging.getLogger(__name__)


def list_projects(session: Session, user: User, name: str | None = None) -> list[Project]:
    query = select(Project).where(Project.owner_id == user.id).order_by(Project.id)
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

    log.info("project %s %r created by user %s", project.id, project.name, user.id)
    return project


def get_project(session: Session, user: User, project_id: int) -> Project:
    """The project if `user` may see it; an unknown and a foreign project look the same."""
    project = session.get(Project, project_id)
    if project is None or project.owner_id != user.id:
        raise NotFound(f"project {project_id} not found")
    return project


def get_run(session: Session, user: User, run_id: int) -> Run:
    run = session.get(Run, run_id)
    if run is None:
        raise NotFound(f"run {run_id} not found")
    _check_owner(session, user, run.project_id, f"run {run_id} not found")
    return run


def get_experiment(session: Session, user: User, experiment_id: int) -> Experiment:
    experiment = session.get(Experiment, experiment_id)
    if experiment is None:
        raise NotFound(f"experiment {experiment_id} not found")
    _check_owner(session, user, experiment.project_id, f"experiment {experiment_id} not found")
    return experiment


def _check_owner(session: Session, user: User, project_id: int, message: str) -> None:
    owner = session.scalar(select(Project.owner_id).where(Project.id == project_id))
    if owner != user.id:
        raise NotFound(message)
