"""Runs survive a web server restart; a dead worker or driver never leaves work `running`."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, Server, start_server, stop_server
from helpers import experiments_of, launch, new_project, wait_experiment, wait_run

pytestmark = pytest.mark.ray
SLOW = f"{sys.executable} tests/fixtures/stdout_script.py --lr {{lr}} --steps {{steps}} --sleep 0.1"


@pytest.fixture
def own_server(tmp_path: Path, ray_cleanup: None) -> Iterator[Server]:
    """A server this test may stop and restart."""
    running = start_server(tmp_path, f"sqlite:///{tmp_path / 'hypertuner.db'}")
    yield running
    stop_server(running)


def _sweep(params: dict[str, object]) -> dict[str, object]:
    return {
        "name": "r",
        "command": SLOW,
        "params": params,
        "workdir": str(REPO),
        "max_concurrent": 2,
    }


def test_a_run_keeps_going_while_the_server_restarts(own_server: Server, tmp_path: Path) -> None:
    project_id = new_project(own_server.client)
    run = launch(own_server.client, project_id, **_sweep({"lr": [0.1], "steps": [60]}))
    experiment = experiments_of(own_server.client, run["id"])[0]
    wait_experiment(own_server.client, experiment["id"], lambda e: e["status"] == "running")

    port = int(own_server.url.rsplit(":", 1)[1])
    stop_server(own_server)
    restarted = start_server(tmp_path, own_server.database_url, port=port)
    try:
        final = wait_run(restarted.client, run["id"], timeout=120)
        assert final["status"] == "completed"
        done = restarted.client.get(f"/api/experiments/{experiment['id']}").json()
        assert done["status"] == "completed"
        assert done["metrics"]["loss"]["count"] == 60
    finally:
        stop_server(restarted)


def test_a_dead_ray_worker_marks_its_experiment_lost(server: Server) -> None:
    project_id = new_project(server.client, "worker")
    run = launch(server.client, project_id, **_sweep({"lr": [0.1], "steps": [400]}))
    experiment = experiments_of(server.client, run["id"])[0]
    running = wait_experiment(server.client, experiment["id"], lambda e: e["pid"] is not None)

    worker = _parent(running["pid"])
    os.kill(worker, signal.SIGKILL)
    final = wait_experiment(server.client, experiment["id"], lambda e: e["status"] != "running")
    assert final["status"] == "lost"
    assert "Ray worker" in final["reason"]
    assert not _alive(running["pid"])


def test_a_dead_driver_fails_the_run(server: Server) -> None:
    project_id = new_project(server.client, "driver")
    run = launch(server.client, project_id, **_sweep({"lr": [0.1], "steps": [400]}))
    experiment = experiments_of(server.client, run["id"])[0]
    wait_experiment(server.client, experiment["id"], lambda e: e["status"] == "running")

    os.kill(run["driver_pid"], signal.SIGKILL)
    final = wait_run(server.client, run["id"], timeout=60)
    assert final["status"] == "failed"
    assert "driver" in final["error"]
    lost = server.client.get(f"/api/experiments/{experiment['id']}").json()
    assert lost["status"] == "lost"


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
