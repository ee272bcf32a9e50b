"""The web app in Debian's Chromium against the session's server, which serves the built app
(`npm run build` in `frontend/`). Without Chromium or the build these tests skip on a laptop
and fail in CI.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from browsing import (
    admin_password,
    browser_context_args,
    browser_type_launch_args,
    drag,
    log_in,
    screenshot,
    web_server,
)
from sweep_steps import (
    brush_batch_size_32,
    check_errors_next_to_fields,
    create_project,
    fill_sweep,
    lock_and_launch_next,
    watch_live,
)


def _stop_on_diverged(page: Page) -> None:
    """Early stopping: an ASHA error shows beside its field; the run stops on `diverged`."""
    choice = page.get_by_label("Early stopping", exact=True)
    choice.select_option("asha")
    max_t = page.get_by_label("Max t", exact=True)
    expect(max_t).to_have_value("100")
    max_t.fill("0")
    expect(page.locator("label", has=max_t).get_by_role("alert")).to_contain_text("greater than")
    max_t.fill("100")

    choice.select_option("flags")
    flags = page.get_by_role("group", name="Stop on flags")
    expect(flags.get_by_role("alert")).to_contain_text("at least 1")
    expect(flags).to_contain_text("diverged")
    flags.get_by_label("stop on diverged").check()
    expect(flags.get_by_role("alert")).to_have_count(0)


def test_sweep_from_the_form_to_linked_views(
    page: Page, web_server: Any, admin_password: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto("/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    screenshot(page, "0-login")
    log_in(page, admin_password)
    create_project(page)
    screenshot(page, "1-project-runs")

    page.get_by_role("link", name="New run").click()
    fill_sweep(page)
    expect(page.get_by_test_id("preview-count")).to_contain_text("4 combinations")
    check_errors_next_to_fields(page)
    assert not [url for url in asked if "/locks" in url]  # no run yet: no locks to ask for
    _stop_on_diverged(page)
    expect(page.get_by_test_id("preview-count")).to_contain_text("4 to run")
    screenshot(page, "2-launch-form")

    page.get_by_role("button", name="Launch").click()
    page.wait_for_url(re.compile(r"#/runs/\d+$"))
    run_id = int(page.url.rsplit("/", 1)[1])
    run = web_server.client.get(f"/api/runs/{run_id}").json()
    assert run["early_stopping"] == {"kind": "flags", "flags": ["diverged"]}
    watch_live(page)
    brush_batch_size_32(page)
    lock_and_launch_next(page)
    expect(page.get_by_label("Early stopping", exact=True)).to_have_value("flags")
    expect(page.get_by_label("stop on diverged")).to_be_checked()
    assert errors == []


def test_unknown_addresses_say_not_found(page: Page, admin_password: str) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    log_in(page, admin_password)

    page.goto("/#/projects/abc")
    expect(page.get_by_test_id("not-found")).to_contain_text("No such project")
    page.goto("/#/no/such/page")
    expect(page.get_by_test_id("not-found")).to_contain_text("Page not found")
    screenshot(page, "7-page-not-found")
    page.get_by_role("link", name="back to the projects").click()
    expect(page.get_by_role("heading", name="Projects")).to_be_visible()
    assert not [url for url in asked if "/api/" in url and ("NaN" in url or "abc" in url)]


def _experiment(server: Any, project_id: int, params: dict[str, Any]) -> tuple[int, httpx.Client]:
    answer = server.client.post(
        f"/api/projects/{project_id}/experiments", json={"params": params, "run": "odd ones"}
    )
    answer.raise_for_status()
    token = {"Authorization": f"Bearer {answer.json()['token']}"}
    experiment = answer.json()["experiment"]
    return experiment["id"], httpx.Client(base_url=server.url, headers=token, timeout=30)


def _seed_odd_run(server: Any) -> int:
    """NaN and infinite metrics, a failed experiment without metrics, one still empty."""
    project = server.client.post("/api/projects", json={"name": f"odd-{uuid.uuid4().hex[:6]}"})
    project_id = project.json()["id"]
    rows = [
        ({"lr": 0.01, "opt": "adam"}, {"acc": 0.9, "loss": 0.2}, "completed"),
        ({"lr": 0.1, "opt": "sgd"}, {"acc": "NaN", "loss": "Infinity"}, "completed"),
        ({"lr": 1.0, "opt": "sgd"}, None, "failed"),
        ({"lr": 0.001}, None, None),
    ]
    run_id = 0
    for params, values, outcome in rows:
        experiment_id, client = _experiment(server, project_id, params)
        with client:
            if values:
                batch = {"batch_id": uuid.uuid4().hex, "records": [{"step": 1, "values": values}]}
                client.post(f"/api/experiments/{experiment_id}/metrics", json=batch)
            if outcome:
                client.post(f"/api/experiments/{experiment_id}/finished", json={"status": outcome})
        run_id = server.client.get(f"/api/experiments/{experiment_id}").json()["run_id"]
    return int(run_id)


def test_failed_empty_and_non_finite_experiments_draw(
    page: Page, web_server: Any, admin_password: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    run_id = _seed_odd_run(web_server)
    log_in(page, admin_password)

    page.goto(f"/#/runs/{run_id}")
    expect(page.get_by_test_id("selection-count")).to_have_text("4 experiments")
    rows = page.locator("table[aria-label=Experiments] tbody tr[data-experiment]")
    expect(rows).to_have_count(4)
    expect(rows.filter(has_text="failed")).to_have_count(1)
    plot = page.get_by_test_id("scatter-lr-acc")
    expect(plot.locator("circle.point")).to_have_count(1)
    expect(plot.locator("path.point.missing")).to_have_count(3)
    expect(page.get_by_test_id("bars-loss").locator("rect.bar.missing")).to_have_count(3)

    # A brush over the top edge of a plot holds no point: an empty selection still draws.
    drag(page, plot.locator("rect.overlay"), 0.1, 0.0, 0.3, 0.03)
    expect(page.get_by_test_id("selection-count")).to_have_text("0 of 4 selected")
    expect(page.get_by_test_id("range-lr")).to_have_text("none")
    screenshot(page, "6-dashboard-failed-and-missing")
    assert errors == []
