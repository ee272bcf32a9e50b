"""Steps of the sweep story in the browser: fill the launch form, watch, brush, lock."""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from browsing import drag, screenshot

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "examples" / "digits_cnn" / "train.py"
SWEEP_TIMEOUT_MS = 180_000


def add_param(page: Page, name: str, kind: str, fields: dict[str, str]) -> None:
    page.get_by_role("button", name="Add hyperparameter").click()
    page.get_by_label("new hyperparameter name").fill(name)
    page.get_by_label(f"{name} kind").select_option(label=kind)
    for caption, value in fields.items():
        page.get_by_label(f"{name} {caption}", exact=True).fill(value)


def create_project(page: Page) -> str:
    name = f"web-{uuid.uuid4().hex[:6]}"
    page.get_by_label("New project name").fill(name)
    page.get_by_role("button", name="Create project").click()
    page.get_by_role("link", name=name).click()
    page.get_by_role("heading", name=name).wait_for()
    return name


def fill_sweep(page: Page) -> None:
    """Four experiments: batch size 32 and 64 (×2 steps), dropout 0.2 and 0.5, two epochs."""
    page.get_by_label("Run name").fill("browser sweep")
    page.get_by_label("Command template").fill(f"{sys.executable} {SCRIPT}")
    page.get_by_label("Working folder").fill(str(REPO))
    add_param(
        page, "batch_size", "range, ×factor step", {"from": "32", "to": "64", "× factor": "2"}
    )
    add_param(page, "dropout", "values list", {"values": "0.2, 0.5"})
    add_param(page, "epochs", "values list", {"values": "2"})
    page.get_by_label("Objective metric").fill("val_accuracy")

    # The template follows the hyperparameters; what was typed stays.
    command = page.get_by_label("Command template")
    expect(command).to_have_value(
        f"{sys.executable} {SCRIPT} --batch-size {{batch_size}} --dropout {{dropout}} "
        "--epochs {epochs}"
    )
    expect(page.get_by_test_id("values-preview-batch_size")).to_contain_text("32, 64 (2 values)")


def check_errors_next_to_fields(page: Page) -> None:
    """Input errors of the preview call appear beside the field they name."""
    step = page.get_by_label("batch_size × factor")
    step.fill("1")
    row = page.get_by_test_id("param-batch_size")
    expect(row.get_by_role("alert")).to_contain_text("greater than 1")
    expect(page.get_by_test_id("preview-problem")).to_contain_text("greater than 1")
    step.fill("2")
    expect(page.get_by_test_id("preview-problem")).to_have_count(0)

    command = page.get_by_label("Command template")
    command.fill(command.input_value() + " --seed {seed}")
    alert = page.locator("label", has=command).get_by_role("alert")
    expect(alert).to_contain_text("no hyperparameter for placeholder {seed}")
    command.fill(command.input_value().replace(" --seed {seed}", ""))
    expect(alert).to_have_count(0)


def watch_live(page: Page) -> None:
    """The dashboard follows the run to the end without a reload."""
    status = page.get_by_test_id("run-status")
    expect(status).to_have_text(re.compile("pending|running"))
    screenshot(page, "3-dashboard-running")
    expect(status).to_have_text("completed", timeout=SWEEP_TIMEOUT_MS)
    rows = page.locator("table[aria-label=Experiments] tbody tr[data-experiment]")
    expect(rows).to_have_count(4)
    expect(rows.filter(has_text="completed")).to_have_count(4)
    scatter = page.get_by_test_id("scatter-batch_size-val_accuracy")
    expect(scatter.locator("circle.point")).to_have_count(4, timeout=10_000)


def brush_batch_size_32(page: Page) -> None:
    """Brush the smaller batch size in one scatter plot; every other view follows."""
    plot = page.get_by_test_id("scatter-batch_size-val_accuracy")
    drag(page, plot.locator("rect.overlay"), 0.0, 0.0, 0.4, 0.99)

    expect(page.get_by_test_id("selection-count")).to_have_text("2 of 4 selected")
    selected_rows = page.locator("table[aria-label=Experiments] tbody tr[aria-selected=true]")
    expect(selected_rows).to_have_count(2)
    for row in selected_rows.all():
        expect(row.locator("td").nth(3)).to_have_text("32")  # pick, id, status, batch_size

    expect(
        page.get_by_test_id("scatter-dropout-val_accuracy").locator("circle.selected")
    ).to_have_count(2)
    expect(page.get_by_test_id("scatter-epochs-val_loss").locator("circle.selected")).to_have_count(
        2
    )
    expect(page.get_by_test_id("bars-val_accuracy").locator("rect.bar.selected")).to_have_count(2)
    expect(page.get_by_test_id("range-batch_size")).to_have_text("32")
    expect(page.get_by_test_id("range-dropout")).to_have_text("0.2 – 0.5")
    screenshot(page, "4-dashboard-brushed")


def lock_and_launch_next(page: Page) -> None:
    """A locked range is kept on the server and prefills the next launch form."""
    page.get_by_role("button", name="Lock batch_size").click()
    expect(page.get_by_test_id("lock-batch_size")).to_contain_text("32")
    expect(page.get_by_test_id("lock-batch_size")).to_contain_text("admin")

    page.get_by_role("button", name="New run from selection").click()
    expect(page.get_by_test_id("launch-form")).to_be_visible()
    expect(page.get_by_label("batch_size from", exact=True)).to_have_value("32")
    expect(page.get_by_label("batch_size to", exact=True)).to_have_value("32")
    expect(page.get_by_test_id("preview-count")).to_contain_text("already run")
    screenshot(page, "5-launch-prefilled-from-lock")
