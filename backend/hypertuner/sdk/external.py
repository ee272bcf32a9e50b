"""External mode: find or create the project, then register one experiment in it."""

import logging

import httpx

from hypertuner.sdk.errors import SdkError
from hypertuner.sdk.transport import RejectedError, Transport

logger = logging.getLogger(__name__)


def register_experiment(
    transport: Transport, project: str, params: object, run: str | None
) -> tuple[str, str]:
    """Create an experiment of `project` (created if missing); return its id and its token."""
    project_id = _project_id(transport, project)

    answer = transport.post(
        f"/api/projects/{project_id}/experiments", {"params": params, "run": run}
    )
    experiment_id = _identifier(_member(answer, "experiment"))
    token = _member(answer, "token")
    if not isinstance(token, str) or not token:
        raise SdkError("unexpected answer from the server: no experiment token")

    logger.info(
        "HyperTuner: created experiment %s in project %s (%s)", experiment_id, project, project_id
    )
    return experiment_id, token


def _project_id(transport: Transport, name: str) -> str:
    found = _find_project(transport, name)
    if found is not None:
        return found

    try:
        created = transport.post("/api/projects", {"name": name})
    except RejectedError as exc:
        # Another process created it between our lookup and our create.
        found = _find_project(transport, name) if exc.status == httpx.codes.CONFLICT else None
        if found is None:
            raise
        return found

    project_id = _identifier(created)
    logger.info("HyperTuner: created project %s (%s)", name, project_id)
    return project_id


def _find_project(transport: Transport, name: str) -> str | None:
    answer = transport.get("/api/projects", {"name": name})
    if not isinstance(answer, list):
        raise SdkError(f"GET /api/projects answered {type(answer).__name__}, expected a list")

    for project in answer:
        if isinstance(project, dict) and project.get("name") == name:
            return _identifier(project)

    return None


def _member(container: object, key: str) -> object:
    if not isinstance(container, dict) or key not in container:
        raise SdkError(f"unexpected answer from the server: no {key!r} in {container!r:.200}")

    item: object = container[key]
    return item


def _identifier(container: object) -> str:
    """The `id` of an answer object, as text for URLs (the server may use ints or uuids)."""
    value = _member(container, "id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SdkError(f"unexpected answer from the server: id is {value!r:.100}")

    return str(value)
