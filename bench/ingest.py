"""Metric ingest throughput through the batch endpoint, beside the raw insert ceiling.

For SQLite and PostgreSQL, with 1 and 8 concurrent clients (one process and one experiment
each), this posts 1,000-point batches to a real `hypertuner serve` for a warm window and
reports points/s. In the same run it inserts as many rows of the same shape straight into
the same indexed `metric_points` table (PostgreSQL: one COPY; SQLite: one executemany in one
transaction): the physical ceiling the endpoint is measured against.

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
from pathlib import Path

import psycopg
from harness import (
    Database,
    Server,
    machine_cpu_seconds,
    process_cpu_seconds,
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
CEILING_FIRST_STEP = 1_000_000_000  # far above the clients' steps, so the rows stay apart
COLUMNS = "(experiment_id, name, step, epoch, value, wall_time)"
Row = tuple[int, str, int, int, float, float]


@dataclass(frozen=True)
class Timing:
    warmup: float
    seconds: float


def main() -> None:
    options = _parse_args()
    timing = Timing(warmup=1.0, seconds=3.0) if options.quick else Timing(3.0, options.seconds)
    kinds = [options.only] if options.only else ["sqlite", "postgresql"]

    cells = []
    for kind in kinds:
        cells.extend(_bench_database(kind, timing))

    print()
    print(_table(cells, timing))
    _write_json(cells, timing)
    print(f"\nfigures written to {RESULTS.relative_to(Path.cwd(), walk_up=True)}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds per cell (smoke test)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured seconds per cell")
    return parser.parse_args()


def _bench_database(kind: str, timing: Timing) -> list[dict[str, object]]:
    """Every client count on one fresh database and one server."""
    cells = []
    with (
        tempfile.TemporaryDirectory(prefix="ht-bench-db-") as folder,
        scratch_database(kind, Path(folder)) as database,
        running_server(database) as server,
    ):
        project = server.client.post("/api/projects", json={"name": "ingest-bench"})
        project.raise_for_status()
        for clients in CLIENT_COUNTS:
            print(
                f"{kind}: {clients} client(s), {timing.warmup:g} s warm-up + {timing.seconds:g} s"
            )
            cell = _endpoint_cell(server, int(project.json()["id"]), clients, timing)
            _verify_stored(database, cell)
            cell["ceiling"] = _ceiling(database, cell["experiment_ids"], cell["points"])
            cell["ratio"] = cell["points_per_s"] / cell["ceiling"]["rows_per_s"]
            cells.append({"database": kind, **cell})
    return cells


# --- the endpoint -------------------------------------------------------------------------


def _endpoint_cell(
    server: Server, project_id: int, clients: int, timing: Timing
) -> dict[str, object]:
    """Start the clients, open the window once all are ready, and add up their reports."""
    created = [_create_experiment(server, project_id, clients, i) for i in range(clients)]
    context = multiprocessing.get_context("spawn")
    pipes, processes = [], []
    for experiment_id, token in created:
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=run_client, args=(child_end, server.url, experiment_id, token)
        )
        process.start()
        pipes.append(parent_end)
        processes.append(process)

    for pipe in pipes:
        if _receive(pipe, 120) != "ready":
            raise RuntimeError("a client did not start")
    warm_until = time.monotonic() + timing.warmup
    stop_at = warm_until + timing.seconds
    for pipe in pipes:
        pipe.send((warm_until, stop_at))

    cpu = _cpu_during(server.pid, warm_until, stop_at)
    reports: list[ClientReport] = [_receive(pipe, timing.seconds + 300) for pipe in pipes]
    for process in processes:
        process.join(timeout=30)
    failed = [report.error for report in reports if report.error]
    if failed:
        raise RuntimeError(f"a client failed:\n{failed[0]}\nserver log:\n{server.log_tail()}")

    return _summarise(created, reports, timing, cpu)


def _create_experiment(
    server: Server, project_id: int, clients: int, index: int
) -> tuple[int, str]:
    body = {"params": {"clients": clients, "client": index}, "run": f"ingest x{clients}"}
    answer = server.client.post(f"/api/projects/{project_id}/experiments", json=body)
    answer.raise_for_status()
    created = answer.json()
    return int(created["experiment"]["id"]), str(created["token"])


def _receive(pipe: object, timeout: float) -> object:
    assert isinstance(pipe, multiprocessing.connection.Connection)
    if not pipe.poll(timeout):
        raise RuntimeError(f"no word from a client within {timeout:.0f} s")
    return pipe.recv()


def _cpu_during(server_pid: int, start: float, stop: float) -> dict[str, float | None]:
    """CPU cores busy inside the window: the server process, and the machine as a whole."""
    time.sleep(max(0.0, start - time.monotonic()))
    server_before, machine_before = process_cpu_seconds(server_pid), machine_cpu_seconds()
    time.sleep(max(0.0, stop - time.monotonic()))
    server_after, machine_after = process_cpu_seconds(server_pid), machine_cpu_seconds()
    window = stop - start

    server = None
    if server_before is not None and server_after is not None:
        server = (server_after - server_before) / window
    machine = None
    if machine_before is not None and machine_after is not None:
        busy = machine_after[0] - machine_before[0]
        machine = busy / (machine_after[1] - machine_before[1]) * (os.cpu_count() or 1)
    return {"server_cores": server, "machine_cores": machine}


def _summarise(
    created: list[tuple[int, str]],
    reports: list[ClientReport],
    timing: Timing,
    cpu: dict[str, float | None],
) -> dict[str, object]:
    points = sum(report.points for report in reports)
    latencies = [latency for report in reports for latency in report.latencies]
    client_cores = sum(r.cpu_seconds / r.wall_seconds for r in reports if r.wall_seconds > 0)
    return {
        "clients": len(reports),
        "experiment_ids": [experiment_id for experiment_id, _ in created],
        "points": points,
        "sent_points": [report.sent_points for report in reports],
        "points_per_s": points / timing.seconds,
        "batch_p50_ms": percentile_ms(latencies, 50),
        "batch_p95_ms": percentile_ms(latencies, 95),
        **cpu,
        "client_cores": client_cores,
    }


def _verify_stored(database: Database, cell: dict[str, object]) -> None:
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
            raise RuntimeError(f"experiment {experiment_id}: sent {sent}, stored {stored}")


# --- the ceiling --------------------------------------------------------------------------


def _ceiling(database: Database, experiment_ids: list[int], points: int) -> dict[str, object]:
    """Insert `points` rows of the same shape straight into the table; time only the insert."""
    blocks = _ceiling_blocks(experiment_ids, max(points, POINTS_PER_BATCH))
    rows = sum(len(block) for block in blocks)
    if database.kind == "sqlite":
        seconds = _sqlite_executemany(database.driver_url, blocks)
        method = "sqlite3 executemany, one transaction"
    else:
        seconds = _postgres_copy(database.driver_url, blocks)
        method = "psycopg COPY FROM STDIN (text), one transaction"
    return {"method": method, "rows": rows, "seconds": seconds, "rows_per_s": rows / seconds}


def _ceiling_blocks(experiment_ids: list[int], points: int) -> list[list[Row]]:
    """Batch-sized blocks of rows, taking the experiments in turn like concurrent clients."""
    blocks: list[list[Row]] = []
    now = time.time()
    for index in range(-(-points // POINTS_PER_BATCH)):
        experiment_id = experiment_ids[index % len(experiment_ids)]
        first = CEILING_FIRST_STEP + index // len(experiment_ids) * RECORDS_PER_BATCH
        block = []
        for step in range(first, first + RECORDS_PER_BATCH):
            loss = 2.0 / (1.0 + (step - CEILING_FIRST_STEP) * 1e-4)
            block.append((experiment_id, METRICS[0], step, step // 5_000, loss, now))
            block.append((experiment_id, METRICS[1], step, step // 5_000, 1.0 - loss / 2.5, now))
        blocks.append(block)
    return blocks


def _postgres_copy(url: str, blocks: list[list[Row]]) -> float:
    encoded = [
        "".join("\t".join(map(str, row)) + "\n" for row in block).encode() for block in blocks
    ]
    with psycopg.connect(url) as connection:
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY metric_points {COLUMNS} FROM STDIN") as copy,
        ):
            for chunk in encoded:
                copy.write(chunk)
        connection.commit()
        return time.perf_counter() - started


def _sqlite_executemany(path: str, blocks: list[list[Row]]) -> float:
    """The service's own pragmas (WAL, synchronous=NORMAL, foreign keys on), one transaction."""
    rows = [row for block in blocks for row in block]
    connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        started = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany(
            f"INSERT INTO metric_points {COLUMNS} VALUES (?, ?, ?, ?, ?, ?)", rows
        )
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


