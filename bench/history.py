"""Time to fetch a long metric history: downsampled (`?max_points=N`) and in full.

For SQLite and PostgreSQL this stores one curve of 10⁶ points (per-step, with epochs and a
NaN here and there) in a real `hypertuner serve`, then times
`GET /api/experiments/{id}/metrics/{name}` for each `max_points` and without it: wall time
of the whole request (server query, downsampling, JSON encoding, transfer, client decode),
median of the repeats. Drawing is measured by the frontend's own benchmark.

    .venv/bin/python bench/history.py [--points N] [--repeat N] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from harness import Server, running_server, scratch_database

RESULTS = Path(__file__).resolve().parent / "results" / "history.json"
METRIC = "batch_loss"
RECORDS_PER_BATCH = 50_000
STEPS_PER_EPOCH = 1_000
Cell = dict[str, object]


def main() -> None:
    options = _parse_args()
    kinds = [options.only] if options.only else ["sqlite", "postgresql"]
    cells: list[Cell] = []
    for kind in kinds:
        cells.extend(_bench_database(kind, options))

    print()
    print(_table(cells, options.points))
    _write_json(cells, options)
    print(f"\nfigures written to {RESULTS}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000, help="points in the history")
    parser.add_argument("--repeat", type=int, default=3, help="requests per cell (median)")
    parser.add_argument(
        "--max-points",
        default="1000,5000,20000,100000",
        help="comma-separated max_points values; the full history is always fetched too",
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    return parser.parse_args()


def _bench_database(kind: str, options: argparse.Namespace) -> list[Cell]:
    """Store the history once, then time every fetch against it."""
    with (
        tempfile.TemporaryDirectory(prefix="ht-bench-db-") as folder,
        scratch_database(kind, Path(folder)) as database,
        running_server(database) as server,
    ):
        experiment_id, token = _create_experiment(server)
        print(f"{kind}: storing {options.points:,} points...", flush=True)
        stored_in = _store_history(server.url, experiment_id, token, options.points)
        print(f"{kind}: stored in {stored_in:.1f} s", flush=True)

        limits: list[int | None] = [int(n) for n in options.max_points.split(",") if n]
        cells = []
        for limit in [*limits, None]:
            cell = _time_fetch(server, experiment_id, limit, options.repeat)
            cells.append({"database": kind, "stored_seconds": stored_in, **cell})
            print(f"{kind}: {_label(limit)}: {cell['median_seconds']:.3f} s", flush=True)
    return cells


def _create_experiment(server: Server) -> tuple[int, str]:
    project = server.client.post("/api/projects", json={"name": "history-bench"})
    project.raise_for_status()
    body = {"params": {}, "run": "history"}
    answer = server.client.post(f"/api/projects/{project.json()['id']}/experiments", json=body)
    answer.raise_for_status()
    created = answer.json()
    return int(created["experiment"]["id"]), str(created["token"])


def _store_history(url: str, experiment_id: int, token: str, points: int) -> float:
    """Post the curve in large batches as the experiment would; answer the seconds taken."""
    headers = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    with httpx.Client(base_url=url, headers=headers, timeout=600) as writer:
        for first in range(0, points, RECORDS_PER_BATCH):
            steps = range(first, min(first + RECORDS_PER_BATCH, points))
            body = {"batch_id": uuid.uuid4().hex, "records": [_record(step) for step in steps]}
            writer.post(f"/api/experiments/{experiment_id}/metrics", json=body).raise_for_status()
    return time.perf_counter() - started


def _record(step: int) -> dict[str, object]:
    """A decaying, noisy loss with a NaN every 100,000 steps (kept by the downsampling)."""
    value: float | str = 2.0 / (1.0 + step * 1e-4) + 0.05 * math.sin(step * 0.7)
    if step % 100_000 == 99_999:
        value = "NaN"
    return {"step": step, "epoch": step // STEPS_PER_EPOCH, "values": {METRIC: value}}


def _time_fetch(server: Server, experiment_id: int, limit: int | None, repeat: int) -> Cell:
    path = f"/api/experiments/{experiment_id}/metrics/{METRIC}"
    params = {"max_points": limit} if limit is not None else {}
    seconds, size, returned = [], 0, 0
    with httpx.Client(base_url=server.url, headers=server.client.headers, timeout=600) as reader:
        for _ in range(repeat):
            started = time.perf_counter()
            answer = reader.get(path, params=params)
            answer.raise_for_status()
            returned = len(answer.json()["points"])
            seconds.append(time.perf_counter() - started)
            size = len(answer.content)
    return {
        "max_points": limit,
        "points_returned": returned,
        "response_mb": size / 1e6,
        "median_seconds": statistics.median(seconds),
        "seconds": seconds,
    }


def _label(limit: int | None) -> str:
    return "full" if limit is None else f"max_points={limit:,}"


def _table(cells: list[Cell], points: int) -> str:
    lines = [
        f"GET /api/experiments/{{id}}/metrics/{{name}} on a {points:,}-point history",
        f"{'database':<11} {'request':<22} {'points':>10} {'MB':>8} {'median s':>9}",
    ]
    for cell in cells:
        limit = cell["max_points"]
        assert limit is None or isinstance(limit, int)
        lines.append(
            f"{cell['database']!s:<11} {_label(limit):<22} {cell['points_returned']:>10,} "
            f"{cell['response_mb']:>8.2f} {cell['median_seconds']:>9.3f}"
        )
    return "\n".join(lines)


def _write_json(cells: list[Cell], options: argparse.Namespace) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "history",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "python": platform.python_version(),
        "points": options.points,
        "repeat": options.repeat,
        "cells": cells,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
