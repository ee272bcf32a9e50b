"""Time to fetch and draw a 10⁶-point history in the web app, in Debian's headless Chromium.

Stores one per-step curve (as `history.py` does) in a real `hypertuner serve` on SQLite, opens
the experiment view and reads, from the browser's own clocks (median of the repeats):

- fetch: the history request of the chart (`?max_points=2000`), from its start to its last
  byte (Resource Timing);
- draw: from that last byte to the frame where the chart shows the curve (JSON parse,
  React render, SVG path);
- zoom: from releasing a drag over the chart to the frame showing the zoomed range in full
  detail (`step_from`/`step_to` request included).

Needs `npm run build` in frontend/ and `apt-get install chromium`.

    .venv/bin/python bench/history_draw.py [--points N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from harness import ADMIN_PASSWORD, running_server, scratch_database
from history import METRIC, _create_experiment, _store_history
from playwright.sync_api import Page, sync_playwright

RESULTS = Path(__file__).resolve().parent / "results" / "history_draw.json"
CHART = f"[data-testid=curve-{METRIC}]"
DRAWN = f"""() => {{
  const chart = document.querySelector("{CHART}");
  return chart && Number(chart.dataset.points) > 0 ? performance.now() : null;
}}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="ht-bench-draw-") as folder,
        scratch_database("sqlite", Path(folder)) as database,
        running_server(database) as server,
    ):
        experiment_id, token = _create_experiment(server)
        print(f"storing {options.points:,} points...", flush=True)
        _store_history(server.url, experiment_id, token, options.points)
        run_id = server.client.get(f"/api/experiments/{experiment_id}").json()["run_id"]
        page_url = f"{server.url}/#/runs/{run_id}/experiments/{experiment_id}"
        samples = _measure(server.url, page_url, options.repeat)

    figures = {name: statistics.median(values) for name, values in samples.items()}
    for name, value in figures.items():
        print(f"{name:<6} {value:8.1f} ms (median of {options.repeat})")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "history_draw",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "points": options.points,
        "median_ms": figures,
        "samples_ms": samples,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"figures written to {RESULTS}")


def _measure(base_url: str, page_url: str, repeat: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"fetch": [], "draw": [], "zoom": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        _log_in(page, base_url)
        for _ in range(repeat):
            fetch, draw = _open(page, page_url)
            samples["fetch"].append(fetch)
            samples["draw"].append(draw)
            samples["zoom"].append(_zoom(page))
        browser.close()
    return samples


def _log_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/#/login")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Projects").wait_for()


def _open(page: Page, page_url: str) -> tuple[float, float]:
    """Load the view afresh; answer (fetch, draw) in milliseconds."""
    page.goto("about:blank")
    page.goto(page_url)
    drawn = float(page.wait_for_function(DRAWN, polling="raf", timeout=120_000).json_value())
    timing = page.evaluate(
        """(name) => {
          const entry = performance.getEntriesByType("resource")
            .find((e) => e.name.includes(`/metrics/${name}?`));
          return [entry.startTime, entry.responseEnd];
        }""",
        METRIC,
    )
    started, arrived = float(timing[0]), float(timing[1])
    return arrived - started, drawn - arrived


def _zoom(page: Page) -> float:
    """Drag over the middle fifth of the chart; answer ms until the detail is drawn."""
    chart = page.locator(CHART)
    before = chart.get_attribute("data-points")
    box = chart.locator("rect.overlay").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.4 * box["width"], y)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.6 * box["width"], y, steps=4)
    released = float(page.evaluate("performance.now()"))
    page.mouse.up()
    changed = f"""() => {{
      const points = document.querySelector("{CHART}").dataset.points;
      return points !== "{before}" ? performance.now() : null;
    }}"""
    drawn = float(page.wait_for_function(changed, polling="raf", timeout=60_000).json_value())
    return drawn - released


if __name__ == "__main__":
    main()
