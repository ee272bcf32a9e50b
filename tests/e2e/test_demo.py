"""`hypertuner demo --quick` end to end: real server, real Ray, real torch on real digits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO, Server
from helpers import experiments_of

pytestmark = pytest.mark.ray
EPOCH_METRICS = {
    "train_loss",
    "train_accuracy",
    "val_loss",
    "val_accuracy",
    "val_precision",
    "val_recall",
}


def test_quick_demo_stores_every_curve_and_confusion_matrix(any_server: Server) -> None:
    env = {
        **os.environ,
        "HYPERTUNER_URL": any_server.url,
        "HYPERTUNER_API_TOKEN": any_server.token,
        "COLUMNS": "120",
    }
    done = subprocess.run(
        [sys.executable, "-m", "hypertuner.cli.main", "demo", "--quick"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 combinations" in done.stdout

    project = any_server.client.get("/api/projects", params={"name": "digits"}).json()[0]
    run = any_server.client.get(f"/api/projects/{project['id']}/runs").json()[-1]
    assert run["status"] == "completed" and run["counts"] == {"completed": 4}
    assert run["script_fingerprint"].startswith("sha256:")

    for experiment in experiments_of(any_server.client, run["id"]):
        metrics = experiment["metrics"]
        assert set(metrics) >= EPOCH_METRICS
        assert metrics["val_accuracy"]["count"] == 2
        assert metrics["batch_loss"]["count"] >= 2 * (1437 // experiment["params"]["batch_size"])
        assert metrics["val_accuracy"]["last"] > 0.5
        _check_confusion_matrix(any_server, experiment["id"])


def _check_confusion_matrix(server: Server, experiment_id: int) -> None:
    artifacts = server.client.get(f"/api/experiments/{experiment_id}/artifacts").json()
    final = next(a for a in artifacts if a["name"] == "confusion_matrix")
    payload = server.client.get(f"/api/artifacts/{final['id']}").json()["payload"]
    matrix = payload["matrix"]
    assert len(matrix) == 10 and all(len(row) == 10 for row in matrix)
    assert sum(map(sum, matrix)) == 360
    for cell, examples in payload["examples"].items():
        true, predicted = map(int, cell.split(","))
        assert true != predicted and len(examples) <= matrix[true][predicted]
        assert all(len(example["pixels"]) == 64 for example in examples)
