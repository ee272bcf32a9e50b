"""Real sweeps on a real local Ray: both metric channels, argv safety, stopping, failures."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from conftest import REPO, Server
from helpers import experiments_of, launch, new_project, wait_experiment, wait_run

pytestmark = pytest.mark.ray
PYTHON = sys.executable
STDOUT_SCRIPT = "tests/fixtures/stdout_script.py"
SDK_SCRIPT = "tests/fixtures/sdk_script.py"


def _sweep(command: str, params: dict[str, object], **extra: object) -> dict[str, object]:
    return {
        "name": "t",
        "command": command,
        "params": params,
        "workdir": str(REPO),
        "max_concurrent": 2,
        **extra,
    }


def test_stdout_protocol_and_argv_safety(server: Server) -> None:
    project_id = new_project(server.client, "stdout")
    hostile = "1; rm -rf ~ $(touch /tmp/hypertuner-pwned)"
    command = f"{PYTHON} {STDOUT_SCRIPT} --lr {{lr}} --label {{label}}"
    run = launch(
        server.client, project_id, **_sweep(command, {"lr": [0.1, 0.2], "label": [hostile]})
    )
    assert wait_run(server.client, run["id"])["status"] == "completed"

    experiments = experiments_of(server.client, run["id"])
    assert [e["status"] for e in experiments] == ["completed", "completed"]
    first = experiments[0]
    assert first["argv"][-2:] == ["--label", hostile]
    assert first["metrics"]["loss"]["count"] == 5
    assert first["metrics"]["loss"]["nonfinite_count"] == 1
    assert first["metrics"]["loss"]["last"] == pytest.approx(0.1 / 5)

    detail = server.client.get(f"/api/experiments/{first['id']}").json()
    assert f'"argv_label": "{hostile}"' in detail["stdout_tail"]
    assert not Path("/tmp/hypertuner-pwned").exists()
    artifacts = server.client.get(f"/api/experiments/{first['id']}/artifacts").json()
    assert [a["kind"] for a in artifacts] == ["table"]


def test_sdk_channel_and_params(server: Server) -> None:
    project_id = new_project(server.client, "sdk")
    run = launch(server.client, project_id, **_sweep(f"{PYTHON} {SDK_SCRIPT}", {"width": [8, 16]}))
    final = wait_run(server.client, run["id"])
    assert final["status"] == "completed"
    assert any("width" in warning for warning in final["warnings"])

    for experiment in experiments_of(server.client, run["id"]):
        assert experiment["status"] == "completed"
        assert experiment["metrics"]["width"]["last"] == experiment["params"]["width"]
        assert experiment["metrics"]["acc"]["count"] == 4
        kinds = server.client.get(f"/api/experiments/{experiment['id']}/artifacts").json()
        assert [a["kind"] for a in kinds] == ["confusion_matrix"]


def test_preview_marks_combinations_already_run(server: Server) -> None:
    project_id = new_project(server.client, "again")
    request = _sweep(f"{PYTHON} {STDOUT_SCRIPT} --lr {{lr}}", {"lr": [0.1, 0.3]})
    run = launch(server.client, project_id, **request)
    wait_run(server.client, run["id"])
    done = {e["params"]["lr"]: e["id"] for e in experiments_of(server.client, run["id"])}

    request["params"] = {"lr": [0.1, 0.3, 0.5]}
    preview = server.client.post(f"/api/projects/{project_id}/runs/preview", json=request).json()
    assert (preview["count"], preview["already_run"], preview["to_run"]) == (3, 2, 1)
    marks = {c["params"]["lr"]: c["existing"] for c in preview["combinations"]}
    assert marks[0.1]["experiment_id"] == done[0.1] and marks[0.5] is None

    changed = {**request, "command": f"{request['command']} --steps 3"}
    other = server.client.post(f"/api/projects/{project_id}/runs/preview", json=changed).json()
    assert (other["already_run"], other["to_run"]) == (0, 3)

    skipped = launch(server.client, project_id, **request)
    assert skipped["counts"] == {"queued": 1}
    wait_run(server.client, skipped["id"])


def test_stopping_a_run_keeps_its_metrics(server: Server) -> None:
    project_id = new_project(server.client, "stop")
    command = f"{PYTHON} {STDOUT_SCRIPT} --lr {{lr}} --steps 200 --sleep 0.1"
    run = launch(server.client, project_id, **_sweep(command, {"lr": [0.1, 0.2, 0.3]}))
    first = experiments_of(server.client, run["id"])[0]
    wait_experiment(
        server.client, first["id"], lambda e: e["metrics"].get("loss", {}).get("count", 0) >= 3
    )

    server.client.post(f"/api/runs/{run['id']}/stop")
    final = wait_run(server.client, run["id"], timeout=60)
    assert final["status"] == "stopped"
    experiments = experiments_of(server.client, run["id"])
    assert {e["status"] for e in experiments} == {"stopped"}
    kept = server.client.get(f"/api/experiments/{first['id']}/metrics/loss").json()
    assert 3 <= kept["total"] < 200


def test_stopping_one_experiment(server: Server) -> None:
    project_id = new_project(server.client, "stop-one")
    command = f"{PYTHON} {STDOUT_SCRIPT} --lr {{lr}} --steps {{steps}} --sleep 0.05"
    run = launch(server.client, project_id, **_sweep(command, {"lr": [0.1], "steps": [400, 20]}))
    slow, fast = experiments_of(server.client, run["id"])
    wait_experiment(server.client, slow["id"], lambda e: e["status"] == "running")

    server.client.post(f"/api/experiments/{slow['id']}/stop")
    stopped = wait_experiment(server.client, slow["id"], lambda e: e["status"] != "running")
    assert stopped["status"] == "stopped" and stopped["reason"] == "stopped on request"
    assert wait_run(server.client, run["id"])["status"] == "completed"
    assert server.client.get(f"/api/experiments/{fast['id']}").json()["status"] == "completed"


def test_a_killed_process_ends_as_failed(server: Server) -> None:
    project_id = new_project(server.client, "kill")
    command = f"{PYTHON} {STDOUT_SCRIPT} --lr {{lr}} --steps 400 --sleep 0.05"
    run = launch(server.client, project_id, **_sweep(command, {"lr": [0.1]}))
    experiment = experiments_of(server.client, run["id"])[0]
    running = wait_experiment(server.client, experiment["id"], lambda e: e["pid"] is not None)

    os.kill(running["pid"], signal.SIGKILL)
    final = wait_experiment(server.client, experiment["id"], lambda e: e["status"] != "running")
    assert final["status"] == "failed"
    assert final["reason"] == "killed by SIGKILL"
    assert wait_run(server.client, run["id"])["status"] == "completed"


def test_a_failing_script_and_a_missing_command(server: Server) -> None:
    project_id = new_project(server.client, "fail")
    command = f"{{exe}} {STDOUT_SCRIPT} --lr 0.1 --exit-code 3"
    run = launch(
        server.client, project_id, **_sweep(command, {"exe": [PYTHON, "/nonexistent/python"]})
    )
    wait_run(server.client, run["id"])
    failing, missing = experiments_of(server.client, run["id"])
    assert (failing["status"], failing["exit_code"], failing["reason"]) == (
        "failed",
        3,
        "exit code 3",
    )
    assert missing["status"] == "failed"
    assert "could not start the command" in missing["reason"]
