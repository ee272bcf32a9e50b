"""The role table, checked on every route the app serves, for every kind of caller.

Routes come from the app's own OpenAPI schema; a route missing from ROLE_TABLE fails the
suite, so no new route escapes. Callers: anonymous, a user without access, viewer, editor and
owner, each with a bearer token and with a session cookie (plus its CSRF header).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from hypertuner.api.app import create_app
from hypertuner.api.security import CSRF_COOKIE
from hypertuner.core.config import Settings

from conftest import ADMIN_PASSWORD, Server

# public: anyone; user: any account; admin: administrators; viewer/editor/owner: project role
ROLE_TABLE: dict[tuple[str, str], str] = {
    ("GET", "/api/health"): "public",
    ("POST", "/api/auth/login"): "public",
    ("POST", "/api/auth/logout"): "public",
    ("GET", "/api/auth/me"): "user",
    ("POST", "/api/auth/password"): "user",
    ("GET", "/api/tokens"): "user",
    ("POST", "/api/tokens"): "user",
    ("DELETE", "/api/tokens/{token_id}"): "own-token",
    ("GET", "/api/admin/users"): "admin",
    ("POST", "/api/admin/users"): "admin",
    ("PATCH", "/api/admin/users/{user_id}"): "admin",
    ("GET", "/api/projects"): "user",
    ("POST", "/api/projects"): "user",
    ("GET", "/api/projects/{project_id}"): "viewer",
    ("PATCH", "/api/projects/{project_id}"): "owner",
    ("DELETE", "/api/projects/{project_id}"): "owner",
    ("GET", "/api/projects/{project_id}/members"): "viewer",
    ("POST", "/api/projects/{project_id}/members"): "owner",
    ("PATCH", "/api/projects/{project_id}/members/{user_id}"): "owner",
    ("DELETE", "/api/projects/{project_id}/members/{user_id}"): "owner",
    ("GET", "/api/projects/{project_id}/audit"): "viewer",
    ("POST", "/api/projects/{project_id}/runs/preview"): "viewer",
    ("POST", "/api/projects/{project_id}/runs"): "editor",
    ("GET", "/api/projects/{project_id}/runs"): "viewer",
    ("GET", "/api/runs/{run_id}"): "viewer",
    ("POST", "/api/runs/{run_id}/stop"): "editor",
    ("GET", "/api/runs/{run_id}/experiments"): "viewer",
    ("POST", "/api/projects/{project_id}/experiments"): "editor",
    ("GET", "/api/experiments/{experiment_id}"): "viewer",
    ("POST", "/api/experiments/{experiment_id}/stop"): "editor",
    ("POST", "/api/experiments/{experiment_id}/started"): "editor",
    ("POST", "/api/experiments/{experiment_id}/heartbeat"): "editor",
    ("POST", "/api/experiments/{experiment_id}/finished"): "editor",
    ("POST", "/api/experiments/{experiment_id}/metrics"): "editor",
    ("GET", "/api/experiments/{experiment_id}/metrics"): "viewer",
    ("GET", "/api/experiments/{experiment_id}/metrics/{name}"): "viewer",
    ("POST", "/api/experiments/{experiment_id}/artifacts"): "editor",
    ("GET", "/api/experiments/{experiment_id}/artifacts"): "viewer",
    ("GET", "/api/artifacts/{artifact_id}"): "viewer",
    ("GET", "/api/runs/{run_id}/columns"): "viewer",
    ("GET", "/api/runs/{run_id}/locks"): "viewer",
    ("PUT", "/api/runs/{run_id}/locks/{name}"): "editor",
    ("DELETE", "/api/runs/{run_id}/locks/{name}"): "editor",
    ("GET", "/api/runs/{run_id}/selections"): "viewer",
    ("POST", "/api/runs/{run_id}/selections"): "editor",
    ("DELETE", "/api/runs/{run_id}/selections/{selection_id}"): "editor",
    ("GET", "/api/experiments/{experiment_id}/curation"): "viewer",
    ("PATCH", "/api/experiments/{experiment_id}/curation"): "editor",
    ("POST", "/api/projects/{project_id}/curation/bulk"): "editor",
    ("GET", "/api/runs/{run_id}/note"): "viewer",
    ("PUT", "/api/runs/{run_id}/note"): "editor",
    ("GET", "/api/projects/{project_id}/journal"): "viewer",
    ("POST", "/api/projects/{project_id}/journal"): "editor",
    ("PATCH", "/api/projects/{project_id}/journal/{entry_id}"): "editor",
    ("DELETE", "/api/projects/{project_id}/journal/{entry_id}"): "editor",
    ("POST", "/api/projects/{project_id}/production"): "editor",
    ("GET", "/api/projects/{project_id}/production"): "viewer",
    ("GET", "/api/projects/{project_id}/production/history"): "viewer",
    ("POST", "/api/projects/{project_id}/imports/preview"): "viewer",
    ("POST", "/api/projects/{project_id}/imports"): "editor",
    ("GET", "/api/projects/{project_id}/experiments/table"): "viewer",
    ("GET", "/api/projects/{project_id}/export.csv"): "viewer",
    ("GET", "/api/projects/{project_id}/export.json"): "viewer",
    ("GET", "/api/projects/{project_id}/report/data"): "viewer",
    ("POST", "/api/projects/{project_id}/report"): "viewer",
    ("GET", "/api/flags"): "user",
    ("GET", "/api/projects/{project_id}/flag-rules"): "viewer",
    ("PUT", "/api/projects/{project_id}/flag-rules"): "editor",
}
RANK = {"stranger": 0, "viewer": 1, "editor": 2, "owner": 3}
IDENTITIES = ["anonymous", "stranger", "viewer", "editor", "owner"]
STRONG = "Correct-Horse-Battery-42"


def _body(method: str, path: str, marker: str) -> dict[str, Any]:
    """A valid body for the route, so that only authorization can refuse the call."""
    unique = uuid.uuid4().hex[:8]
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/auth/login"): {"username": "nobody", "password": "wrong"},
        ("POST", "/api/auth/password"): {"current_password": "wrong", "new_password": STRONG},
        ("POST", "/api/tokens"): {"name": unique},
        ("POST", "/api/admin/users"): {"username": f"u-{unique}", "password": STRONG},
        ("PATCH", "/api/admin/users/{user_id}"): {"is_active": True},
        ("POST", "/api/projects"): {"name": f"p-{unique}"},
        ("PATCH", "/api/projects/{project_id}"): {"description": unique},
        ("POST", "/api/projects/{project_id}/members"): {"username": "nobody", "role": "viewer"},
        ("PATCH", "/api/projects/{project_id}/members/{user_id}"): {"role": "viewer"},
        # A placeholder without hyperparameter: refused after authorization, so nothing runs.
        ("POST", "/api/projects/{project_id}/runs/preview"): {"name": "r", "command": "x {y}"},
        ("POST", "/api/projects/{project_id}/runs"): {"name": "r", "command": "x {y}"},
        ("POST", "/api/projects/{project_id}/experiments"): {"params": {"tag": marker}},
        ("POST", "/api/experiments/{experiment_id}/started"): {"host": "h"},
        ("POST", "/api/experiments/{experiment_id}/finished"): {"status": "completed"},
        ("POST", "/api/experiments/{experiment_id}/metrics"): {
            "batch_id": unique,
            "records": [{"values": {"x": 1.0}}],
        },
        ("POST", "/api/experiments/{experiment_id}/artifacts"): {
            "kind": "table",
            "payload": {"rows": []},
        },
        ("PUT", "/api/runs/{run_id}/locks/{name}"): {"values": [marker]},
        ("POST", "/api/runs/{run_id}/selections"): {"name": unique},
        ("PATCH", "/api/experiments/{experiment_id}/curation"): {"starred": True},
        ("POST", "/api/projects/{project_id}/curation/bulk"): {
            "experiment_ids": [],
            "starred": True,
        },
        ("PUT", "/api/runs/{run_id}/note"): {"note": unique},
        ("POST", "/api/projects/{project_id}/journal"): {"body": unique},
        ("PATCH", "/api/projects/{project_id}/journal/{entry_id}"): {"body": unique},
        ("POST", "/api/projects/{project_id}/production"): {"experiment_id": None},
    }
    return bodies.get((method, path), {})


def app_routes() -> list[tuple[str, str]]:
    schema = create_app(Settings()).openapi()
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api")
        for method in operations
    )


ROUTES = app_routes()


@dataclass
class Caller:
    token: httpx.Client
    cookie: httpx.Client


@dataclass
class World:
    ids: dict[str, Any]
    marker: str


def _callers(server: Server) -> dict[str, Caller]:
    admin = server.client
    callers = {"owner": _caller(server, "admin", ADMIN_PASSWORD)}
    for name in ("stranger", "viewer", "editor"):
        username = f"{name}-{uuid.uuid4().hex[:6]}"
        created = admin.post("/api/admin/users", json={"username": username, "password": STRONG})
        assert created.status_code == 201, created.text
        callers[name] = _caller(server, username, STRONG)
        callers[name].token.headers["x-username"] = username
        callers[name].cookie.headers["x-username"] = username
    return callers


def _caller(server: Server, username: str, password: str) -> Caller:
    cookie = httpx.Client(base_url=server.url, timeout=30)
    assert (
        cookie.post(
            "/api/auth/login", json={"username": username, "password": password}
        ).status_code
        == 200
    )
    cookie.headers["x-csrf-token"] = cookie.cookies[CSRF_COOKIE]
    token = cookie.post("/api/tokens", json={"name": "authz"}).json()["token"]
    bearer = httpx.Client(
        base_url=server.url, timeout=30, headers={"Authorization": f"Bearer {token}"}
    )
    return Caller(bearer, cookie)


@pytest.fixture(scope="module")
def callers(server: Server) -> Iterator[dict[str, Caller]]:
    made = _callers(server)
    yield made
    for caller in made.values():
        caller.token.close()
        caller.cookie.close()


def _world(server: Server, callers: dict[str, Caller]) -> World:
    """A project with a viewer and an editor, a run, an experiment, an artifact, a lock."""
    owner = callers["owner"].token
    marker = f"secret-{uuid.uuid4().hex[:10]}"
    project_id = owner.post("/api/projects", json={"name": marker}).json()["id"]
    for role in ("viewer", "editor"):
        username = callers[role].token.headers["x-username"]
        answer = owner.post(
            f"/api/projects/{project_id}/members", json={"username": username, "role": role}
        )
        assert answer.status_code == 201, answer.text
    created = owner.post(
        f"/api/projects/{project_id}/experiments", json={"params": {"tag": marker}}
    ).json()
    experiment = created["experiment"]
    artifact = owner.post(
        f"/api/experiments/{experiment['id']}/artifacts",
        json={"kind": "table", "payload": {"rows": [[marker]]}},
    ).json()
    viewer_id = next(
        m["user_id"]
        for m in owner.get(f"/api/projects/{project_id}/members").json()
        if m["role"] == "viewer"
    )
    token_id = owner.post("/api/tokens", json={"name": "victim"}).json()["id"]
    run_id = experiment["run_id"]
    locked = owner.put(f"/api/runs/{run_id}/locks/tag", json={"values": [marker]})
    assert locked.status_code == 200, locked.text
    selection = owner.post(
        f"/api/runs/{run_id}/selections", json={"name": marker, "experiment_ids": []}
    ).json()
    entry = owner.post(f"/api/projects/{project_id}/journal", json={"body": marker}).json()
    return World(
        {
            "project_id": project_id,
            "run_id": experiment["run_id"],
            "experiment_id": experiment["id"],
            "artifact_id": artifact["id"],
            "user_id": viewer_id,
            "token_id": token_id,
            "name": "tag",
            "selection_id": selection["id"],
            "entry_id": entry["id"],
        },
        marker,
    )


@pytest.fixture(scope="module")
def world(server: Server, callers: dict[str, Caller]) -> World:
    return _world(server, callers)


def test_every_route_has_a_role() -> None:
    missing = [route for route in ROUTES if route not in ROLE_TABLE]
    assert missing == [], f"add these routes to ROLE_TABLE: {missing}"
    stale = [route for route in ROLE_TABLE if route not in ROUTES]
    assert stale == [], f"these ROLE_TABLE routes no longer exist: {stale}"


def _expected(rule: str, identity: str) -> str:
    """`allow`, or the status the caller must get."""
    if rule == "public":
        return "any"
    if identity == "anonymous":
        return "401"
    if rule == "user":
        return "allow"
    if rule == "admin":
        return "allow" if identity == "owner" else "403"
    if rule == "own-token":
        return "allow" if identity == "owner" else "404"
    if identity == "stranger":
        return "404"
    return "allow" if RANK[identity] >= RANK[rule] else "403"


CASES = [
    (m, p, who, how)
    for m, p in ROUTES
    for who in IDENTITIES
    for how in ("token", "cookie")
    if not (who == "anonymous" and how == "cookie")
]


@pytest.mark.parametrize(("method", "path", "identity", "how"), CASES)
def test_role_table(
    server: Server,
    callers: dict[str, Caller],
    world: World,
    method: str,
    path: str,
    identity: str,
    how: str,
) -> None:
    rule = ROLE_TABLE.get((method, path), "missing")
    expected = _expected(rule, identity)
    if expected == "allow" and method == "DELETE":
        world = _world(server, callers)
    client = _client(server, callers, identity, how)
    if path == "/api/auth/logout" and identity != "anonymous":
        # Logging out ends the session: use a session of its own, not the shared one.
        username = client.headers.get("x-username", "admin")
        password = ADMIN_PASSWORD if identity == "owner" else STRONG
        client = _caller(server, username, password).cookie
    url = re.sub(r"\{(\w+)\}", lambda m: str(world.ids[m.group(1)]), path)

    answer = client.request(method, url, json=_body(method, path, world.marker))
    if identity == "anonymous":
        client.close()
    assert answer.status_code < 500, answer.text
    if expected == "any":
        return
    if expected == "allow":
        assert answer.status_code not in (401, 403, 404), f"{answer.status_code} {answer.text}"
    else:
        assert answer.status_code == int(expected), f"{answer.status_code} {answer.text}"
    if identity in ("anonymous", "stranger") and expected != "allow":
        assert world.marker not in answer.text


def _client(server: Server, callers: dict[str, Caller], identity: str, how: str) -> httpx.Client:
    if identity == "anonymous":
        return httpx.Client(base_url=server.url, timeout=30)
    caller = callers[identity]
    return caller.token if how == "token" else caller.cookie


def test_a_forged_cross_site_write_is_refused(callers: dict[str, Caller], world: World) -> None:
    """A cookie write without the CSRF header (what another site's form sends) fails."""
    cookie = callers["owner"].cookie
    forged = httpx.Client(base_url=str(cookie.base_url), cookies=cookie.cookies)
    forged.cookies.delete(CSRF_COOKIE)
    answer = forged.post(f"/api/runs/{world.ids['run_id']}/stop", json={})
    assert answer.status_code == 403 and "CSRF" in answer.json()["error"]["message"]
    wrong = forged.post(
        f"/api/runs/{world.ids['run_id']}/stop", json={}, headers={"x-csrf-token": "0" * 64}
    )
    assert wrong.status_code == 403
    assert forged.get(f"/api/runs/{world.ids['run_id']}").status_code == 200


def test_security_headers(server: Server) -> None:
    answer = httpx.get(f"{server.url}/api/health")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert (
        "access-control-allow-origin"
        not in httpx.options(
            f"{server.url}/api/projects",
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
        ).headers
    )
