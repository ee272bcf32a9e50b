"""Project dashboard speed at 100,000 experiments across 200 runs: first paint, filter, brush.

Seeds one project through the public import API (see project_seed.py), then reports, as
medians over the repeats:
- `GET /api/projects/{pid}/experiments/table` alone: time to the first byte (the server's
  work: the body is built before it is sent), time with the body, and payload size;
- time to first paint of `/#/projects/{pid}/dashboard` in Debian's Chromium (Playwright):
  from navigation start to the frame that shows the progress chart and the experiments
  table (target < 1 s), with the table request's place in it (Resource Timing);
- filter: one input event in the table's filter box (a tag, a run name, a value) until the
  table shows the new rows and the next frame is painted (target < 200 ms);
- brush: a drag on the progress chart until every linked view (chart and table) shows a
  higher selection version and the next frame is painted (target < 200 ms).
Prints figures and writes them to bench/results/project_dashboard.json; asserts nothing.
Needs `frontend/dist` (npm run build) and `chromium`.

    .venv/bin/python bench/project_dashboard.py [--experiments 100000] [--runs 200]
        [--only sqlite|postgresql] [--repeat 5] [--clients 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from dashboard import CHROMIUM_ARGS
from harness import ADMIN_PASSWORD, REPO, running_server, scratch_database
from playwright.sync_api import Page, sync_playwright
from project_seed import TAG, SeededProject, run_name, seed_project

RESULTS = Path(__file__).resolve().parent / "results" / "project_dashboard.json"
TABLE_PATH = "/api/projects/{pid}/experiments/table"
CHART = "[data-testid=progress-chart]"
ROWS = "table[aria-label=Experiments] tbody tr[data-experiment]"
# Set once the whole table has replaced the first, partial answer (the newest runs' rows).
COMPLETE = ".project-dashboard[data-complete=true]"
FIRST_ROWS = 2000  # frontend/src/hooks/projectApi.ts asks for the newest this many first
# The linked views (the table and the progress chart) carry data-view and data-version.
VIEWS = "[data-view][data-version]"
Samples = dict[str, list[float]]

# Installed before every navigation: from the first frame in which the chart and a table
# row are in the document, note the time, and the time just after that frame is painted.
FIRST_PAINT_JS = f"""
if (location.hash.endsWith("/dashboard")) {{
  const check = () => {{
    const chart = document.querySelector("{CHART}");
    const drawn = chart && chart.querySelector("canvas, circle.point");
    if (window.__drawnAt === undefined && drawn && document.querySelector("{ROWS}")) {{
      window.__drawnAt = performance.now();
      setTimeout(() => {{ window.__paintedAt = performance.now(); }}, 0);
    }}
    if (window.__drawnAt !== undefined && document.querySelector("{COMPLETE}")) {{
      window.__completeAt = performance.now();
      setTimeout(() => {{ window.__completePaintedAt = performance.now(); }}, 0);
    }} else requestAnimationFrame(check);
  }};
  requestAnimationFrame(check);
}}
"""

# Shared by the filter and brush scripts: wait for a condition, then for the next frame.
WAIT_JS = """
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
"""

# One input event in the filter box, as a keystroke or a paste makes; timed until the rows
# (their count or first row) change and the next frame is painted.
FILTER_JS = f"""
async ([text]) => {{
  {WAIT_JS}
  const input = document.querySelector('input[aria-label="Filter rows"]');
  const count = () => document.querySelector("[data-testid=table-count]").textContent;
  const shown = () => count() + "|" + (document.querySelector("{ROWS}")?.dataset.experiment);
  const before = shown();
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  const start = performance.now();
  setValue.call(input, text);
  input.dispatchEvent(new Event("input", {{ bubbles: true }}));
  while (shown() === before) await tick();
  const rendered = performance.now() - start;
  await frame();
  return {{ rendered, painted: performance.now() - start, count: count() }};
}}
"""

# A drag (or, with equal corners, a click that clears) on the progress chart's overlay, timed
# until every linked view shows a higher version and the next frame is painted.
BRUSH_JS = f"""
async ([x0, y0, x1, y1]) => {{
  {WAIT_JS}
  const overlay = document.querySelector("{CHART} rect.overlay");
  const box = overlay.getBoundingClientRect();
  const fire = (type, fx, fy) => overlay.dispatchEvent(new PointerEvent(type, {{
    bubbles: true, pointerId: 1, button: 0, isPrimary: true,
    clientX: box.left + fx * box.width, clientY: box.top + fy * box.height }}));
  const versions = () => [...document.querySelectorAll("{VIEWS}")]
    .map((view) => Number(view.dataset.version));
  const before = Math.max(...versions());
  fire("pointerdown", x0, y0);
  fire("pointermove", x1, y1);
  const start = performance.now();
  fire("pointerup", x1, y1);
  while (!versions().every((version) => version > before)) await tick();
  const rendered = performance.now() - start;
  await frame();
  const painted = performance.now() - start;
  const count = document.querySelector("[data-testid=selected-count]")?.textContent ?? "none";
  return {{ rendered, painted, views: versions().length, count }};
}}
"""


def main() -> None:
    options = _parse_args()
    chromium = shutil.which("chromium")
    if chromium is None or not (REPO / "frontend" / "dist" / "index.html").is_file():
        sys.exit("needs Debian's chromium and a built web app (npm run build in frontend/)")

    print(f"== {options.only}: {options.experiments:,} experiments in {options.runs} runs ==")
    with (
        tempfile.TemporaryDirectory(prefix="ht-bench-db-") as folder,
        scratch_database(options.only, Path(folder)) as database,
        running_server(database) as server,
    ):
        headers = dict(server.client.headers)
        try:
            seeded = seed_project(
                server.url, headers, options.experiments, options.runs, options.clients
            )
        except RuntimeError:
            print(_first_error(server.log_path), file=sys.stderr)
            raise
        print(
            f"seeded through the import API in {seeded.seconds:.1f} s "
            f"({seeded.experiments / seeded.seconds:.0f} experiments/s, {options.clients} "
            f"clients; {seeded.tagged:,} tagged #{TAG})",
            flush=True,
        )
        table = _measure_table(server.client, seeded.project_id, options.repeat)
        browser = _measure_browser(chromium, server.url, seeded, options.repeat)

    figures = {name: statistics.median(values) for name, values in {**table, **browser}.items()}
    print()
    print(_report(figures, options.repeat))
    _write_json(options, seeded, figures, {**table, **browser})
    print(f"\nfigures written to {RESULTS}")


def _first_error(log_path: Path) -> str:
    """The server log from its first ERROR line on (a failed import's traceback)."""
    log = log_path.read_text(errors="replace")
    start = log.find(" ERROR ")
    return f"server log from its first error:\n{log[start : start + 6000]}" if start >= 0 else ""


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experiments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=5, help="loads, and rounds of filters")
    parser.add_argument(
        "--clients",
        type=int,
        default=2,
        help="parallel import clients (an import holds SQLite's write lock throughout, and "
        "with more than one waiting, one may starve past the 30 s busy timeout)",
    )
    return parser.parse_args()


