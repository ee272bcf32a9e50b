"""MLflow file stores (`mlruns/`): one experiment folder with `meta.yaml` per experiment, one
run folder per run with `meta.yaml`, `params/`, `metrics/` (lines `timestamp value step`) and
`tags/`. Deleted experiments (under `.trash/`, or marked deleted) are skipped; runs marked
deleted are imported archived; hidden folders such as notebook checkpoints are ignored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

import yaml

from hypertuner.importers.errors import MalformedFile
from hypertuner.importers.files import UploadedFile
from hypertuner.importers.table import CurvePoint, ImportedTable, Role, SourceRow
from hypertuner.importers.text import decode

STATUSES: dict[object, str] = {
    1: "running",
    2: "queued",
    3: "completed",
    4: "failed",
    5: "stopped",
    "RUNNING": "running",
    "SCHEDULED": "queued",
    "FINISHED": "completed",
    "FAILED": "failed",
    "KILLED": "stopped",
}
EXPERIMENT_COLUMN = "mlflow.experiment"
TAG_PREFIX = "tags."
KEY_FOLDERS = ("params", "metrics", "tags")
Number = TypeVar("Number", int, float)
RunFiles = dict[str, dict[str, UploadedFile]]


@dataclass
class _Store:
    experiments: dict[str, dict[str, object]] = field(default_factory=dict)
    runs: dict[str, dict[str, object]] = field(default_factory=dict)
    keys: dict[str, RunFiles] = field(default_factory=dict)
    trash: set[str] = field(default_factory=set)
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def looks_like_mlflow(files: list[UploadedFile]) -> bool:
    return any(file.basename == "meta.yaml" for file in files)


def read_mlflow(files: list[UploadedFile]) -> ImportedTable:
    store = _scan(files)
    hints: dict[str, Role] = {EXPERIMENT_COLUMN: "ignore"}
    rows = []
    deleted = 0
    for folder in sorted(store.runs, key=lambda f: _start(store.runs[f])):
        experiment = store.experiments.get(folder.rpartition("/")[0], {})
        if experiment.get("lifecycle_stage") == "deleted":
            continue
        row = _run(folder, store.runs[folder], store.keys.get(folder, {}), hints)
        row.cells[EXPERIMENT_COLUMN] = str(experiment.get("name", "")) or None
        deleted += row.archived
        rows.append(row)

    if not rows:
        raise MalformedFile("upload", "no MLflow run folder (meta.yaml with a run_id)")
    table = ImportedTable("mlflow", sorted(store.runs), rows, hints, ignored_files=store.ignored)
    table.warnings = store.warnings + _skip_notes(store, deleted)
    return table


def _scan(files: list[UploadedFile]) -> _Store:
    """Experiment and run metadata by folder; deleted and hidden folders set aside."""
    store = _Store()
    for file in files:
        parts = file.name.split("/")
        if ".trash" in parts:
            store.trash.add("/".join(parts[: parts.index(".trash") + 2]))
            continue
        if any(part.startswith(".") for part in parts):
            store.ignored.append(file.name)
            continue
        if file.basename != "meta.yaml":
            continue
        meta = _yaml(file)
        if "run_uuid" in meta or "run_id" in meta:
            store.runs[file.folder] = meta
        elif "experiment_id" in meta:
            store.experiments[file.folder] = meta
    _index_keys(store, files)
    return store


def _index_keys(store: _Store, files: list[UploadedFile]) -> None:
    """Each run's params, metrics and tags files by key (a key with `/` is a sub-folder)."""
    for file in files:
        parts = file.name.split("/")
        for i in range(1, len(parts) - 1):
            folder = "/".join(parts[:i])
            if parts[i] in KEY_FOLDERS and folder in store.runs:
                kinds = store.keys.setdefault(folder, {})
                kinds.setdefault(parts[i], {})["/".join(parts[i + 1 :])] = file
                break


