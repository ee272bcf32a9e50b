"""The experiment view in Debian's Chromium, over real runs of the digits and k-means examples.

One module-scoped sweep feeds the tests: three short digits trainings (curves, replay, the
confusion matrix with its images, the overlay), one k-means fit (the elbow chart, no epochs)
and one long digits training that a test stops from the browser.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from importlib.util import find_spec
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from browsing import (
    REPO,
    admin_password,
    browser_context_args,
    browser_type_launch_args,
    drag,
    log_in,
    screenshot,
    web_server,
)
from helpers import experiments_of, launch, new_project, wait_experiment, wait_run

pytestmark = [
    pytest.mark.ray,
    pytest.mark.skipif(
        find_spec("torch") is None or find_spec("sklearn") is None,
        reason="needs the examples extra: torch and scikit-learn",
    ),
]
DIGITS = f"{sys.executable} examples/digits_cnn/train.py"
KMEANS = f"{sys.executable} examples/kmeans/train.py"
EPOCHS = 3
RUN_TIMEOUT = 150


def _run(server: Any, project_id: int, name: str, command: str, params: dict[str, Any]) -> int:
    run = launch(
        server.client,
        project_id,
        name=name,
        command=command,
        params=params,
        workdir=str(REPO),
        max_concurrent=2,
    )
    return int(run["id"])


@pytest.fixture(scope="module")
def runs(web_server: Any) -> Iterator[dict[str, int]]:
    """The short runs, waited for, then the long one (stopped at the end if a test did not)."""
    project_id = new_project(web_server.client, "experiment-view")
    digits = _run(
        web_server,
        project_id,
        "digits",
        f"{DIGITS} --epochs {EPOCHS} --batch-size {{batch_size}}",
        {"batch_size": [32, 64, 128]},
    )
    kmeans = _run(web_server, project_id, "kmeans", f"{KMEANS} --n-clusters {{k}}", {"k": [3]})
    for run_id in (digits, kmeans):
        assert wait_run(web_server.client, run_id, timeout=RUN_TIMEOUT)["status"] == "completed"
    # Last, so the short runs get both of the local head's slots; it starts during the first test.
    long_run = _run(
        web_server, project_id, "long", f"{DIGITS} --epochs {{epochs}}", {"epochs": [4000]}
    )
    yield {"digits": digits, "kmeans": kmeans, "long": long_run}
    web_server.client.post(f"/api/runs/{long_run}/stop")


def _ids(server: Any, run_id: int) -> list[int]:
    return sorted(experiment["id"] for experiment in experiments_of(server.client, run_id))


def _open(page: Page, run_id: int, experiment_id: int) -> None:
    """Open the run dashboard and click the experiment's row in the table."""
    page.goto(f"/#/runs/{run_id}")
    page.locator(f"tbody tr[data-experiment='{experiment_id}']").click()
    expect(page).to_have_url(re.compile(f"/runs/{run_id}/experiments/{experiment_id}$"))
    expect(page.get_by_test_id("experiment-pane")).to_be_visible()


def test_curves_replay_confusion_matrix_and_overlay(
    page: Page, web_server: Any, admin_password: str, runs: dict[str, int]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    first, second, third = _ids(web_server, runs["digits"])
    log_in(page, admin_password)
    _open(page, runs["digits"], first)

    pane = page.get_by_test_id("experiment-pane")
    expect(pane.get_by_test_id("experiment-status")).to_have_text("completed")
    expect(pane.get_by_test_id("param-batch_size")).to_have_text("32")
    expect(pane.get_by_test_id("experiment-command")).to_contain_text("--batch-size 32")
    expect(pane.get_by_test_id("exit-status")).to_contain_text("0")
    # The run's panel and table stay beside the experiment.
    expect(page.locator("table[aria-label=Experiments] tbody tr[data-experiment]")).to_have_count(3)

    # One chart per metric, each on its own scale: accuracy and loss never share an axis.
    accuracy = page.get_by_test_id("curve-val_accuracy")
    loss = page.get_by_test_id("curve-val_loss")
    expect(accuracy.locator("g.curve path")).to_have_count(1)
    expect(page.get_by_test_id("curve-batch_loss").locator("g.curve path")).to_have_count(1)
    assert _points(accuracy) == EPOCHS
    assert _top_tick(accuracy) != _top_tick(loss)
    _hover_and_zoom(page, loss)
    screenshot(page, "experiment-1-curves")

    _replay(page, accuracy)
    _hover_confusion_cell(page)
    screenshot(page, "experiment-2-confusion-matrix")

    # Ctrl-click two more rows: three experiments on the same charts.
    for other in (second, third):
        page.locator(f"tbody tr[data-experiment='{other}']").click(modifiers=["Control"])
    expect(page.get_by_test_id("overlay-count")).to_have_text("3 experiments overlaid")
    expect(loss.locator("g.curve path")).to_have_count(3)
    expect(page.get_by_test_id("curve-batch_loss").locator("g.curve path")).to_have_count(3)
    toggle = loss.get_by_role("button", name=re.compile(f"#{second} "))
    toggle.click()
    expect(loss.locator("g.curve path")).to_have_count(2)
    toggle.click()
    screenshot(page, "experiment-3-overlay")
    assert errors == []


def _points(chart: Any) -> int:
    """How many points the first curve's path joins (one move, then a line per point)."""
    path = chart.locator("g.curve path").first.get_attribute("d") or ""
    return len(re.findall(r"[ML]", path))


def _top_tick(chart: Any) -> str:
    return str(chart.locator(".axis").nth(1).locator("text").last.text_content())


def _hover_and_zoom(page: Page, chart: Any) -> None:
    overlay = chart.locator("rect.overlay")
    overlay.hover()
    expect(chart.get_by_test_id("readout")).to_contain_text("@")
    drag(page, overlay, 0.1, 0.5, 0.6, 0.5)
    expect(chart).to_have_attribute("data-zoomed", "true")
    overlay.dblclick()
    expect(chart).to_have_attribute("data-zoomed", "false")


def _replay(page: Page, chart: Any) -> None:
    """Play from epoch 1 to the end; the scrubber steps back to any epoch."""
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_test_id("replay-epoch")).to_have_text(f"epoch 1 of {EPOCHS}")
    assert _points(chart) == 1
    expect(page.get_by_test_id("confusion-name")).to_have_text("confusion_matrix_epoch_1")
    expect(page.get_by_test_id("replay-epoch")).to_have_text(f"epoch {EPOCHS} of {EPOCHS}")
    expect(page.get_by_role("button", name="Play")).to_be_visible()

    page.get_by_label("Replay epoch").fill("2")
    expect(page.get_by_test_id("replay-epoch")).to_have_text(f"epoch 2 of {EPOCHS}")
    expect(page.get_by_test_id("confusion-name")).to_have_text("confusion_matrix_epoch_2")
    assert _points(chart) == 2
    page.get_by_role("button", name="show all").click()
    expect(page.get_by_test_id("confusion-name")).to_have_text("confusion_matrix")


