"""Run dashboard speed: load time and brush-to-linked-views time with 10,000 experiments.

Seeds one run of N experiments × 5 hyperparameters × 4 metrics through the public API
(see dashboard_seed.py), then drives Debian's Chromium with Playwright and reports:
- the columns endpoint alone (server time and payload size);
- time from navigation to a dashboard showing every experiment (target < 1 s);
- time from the end of a brush in a scatter plot until every linked view (table, bars,
  scatter grid, sliders) has rendered the new selection, and until the next frame is
  painted (target < 50 ms).
Prints figures; asserts nothing. Needs `frontend/dist` (npm run build) and `chromium`.

    .venv/bin/python bench/dashboard.py [--experiments 10000] [--clients 8] [--only sqlite]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from dashboard_seed import seed_run
from harness import ADMIN_PASSWORD, REPO, running_server, scratch_database
from playwright.sync_api import Page, sync_playwright

LOADS = 5
BRUSHES = 12
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# Ends a brush in the page and times how long until every linked view shows it.
BRUSH_JS = """
async ([selector, x0, y0, x1, y1]) => {
  const overlay = document.querySelector(selector);
  const box = overlay.getBoundingClientRect();
  const fire = (type, fx, fy) => overlay.dispatchEvent(new PointerEvent(type, {
    bubbles: true, pointerId: 1, button: 0, isPrimary: true,
    clientX: box.left + fx * box.width, clientY: box.top + fy * box.height }));
  const views = [...document.querySelectorAll("[data-view][data-version]")];
  const before = Math.max(...views.map((view) => Number(view.dataset.version)));
  fire("pointerdown", x0, y0);
  fire("pointermove", x1, y1);
  const start = performance.now();
  fire("pointerup", x1, y1);
  const done = () => [...document.querySelectorAll("[data-view][data-version]")]
    .every((view) => Number(view.dataset.version) > before);
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 0));
  const rendered = performance.now() - start;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const painted = performance.now() - start;
  const count = document.querySelector("[data-testid=selection-count]").textContent;
  return { rendered, painted, views: views.length, count };
}
"""


def main() -> None:
    options = _parse_args()
    chromium = shutil.which("chromium")
    if chromium is None or not (REPO / "frontend" / "dist" / "index.html").is_file():
        sys.exit("needs Debian's chromium and a built web app (npm run build in frontend/)")

    for kind in [options.only] if options.only else ["sqlite", "postgresql"]:
        print(f"\n== {kind}: {options.experiments:,} experiments ==", flush=True)
        folder = Path(tempfile.mkdtemp(prefix="ht-bench-db-"))
        with scratch_database(kind, folder) as database, running_server(database) as server:
            headers = dict(server.client.headers)
            seeded = seed_run(server.url, headers, options.experiments, options.clients)
            rate = seeded.experiments / seeded.seconds
            print(
                f"seeded through the API in {seeded.seconds:.1f} s ({rate:.0f} experiments/s,"
                f" {3 * rate:.0f} requests/s, {options.clients} clients)"
            )
            _report_columns(server.client, seeded.run_id)
            _report_browser(chromium, server.url, seeded.run_id)


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experiments", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8, help="parallel seeding clients")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default="sqlite")
    return parser.parse_args()


def _report_columns(client: httpx.Client, run_id: int) -> None:
    times, size = [], 0
    for _ in range(LOADS):
        started = time.perf_counter()
        answer = client.get(f"/api/runs/{run_id}/columns")
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
        size = len(answer.content)
    print(
        f"GET /columns: median {statistics.median(times):.0f} ms, "
        f"min {min(times):.0f} ms ({size / 1e6:.1f} MB, {len(answer.json()['id']):,} rows)"
    )


def _report_browser(chromium: str, url: str, run_id: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=url, viewport={"width": 1600, "height": 1200})
        login = {"username": "admin", "password": ADMIN_PASSWORD}
        context.request.post("/api/auth/login", data=login).ok or sys.exit("login failed")
        page = context.new_page()

        loads = [_load(page, run_id) for _ in range(LOADS)]
        print(
            f"dashboard load (navigation → every view drawn): median "
            f"{statistics.median(loads):.0f} ms, min {min(loads):.0f}, max {max(loads):.0f} "
            f"(target < 1000 ms)"
        )
        _report_brushes(page)
        browser.close()


def _load(page: Page, run_id: int) -> float:
    """Milliseconds from navigation start until the dashboard shows every experiment."""
    page.goto("about:blank")
    page.goto(f"/#/runs/{run_id}")
    page.wait_for_function(
        "() => /experiments$/.test(document.querySelector('[data-testid=selection-count]')"
        "?.textContent ?? '') && document.querySelectorAll('[data-view=scatter] canvas').length"
        " > 0 && document.querySelectorAll('tbody tr[data-experiment]').length > 0",
        timeout=60_000,
    )
    return float(page.evaluate("performance.now()"))


def _report_brushes(page: Page) -> None:
    cells = page.locator("[data-view=scatter]")
    results: list[dict[str, Any]] = []
    for i in range(BRUSHES):
        cell = cells.nth(i % cells.count())
        selector = f"[data-testid='{cell.get_attribute('data-testid')}'] rect.overlay"
        x0, x1 = 0.05 + 0.03 * (i % 5), 0.55 + 0.03 * (i % 7)
        results.append(page.evaluate(BRUSH_JS, [selector, x0, 0.05, x1, 0.95]))
        page.get_by_role("button", name="Clear selection").click()

    rendered = [r["rendered"] for r in results]
    painted = [r["painted"] for r in results]
    print(
        f"brush → {results[0]['views']} linked views rendered: median "
        f"{statistics.median(rendered):.1f} ms, max {max(rendered):.1f} ms; "
        f"→ next frame painted: median {statistics.median(painted):.1f} ms, "
        f"max {max(painted):.1f} ms (target < 50 ms)"
    )
    print(f"  last brush selected: {results[-1]['count']}")


if __name__ == "__main__":
    main()
