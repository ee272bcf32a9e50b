"""Sharing in the browser: an owner shares a project with a viewer, who sees the dashboards but
no launch, stop or curate control (and the API refuses those), then promotes them to editor,
who launches. Also: an administrator disables a user from the admin page, and personal tokens
are created and revoked from the account page.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browsing import (
    REPO,
    admin_password,
    browser_context_args,
    browser_type_launch_args,
    log_in,
    screenshot,
    web_server,
)
from sweep_steps import add_param

STRONG = "Correct-Horse-Battery-42"
SCRIPT = REPO / "tests" / "fixtures" / "stdout_script.py"


@pytest.fixture()
def other_context(
    browser: Browser, browser_context_args: dict[str, Any]
) -> Iterator[BrowserContext]:
    """A second browser, for a second user logged in at the same time."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


def _create_user(server: Any) -> str:
    username = f"user-{uuid.uuid4().hex[:6]}"
    answer = server.client.post("/api/admin/users", json={"username": username, "password": STRONG})
    assert answer.status_code == 201, answer.text
    return username


def _log_in_as(page: Page, username: str, password: str = STRONG) -> None:
    page.goto("/#/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Projects").wait_for()


def _seed_project(server: Any) -> tuple[int, str, int]:
    """A project of the admin with one run: a finished experiment and one still running."""
    name = f"shared-{uuid.uuid4().hex[:6]}"
    project_id = int(server.client.post("/api/projects", json={"name": name}).json()["id"])
    run_id = 0
    for lr, finished in ((0.01, True), (0.1, False)):
        answer = server.client.post(
            f"/api/projects/{project_id}/experiments",
            json={"params": {"lr": lr}, "run": "seeded"},
        )
        answer.raise_for_status()
        experiment_id = answer.json()["experiment"]["id"]
        token = {"Authorization": f"Bearer {answer.json()['token']}"}
        with httpx.Client(base_url=server.url, headers=token, timeout=30) as client:
            client.post(f"/api/experiments/{experiment_id}/started", json={"host": "h"})
            batch = {"batch_id": uuid.uuid4().hex, "records": [{"step": 1, "values": {"acc": lr}}]}
            client.post(f"/api/experiments/{experiment_id}/metrics", json=batch)
            if finished:
                client.post(
                    f"/api/experiments/{experiment_id}/finished", json={"status": "completed"}
                )
        run_id = int(server.client.get(f"/api/experiments/{experiment_id}").json()["run_id"])
    return project_id, name, run_id


def _csrf(page: Page) -> dict[str, str]:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return {"X-CSRF-Token": cookies["hypertuner_csrf"]}


def _share(owner: Page, project_id: int, username: str) -> None:
    owner.goto(f"/#/projects/{project_id}")
    owner.get_by_role("link", name="Sharing & history").click()
    owner.get_by_label("Username to share with").fill(username)
    owner.get_by_label("Role for the new member").select_option("viewer")
    owner.get_by_role("button", name="Share").click()
    expect(owner.get_by_test_id(f"member-{username}")).to_contain_text(username)
    expect(owner.get_by_label(f"Role of {username}")).to_have_value("viewer")
    history = owner.get_by_role("table", name="History")
    expect(history).to_contain_text(f"shared with {username} as viewer")


def _viewer_sees_without_controls(viewer: Page, project_id: int, name: str, run_id: int) -> None:
    viewer.get_by_role("link", name=name).click()
    viewer.get_by_role("heading", name=name).wait_for()
    expect(viewer.get_by_role("link", name="seeded")).to_be_visible()
    expect(viewer.get_by_role("link", name="New run")).to_have_count(0)

    viewer.get_by_role("link", name="seeded").click()
    expect(viewer.get_by_test_id("selection-count")).to_have_text("2 experiments")
    expect(viewer.get_by_test_id("scatter-lr-acc").locator("circle.point")).to_have_count(2)
    expect(viewer.get_by_role("button", name="Stop run")).to_have_count(0)
    expect(viewer.get_by_role("button", name=re.compile("^(Lock|Unlock) "))).to_have_count(0)
    expect(viewer.get_by_role("button", name="New run from selection")).to_have_count(0)
    expect(viewer.get_by_label("Selection name")).to_have_count(0)
    screenshot(viewer, "sharing-2-viewer-dashboard")

    viewer.goto(f"/#/projects/{project_id}/launch")
    expect(viewer.get_by_test_id("viewer-cannot-launch")).to_contain_text("cannot launch")
    expect(viewer.get_by_role("button", name="Launch")).to_have_count(0)
    screenshot(viewer, "sharing-3-viewer-cannot-launch")


def _api_refuses_viewer(viewer: Page, project_id: int, run_id: int) -> None:
    """The viewer's own session, CSRF header included: only the role can refuse."""
    headers = _csrf(viewer)
    experiment_id = viewer.request.get(f"/api/runs/{run_id}/experiments").json()[0]["id"]
    writes = [
        (f"/api/projects/{project_id}/runs", {"name": "r", "command": "x {y}"}, "post"),
        (f"/api/runs/{run_id}/stop", {}, "post"),
        (f"/api/experiments/{experiment_id}/stop", {}, "post"),
        (f"/api/runs/{run_id}/locks/lr", {"values": [0.1]}, "put"),
        (f"/api/experiments/{experiment_id}/curation", {"starred": True}, "patch"),
        (f"/api/runs/{run_id}/selections", {"name": "mine"}, "post"),
    ]
    for path, body, method in writes:
        answer = getattr(viewer.request, method)(path, data=body, headers=headers)
        assert answer.status == 403, (method, path, answer.status, answer.text())
    assert viewer.request.get(f"/api/runs/{run_id}").status == 200