# --- output -------------------------------------------------------------------------------


def _table(cells: list[dict[str, object]], timing: Timing) -> str:
    header = (
        f"{'database':<11}{'clients':>8}{'points/s':>11}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'raw rows/s':>12}{'of raw':>8}   cores busy: server / clients / machine"
    )
    lines = [
        f"Ingest through POST /api/experiments/{{id}}/metrics, {POINTS_PER_BATCH:,} points per "
        f"batch ({RECORDS_PER_BATCH} records x {len(METRICS)} metrics), {timing.warmup:g} s "
        f"warm-up, {timing.seconds:g} s measured per cell; 'raw' inserts as many rows straight "
        "into the same table (PostgreSQL: COPY, SQLite: executemany).",
        header,
        "-" * len(header),
    ]
    for cell in cells:
        ceiling = cell["ceiling"]
        lines.append(
            f"{cell['database']:<11}{cell['clients']:>8}{cell['points_per_s']:>11,.0f}"
            f"{_number(cell['batch_p50_ms']):>8}{_number(cell['batch_p95_ms']):>8}"
            f"{ceiling['rows_per_s']:>12,.0f}{cell['ratio']:>8.0%}"
            f"   {_number(cell['server_cores'], 2)} / {_number(cell['client_cores'], 2)}"
            f" / {_number(cell['machine_cores'], 2)} of {os.cpu_count()}"
        )
    lines.append(
        f"Clients, server and database share this machine's {os.cpu_count()} cores: the client "
        "processes' own CPU is shown above and is taken from the server."
    )
    return "\n".join(lines)


def _number(value: object, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _write_json(cells: list[dict[str, object]], timing: Timing) -> None:
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
