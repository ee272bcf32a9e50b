"""Seed one project with many runs of synthetic experiments through the public import API.

Each run is one CSV upload to `POST /api/projects/{pid}/imports`, as a person bringing in a
past sweep would send it: five hyperparameters whose ranges drift from run to run (log-spaced
lr, batch size, dropout, a categorical optimizer, layers), four metrics with val_accuracy
improving over the runs, a status and a trial id. About 1 % of metric cells are NaN or empty
and 0.5 % of hyperparameter cells empty, so the dashboard draws its "missing" marks at scale.
Afterwards 1 % of the experiments get the tag `promising` through the bulk curation route.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

TAG = "promising"
TAG_EVERY = 100
HEADER = (
    "trial_id",
    "status",
    "lr",
    "batch_size",
    "dropout",
    "optimizer",
    "layers",
    "val_accuracy",
    "val_loss",
    "train_loss",
    "epoch_seconds",
)
PARAMS = ("lr", "batch_size", "dropout", "optimizer", "layers")
METRICS = ("val_accuracy", "val_loss", "train_loss", "epoch_seconds")
ROLES = {
    "trial_id": "id",
    "status": "status",
    **dict.fromkeys(PARAMS, "hyperparameter"),
    **dict.fromkeys(METRICS, "metric"),
}
SETTINGS = {"roles": ROLES, "objective": {"metric": "val_accuracy", "mode": "max"}}


@dataclass(frozen=True)
class SeededProject:
    project_id: int
    run_names: list[str]
    experiments: int
    tagged: int
    seconds: float


def run_name(place: int) -> str:
    return f"sweep-{place:03d}"


def seed_project(
    url: str, headers: dict[str, str], experiments: int, runs: int, clients: int
) -> SeededProject:
    """A project of `runs` imported runs holding `experiments` in all; timed, tags included."""
    started = time.monotonic()
    with httpx.Client(base_url=url, headers=headers, timeout=600) as client:
        answer = client.post(
            "/api/projects", json={"name": f"bench-project-{uuid.uuid4().hex[:6]}"}
        )
        answer.raise_for_status()
        project_id = int(answer.json()["id"])

    sizes = [experiments // runs + (place < experiments % runs) for place in range(runs)]

    def one(place: int) -> int:
        with httpx.Client(base_url=url, headers=headers, timeout=600) as client:
            return _import_run(client, project_id, place, runs, sizes[place])

    # Runs go in oldest first, a few at a time: the progress chart orders them by creation.
    with ThreadPoolExecutor(clients) as pool:
        stored = 0
        for place, count in enumerate(pool.map(one, range(runs)), start=1):
            stored += count
            if place % 20 == 0 or place == runs:
                print(f"  imported {place} / {runs} runs ({stored:,} experiments)", flush=True)

    with httpx.Client(base_url=url, headers=headers, timeout=600) as client:
        tagged = _tag_some(client, project_id)
    names = [run_name(place) for place in range(runs)]
    return SeededProject(project_id, names, stored, tagged, time.monotonic() - started)


def _import_run(client: httpx.Client, project_id: int, place: int, runs: int, rows: int) -> int:
    name = run_name(place)
    body = _csv(random.Random(place), name, place / max(1, runs - 1), rows)
    settings = {**SETTINGS, "run_name": name}
    started = time.monotonic()
    answer = client.post(
        f"/api/projects/{project_id}/imports",
        files=[("files", (f"{name}.csv", body))],
        data={"format": "csv", "settings": json.dumps(settings)},
    )
    if answer.status_code != 201:
        seconds = time.monotonic() - started
        message = f"import of {name} failed after {seconds:.1f} s: {answer.status_code}"
        raise RuntimeError(f"{message} {answer.text[:500]}")
    return int(answer.json()["experiments"])


def _csv(rng: random.Random, name: str, progress: float, rows: int) -> bytes:
    """One run's rows; `progress` goes from 0 (first run) to 1 (last run)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for trial in range(rows):
        params = _params(rng, progress)
        values = _metrics(rng, params, progress)
        status = "failed" if rng.random() < 0.02 else "completed"
        cells = [_param_cell(rng, params[p]) for p in PARAMS]
        cells += [_metric_cell(rng, values[m]) for m in METRICS]
        writer.writerow([f"{name}-{trial:04d}", status, *cells])
    return out.getvalue().encode()


def _params(rng: random.Random, progress: float) -> dict[str, float | int | str]:
    """Later runs search smaller learning rates, larger batches and deeper models."""
    optimizers = ["adam", "sgd", "rmsprop"] if progress < 0.5 else ["adam", "adamw", "lion"]
    shift = round(2 * progress)
    return {
        "lr": 10 ** rng.uniform(-2.5 - 1.5 * progress, -0.5 - 1.5 * progress),
        "batch_size": 2 ** rng.randint(4 + shift, 6 + shift),
        "dropout": round(rng.uniform(0.0, 0.7 - 0.4 * progress), 3),
        "optimizer": rng.choice(optimizers),
        "layers": rng.randint(1, 2 + round(3 * progress)),
    }


def _metrics(
    rng: random.Random, params: dict[str, float | int | str], progress: float
) -> dict[str, float]:
    lr, batch, dropout, layers = (
        float(params[p]) for p in ("lr", "batch_size", "dropout", "layers")
    )
    quality = max(0.0, 1 - abs(math.log10(lr) + 3) / 3)
    accuracy = 0.55 + 0.25 * progress + 0.12 * quality - 0.05 * dropout + rng.gauss(0, 0.03)
    accuracy = max(0.0, min(1.0, accuracy))
    val_loss = max(0.01, 2.3 * (1 - accuracy) + rng.gauss(0, 0.05))
    return {
        "val_accuracy": accuracy,
        "val_loss": val_loss,
        "train_loss": max(0.01, 0.85 * val_loss + rng.gauss(0, 0.03)),
        "epoch_seconds": 0.5 + 4096 / batch / 100 * layers + abs(rng.gauss(0, 0.2)),
    }


def _param_cell(rng: random.Random, value: float | int | str) -> str:
    return "" if rng.random() < 0.005 else str(value)


def _metric_cell(rng: random.Random, value: float) -> str:
    draw = rng.random()
    if draw < 0.005:
        return "NaN"
    if draw < 0.01:
        return ""
    return repr(value)


def _tag_some(client: httpx.Client, project_id: int) -> int:
    """Tag every `TAG_EVERY`th experiment, so the filter box has a tag to find."""
    table = client.get(f"/api/projects/{project_id}/experiments/table")
    table.raise_for_status()
    ids = table.json()["id"][::TAG_EVERY]
    body = {"experiment_ids": ids, "add_tags": [TAG]}
    client.post(f"/api/projects/{project_id}/curation/bulk", json=body).raise_for_status()
    return len(ids)
