"""Sweep files: YAML in, a launch request out; and following a run to its end."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hypertuner.cli.client import ApiClient

RUN_KEYS = {
    "name",
    "command",
    "params",
    "strategy",
    "samples",
    "seed",
    "objective",
    "max_concurrent",
    "early_stopping",
    "data_paths",
    "workdir",
}
TERMINAL_RUN = {"completed", "failed", "stopped"}
DONE_EXPERIMENT = ("completed", "failed", "stopped", "lost")


class SweepFileError(ValueError):
    """A sweep file that cannot become a launch request."""


def load_sweep(path: Path) -> tuple[str, dict[str, Any]]:
    """The project name and the launch request a sweep file describes."""
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        raise SweepFileError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise SweepFileError(f"{path}: expected a mapping at the top")
    return request_from_mapping(data, base=path.resolve().parent)


def request_from_mapping(data: dict[str, Any], base: Path) -> tuple[str, dict[str, Any]]:
    data = dict(data)
    project = data.pop("project", None)
    if not isinstance(project, str) or not project:
        raise SweepFileError("the sweep needs a 'project' name")
    if "run" in data:
        data["name"] = data.pop("run")
    unknown = set(data) - RUN_KEYS
    if unknown:
        raise SweepFileError(f"unknown keys in the sweep: {', '.join(sorted(unknown))}")

    data.setdefault("name", "sweep")
    workdir = Path(data.get("workdir") or Path.cwd())
    data["workdir"] = str(workdir if workdir.is_absolute() else (base / workdir).resolve())
    return project, data


def follow(client: ApiClient, run_id: int, console: Console) -> dict[str, Any]:
    """Show a progress bar until the run ends; answer the final run."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(f"run {run_id}", total=None, detail="")
        while True:
            run = client.get(f"/runs/{run_id}")
            counts = run["counts"]
            done = sum(counts.get(status, 0) for status in DONE_EXPERIMENT)
            detail = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
            progress.update(task, total=sum(counts.values()), completed=done, detail=detail)
            if run["status"] in TERMINAL_RUN:
                return dict(run)
            time.sleep(1.0)