def _measure_table(client: httpx.Client, project_id: int, repeat: int) -> Samples:
    """The dashboard's one big request, from a plain HTTP client."""
    samples: Samples = {}
    for prefix, query in (("first_", {"latest": FIRST_ROWS}), ("", {})):
        for _ in range(repeat):
            started = time.perf_counter()
            url = TABLE_PATH.format(pid=project_id)
            with client.stream("GET", url, params=query) as answer:
                first_byte = time.perf_counter()
                answer.raise_for_status()
                body = answer.read()
            _add(samples, {f"{prefix}table_server_ms": (first_byte - started) * 1000})
            _add(samples, {f"{prefix}table_total_ms": (time.perf_counter() - started) * 1000})
            _add(samples, {f"{prefix}table_mb": len(body) / 1e6})

        rows = json.loads(body)["total"]
        print(f"GET {TABLE_PATH} {query}: {rows:,} rows, {len(body) / 1e6:.1f} MB", flush=True)
    return samples


def _measure_browser(chromium: str, url: str, seeded: SeededProject, repeat: int) -> Samples:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=url, viewport={"width": 1600, "height": 1200})
        login = {"username": "admin", "password": ADMIN_PASSWORD}
        context.request.post("/api/auth/login", data=login).ok or sys.exit("login failed")
        context.add_init_script(FIRST_PAINT_JS)
        page = context.new_page()
        page.on("pageerror", lambda error: print(f"  page error: {error}", flush=True))

        samples: Samples = {}
        for _ in range(repeat):
            _add(samples, _first_paint(page, seeded.project_id))
        paint, complete = (statistics.median(samples[k]) for k in ("paint_ms", "complete_ms"))
        print(f"first paint: median {paint:.0f} ms, all rows in {complete:.0f} ms", flush=True)
        for _ in range(repeat):
            _add(samples, _filters(page, seeded))
        for round_ in range(repeat):
            _add(samples, _brushes(page, round_))
        browser.close()
    return samples


def _add(samples: Samples, found: Mapping[str, float | list[float]]) -> None:
    for name, value in found.items():
        samples.setdefault(name, []).extend(value if isinstance(value, list) else [value])