def _editor_launches(editor: Page, project_id: int) -> None:
    editor.goto(f"/#/projects/{project_id}")
    editor.get_by_role("link", name="New run").click()
    editor.get_by_label("Run name").fill("editor sweep")
    editor.get_by_label("Command template").fill(f"{sys.executable} {SCRIPT}")
    add_param(editor, "lr", "values list", {"values": "0.5"})
    expect(editor.get_by_test_id("preview-count")).to_contain_text("1 combination")
    screenshot(editor, "sharing-5-editor-launch-form")

    editor.get_by_role("button", name="Launch").click()
    expect(editor).to_have_url(re.compile(r"#/runs/\d+$"))
    expect(editor.get_by_test_id("run-status")).to_have_text(
        re.compile("pending|running|completed")
    )
    screenshot(editor, "sharing-6-editor-run")


def test_owner_shares_then_promotes_a_viewer_to_editor(
    page: Page, other_context: BrowserContext, web_server: Any, admin_password: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    username = _create_user(web_server)
    project_id, name, run_id = _seed_project(web_server)

    log_in(page, admin_password)
    _share(page, project_id, username)
    screenshot(page, "sharing-1-owner-shared")
    page.goto(f"/#/runs/{run_id}")
    expect(page.get_by_role("button", name="Stop run")).to_be_visible()
    expect(page.get_by_role("button", name="Lock lr")).to_be_visible()

    viewer = other_context.new_page()
    viewer.on("pageerror", lambda error: errors.append(str(error)))
    _log_in_as(viewer, username)
    _viewer_sees_without_controls(viewer, project_id, name, run_id)
    _api_refuses_viewer(viewer, project_id, run_id)

    page.goto(f"/#/projects/{project_id}/members")
    page.get_by_label(f"Role of {username}").select_option("editor")
    expect(page.get_by_role("table", name="History")).to_contain_text("from viewer to editor")
    screenshot(page, "sharing-4-owner-promoted")

    _editor_launches(viewer, project_id)
    assert errors == []


def test_the_last_owner_cannot_be_demoted(page: Page, web_server: Any, admin_password: str) -> None:
    project_id, _, _ = _seed_project(web_server)
    log_in(page, admin_password)
    page.goto(f"/#/projects/{project_id}/members")

    page.get_by_label("Role of admin").select_option("viewer")
    expect(page.get_by_role("alert")).to_contain_text("owner")
    page.reload()
    expect(page.get_by_label("Role of admin")).to_have_value("owner")


def test_admin_disables_a_user_whose_open_page_goes_to_login(
    page: Page, other_context: BrowserContext, admin_password: str
) -> None:
    username = f"user-{uuid.uuid4().hex[:6]}"
    log_in(page, admin_password)
    page.get_by_role("link", name="users", exact=True).click()
    page.get_by_label("New username").fill(username)
    page.get_by_label("New user's password").fill("abc")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 10 characters")
    page.get_by_label("New user's password").fill(STRONG)
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_test_id(f"user-{username}")).to_contain_text("active")

    user = other_context.new_page()
    _log_in_as(user, username)
    page.get_by_role("button", name=f"Disable {username}").click()
    expect(page.get_by_test_id(f"user-{username}")).to_contain_text("disabled")
    screenshot(page, "sharing-7-admin-disabled-user")

    user.get_by_role("link", name=username).click()  # the account page asks the server
    expect(user.get_by_role("button", name="Log in")).to_be_visible()
    user.get_by_label("Username").fill(username)
    user.get_by_label("Password").fill(STRONG)
    user.get_by_role("button", name="Log in").click()
    expect(user.get_by_role("alert")).to_be_visible()

    page.get_by_role("button", name=f"Enable {username}").click()
    expect(page.get_by_test_id(f"user-{username}")).to_contain_text("active")
    _log_in_as(user, username)


def test_tokens_are_shown_once_and_revoked_from_the_account_page(
    page: Page, web_server: Any
) -> None:
    username = _create_user(web_server)
    _log_in_as(page, username)
    page.get_by_role("link", name=username).click()

    page.get_by_label("Current password").fill(STRONG)
    page.get_by_label("New password").fill("aaaaaaaaaaaa")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_contain_text("too weak")

    page.get_by_label("Token name").fill("laptop")
    page.get_by_label("Token expiry").select_option("7")
    page.get_by_label("Token scope").select_option("read")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_label("New token secret").input_value()
    expect(page.get_by_test_id("token-laptop")).to_contain_text("read only")
    screenshot(page, "sharing-8-token-created")

    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        bearer = {"Authorization": f"Bearer {secret}"}
        assert client.get("/api/auth/me", headers=bearer).json()["username"] == username
        refused = client.post("/api/projects", json={"name": "nope"}, headers=bearer)
        assert refused.status_code == 403

        page.reload()
        expect(page.get_by_test_id("token-laptop")).to_be_visible()
        expect(page.get_by_test_id("new-token")).to_have_count(0)
        page.get_by_role("button", name="Revoke laptop").click()
        expect(page.get_by_test_id("token-laptop")).to_have_count(0)
        assert client.get("/api/auth/me", headers=bearer).status_code == 401
    screenshot(page, "sharing-9-token-revoked")
