"""TensorBoard's HParams table downloaded as CSV: hyperparameters first, metrics last.

The download sorts rows as text (batch size 1000 before 250); rows are put back in the
numeric order of their hyperparameters. When no column name reads like a metric, the last
numeric column is taken as the metric.
"""

from __future__ import annotations

from hypertuner.importers.csvlog import read_sheets
from hypertuner.importers.delimited import rows_of, sheet_warnings
from hypertuner.importers.files import UploadedFile
from hypertuner.importers.infer import analyze, parse_cell
from hypertuner.importers.table import ImportedTable, Role, SourceRow

FIXED: dict[str, Role] = {"Trial ID": "id", "Session Group Name": "id", "Show Metrics": "ignore"}


def looks_like_tensorboard(header: list[str]) -> bool:
    return "Trial ID" in header or "Session Group Name" in header


def read_tensorboard(files: list[UploadedFile]) -> ImportedTable:
    sheets, ignored = read_sheets(files, None)
    hints = {name: FIXED[name] for sheet in sheets for name in sheet.header if name in FIXED}
    table = ImportedTable(
        "tensorboard", [s.file for s in sheets], rows_of(sheets), hints, ignored_files=ignored
    )
    table.warnings = sheet_warnings(sheets)

    infos = analyze(table)
    if not any(info.role == "metric" for info in infos):
        numeric = [info for info in infos if info.type in ("int", "float")]
        if numeric:
            table.hints[numeric[-1].name] = "metric"
            infos = analyze(table)

    order = [info.name for info in infos if info.role == "hyperparameter"]
    table.rows.sort(key=lambda row: _grid_key(row, order))
    for row in table.rows:
        trial = row.cells.get("Trial ID") or row.cells.get("Session Group Name")
        row.source_id = str(trial) if trial else None
    return table


def _grid_key(row: SourceRow, names: list[str]) -> tuple[tuple[int, float, str], ...]:
    key = []
    for name in names:
        kind, value = parse_cell(row.cells.get(name))
        if isinstance(value, int | float) and kind in ("int", "float", "bool"):
            key.append((0, float(value), ""))
        elif value is None:
            key.append((2, 0.0, ""))
        else:
            key.append((1, 0.0, str(value)))
    return tuple(key)
