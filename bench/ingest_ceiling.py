"""The physical ceiling of metric ingest: rows inserted straight into `metric_points`.

Same table, same index (`ix_metric_points_series`) and foreign key as the service writes to,
same row shape, no HTTP and no service code on the clock. Rows are built and encoded (the
binary COPY format, with the service's encoder) before the clock starts; only the database
work and the driver's sending are timed. Two ways:

- `bulk`: all rows in one COPY (PostgreSQL) or one executemany (SQLite), one transaction;
  the ceiling the endpoint is compared with.
- `per_batch`: one 1,000-row COPY or executemany and one commit per batch, as the service
  does; the best a one-transaction-per-batch design can do from a single connection.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TypeVar

import psycopg
from harness import Database
from ingest_client import METRICS, POINTS_PER_BATCH, RECORDS_PER_BATCH, STEPS_PER_EPOCH

from hypertuner.services.metrics import COPY_HEADER, COPY_TRAILER, copy_binary

COLUMNS = "(experiment_id, name, step, epoch, value, wall_time)"
# Far above any client's steps, so the rows of each way stay apart from the others.
FIRST_STEP = {"bulk": 1_000_000_000, "per_batch": 1_500_000_000}
Row = tuple[int, str, int, int, float, float]
Block = list[Row]
T = TypeVar("T")


def measure(database: Database, experiment_ids: list[int], points: int) -> dict[str, object]:
    """Insert `points` rows both ways; answer rows/s of each and how they were inserted."""
    insert = _sqlite_insert if database.kind == "sqlite" else _postgres_copy
    figures: dict[str, object] = {
        "method": "sqlite3 executemany" if database.kind == "sqlite" else "psycopg COPY (binary)",
        "rows": max(points, POINTS_PER_BATCH),
    }
    for way, first_step in FIRST_STEP.items():
        blocks = _blocks(experiment_ids, max(points, POINTS_PER_BATCH), first_step)
        seconds = insert(database.driver_url, blocks, way == "per_batch")
        figures[f"{way}_rows_per_s"] = sum(len(block) for block in blocks) / seconds
    return figures


def _blocks(experiment_ids: list[int], points: int, first_step: int) -> list[Block]:
    """Batch-sized blocks of rows, the experiments taking turns like concurrent clients."""
    blocks = []
    now = time.time()
    for index in range(-(-points // POINTS_PER_BATCH)):
        experiment_id = experiment_ids[index % len(experiment_ids)]
        first = first_step + index // len(experiment_ids) * RECORDS_PER_BATCH
        block = []
        for step in range(first, first + RECORDS_PER_BATCH):
            loss = 2.0 / (1.0 + (step - first_step) * 1e-4)
            epoch = (step - first_step) // STEPS_PER_EPOCH
            block.append((experiment_id, METRICS[0], step, epoch, loss, now))
            block.append((experiment_id, METRICS[1], step, epoch, 1.0 - loss / 2.5, now))
        blocks.append(block)
    return blocks


def _postgres_copy(url: str, blocks: list[Block], commit_each: bool) -> float:
    """Binary COPY, as the service sends: the rows are encoded before the clock starts."""
    transactions = _transactions(blocks, commit_each)
    encoded = [_binary(chunks) for chunks in transactions]
    with psycopg.connect(url) as connection:
        started = time.perf_counter()
        for data in encoded:
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY metric_points {COLUMNS} FROM STDIN (FORMAT BINARY)") as copy,
            ):
                copy.write(data)
            connection.commit()
        return time.perf_counter() - started


def _binary(blocks: list[Block]) -> bytes:
    """One COPY's rows in the binary format (a COPY holds one experiment's rows: not here,
    so each block is encoded on its own and the headers and trailers between them dropped)."""
    parts = []
    for block in blocks:
        experiment_id = block[0][0]
        points = [(name, step, epoch, value, wall) for _, name, step, epoch, value, wall in block]
        parts.append(copy_binary(experiment_id, points)[len(COPY_HEADER) : -len(COPY_TRAILER)])
    return COPY_HEADER + b"".join(parts) + COPY_TRAILER


def _sqlite_insert(path: str, blocks: list[Block], commit_each: bool) -> float:
    """With the service's pragmas: WAL, synchronous=NORMAL, foreign keys on."""
    statement = f"INSERT INTO metric_points {COLUMNS} VALUES (?, ?, ?, ?, ?, ?)"
    transactions = [
        [row for block in group for row in block] for group in _transactions(blocks, commit_each)
    ]
    connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        started = time.perf_counter()
        for rows in transactions:
            connection.execute("BEGIN")
            connection.executemany(statement, rows)
            connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def _transactions(items: list[T], one_each: bool) -> list[list[T]]:
    """What each transaction inserts: one batch each, or everything at once."""
    return [[item] for item in items] if one_each else [items]
