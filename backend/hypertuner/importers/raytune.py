"""Ray Tune trial folders: `params.json` (the trial's values, nested config flattened with
`/`) and the per-iteration results, from `result.json` (JSON lines, bare NaN allowed) or else
`progress.csv` (Python-repr dicts in some columns). Every numeric result is a curve over
`training_iteration`; a folder with `error.txt` is a failed trial."""

from __future__ import annotations

import ast
import json
import math
from datetime import UTC, datetime

from hypertuner.importers.delimited import read_sheet
from hypertuner.importers.errors import MalformedFile
from hypertuner.importers.files import UploadedFile
from hypertuner.importers.infer import MAX_INT, parse_cell
from hypertuner.importers.table import CurvePoint, ImportedTable, Role, SourceRow
from hypertuner.importers.text import decode

TRIAL_FILES = ("params.json", "result.json", "progress.csv")
READ_FILES = (*TRIAL_FILES, "error.txt")
SEPARATOR = "/"
CONFIG = f"config{SEPARATOR}"
# Result fields that describe the bookkeeping of a trial, not how well it does.
BOOKKEEPING = frozenset(
    {
        "training_iteration",
        "iterations_since_restore",
        "timestamp",
        "pid",
        "time_since_restore",
        "timesteps_since_restore",
        "done",
        "date",
        "hostname",
        "node_ip",
        "experiment_id",
        "trial_id",
        "experiment_tag",
        "warmup_time",
        "should_checkpoint",
        "checkpoint_dir_name",
    }
)

Flat = dict[str, object]


def looks_like_ray_tune(files: list[UploadedFile]) -> bool:
    return any(file.basename in ("params.json", "result.json") for file in files)


def read_ray_tune(files: list[UploadedFile]) -> ImportedTable:
    folders: dict[str, dict[str, UploadedFile]] = {}
    for file in files:
        folders.setdefault(file.folder, {})[file.basename] = file
    trials = sorted(f for f, named in folders.items() if any(n in named for n in TRIAL_FILES))
    if not trials:
        raise MalformedFile("upload", "no Ray Tune trial folder (params.json, result.json)")

    hints: dict[str, Role] = {}
    rows = [_trial(folder, folders[folder], hints) for folder in trials]
    ignored = [f.name for f in files if f.folder not in trials or f.basename not in READ_FILES]
    table = ImportedTable("ray_tune", trials, rows, hints, ignored_files=ignored)
    if any("events.out.tfevents" in name for name in ignored):
        table.warnings.append("TensorBoard event files are not read: the results hold the same")
    return table


def _trial(folder: str, named: dict[str, UploadedFile], hints: dict[str, Role]) -> SourceRow:
    results = _results(named)
    params = _params(named.get("params.json"), results)
    row = SourceRow(dict(params), folder or "upload")
    for name in params:
        hints[name] = "hyperparameter"

    for position, result in enumerate(results, start=1):
        step = result.get("training_iteration")
        step = step if isinstance(step, int) and not isinstance(step, bool) else position
        stamp = _number(result.get("timestamp"))
        for key, value in result.items():
            if key.startswith(CONFIG) or isinstance(value, bool):
                continue
            if not isinstance(value, int | float) or abs(value) >= MAX_INT:
                continue
            name = f"result{SEPARATOR}{key}" if key in params else key
            hints.setdefault(name, "ignore" if key in BOOKKEEPING else "metric")
            row.curves.setdefault(name, []).append(CurvePoint(step, float(value), stamp))
            row.cells[name] = value

    _describe(row, folder, named, results)
    return row


def _describe(
    row: SourceRow, folder: str, named: dict[str, UploadedFile], results: list[Flat]
) -> None:
    """Identity, fate and times of the trial, as far as its folder tells."""
    last = results[-1] if results else {}
    row.name = folder.rpartition("/")[2] or None
    trial_id = last.get("trial_id")
    row.source_id = str(trial_id) if trial_id else row.name

    error = named.get("error.txt")
    if error is not None:
        lines = [line for line in error.data.decode("utf-8", "replace").splitlines() if line]
        row.status, row.reason = "failed", (lines[-1][:500] if lines else "error.txt")
    else:
        row.status = "completed"

    if results:
        first_stamp = _number(results[0].get("timestamp"))
        took = _number(results[0].get("time_this_iter_s")) or 0.0
        last_stamp = _number(last.get("timestamp"))
        row.started_at = _time(first_stamp - took) if first_stamp is not None else None
        row.ended_at = _time(last_stamp)


def _params(file: UploadedFile | None, results: list[Flat]) -> Flat:
    if file is None:
        # No params.json: the config every result repeats holds the values.
        first = results[0] if results else {}
        return {k.removeprefix(CONFIG): v for k, v in first.items() if k.startswith(CONFIG)}
    data = _json(file, decode(file), 1)
    if not isinstance(data, dict):
        raise MalformedFile(file.name, "params.json must hold a JSON object", line=1, column=1)
    return data


def _results(named: dict[str, UploadedFile]) -> list[Flat]:
    if "result.json" in named:
        file = named["result.json"]
        results = []
        for number, line in enumerate(decode(file).splitlines(), start=1):
            if not line.strip():
                continue
            record = _json(file, line, number)
            if not isinstance(record, dict):
                raise MalformedFile(file.name, "each line must be a JSON object", line=number)
            results.append(record)
        return results
    if "progress.csv" in named:
        sheet = read_sheet(named["progress.csv"], ",")
        return [_progress_row(sheet.header, cells) for _, cells in sheet.records]
    return []


def _json(file: UploadedFile, text: str, line: int) -> object:
    """JSON as Ray writes it: NaN and Infinity appear as bare tokens, which Python accepts."""
    try:
        data = json.loads(text)
        return flatten(data) if isinstance(data, dict) else data
    except json.JSONDecodeError as error:
        at = line + error.lineno - 1
        raise MalformedFile(file.name, error.msg, line=at, column=error.colno) from error
    except RecursionError as error:
        raise MalformedFile(file.name, "JSON nested too deeply", line=line) from error


def _progress_row(header: list[str], cells: list[str]) -> Flat:
    record: dict[str, object] = {}
    for name, cell in zip(header, cells, strict=True):
        if cell.startswith(("{", "[")):
            record[name] = _literal(cell)
        else:
            kind, value = parse_cell(cell)
            record[name] = None if kind == "empty" else value
    return flatten(record)


def _literal(text: str) -> object:
    """A Python-repr dict or list as written by older Ray versions; text if it is not one."""
    try:
        value = ast.literal_eval(text)
        return flatten(value) if isinstance(value, dict) else value
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def flatten(data: dict[str, object], prefix: str = "") -> Flat:
    """Nested dicts as one level, keys joined with `/`; `config` of a result is left out."""
    flat: Flat = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if not prefix and key == "config":
            if isinstance(value, dict):
                flat.update(flatten(value, CONFIG))
            continue
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{name}{SEPARATOR}"))
        elif not isinstance(value, dict):
            flat[name] = value
    return flat


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) >= MAX_INT:
        return None
    return float(value) if math.isfinite(value) else None


def _time(seconds: float | None) -> datetime | None:
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
