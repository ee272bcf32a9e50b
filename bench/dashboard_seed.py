"""Seed one run of synthetic experiments through the public API, from parallel clients.

Each experiment is created as an external launcher would (`POST /api/projects/{pid}/
experiments`), logs its metrics with its own token in one batch and reports how it ended:
three requests per experiment. About 1 % of metric values are NaN or infinite and 2 % of
experiments fail, so the dashboard draws its "missing" marks at scale too.
"""

from __future__ import annotations

import math
import random
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

RUN_NAME = "dashboard bench"
OPTIMIZERS = ("adam", "sgd", "rmsprop")
METRICS = ("val_accuracy", "val_loss", "train_loss", "epoch_seconds")
EPOCHS = 3


@dataclass(frozen=True)
class Seeded:
    project_id: int
    run_id: int
    experiments: int
    seconds: float


def _params(rng: random.Random) -> dict[str, object]:
    """Five hyperparameters: log-spaced, ×2-spaced, linear, categorical and a small int."""
    return {
        "lr": 10 ** rng.uniform(-5, -1),
        "batch_size": 2 ** rng.randint(4, 8),
        "dropout": round(rng.uniform(0.0, 0.7), 3),
        "optimizer": rng.choice(OPTIMIZERS),
        "layers": rng.randint(1, 4),
    }


def _value(rng: random.Random, value: float) -> float | str:
    draw = rng.random()
    if draw < 0.005:
        return "NaN"
    if draw < 0.01:
        return "Infinity"
    return value


def _records(rng: random.Random, params: dict[str, object]) -> list[dict[str, object]]:
    quality = 1 - abs(math.log10(float(params["lr"])) + 3) / 4  # type: ignore[arg-type]
    records = []
    for epoch in range(1, EPOCHS + 1):
        accuracy = max(0.0, min(1.0, 0.5 + 0.45 * quality * epoch / EPOCHS + rng.gauss(0, 0.03)))
        values = {
            "val_accuracy": _value(rng, accuracy),
            "val_loss": _value(rng, 2.3 * (1 - accuracy) + rng.gauss(0, 0.05)),
            "train_loss": _value(rng, 2.0 * (1 - accuracy) + rng.gauss(0, 0.05)),
            "epoch_seconds": _value(rng, 0.5 + 4096 / float(params["batch_size"]) / 100),  # type: ignore[arg-type]
        }
        records.append({"step": epoch * 10, "epoch": epoch, "values": values})
    return records


def seed_run(url: str, headers: dict[str, str], experiments: int, clients: int) -> Seeded:
    """Create a project and one run of `experiments` finished experiments; time it."""
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        name = f"bench-dashboard-{uuid.uuid4().hex[:6]}"
        project = client.post("/api/projects", json={"name": name})
        project.raise_for_status()
        project_id = int(project.json()["id"])

    local = threading.local()

    def session() -> httpx.Client:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=url, headers=headers, timeout=120)
        return local.client  # type: ignore[no-any-return]

    def one(index: int) -> int:
        rng = random.Random(index)
        return _create_experiment(session(), project_id, rng)

    started = time.monotonic()
    # The first experiment creates the run alone: the service finds an external run by name,
    # and two concurrent first calls would each create one.
    run_ids = {one(0)}
    with ThreadPoolExecutor(clients) as pool:
        run_ids |= set(_progress(pool.map(one, range(1, experiments)), experiments))
    seconds = time.monotonic() - started
    assert len(run_ids) == 1, f"experiments landed in several runs: {run_ids}"
    return Seeded(project_id, run_ids.pop(), experiments, seconds)


def _create_experiment(client: httpx.Client, project_id: int, rng: random.Random) -> int:
    params = _params(rng)
    created = client.post(
        f"/api/projects/{project_id}/experiments", json={"params": params, "run": RUN_NAME}
    )
    created.raise_for_status()
    experiment = created.json()["experiment"]
    # The experiment's own token, as its script would use it (it replaces the client's).
    token = {"Authorization": f"Bearer {created.json()['token']}"}
    base = f"/api/experiments/{experiment['id']}"

    batch = {"batch_id": uuid.uuid4().hex, "records": _records(rng, params)}
    client.post(f"{base}/metrics", json=batch, headers=token).raise_for_status()
    status = "failed" if rng.random() < 0.02 else "completed"
    finished = {"status": status, "exit_code": 0 if status == "completed" else 1}
    client.post(f"{base}/finished", json=finished, headers=token).raise_for_status()
    return int(experiment["run_id"])


def _progress(results: Iterator[int], total: int, every: int = 1000) -> list[int]:
    collected: list[int] = []
    for value in results:
        collected.append(value)
        if len(collected) % every == 0:
            print(f"  seeded {len(collected):,} / {total:,}", flush=True)
    return collected