def _skip_notes(store: _Store, deleted_runs: int) -> list[str]:
    notes = []
    if store.trash:
        notes.append(f"{len(store.trash)} deleted experiments in .trash skipped")
    gone = [e for e in store.experiments.values() if e.get("lifecycle_stage") == "deleted"]
    if gone:
        notes.append(f"{len(gone)} experiments marked deleted skipped")
    if deleted_runs:
        notes.append(f"{deleted_runs} runs deleted in MLflow imported as archived")
    return notes


def _yaml(file: UploadedFile) -> dict[str, object]:
    try:
        data = yaml.safe_load(decode(file))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = str(getattr(error, "problem", None) or error)
        raise MalformedFile(file.name, problem, line=line, column=column) from error
    if not isinstance(data, dict):
        raise MalformedFile(file.name, "meta.yaml must hold a mapping", line=1, column=1)
    # Only plain values are read: a nested alias (a "billion laughs" file) stays unexpanded.
    return {
        str(key): value
        for key, value in data.items()
        if value is None or isinstance(value, str | int | float | bool)
    }


def _start(meta: dict[str, object]) -> int:
    start = meta.get("start_time")
    return start if isinstance(start, int) else 0


def _run(folder: str, meta: dict[str, object], keys: RunFiles, hints: dict[str, Role]) -> SourceRow:
    params = _texts(keys.get("params", {}))
    tags = _texts(keys.get("tags", {}))
    row = SourceRow(dict[str, object](params), folder)
    for name in params:
        hints[name] = "hyperparameter"

    for key, file in keys.get("metrics", {}).items():
        name = f"metrics/{key}" if key in params else key
        hints[name] = "metric"
        curve = _metric_file(file)
        if curve:
            row.curves[name] = curve
            row.cells[name] = curve[-1].value
    for key, value in tags.items():
        if not key.startswith("mlflow."):
            row.cells[f"{TAG_PREFIX}{key}"] = value
            hints[f"{TAG_PREFIX}{key}"] = "ignore"

    meta_file = f"{folder}/meta.yaml"
    row.source_id = str(meta.get("run_id") or meta.get("run_uuid") or folder.rpartition("/")[2])
    row.name = tags.get("mlflow.runName") or str(meta.get("run_name") or meta.get("name") or "")
    row.name = row.name or None
    row.parent_id = tags.get("mlflow.parentRunId")
    row.status = STATUSES.get(meta.get("status"))
    row.started_at = _millis(meta.get("start_time"), meta_file, "start_time")
    row.ended_at = _millis(meta.get("end_time"), meta_file, "end_time")
    row.archived = meta.get("lifecycle_stage") == "deleted"
    return row


def _texts(files: dict[str, UploadedFile]) -> dict[str, str]:
    return {key: decode(file) if file.data.strip() else "" for key, file in files.items()}


def _metric_file(file: UploadedFile) -> list[CurvePoint]:
    """Points sorted by step then time, as MLflow orders a metric's history."""
    if not file.data.strip():
        return []
    points = []
    for number, line in enumerate(decode(file).splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) not in (2, 3):
            problem = f"expected 'timestamp value step', found {len(parts)} fields"
            raise MalformedFile(file.name, problem, line=number, column=min(len(parts), 4))
        stamp = _field(file, number, 1, parts[0], int)
        value = _field(file, number, 2, parts[1], float)
        step = _field(file, number, 3, parts[2], int) if len(parts) == 3 else 0
        points.append((step, stamp, value))
    points.sort(key=lambda point: (point[0], point[1]))
    return [CurvePoint(step, value, stamp / 1000) for step, stamp, value in points]


def _field(
    file: UploadedFile, line: int, column: int, text: str, kind: Callable[[str], Number]
) -> Number:
    try:
        return kind(text)
    except ValueError as error:
        name = ("timestamp", "value", "step")[column - 1]
        problem = f"the {name} {text!r} is not a number"
        raise MalformedFile(file.name, problem, line=line, column=column) from error


def _millis(value: object, file: str, name: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedFile(file, f"{name} must be milliseconds since 1970, not {value!r}")
    try:
        return datetime.fromtimestamp(value / 1000, UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise MalformedFile(file, f"{name} {value!r} is out of range") from error
