"""From an imported table and the roles a person chose to the experiments to store.

Everything is converted and checked here, before the database sees a row: a value that does
not fit its column's type, a bad time or a step out of range is an error naming the row.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from hypertuner.core.errors import InvalidInput
from hypertuner.importers.infer import (
    MAX_METRIC_NAME,
    ColumnInfo,
    Value,
    analyze,
    convert,
    parse_cell,
)
from hypertuner.importers.table import ColumnType, CurvePoint, ImportedTable, Role, SourceRow

SINGLE_ROLES = ("id", "status", "start_time", "end_time")
MAX_STEP = 2**31 - 1
STATUS_WORDS = {
    "completed": "completed",
    "complete": "completed",
    "finished": "completed",
    "done": "completed",
    "success": "completed",
    "succeeded": "completed",
    "ok": "completed",
    "terminated": "completed",
    "failed": "failed",
    "fail": "failed",
    "error": "failed",
    "errored": "failed",
    "crashed": "failed",
    "running": "running",
    "queued": "queued",
    "pending": "queued",
    "waiting": "queued",
    "scheduled": "queued",
    "stopped": "stopped",
    "killed": "stopped",
    "pruned": "stopped",
    "cancelled": "stopped",
    "canceled": "stopped",
    "early_stopped": "stopped",
    "lost": "lost",
}


@dataclass
class PlannedExperiment:
    params: dict[str, object]
    param_types: dict[str, str]
    metrics: dict[str, list[CurvePoint]]
    status: str
    row: SourceRow
    source_id: str | None
    started_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass
class ImportPlan:
    format: str
    files: list[str]
    columns: list[ColumnInfo]
    experiments: list[PlannedExperiment]
    warnings: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)

    @property
    def metric_points(self) -> int:
        return sum(len(curve) for e in self.experiments for curve in e.metrics.values())


def columns(
    table: ImportedTable, roles: Mapping[str, Role], types: Mapping[str, ColumnType]
) -> list[ColumnInfo]:
    """The table's columns with a person's type and role choices applied and checked."""
    infos = analyze(table)
    by_name = {info.name: info for info in infos}
    for kind, chosen in (("types", types), ("roles", roles)):
        unknown = [name for name in chosen if name not in by_name]
        if unknown:
            known = ", ".join(repr(n) for n in list(by_name)[:30])
            message = f"no column named {unknown[0]!r}; the columns are {known}"
            raise InvalidInput(message, field=f"{kind}.{unknown[0]}")

    for name, column_type in types.items():
        _retype(table, by_name[name], column_type)
    for name, role in roles.items():
        by_name[name].role = role
    _check_roles(infos)
    return infos


def _retype(table: ImportedTable, info: ColumnInfo, column_type: ColumnType) -> None:
    for row in table.rows:
        try:
            convert(row.cells.get(info.name), column_type)
        except ValueError as error:
            message = f"column {info.name!r} cannot be {column_type}: {row.where}: {error}"
            raise InvalidInput(message, field=f"types.{info.name}") from error
    info.type = column_type
    info.notes.append(f"read as {column_type}, as chosen")


def _check_roles(infos: list[ColumnInfo]) -> None:
    for role in SINGLE_ROLES:
        chosen = [info.name for info in infos if info.role == role]
        if len(chosen) > 1:
            message = f"only one column can be the {role}: {', '.join(map(repr, chosen))}"
            raise InvalidInput(message, field=f"roles.{chosen[1]}")
    for info in infos:
        if info.role == "metric" and info.type not in ("int", "float", "empty"):
            message = f"column {info.name!r} holds {info.type} values; a metric must be numeric"
            raise InvalidInput(message, field=f"roles.{info.name}")
        if info.role == "metric" and len(info.name) > MAX_METRIC_NAME:
            message = f"a metric name is at most {MAX_METRIC_NAME} characters"
            raise InvalidInput(message, field=f"roles.{info.name}")
    if not any(info.role in ("hyperparameter", "metric") for info in infos):
        raise InvalidInput("choose at least one hyperparameter or metric column", field="roles")


def plan_import(table: ImportedTable, infos: list[ColumnInfo]) -> ImportPlan:
    """One planned experiment per row, every value converted to its column's type."""
    plan = ImportPlan(
        table.format, table.files, infos, [], list(table.warnings), list(table.ignored_files)
    )
    role = {info.name: info for info in infos}
    for info in infos:
        if info.role != "ignore":
            check_text(info.name, f"the column name {info.name!r}")
    naive = dropped = 0
    for row in table.rows:
        experiment = _experiment(row, role)
        _check_row(experiment)
        naive += _times(experiment, row, role)
        dropped += _drop_non_finite(experiment)
        plan.experiments.append(experiment)

    if naive:
        plan.warnings.append(f"{naive} times without a time zone read as UTC")
    if dropped:
        plan.warnings.append(f"{dropped} NaN or infinite hyperparameter values left unset")
    return plan


