"""One benchmark client: a process that posts 1,000-point metric batches to one experiment.

Each client runs in its own process (no shared GIL with the others), warms up, then counts the
batches it gets answered inside the measurement window that the coordinator sends it.
"""

from __future__ import annotations

import math
import statistics
import time
import traceback
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import httpx
import orjson

RECORDS_PER_BATCH = 500
METRICS = ("loss", "accuracy")
POINTS_PER_BATCH = RECORDS_PER_BATCH * len(METRICS)
STEPS_PER_EPOCH = 5_000
# Built before the client says it is ready: the clients share the server's cores, and the
# time they spend building bodies is not the service's. At 8 clients, a window's worth.
PREBUILT_BATCHES = 400


@dataclass
class ClientReport:
    """What one client did inside the window, and everything it sent."""

    points: int = 0
    batches: int = 0
    sent_points: int = 0
    latencies: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    error: str | None = None


def batch_body(first_step: int) -> bytes:
    """A metric batch as the SDK would send it: steps, epochs, wall time and two curves."""
    now = time.time()
    records = []
    for step in range(first_step, first_step + RECORDS_PER_BATCH):
        loss = 2.0 / (1.0 + step * 1e-4) + 0.01 * math.sin(step)
        values = {METRICS[0]: loss, METRICS[1]: 1.0 - loss / 2.5}
        records.append(
            {"step": step, "epoch": step // STEPS_PER_EPOCH, "time": now, "values": values}
        )
    return orjson.dumps({"batch_id": uuid.uuid4().hex, "records": records})


def run_client(pipe: Connection, url: str, experiment_id: int, token: str) -> None:
    """Process entry point: say ready, receive the window, post batches, send the report."""
    try:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            client.get("/api/health").raise_for_status()
            steps = range(0, PREBUILT_BATCHES * RECORDS_PER_BATCH, RECORDS_PER_BATCH)
            prebuilt = [batch_body(first) for first in reversed(steps)]
            pipe.send("ready")
            window = pipe.recv()
            path = f"/api/experiments/{experiment_id}/metrics"
            report = _post_until(client, path, prebuilt, window)
    except Exception:
        report = ClientReport(error=traceback.format_exc())
    pipe.send(report)
    pipe.close()


def _post_until(
    client: httpx.Client, path: str, prebuilt: list[bytes], window: tuple[float, float]
) -> ClientReport:
    """Post until the window ends: the prebuilt batches (last first), then new ones."""
    warm_until, stop_at = window
    report = ClientReport()
    step = PREBUILT_BATCHES * RECORDS_PER_BATCH
    window_start: tuple[float, float] | None = None
    window_end = (0.0, 0.0)

    while time.monotonic() < stop_at:
        body = prebuilt.pop() if prebuilt else batch_body(step)
        sent = time.monotonic()
        answer = client.post(path, content=body)
        answered = time.monotonic()
        _check(answer)
        step += RECORDS_PER_BATCH
        report.sent_points += POINTS_PER_BATCH

        if warm_until <= answered <= stop_at:
            window_start = window_start or (answered, time.process_time())
            window_end = (answered, time.process_time())
            report.points += POINTS_PER_BATCH
            report.batches += 1
            report.latencies.append(answered - sent)

    if window_start is not None:
        report.wall_seconds = window_end[0] - window_start[0]
        report.cpu_seconds = window_end[1] - window_start[1]
    return report


def _check(answer: httpx.Response) -> None:
    if answer.status_code != 200:
        raise RuntimeError(f"batch refused: {answer.status_code} {answer.text[:500]}")
    result = answer.json()
    if result != {"stored": POINTS_PER_BATCH, "duplicate": False}:
        raise RuntimeError(f"unexpected answer to a fresh batch: {result}")


def percentile_ms(latencies: list[float], percent: int) -> float | None:
    """A latency percentile in milliseconds, or None without samples."""
    if len(latencies) < 2:
        return latencies[0] * 1000 if latencies else None
    return statistics.quantiles(latencies, n=100)[percent - 1] * 1000
