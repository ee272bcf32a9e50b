"""Every route is behind authentication, derived from the app so none can be forgotten."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from hypertuner.api.app import create_app
from hypertuner.core.config import Settings

from conftest import Server
from helpers import new_project

PUBLIC = {("GET", "/api/health"), ("POST", "/api/auth/login"), ("POST", "/api/auth/logout")}


def api_routes() -> list[tuple[str, str]]:
    """Every (method, path) the app serves under /api, read from its own OpenAPI schema."""
    schema = create_app(Settings()).openapi()
    return [
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api")
        for method in operations
    ]


ROUTES = api_routes()


def _fill(path: str, ids: dict[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: str(ids.get(match.group(1), 1)), path)


@pytest.fixture(scope="module")
def owned(server: Server) -> dict[str, Any]:
    """A project with one experiment (external) and an artifact, owned by the admin."""
    project_id = new_project(server.client, "auth")
    created = server.client.post(
        f"/api/projects/{project_id}/experiments", json={"params": {"x": 1}}
    ).json()
    experiment = created["experiment"]
    artifact = httpx.post(
        f"{server.url}/api/experiments/{experiment['id']}/artifacts",
        json={"kind": "table", "payload": {"rows": []}},
        headers={"Authorization": f"Bearer {created['token']}"},
    ).json()
    return {
        "project_id": project_id,
        "project_name": server.client.get(f"/api/projects/{project_id}").json()["name"],
        "run_id": experiment["run_id"],
        "experiment_id": experiment["id"],
        "artifact_id": artifact["id"],
        "token_id": 1,
        "name": "loss",
        "experiment_token": created["token"],
    }


def test_the_route_list_covers_the_api() -> None:
    paths = {path for _, path in ROUTES}
    assert "/api/experiments/{experiment_id}/metrics" in paths
    assert "/api/projects/{project_id}/runs" in paths
    assert len(ROUTES) >= 20


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_anonymous_callers_are_refused(
    server: Server, owned: dict[str, Any], method: str, path: str
) -> None:
    answer = httpx.request(method, server.url + _fill(path, owned), json={})
    if (method, path) in PUBLIC:
        assert answer.status_code != 401
        return
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_an_experiment_token_reaches_only_its_experiment(
    server: Server, owned: dict[str, Any], method: str, path: str
) -> None:
    if (method, path) in PUBLIC:
        return
    headers = {"Authorization": f"Bearer {owned['experiment_token']}"}
    experiment_write = path.startswith("/api/experiments/{experiment_id}/") and method == "POST"
    other = dict(owned, experiment_id=owned["experiment_id"] + 1000)
    answer = httpx.request(method, server.url + _fill(path, other), json={}, headers=headers)
    assert answer.status_code == 403, f"{method} {path}: {answer.status_code} {answer.text}"
    if not experiment_write:
        mine = httpx.request(method, server.url + _fill(path, owned), json={}, headers=headers)
        assert mine.status_code == 403, f"{method} {path}: {mine.status_code}"


def test_garbage_and_revoked_tokens_are_refused(server: Server) -> None:
    for header in ("Bearer nonsense", "Basic abc", "Bearer"):
        answer = httpx.get(f"{server.url}/api/projects", headers={"Authorization": header})
        assert answer.status_code == 401

    created = server.client.post("/api/tokens", json={"name": "short-lived"}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    assert httpx.get(f"{server.url}/api/projects", headers=headers).status_code == 200
    assert server.client.delete(f"/api/tokens/{created['id']}").status_code == 204
    assert httpx.get(f"{server.url}/api/projects", headers=headers).status_code == 401


def test_login_failures_say_the_same_thing(server: Server) -> None:
    wrong_password = httpx.post(
        f"{server.url}/api/auth/login", json={"username": "admin", "password": "nope"}
    )
    no_such_user = httpx.post(
        f"{server.url}/api/auth/login", json={"username": "ghost", "password": "nope"}
    )
    assert wrong_password.status_code == no_such_user.status_code == 401
    assert wrong_password.json() == no_such_user.json()


def test_a_read_only_token_cannot_write(server: Server) -> None:
    created = server.client.post("/api/tokens", json={"name": "ro", "scope": "read"}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    assert httpx.get(f"{server.url}/api/projects", headers=headers).status_code == 200
    answer = httpx.post(f"{server.url}/api/projects", json={"name": "x"}, headers=headers)
    assert answer.status_code == 403
