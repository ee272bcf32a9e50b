"""The project dashboard in the browser: curation, compare, brushing, the offline report."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, Route, expect

from browsing import (
    admin_password,
    browser_context_args,
    browser_type_launch_args,
    drag,
    log_in,
    screenshot,
    web_server,
)

__all__ = ["admin_password", "browser_context_args", "browser_type_launch_args", "web_server"]

# Two runs: the second changes lr and adds a batch size; accuracy improves.
RUNS = [
    ("baseline", [({"lr": 0.1, "opt": "sgd"}, 0.61), ({"lr": 0.01, "opt": "sgd"}, 0.72)]),
    (
        "tuned",
        [
            ({"lr": 0.003, "opt": "adam", "batch": 32}, 0.81),
            ({"lr": 0.001, "opt": "adam", "batch": 64}, 0.88),
            ({"lr": 0.0003, "opt": "adam", "batch": 64}, 0.79),
        ],
    ),
]


def _finish(server: Any, token: str, experiment_id: int, acc: float) -> None:
    """Three steps of a curve, a confusion matrix, and the end of the experiment."""
    headers = {"Authorization": f"Bearer {token}"}
    records = [
        {"step": step, "values": {"acc": acc * (0.6 + 0.2 * step), "loss": 1 - acc / step}}
        for step in (1, 2)
    ]
    records.append({"step": 3, "values": {"acc": acc, "loss": 1 - acc}})
    right = round(acc * 50)
    confusion = {"labels": ["cat", "dog"], "matrix": [[right, 50 - right], [10, 40]]}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
        batch = {"batch_id": uuid.uuid4().hex, "records": records}
        client.post(f"/api/experiments/{experiment_id}/metrics", json=batch).raise_for_status()
        artifact = {"kind": "confusion_matrix", "name": "test", "payload": confusion}
        client.post(f"/api/experiments/{experiment_id}/artifacts", json=artifact).raise_for_status()
        done = {"status": "completed"}
        client.post(f"/api/experiments/{experiment_id}/finished", json=done).raise_for_status()


def _seed_project(server: Any) -> tuple[int, list[int]]:
    """A project of two runs with five finished experiments, through the real API."""
    project = server.client.post("/api/projects", json={"name": f"memory-{uuid.uuid4().hex[:6]}"})
    project_id = int(project.json()["id"])
    ids: list[int] = []
    for run, rows in RUNS:
        for params, acc in rows:
            answer = server.client.post(
                f"/api/projects/{project_id}/experiments", json={"params": params, "run": run}
            )
            answer.raise_for_status()
            experiment_id = int(answer.json()["experiment"]["id"])
            _finish(server, answer.json()["token"], experiment_id, acc)
            ids.append(experiment_id)
    return project_id, ids


def _row(page: Page, experiment_id: int) -> Any:
    return page.locator(f"table[aria-label=Experiments] tr[data-experiment='{experiment_id}']")


def _curate(page: Page, ids: list[int]) -> None:
    """Star one from its row, tag and note another, archive a third; then restore it."""
    rows = page.locator("table[aria-label=Experiments] tbody tr[data-experiment]")
    page.get_by_role("button", name=f"star experiment {ids[3]}", exact=True).click()
    expect(page.get_by_role("button", name=f"unstar experiment {ids[3]}")).to_be_visible()

    _row(page, ids[2]).locator("td").nth(3).click()
    panel = page.get_by_role("region", name=f"Experiment {ids[2]}")
    panel.get_by_label("Tags (comma-separated)").fill("promising, adam")
    panel.get_by_label("Tags (comma-separated)").press("Enter")
    expect(_row(page, ids[2])).to_contain_text("#promising #adam")
    panel.get_by_label("Note (markdown)").fill("Smaller **lr** helps.")
    panel.get_by_role("button", name="Save note").click()
    expect(_row(page, ids[2])).to_contain_text("note")

    _row(page, ids[0]).locator("td").nth(3).click()
    page.get_by_role("region", name=f"Experiment {ids[0]}").get_by_role(
        "button", name="Archive"
    ).click()
    expect(rows).to_have_count(4)
    page.get_by_label("show archived").check()
    expect(rows).to_have_count(5)
    expect(_row(page, ids[0])).to_contain_text("archived")
    screenshot(page, "project-1-curated")
    page.get_by_label("show archived").uncheck()
    expect(rows).to_have_count(4)

    page.get_by_label("Filter rows").fill("#promising")
    expect(rows).to_have_count(1)
    page.get_by_label("Filter rows").fill("")


def _compare(page: Page, ids: list[int]) -> None:
    _row(page, ids[2]).locator("td").nth(3).click()
    _row(page, ids[3]).locator("td").nth(3).click(modifiers=["Control"])
    expect(page.get_by_test_id("selected-count")).to_have_text("2 selected")
    page.get_by_role("button", name="Compare").click()
    table = page.get_by_test_id("compare-table")
    expect(table.locator("tr.differs", has_text="lr")).to_have_count(1)
    expect(table.locator("tr:not(.differs)", has_text="opt")).to_have_count(1)
    expect(page.get_by_test_id("curve-acc").locator("path.curve-line")).to_have_count(2)
    for experiment_id in ids[2:4]:
        heat = page.get_by_test_id(f"confusion-{experiment_id}")
        expect(heat.locator("rect.cell")).to_have_count(4)
    screenshot(page, "project-2-compare")
    page.get_by_role("button", name="Close").click()


def _brush(page: Page) -> None:
    """A brush over the upper half of the second run's column selects its best two."""
    chart = page.get_by_test_id("progress-chart")
    expect(chart.locator("circle.point")).to_have_count(4)
    expect(chart.locator("path.run-best")).to_have_count(2)
    expect(chart.get_by_test_id("best-so-far")).to_be_visible()
    drag(page, chart.locator("rect.overlay"), 0.55, 0.0, 0.99, 0.5)
    expect(page.get_by_test_id("selected-count")).to_have_text("2 selected")
    expect(page.locator("table[aria-label=Experiments] tr.selected")).to_have_count(2)
    screenshot(page, "project-3-brushed")


