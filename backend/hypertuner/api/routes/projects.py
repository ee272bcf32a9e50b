"""Projects."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.api.params import Id
from hypertuner.models import Project, Role
from hypertuner.schemas.project import ProjectCreate, ProjectRead, ProjectUpdate
from hypertuner.services import projects

router = APIRouter(prefix="/projects", tags=["projects"])


def _read(session: SessionDep, user: CurrentUser, project: Project) -> ProjectRead:
    role = projects.role_of(session, user, project.id) or Role.VIEWER
    return ProjectRead.model_validate({**vars(project), "role": role})


@router.get("")
def list_projects(
    user: CurrentUser, session: SessionDep, name: str | None = None
) -> list[ProjectRead]:
    """Your projects, optionally only the one with this exact name."""
    return [_read(session, user, p) for p in projects.list_projects(session, user, name)]


@router.post("", status_code=201)
def create_project(data: ProjectCreate, user: CurrentWriter, session: SessionDep) -> ProjectRead:
    """Create a project (names are unique per owner)."""
    project = projects.create_project(session, user, data)
    session.commit()
    return _read(session, user, project)


@router.get("/{project_id}")
def get_project(project_id: Id, user: CurrentUser, session: SessionDep) -> ProjectRead:
    """One project."""
    return _read(session, user, projects.get_project(session, user, project_id))


@router.patch("/{project_id}")
def update_project(
    project_id: Id, data: ProjectUpdate, user: CurrentWriter, session: SessionDep
) -> ProjectRead:
    """Rename or describe a project (owners only)."""
    project = projects.get_project(session, user, project_id, Role.OWNER)
    projects.update_project(session, project, user, data)
    session.commit()
    return _read(session, user, project)


@router.delete("/{project_id}", status_code=204)
def delete_project(project_id: Id, user: CurrentWriter, session: SessionDep) -> None:
    """Delete a project with all its runs and experiments (owners only)."""
    project = projects.get_project(session, user, project_id, Role.OWNER)
    projects.delete_project(session, project, user)
    session.commit()
