"""Flags: the catalogue, and each project's flag rules (docs/flags.md)."""

from __future__ import annotations

from fastapi import APIRouter

from hypertuner.api.deps import CurrentUser, CurrentWriter, SessionDep
from hypertuner.api.params import Id
from hypertuner.flags import FLAG_DESCRIPTIONS, FlagRules
from hypertuner.models import Role
from hypertuner.schemas.flags import FlagInfo, FlagRulesRead
from hypertuner.services import flags, projects

router = APIRouter(tags=["flags"])


@router.get("/flags")
def list_flags(user: CurrentUser) -> list[FlagInfo]:
    """The flags the service raises on experiments, with what each means."""
    return [FlagInfo(name=name, description=text) for name, text in FLAG_DESCRIPTIONS.items()]


@router.get("/projects/{project_id}/flag-rules")
def get_flag_rules(project_id: Id, user: CurrentUser, session: SessionDep) -> FlagRulesRead:
    """The project's flag rules and thresholds (the defaults until someone sets them)."""
    project = projects.get_project(session, user, project_id)
    return flags.read_rules(session, project)


@router.put("/projects/{project_id}/flag-rules")
def put_flag_rules(
    project_id: Id, data: FlagRules, user: CurrentWriter, session: SessionDep
) -> FlagRulesRead:
    """Replace the project's flag rules (omitted fields take their defaults) and recompute
    the flags of every experiment of the project."""
    project = projects.get_project(session, user, project_id, Role.EDITOR)
    answer = flags.put_rules(session, project, user, data)
    session.commit()
    return answer
