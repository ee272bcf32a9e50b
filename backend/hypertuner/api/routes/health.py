"""Liveness, without authentication."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from hypertuner.api.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(session: SessionDep) -> dict[str, str]:
    """Answers `ok` when the service and its database respond."""
    session.execute(text("SELECT 1"))
    return {"status": "ok"}