def _first_paint(page: Page, project_id: int) -> dict[str, float]:
    """Milliseconds from navigation start: the table request's start, first byte and last
    byte, the frame with chart and rows in it, and that frame painted."""
    page.goto("about:blank")
    page.goto(f"/#/projects/{project_id}/dashboard", wait_until="commit")
    page.wait_for_function(
        "() => window.__completePaintedAt !== undefined", timeout=120_000, polling=50
    )
    timing = page.evaluate(
        """() => {
          const fetches = performance.getEntriesByType("resource")
            .filter((entry) => entry.name.includes("/experiments/table"));
          const first = fetches.find((entry) => entry.name.includes("latest="));
          const whole = fetches.find((entry) => !entry.name.includes("latest="));
          return { fetch_start: first.startTime, first_byte: first.responseStart,
                   last_byte: first.responseEnd, drawn: window.__drawnAt,
                   painted: window.__paintedAt, whole_last_byte: whole ? whole.responseEnd : 0,
                   complete: window.__completePaintedAt };
        }"""
    )
    return {
        "paint_ms": timing["painted"],
        "paint_drawn_ms": timing["drawn"],
        "paint_table_fetch_start_ms": timing["fetch_start"],
        "paint_table_first_byte_ms": timing["first_byte"],
        "paint_table_last_byte_ms": timing["last_byte"],
        "paint_after_fetch_ms": timing["painted"] - timing["last_byte"],
        "complete_ms": timing["complete"],
        "complete_table_last_byte_ms": timing["whole_last_byte"],
    }


def _filters(page: Page, seeded: SeededProject) -> dict[str, float | list[float]]:
    """A tag, a run name and a value typed into the filter box, each cleared again."""
    words = {"tag": f"#{TAG}", "run": run_name(len(seeded.run_names) // 2), "value": "adamw"}
    clears: list[float] = []
    found: dict[str, float | list[float]] = {"filter_clear_ms": clears}
    for kind, word in words.items():
        applied = page.evaluate(FILTER_JS, [word])
        cleared = page.evaluate(FILTER_JS, [""])
        found[f"filter_{kind}_ms"] = applied["painted"]
        found[f"filter_{kind}_rendered_ms"] = applied["rendered"]
        found[f"filter_{kind}_rows"] = float(applied["count"].split(" of ")[0])
        clears.append(cleared["painted"])
    return found


def _brushes(page: Page, round_: int) -> dict[str, float | list[float]]:
    """Two brushes of different sizes over the progress chart, each cleared by a click."""
    clears: list[float] = []
    found: dict[str, float | list[float]] = {"brush_clear_ms": clears}
    for size, (x0, x1) in {"narrow": (0.1, 0.3), "wide": (0.05, 0.9)}.items():
        shift = 0.02 * round_
        brushed: dict[str, Any] = page.evaluate(BRUSH_JS, [x0 + shift, 0.02, x1 + shift, 0.6])
        cleared: dict[str, Any] = page.evaluate(BRUSH_JS, [0.5, 0.5, 0.5, 0.5])
        found[f"brush_{size}_ms"] = brushed["painted"]
        found[f"brush_{size}_rendered_ms"] = brushed["rendered"]
        found[f"brush_{size}_selected"] = float(brushed["count"].split()[0])
        clears.append(cleared["painted"])
        found["brush_views"] = brushed["views"]
    return found


def _report(figures: dict[str, float], repeat: int) -> str:
    f = figures
    lines = [
        f"medians of {repeat} (all times ms)",
        f"GET table?latest={FIRST_ROWS}: server (first byte) {f['first_table_server_ms']:.0f}, "
        f"with body {f['first_table_total_ms']:.0f}, {f['first_table_mb']:.1f} MB",
        f"GET table (every row): server (first byte) {f['table_server_ms']:.0f}, with body "
        f"{f['table_total_ms']:.0f}, {f['table_mb']:.1f} MB",
        f"first paint {f['paint_ms']:.0f} (target < 1000), last {FIRST_ROWS:,} rows: request "
        f"starts {f['paint_table_fetch_start_ms']:.0f}, first byte "
        f"{f['paint_table_first_byte_ms']:.0f}, last byte {f['paint_table_last_byte_ms']:.0f}; "
        f"then {f['paint_after_fetch_ms']:.0f} in the browser to the painted frame",
        f"every row drawn {f['complete_ms']:.0f} (whole table's last byte "
        f"{f['complete_table_last_byte_ms']:.0f}); filters and brushes below act on every row",
    ]
    for kind in ("tag", "run", "value"):
        lines.append(
            f"filter by {kind:<5} {f[f'filter_{kind}_ms']:6.1f} (rendered "
            f"{f[f'filter_{kind}_rendered_ms']:.1f}; {f[f'filter_{kind}_rows']:,.0f} rows)"
            " (target < 200)"
        )
    lines.append(f"filter cleared  {f['filter_clear_ms']:6.1f}")
    for size in ("narrow", "wide"):
        lines.append(
            f"brush {size:<6}    {f[f'brush_{size}_ms']:6.1f} (rendered "
            f"{f[f'brush_{size}_rendered_ms']:.1f}; {f[f'brush_{size}_selected']:,.0f} "
            f"selected, {f['brush_views']:.0f} views) (target < 200)"
        )
    lines.append(f"brush cleared   {f['brush_clear_ms']:6.1f}")
    return "\n".join(lines)


def _write_json(
    options: argparse.Namespace,
    seeded: SeededProject,
    figures: dict[str, float],
    samples: Samples,
) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "project_dashboard",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "database": options.only,
        "experiments": seeded.experiments,
        "runs": len(seeded.run_names),
        "seed_seconds": seeded.seconds,
        "repeat": options.repeat,
        "median": figures,
        "samples": samples,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