def _journal_and_production(page: Page, ids: list[int]) -> None:
    journal = page.get_by_role("region", name="Journal")
    journal.get_by_label("New journal entry").fill("Adam beats SGD; keep lr under 0.01.")
    journal.get_by_role("button", name="Add entry").click()
    expect(journal.locator(".journal-entry")).to_contain_text("Adam beats SGD")

    _row(page, ids[3]).locator("td").nth(3).click()
    page.get_by_role("button", name="Mark as production").click()
    expect(page.get_by_test_id("production-current")).to_contain_text(f"Experiment {ids[3]}")


def _report(page: Page, browser: Browser, tmp_path: Path, ids: list[int]) -> None:
    """Download the report for two experiments and read it offline from the file."""
    _row(page, ids[3]).locator("td").nth(3).click()
    _row(page, ids[4]).locator("td").nth(3).click(modifiers=["Control"])
    with page.expect_download() as pending:
        page.get_by_role("button", name="Download report").click()
    path = tmp_path / "report.html"
    pending.value.save_as(path)

    offline = browser.new_context(offline=True)
    try:
        reader = offline.new_page()
        reader.goto(path.as_uri())
        expect(reader.locator("body")).to_contain_text("Adam beats SGD")
        chosen = reader.locator("section", has_text="Selected experiments").locator("tbody tr")
        expect(chosen).to_have_count(2)
        first_cells = [row.locator("td").first.inner_text() for row in chosen.all()]
        assert [cell.lstrip("★ ").split()[0] for cell in first_cells] == [str(i) for i in ids[3:5]]
        expect(reader.locator("svg").first).to_be_visible()
        expect(reader.locator("script")).to_have_count(0)
        screenshot(reader, "project-5-report-file")
    finally:
        offline.close()

    page.get_by_role("link", name="Open report page").click()
    expect(page.get_by_test_id("report-experiments").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("report-production")).to_contain_text(str(ids[3]))
    screenshot(page, "project-6-report-page")


