"""Metric ingest throughput through the batch endpoint, beside the raw insert ceiling.

For SQLite and PostgreSQL, with 1 and 8 concurrent clients (one process and one experiment
each), this posts 1,000-point batches to a real `hypertuner serve` for a warm window and
reports points/s. In the same run it inserts as many rows of the same shape straight into
the same indexed `metric_points` table (see ingest_ceiling.py): the physical ceiling.

    .venv/bin/python bench/ingest.py [--quick] [--only sqlite|postgresql] [--seconds N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

import ingest_ceiling
import psycopg
from harness import (
    Database,
    Server,
    cores_busy,
    postgres_pids,
    read_cpu,
    running_server,
    scratch_database,
)
from ingest_client import (
    METRICS,
    POINTS_PER_BATCH,
    RECORDS_PER_BATCH,
    ClientReport,
    percentile_ms,
    run_client,
)

RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"
CLIENT_COUNTS = (1, 8)
NOISY_CORES = 0.25  # CPU used by unrelated programs above which a run is flagged
Cell = dict[str, object]


@dataclass(frozen=True)
class Timing:
    warmup: float
    seconds: float


def main() -> None:
    options = _parse_args()
    timing = Timing(1.0, 3.0) if options.quick else Timing(options.warmup, options.seconds)
    kinds = [options.only] if options.only else ["sqlite", "postgresql"]

    cells = []
    for kind in kinds:
        cells.extend(_bench_database(kind, timing))

    print()
    print(_table(cells, timing))
    _write_json(cells, timing)
    print(f"\nfigures written to {RESULTS}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds per cell (smoke test)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured seconds per cell")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per cell")
    return parser.parse_args()


def _bench_database(kind: str, timing: Timing) -> list[Cell]:
    """Every client count against one fresh database and one server."""
    cells = []
    with (
        tempfile.TemporaryDirectory(prefix="ht-bench-db-") as folder,
        scratch_database(kind, Path(folder)) as database,
        running_server(database) as server,
    ):
        project = server.client.post("/api/projects", json={"name": "ingest-bench"})
        project.raise_for_status()
        for clients in CLIENT_COUNTS:
            print(f"{kind}, {clients} client(s): {timing.warmup:g} s warm-up, {timing.seconds:g} s")
            cell = _endpoint(server, database, int(project.json()["id"]), clients, timing)
            _verify_stored(database, cell)
            ceiling = ingest_ceiling.measure(database, cell["experiment_ids"], cell["points"])
            ratio = cell["points_per_s"] / ceiling["bulk_rows_per_s"]
            cells.append({"database": kind, **cell, "ceiling": ceiling, "ratio": ratio})
    return cells


def _endpoint(
    server: Server, database: Database, project_id: int, clients: int, timing: Timing
) -> Cell:
    """Start the clients, open the window once all are ready, and add up their reports."""
    created = [_create_experiment(server, project_id, clients, i) for i in range(clients)]
    context = multiprocessing.get_context("spawn")
    pipes, processes = [], []
    for experiment_id, token in created:
        ours, theirs = context.Pipe()
        arguments = (theirs, server.url, experiment_id, token)
        processes.append(context.Process(target=run_client, args=arguments))
        processes[-1].start()
        pipes.append(ours)

    for pipe in pipes:
        if _receive(pipe, 120) != "ready":
            raise RuntimeError("a client did not start")
    warm_until = time.monotonic() + timing.warmup
    stop_at = warm_until + timing.seconds
    for pipe in pipes:
        pipe.send((warm_until, stop_at))

    cores = _cores_in_window(server, database, warm_until, stop_at)
    reports = [_receive(pipe, timing.seconds + 300) for pipe in pipes]
    for process in processes:
        process.join(timeout=30)
    failed = [report.error for report in reports if report.error]
    if failed:
        raise RuntimeError(f"a client failed:\n{failed[0]}\nserver log:\n{server.log_tail()}")

    return _summarise(created, reports, timing, cores)


def _create_experiment(
    server: Server, project_id: int, clients: int, index: int
) -> tuple[int, str]:
    body = {"params": {"clients": clients, "client": index}, "run": f"ingest x{clients}"}
    answer = server.client.post(f"/api/projects/{project_id}/experiments", json=body)
    answer.raise_for_status()
    created = answer.json()
    return int(created["experiment"]["id"]), str(created["token"])


def _receive(pipe: Connection, timeout: float) -> ClientReport | str:
    if not pipe.poll(timeout):
        raise RuntimeError(f"no word from a client within {timeout:.0f} s")
    answer: ClientReport | str = pipe.recv()
    return answer


def _cores_in_window(
    server: Server, database: Database, start: float, stop: float
) -> dict[str, float | None]:
    """Cores busy in the window: server process, database processes, the whole machine."""
    time.sleep(max(0.0, start - time.monotonic()))
    pids = postgres_pids(database.driver_url) if database.kind == "postgresql" else []
    before = read_cpu(server.pid, pids)
    time.sleep(max(0.0, stop - time.monotonic()))
    return cores_busy(before, read_cpu(server.pid, pids))


def _summarise(
    created: list[tuple[int, str]],
    reports: list[ClientReport],
    timing: Timing,
    cores: dict[str, float | None],
) -> Cell:
    points = sum(report.points for report in reports)
    latencies = [latency for report in reports for latency in report.latencies]
    clients = sum(r.cpu_seconds / r.wall_seconds for r in reports if r.wall_seconds > 0)
    known = [cores["server"], cores["database"], clients]
    other = None
    if cores["machine"] is not None:
        other = max(0.0, cores["machine"] - sum(value or 0.0 for value in known))
    return {
        "clients": len(reports),
        "experiment_ids": [experiment_id for experiment_id, _ in created],
        "points": points,
        "sent_points": [report.sent_points for report in reports],
        "points_per_s": points / timing.seconds,
        "batch_p50_ms": percentile_ms(latencies, 50),
        "batch_p95_ms": percentile_ms(latencies, 95),
        "cores": {**cores, "clients": clients, "other": other},
    }


def _verify_stored(database: Database, cell: Cell) -> None:
    """Every acknowledged point is in the table, once."""
    query = "SELECT experiment_id, count(*) FROM metric_points GROUP BY experiment_id"
    if database.kind == "sqlite":
        with sqlite3.connect(database.driver_url) as connection:
            stored = dict(connection.execute(query).fetchall())
    else:
        with psycopg.connect(database.driver_url) as connection:
            stored = dict(connection.execute(query).fetchall())

    for experiment_id, sent in zip(cell["experiment_ids"], cell["sent_points"], strict=True):
        if stored.get(experiment_id) != sent:
            found = stored.get(experiment_id)
            raise RuntimeError(f"experiment {experiment_id}: {sent} points sent, {found} stored")


def _table(cells: list[Cell], timing: Timing) -> str:
    header = (
        f"{'database':<11}{'clients':>8}{'points/s':>10}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'raw rows/s':>12}{'of raw':>8}{'raw 1k/tx':>11}"
        f"{'server':>9}{'db':>6}{'clients':>9}{'other':>7}"
    )
    lines = [
        f"POST /api/experiments/{{id}}/metrics, {POINTS_PER_BATCH:,} points per batch "
        f"({RECORDS_PER_BATCH} records x {len(METRICS)} metrics), one experiment per client "
        f"process, {timing.warmup:g} s warm-up, {timing.seconds:g} s measured.",
        "raw = as many rows of the same shape into the same indexed table in one transaction "
        "(PostgreSQL COPY, SQLite executemany); raw 1k/tx = one transaction per 1,000 rows.",
        "server, db, clients, other = CPU cores busy during the window (db: PostgreSQL's "
        "processes; SQLite runs inside the server).",
        "",
        header,
        "-" * len(header),
    ]
    lines += [_row(cell) for cell in cells]
    lines += [
        "",
        f"Clients, server and database share this machine's {os.cpu_count()} cores: the "
        "clients' CPU is taken from the server, and 'other' is load from unrelated programs.",
    ]
    busiest = max((cell["cores"]["other"] or 0.0 for cell in cells), default=0.0)
    if busiest > NOISY_CORES:
        lines.append(
            f"WARNING: unrelated programs kept up to {busiest:.2f} cores busy during a window; "
            "these figures (and the ratios, whose two sides saw different load) are unreliable."
        )
    return "\n".join(lines)


def _row(cell: Cell) -> str:
    ceiling, cores = cell["ceiling"], cell["cores"]
    return (
        f"{cell['database']:<11}{cell['clients']:>8}{cell['points_per_s']:>10,.0f}"
        f"{_number(cell['batch_p50_ms'], 0):>8}{_number(cell['batch_p95_ms'], 0):>8}"
        f"{ceiling['bulk_rows_per_s']:>12,.0f}{cell['ratio']:>8.0%}"
        f"{ceiling['per_batch_rows_per_s']:>11,.0f}"
        f"{_number(cores['server']):>9}{_number(cores['database']):>6}"
        f"{_number(cores['clients']):>9}{_number(cores['other']):>7}"
    )


def _number(value: object, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _write_json(cells: list[Cell], timing: Timing) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "ingest",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "python": platform.python_version(),
        "points_per_batch": POINTS_PER_BATCH,
        "warmup_seconds": timing.warmup,
        "measured_seconds": timing.seconds,
        "cells": cells,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
