"""The demo sweep: a small CNN on scikit-learn's handwritten digits."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import hypertuner

REPO = Path(hypertuner.__file__).resolve().parents[2]
SCRIPT = REPO / "examples" / "digits_cnn" / "train.py"


def demo_request(quick: bool, python: str) -> tuple[str, dict[str, Any]]:
    """The project name and launch request of the demo (`quick`: 4 short experiments)."""
    if quick:
        params: dict[str, Any] = {"batch_size": [64, 128], "dropout": [0.3, 0.5], "epochs": [2]}
    else:
        params = {
            "batch_size": {"from": 32, "to": 128, "step": "*2"},
            "dropout": [0.3, 0.5, 0.7],
            "epochs": [6, 12],
        }
    command = (
        f"{shlex.quote(python)} {shlex.quote(str(SCRIPT))} --batch-size {{batch_size}} "
        "--dropout {dropout} --epochs {epochs}"
    )
    request = {
        "name": "quick demo" if quick else "first batch",
        "command": command,
        "params": params,
        "objective": {"metric": "val_accuracy", "mode": "max"},
        "max_concurrent": 2,
        "workdir": str(REPO),
        "repeat_existing": True,
    }
    return "digits", request
