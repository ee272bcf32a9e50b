"""The audit trail: one row per run, stop, share, import, archive or deletion."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from hypertuner.models import AuditEvent, User

log = logging.getLogger(__name__)


def record(
    session: Session,
    user: User | None,
    action: str,
    *,
    project_id: int | None,
    target: str = "",
    summary: str = "",
    details: dict[str, object] | None = None,
) -> AuditEvent:
    """Add an event to the session; it commits with the change it describes."""
    event = AuditEvent(
        project_id=project_id,
        user_id=user.id if user else None,
        action=action,
        target=target,
        summary=summary,
        details=details or {},
    )
    session.add(event)
    log.info("audit: user %s %s %s (project %s)", event.user_id, action, target, project_id)
    return event


def history(session: Session, project_id: int, limit: int = 500) -> list[AuditEvent]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.project_id == project_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
