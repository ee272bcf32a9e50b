"""Early stopping on real digits training under real Ray Tune: by flag and by ASHA."""

from __future__ import annotations

import sys
from importlib.util import find_spec
from typing import Any

import pytest

from conftest import REPO, Server
from helpers import experiments_of, launch, new_project, wait_run

pytestmark = [
    pytest.mark.ray,
    pytest.mark.skipif(
        find_spec("torch") is None or find_spec("sklearn") is None,
        reason="needs the examples extra: torch and scikit-learn",
    ),
]
DIGITS = f"{sys.executable} examples/digits_cnn/train.py"
OBJECTIVE = {"metric": "val_accuracy", "mode": "max"}
# No dropout, a large Adam step and one wide conv block: validation loss bottoms out at
# epoch 9 (seed 0) and climbs while training loss keeps falling.
OVERFITTING = "--dropout 0 --lr 0.03 --batch-size 16 --conv-layers 1 --channels 32"


def _sweep(command: str, params: dict[str, object], **extra: object) -> dict[str, object]:
    return {
        "name": "early",
        "command": command,
        "params": params,
        "workdir": str(REPO),
        "objective": OBJECTIVE,
        "max_concurrent": 2,
        **extra,
    }


def test_stop_on_flag_stops_an_overfitting_experiment(server: Server) -> None:
    project_id = new_project(server.client, "stop-on-flag")
    rules = {"overfitting": {"epochs": 3, "min_rise": 0.05}}
    server.client.put(f"/api/projects/{project_id}/flag-rules", json=rules).raise_for_status()
    stopping = {"kind": "flags", "flags": ["overfitting", "diverged"]}
    command = f"{DIGITS} {OVERFITTING} --epochs {{epochs}}"

    run = launch(
        server.client, project_id, **_sweep(command, {"epochs": [150]}, early_stopping=stopping)
    )
    assert run["early_stopping"] == stopping
    wait_run(server.client, run["id"], timeout=180)

    experiment = experiments_of(server.client, run["id"])[0]
    assert experiment["status"] == "stopped", experiment
    assert experiment["reason"] == "stopped early by flag overfitting"
    assert experiment["stopped_by"]["kind"] == "flag"
    assert experiment["stopped_by"]["rule"] == "overfitting"
    assert ("overfitting", 12) in {(flag["name"], flag["epoch"]) for flag in experiment["flags"]}
    assert 12 <= experiment["metrics"]["val_loss"]["count"] < 150

    artifacts = server.client.get(f"/api/experiments/{experiment['id']}/artifacts").json()
    assert any(artifact["kind"] == "confusion_matrix" for artifact in artifacts)


def test_asha_stops_the_weak_experiments_of_a_sweep(server: Server) -> None:
    project_id = new_project(server.client, "asha")
    asha = {"kind": "asha", "grace_period": 1, "reduction_factor": 2, "max_t": 6}
    command = f"{DIGITS} --epochs 6 --lr {{lr}}"
    params = {"lr": [0.01, 0.00001, 0.000003]}

    # One at a time, so the strong experiment sets every rung before the weak ones arrive.
    sweep = _sweep(command, params, early_stopping=asha, max_concurrent=1)
    run = launch(server.client, project_id, **sweep)
    assert run["early_stopping"]["kind"] == "asha"
    assert wait_run(server.client, run["id"], timeout=240)["status"] == "completed"

    by_lr: dict[Any, dict[str, Any]] = {
        experiment["params"]["lr"]: experiment
        for experiment in experiments_of(server.client, run["id"])
    }
    for weak in (0.00001, 0.000003):
        experiment = by_lr[weak]
        assert experiment["status"] == "stopped", experiment
        assert experiment["reason"] == "stopped early by ASHA"
        assert experiment["stopped_by"]["kind"] == "asha"
        assert experiment["metrics"]["val_accuracy"]["count"] < 6
    assert by_lr[0.01]["status"] == "completed"
    assert by_lr[0.01]["stopped_by"] is None