def _experiment(row: SourceRow, infos: dict[str, ColumnInfo]) -> PlannedExperiment:
    params: dict[str, object] = {}
    types: dict[str, str] = {}
    metrics: dict[str, list[CurvePoint]] = {}
    status, source_id = row.status, row.source_id
    for name, info in infos.items():
        raw = row.cells.get(name)
        if info.role == "hyperparameter":
            value = _value(row, info, raw)
            if value is not None:
                params[name], types[name] = value, info.type
        elif info.role == "metric":
            metrics.update(_curve(row, info, raw))
        elif info.role == "status" and raw not in (None, ""):
            status = parse_status(raw) or status
        elif info.role == "id" and raw not in (None, ""):
            source_id = str(_value(row, info, raw))
    return PlannedExperiment(params, types, metrics, status or "completed", row, source_id)


def check_text(text: str, where: str) -> None:
    """Refuse what no database keeps: NUL characters and unpaired surrogates (both can come
    from JSON `\\u` escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidInput(f"{where}: text that is not valid Unicode", field="files") from error
    if "\x00" in text:
        raise InvalidInput(f"{where}: text with a NUL character", field="files")


def _check_row(experiment: PlannedExperiment) -> None:
    row = experiment.row
    texts = [row.source, row.name, row.source_id, row.parent_id, row.reason]
    texts.append(experiment.source_id)
    texts += [value for value in experiment.params.values() if isinstance(value, str)]
    for text in texts:
        if text is not None:
            check_text(text, row.where)


def _value(row: SourceRow, info: ColumnInfo, raw: object) -> Value:
    try:
        return convert(raw, info.type)
    except ValueError as error:
        raise InvalidInput(f"{row.where}: column {info.name!r}: {error}", field="files") from error


def _curve(row: SourceRow, info: ColumnInfo, raw: object) -> dict[str, list[CurvePoint]]:
    curve = row.curves.get(info.name)
    if curve is None:
        value = _value(row, info, raw)
        if not isinstance(value, int | float):
            return {}
        curve = [CurvePoint(None, float(value), None)]
    for point in curve:
        if point.step is not None and abs(point.step) > MAX_STEP:
            message = f"{row.where}: metric {info.name!r} has step {point.step}, out of range"
            raise InvalidInput(message, field="files")
    return {info.name: curve}


def _times(experiment: PlannedExperiment, row: SourceRow, infos: dict[str, ColumnInfo]) -> int:
    """Start and end times from the format or the chosen columns; answers how many were naive."""
    experiment.started_at, experiment.ended_at = row.started_at, row.ended_at
    naive = 0
    for name, info in infos.items():
        if info.role not in ("start_time", "end_time"):
            continue
        try:
            moment, was_naive = parse_time(row.cells.get(name))
        except ValueError as error:
            message = f"{row.where}: column {name!r}: {error}"
            raise InvalidInput(message, field=f"roles.{name}") from error
        naive += was_naive
        if info.role == "start_time":
            experiment.started_at = moment or experiment.started_at
        else:
            experiment.ended_at = moment or experiment.ended_at
    return naive


def _drop_non_finite(experiment: PlannedExperiment) -> int:
    """JSON (and so the params column) has no NaN: such a value means "not set"."""
    odd = [
        name
        for name, value in experiment.params.items()
        if isinstance(value, float) and not math.isfinite(value)
    ]
    for name in odd:
        del experiment.params[name]
        del experiment.param_types[name]
    return len(odd)


def parse_status(raw: object) -> str | None:
    """An experiment status from words tools use (`COMPLETE`, `TrialState.PRUNED`, `done`)."""
    word = str(raw).strip().lower().removeprefix("trialstate.")
    return STATUS_WORDS.get(word)


def parse_time(raw: object) -> tuple[datetime | None, bool]:
    """A time from ISO text or Unix seconds (or ms, µs); and whether it lacked a zone."""
    kind, value = parse_cell(raw)
    if kind in ("empty", "na"):
        return None, False
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
        seconds /= 1e6 if seconds > 1e14 else 1e3 if seconds > 1e11 else 1
        try:
            return datetime.fromtimestamp(seconds, UTC), False
        except (OverflowError, OSError, ValueError) as error:
            raise ValueError(f"{raw!r} is not a time") from error
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError as error:
        raise ValueError(f"{raw!r} is not a time (use ISO 8601 or Unix seconds)") from error
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC), True
    return moment.astimezone(UTC), False
