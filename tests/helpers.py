"""Small factories for tests that talk to a real server."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from hypertuner.models import User
from hypertuner.services.auth import hash_password

TERMINAL_RUN = {"completed", "failed", "stopped"}


def create_user(database_url: str, username: str, password: str) -> None:
    """Insert an account straight into the server's database (no admin API yet)."""
    engine = create_engine(database_url)
    with Session(engine) as session:
        session.add(User(username=username, password_hash=hash_password(password)))
        session.commit()
    engine.dispose()


def new_project(client: httpx.Client, prefix: str = "p") -> int:
    answer = client.post("/api/projects", json={"name": f"{prefix}-{uuid.uuid4().hex[:8]}"})
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def launch(client: httpx.Client, project_id: int, **request: Any) -> dict[str, Any]:
    answer = client.post(f"/api/projects/{project_id}/runs", json=request)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def wait_run(client: httpx.Client, run_id: int, timeout: float = 120) -> dict[str, Any]:
    """Poll until the run ends; fail with its state if it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/api/runs/{run_id}").json()
        if run["status"] in TERMINAL_RUN:
            return dict(run)
        time.sleep(0.5)
    raise AssertionError(f"run {run_id} did not end in {timeout} s: {run}")


def wait_experiment(
    client: httpx.Client, experiment_id: int, predicate: Any, timeout: float = 90
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        experiment = client.get(f"/api/experiments/{experiment_id}").json()
        if predicate(experiment):
            return dict(experiment)
        time.sleep(0.3)
    raise AssertionError(f"experiment {experiment_id} never matched: {experiment}")


def experiments_of(client: httpx.Client, run_id: int) -> list[dict[str, Any]]:
    answer = client.get(f"/api/runs/{run_id}/experiments")
    assert answer.status_code == 200, answer.text
    return list(answer.json())