def _hover_confusion_cell(page: Page) -> None:
    """Hover the off-diagonal cell with the most mistakes: its count and its 8x8 images."""
    matrix = page.get_by_test_id("confusion-matrix")
    cells = matrix.locator("rect.cell")
    expect(cells).to_have_count(100)
    worst, count = "", 0
    for cell in cells.all():
        row, column = (cell.get_attribute("data-cell") or "0,0").split(",")
        value = int((cell.get_attribute("aria-label") or ": 0").rsplit(": ", 1)[1])
        if row != column and value > count:
            worst, count = f"{row},{column}", value
    assert count > 0, "a three-epoch CNN makes some mistakes"

    matrix.locator(f"rect.cell[data-cell='{worst}']").hover()
    expect(page.get_by_test_id("cell-count")).to_have_text(str(count))
    images = page.get_by_test_id("cell-detail").locator("svg.pixel-image")
    expect(images).to_have_count(min(count, 20))
    expect(images.first.locator("rect")).to_have_count(64)


def test_stop_a_running_experiment(
    page: Page, web_server: Any, admin_password: str, runs: dict[str, int]
) -> None:
    (experiment_id,) = _ids(web_server, runs["long"])
    wait_experiment(
        web_server.client,
        experiment_id,
        lambda e: e["status"] == "running" and "val_loss" in e["metrics"],
        timeout=RUN_TIMEOUT,
    )
    log_in(page, admin_password)
    _open(page, runs["long"], experiment_id)
    status = page.get_by_test_id("experiment-status")
    expect(status).to_have_text("running")
    # Live: more epochs arrive while the page is open.
    chart = page.get_by_test_id("curve-val_loss")
    seen = _points(chart)
    page.wait_for_timeout(3000)
    assert _points(chart) > seen
    screenshot(page, "experiment-4-running")

    page.get_by_role("button", name="Stop experiment").click()
    expect(status).to_have_text("stopped", timeout=20_000)
    expect(page.get_by_role("button", name="Stop experiment")).to_have_count(0)
    expect(page.get_by_test_id("stopped-by")).to_contain_text("request")
    screenshot(page, "experiment-5-stopped")
    (stopped,) = experiments_of(web_server.client, runs["long"])
    assert stopped["status"] == "stopped", stopped
    assert stopped["metrics"]["val_loss"]["count"] < 4000


def test_kmeans_elbow_chart_without_epochs(
    page: Page, web_server: Any, admin_password: str, runs: dict[str, int]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    (experiment_id,) = _ids(web_server, runs["kmeans"])
    log_in(page, admin_password)
    _open(page, runs["kmeans"], experiment_id)

    elbow = page.get_by_test_id("artifact-elbow")
    expect(elbow).to_contain_text("Elbow")
    expect(elbow.locator("circle.spec-point")).to_have_count(10)
    expect(elbow.locator(".annotation")).to_contain_text("k = 3")
    expect(page.get_by_test_id("artifact-clusters").locator("circle.spec-point")).not_to_have_count(
        0
    )
    expect(page.get_by_test_id("artifact-cluster_sizes").locator("rect.spec-bar")).to_have_count(3)
    # No epochs: no replay; scores logged once are a table rather than one-point curves.
    expect(page.get_by_test_id("replay")).to_have_count(0)
    scores = page.get_by_test_id("scores")
    expect(scores.locator("th")).to_have_text(
        ["experiment", "adjusted_rand", "inertia", "silhouette"]
    )
    expect(page.get_by_test_id("curve-inertia")).to_have_count(0)
    screenshot(page, "experiment-6-kmeans-elbow")
    assert errors == []
