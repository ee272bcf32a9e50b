"""Run examples/digits_cnn/train.py as a separate process, as the launcher would."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "examples" / "digits_cnn" / "train.py"
TIMEOUT_SECONDS = 120
EPOCH_METRICS = {
    "train_loss",
    "train_accuracy",
    "val_loss",
    "val_accuracy",
    "val_precision",
    "val_recall",
}

# Stands in for the HyperTuner SDK: it records every call as one JSON line.
FAKE_SDK = """
import json, os

def _record(call, **fields):
    with open(os.environ["FAKE_HYPERTUNER_LOG"], "a") as out:
        out.write(json.dumps({"call": call, **fields}) + "\\n")

def init():
    _record("init")

def params():
    return {}

def log(values, step=None, epoch=None):
    _record("log", metrics=dict(values), step=step, epoch=epoch)

def log_artifact(kind, payload, name=None):
    _record("log_artifact", kind=kind, name=name, payload=payload)

def finish(status="completed"):
    _record("finish", status=status)
"""

pytestmark = pytest.mark.skipif(
    find_spec("torch") is None or find_spec("sklearn") is None,
    reason="needs the examples extra: torch and scikit-learn",
)


def run_script(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the training script from the repository root and capture its output."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def read_calls(log_path: Path) -> list[dict[str, Any]]:
    """Read the calls the fake SDK recorded."""
    lines = log_path.read_text().splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def fake_sdk(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """Environment that makes the script import the recording fake SDK, and its log."""
    package = tmp_path / "sdk" / "hypertuner"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(FAKE_SDK)

    log_path = tmp_path / "calls.jsonl"
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tmp_path / "sdk")
    env["FAKE_HYPERTUNER_LOG"] = str(log_path)
    return env, log_path


def test_two_epochs_beat_seventy_percent() -> None:
    result = run_script("--epochs", "2")

    assert result.returncode == 0, result.stderr
    accuracies = re.findall(r"^epoch 2/2 .*val_accuracy=([0-9.]+)", result.stdout, re.MULTILINE)
    assert len(accuracies) == 1, result.stdout
    assert float(accuracies[0]) > 0.7


def test_logs_batches_epochs_and_confusion_matrices(
    fake_sdk: tuple[dict[str, str], Path],
) -> None:
    env, log_path = fake_sdk

    result = run_script("--epochs", "2", "--batch-size", "128", env=env)

    assert result.returncode == 0, result.stderr
    calls = read_calls(log_path)
    assert calls[0]["call"] == "init"
    assert calls[-1] == {"call": "finish", "status": "completed"}

    logs = [call for call in calls if call["call"] == "log"]
    batches = [call for call in logs if set(call["metrics"]) == {"batch_loss"}]
    epochs = [call for call in logs if set(call["metrics"]) == EPOCH_METRICS]
    assert len(batches) + len(epochs) == len(logs)
    assert [call["step"] for call in batches] == list(range(1, len(batches) + 1))
    assert [call["epoch"] for call in epochs] == [1, 2]
    assert epochs[-1]["step"] == batches[-1]["step"]
    assert epochs[0]["step"] == len(batches) // 2

    artifacts = [call for call in calls if call["call"] == "log_artifact"]
    names = [call["name"] for call in artifacts]
    assert names == [
        "confusion_matrix_epoch_1",
        "confusion_matrix_epoch_2",
        "confusion_matrix",
    ]
    assert {call["kind"] for call in artifacts} == {"confusion_matrix"}


def test_confusion_matrix_payload(fake_sdk: tuple[dict[str, str], Path]) -> None:
    env, log_path = fake_sdk

    result = run_script("--epochs", "1", "--lr", "1e-4", env=env)

    assert result.returncode == 0, result.stderr
    final = [call for call in read_calls(log_path) if call.get("name") == "confusion_matrix"]
    payload = final[0]["payload"]
    assert payload["labels"] == [str(digit) for digit in range(10)]
    assert payload["normalize"] is False
    assert payload["image_shape"] == [8, 8]
    assert payload["epoch"] == 1

    matrix = payload["matrix"]
    assert [len(row) for row in matrix] == [10] * 10
    assert sum(map(sum, matrix)) == 360
    for cell, examples in payload["examples"].items():
        true, predicted = (int(label) for label in cell.split(","))
        assert true != predicted
        assert 1 <= len(examples) <= min(20, matrix[true][predicted])
        for example in examples:
            assert 0 <= example["id"] < 1797
            assert len(example["pixels"]) == 64
            assert all(0 <= value <= 16 for value in example["pixels"])


def test_fail_at_epoch_exits_non_zero_and_reports_failed(
    fake_sdk: tuple[dict[str, str], Path],
) -> None:
    env, log_path = fake_sdk

    result = run_script("--epochs", "3", "--fail-at-epoch", "1", env=env)

    assert result.returncode != 0
    assert "InjectedFailureError" in result.stderr
    assert read_calls(log_path)[-1] == {"call": "finish", "status": "failed"}


def test_invalid_argument_is_a_usage_error() -> None:
    result = run_script("--conv-layers", "4")

    assert result.returncode == 2
    assert "--conv-layers" in result.stderr


def test_sigterm_ends_the_run_and_reports_stopped(
    fake_sdk: tuple[dict[str, str], Path],
) -> None:
    env, log_path = fake_sdk
    command = [sys.executable, str(SCRIPT), "--epochs", "10000"]

    with subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            first_line = process.stdout.readline()
            process.send_signal(signal.SIGTERM)
            returncode = process.wait(timeout=TIMEOUT_SECONDS)
        finally:
            process.kill()

    assert first_line.startswith("epoch 1/10000")
    assert returncode == 128 + signal.SIGTERM
    assert read_calls(log_path)[-1] == {"call": "finish", "status": "stopped"}
