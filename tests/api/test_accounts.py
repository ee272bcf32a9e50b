"""Accounts: admin management, disabling mid-session, passwords, token expiry, login limits."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, update

from hypertuner.models import ApiToken

from conftest import ADMIN_PASSWORD, Server, start_server, stop_server

STRONG = "Correct-Horse-Battery-42"


def _user(server: Server) -> tuple[int, str]:
    username = f"user-{uuid.uuid4().hex[:6]}"
    created = server.client.post(
        "/api/admin/users", json={"username": username, "password": STRONG}
    )
    assert created.status_code == 201, created.text
    return int(created.json()["id"]), username


def _browser(server: Server, username: str, password: str) -> httpx.Client:
    browser = httpx.Client(base_url=server.url)
    answer = browser.post("/api/auth/login", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    browser.headers["x-csrf-token"] = browser.cookies["hypertuner_csrf"]
    return browser


def test_weak_passwords_are_refused_with_advice(server: Server) -> None:
    for weak in ("short", "password123", "qwertyuiop"):
        answer = server.client.post(
            "/api/admin/users", json={"username": "weakling", "password": weak}
        )
        assert answer.status_code == 422
        assert answer.json()["error"]["field"] == "password"


def test_a_disabled_user_is_locked_out_mid_session(server: Server) -> None:
    user_id, username = _user(server)
    browser = _browser(server, username, STRONG)
    token = browser.post("/api/tokens", json={"name": "t"}).json()["token"]
    bearer = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"})
    assert browser.get("/api/projects").status_code == 200
    assert bearer.get("/api/projects").status_code == 200

    server.client.patch(f"/api/admin/users/{user_id}", json={"is_active": False})
    assert browser.get("/api/projects").status_code == 401
    assert bearer.get("/api/projects").status_code == 401
    login = httpx.post(
        f"{server.url}/api/auth/login", json={"username": username, "password": STRONG}
    )
    assert login.status_code == 401

    server.client.patch(f"/api/admin/users/{user_id}", json={"is_active": True})
    assert bearer.get("/api/projects").status_code == 200
    assert browser.get("/api/projects").status_code == 401


def test_only_admins_manage_accounts(server: Server) -> None:
    _, username = _user(server)
    browser = _browser(server, username, STRONG)
    assert browser.get("/api/admin/users").status_code == 403
    assert (
        browser.post("/api/admin/users", json={"username": "x", "password": STRONG}).status_code
        == 403
    )


def test_changing_ones_password(server: Server) -> None:
    _, username = _user(server)
    browser = _browser(server, username, STRONG)
    wrong = browser.post(
        "/api/auth/password",
        json={"current_password": "nope", "new_password": "Another-Good-Phrase-7"},
    )
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "current_password"
    weak = browser.post(
        "/api/auth/password", json={"current_password": STRONG, "new_password": "abc"}
    )
    assert weak.status_code == 422 and weak.json()["error"]["field"] == "new_password"

    done = browser.post(
        "/api/auth/password",
        json={"current_password": STRONG, "new_password": "Another-Good-Phrase-7"},
    )
    assert done.status_code == 204
    assert browser.get("/api/auth/me").status_code == 200
    old = httpx.post(
        f"{server.url}/api/auth/login", json={"username": username, "password": STRONG}
    )
    assert old.status_code == 401
    _browser(server, username, "Another-Good-Phrase-7")


def test_an_expired_token_fails(server: Server) -> None:
    created = server.client.post("/api/tokens", json={"name": "soon", "expires_in_days": 1})
    token = created.json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    assert httpx.get(f"{server.url}/api/projects", headers=headers).status_code == 200

    engine = create_engine(server.database_url)
    with engine.begin() as connection:
        connection.execute(
            update(ApiToken)
            .where(ApiToken.id == token["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    engine.dispose()
    answer = httpx.get(f"{server.url}/api/projects", headers=headers)
    assert answer.status_code == 401 and "expired" in answer.json()["error"]["message"]


@pytest.fixture
def limited_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A server whose login limit is 3 failures per 2 seconds."""
    monkeypatch.setenv("HYPERTUNER_LOGIN_FAILURES_PER_ACCOUNT", "3")
    monkeypatch.setenv("HYPERTUNER_LOGIN_WINDOW_SECONDS", "2")
    running = start_server(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    yield running
    stop_server(running)


def test_login_limiting_engages_and_recovers(limited_server: Server) -> None:
    url = f"{limited_server.url}/api/auth/login"
    for _ in range(3):
        assert httpx.post(url, json={"username": "admin", "password": "x"}).status_code == 401

    limited = httpx.post(url, json={"username": "admin", "password": ADMIN_PASSWORD})
    assert limited.status_code == 429
    assert "too many failed logins" in limited.json()["error"]["message"]
    other = httpx.post(url, json={"username": "someone-else", "password": "x"})
    assert other.status_code == 401

    time.sleep(2.2)
    assert (
        httpx.post(url, json={"username": "admin", "password": ADMIN_PASSWORD}).status_code == 200
    )