def test_curate_compare_brush_and_report(
    page: Page, browser: Browser, web_server: Any, admin_password: str, tmp_path: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    project_id, ids = _seed_project(web_server)
    log_in(page, admin_password)

    page.goto(f"/#/projects/{project_id}")
    page.get_by_role("link", name="Project dashboard").click()
    expect(page.locator("table[aria-label=Experiments] tbody tr[data-experiment]")).to_have_count(5)
    expect(page.get_by_test_id(f"changes-{_run_ids(web_server, ids)[1]}")).to_contain_text(
        "lr: 3e-4, 0.001, 0.003"
    )
    screenshot(page, "project-0-dashboard")

    _curate(page, ids)
    _compare(page, ids)
    _brush(page)
    _journal_and_production(page, ids)
    screenshot(page, "project-4-journal")
    _report(page, browser, tmp_path, ids)
    assert errors == []


def _run_ids(server: Any, ids: list[int]) -> list[int]:
    runs = [server.client.get(f"/api/experiments/{i}").json()["run_id"] for i in (ids[0], ids[2])]
    return [int(run) for run in runs]


def test_flag_rules_are_set_from_their_page(
    page: Page, web_server: Any, admin_password: str
) -> None:
    """A wrong threshold is named beside its input; a right one is saved for the project."""
    project_id, _ = _seed_project(web_server)
    log_in(page, admin_password)
    page.goto(f"/#/projects/{project_id}")
    page.get_by_role("link", name="Flag rules").click()
    expect(page.get_by_test_id("flag-rules-state")).to_have_text("The defaults")

    overfitting = page.get_by_role("group", name="overfitting rule")
    epochs = overfitting.get_by_label("epochs of rise")
    expect(epochs).to_have_value("3")
    epochs.fill("0")
    page.get_by_role("button", name="Save rules").click()
    expect(overfitting.get_by_role("alert")).to_contain_text("greater than or equal to 1")
    screenshot(page, "project-7-flag-rule-error")

    epochs.fill("4")
    page.get_by_role("group", name="noisy rule").get_by_role("checkbox").uncheck()
    page.get_by_role("button", name="Save rules").click()
    expect(page.get_by_test_id("flag-rules-state")).to_contain_text("Set for this project")
    expect(page.get_by_test_id("flag-rules-state")).to_contain_text("recomputed for 5")
    rules = web_server.client.get(f"/api/projects/{project_id}/flag-rules").json()["rules"]
    assert rules["overfitting"]["epochs"] == 4 and rules["noisy"]["enabled"] is False
    screenshot(page, "project-8-flag-rules")


def _import_log(server: Any, rows: int) -> int:
    """A project with one imported run of `rows` experiments (a hand-kept CSV log)."""
    project = server.client.post("/api/projects", json={"name": f"big-{uuid.uuid4().hex[:6]}"})
    project_id = int(project.json()["id"])
    lines = ["trial,lr,acc"] + [f"{i},{0.001 * (1 + i % 7)},{i / rows:.4f}" for i in range(rows)]
    answer = server.client.post(
        f"/api/projects/{project_id}/imports",
        files=[("files", ("log.csv", "\n".join(lines).encode()))],
        data={"settings": '{"run_name": "history", "objective": {"metric": "acc", "mode": "max"}}'},
        timeout=120,
    )
    assert answer.status_code == 201, answer.text
    return project_id


def test_a_large_project_paints_its_newest_rows_first(
    page: Page, web_server: Any, admin_password: str
) -> None:
    """The newest runs' 2,000 are drawn while the whole table is on its way; then it replaces them.

    The whole table's answer is held back here (then let through, unchanged), so the first
    state stays long enough to be checked.
    """
    project_id = _import_log(web_server, 2100)
    held: list[Route] = []

    def hold_whole_table(route: Route) -> None:
        if "latest=" in route.request.url:
            route.continue_()
        else:
            held.append(route)

    log_in(page, admin_password)
    page.route("**/experiments/table?*", hold_whole_table)
    page.goto(f"/#/projects/{project_id}/dashboard")
    status = page.get_by_test_id("table-partial")
    expect(status).to_have_text(
        "Showing 2,000 of 2,100 experiments, from the newest runs; loading the rest…"
    )
    expect(page.get_by_test_id("table-count")).to_contain_text("2000")
    chart = page.get_by_test_id("progress-chart")
    expect(chart.locator("canvas, circle.point").first).to_be_attached()  # canvas for many
    expect(page.locator(".project-dashboard")).to_have_attribute("data-complete", "false")
    screenshot(page, "project-9-newest-first")

    assert len(held) == 1
    held[0].continue_()
    expect(page.locator(".project-dashboard")).to_have_attribute("data-complete", "true")
    expect(status).to_have_count(0)
    expect(page.get_by_test_id("table-count")).to_contain_text("2100")
