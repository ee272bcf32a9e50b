"""Optuna's `study.trials_dataframe()` saved as CSV.

`params_` columns are hyperparameters (prefix dropped), `value` or `values_N` the objectives,
`state` the trial's fate, and rows are put back in trial order (exports are often sorted by
value). Conditional hyperparameters are empty where they did not apply.
"""

from __future__ import annotations

from hypertuner.importers.csvlog import read_sheets
from hypertuner.importers.delimited import Sheet, rows_of, sheet_warnings
from hypertuner.importers.files import UploadedFile
from hypertuner.importers.infer import parse_cell
from hypertuner.importers.table import ImportedTable, Role

FIXED: dict[str, Role] = {
    "number": "id",
    "value": "metric",
    "datetime_start": "start_time",
    "datetime_complete": "end_time",
    "duration": "ignore",
    "state": "status",
}


def looks_like_optuna(header: list[str]) -> bool:
    names = set(header)
    has_value = "value" in names or any(n.startswith("values_") for n in names)
    return "number" in names and has_value and any(n.startswith("params_") for n in names)


def read_optuna(files: list[UploadedFile]) -> ImportedTable:
    sheets, ignored = read_sheets(files, None)
    rename, hints = _columns(sheets)
    rows = rows_of(sheets, rename)
    rows.sort(key=lambda row: _trial_number(row.cells.get("number")))
    for row in rows:
        number = row.cells.get("number")
        row.source_id = str(number) if number not in (None, "") else None
        row.name = f"trial {row.source_id}" if row.source_id else None

    table = ImportedTable("optuna", [s.file for s in sheets], rows, hints, ignored_files=ignored)
    table.warnings = sheet_warnings(sheets)
    return table


def _columns(sheets: list[Sheet]) -> tuple[dict[str, str], dict[str, Role]]:
    names = list(dict.fromkeys(name for sheet in sheets for name in sheet.header))
    rename: dict[str, str] = {}
    hints: dict[str, Role] = {}
    for name in names:
        short = name.removeprefix("params_")
        if name.startswith("params_") and short and short not in names:
            rename[name] = short
        target = rename.get(name, name)
        if name in FIXED:
            hints[target] = FIXED[name]
        elif name.startswith("values_") or name.startswith("user_attrs_"):
            hints[target] = "metric"
        elif name.startswith("system_attrs_"):
            hints[target] = "ignore"
        elif name.startswith("params_"):
            hints[target] = "hyperparameter"
    return rename, hints


def _trial_number(raw: object) -> tuple[int, float]:
    kind, value = parse_cell(raw)
    if kind in ("int", "float") and isinstance(value, int | float):
        return 0, float(value)
    return 1, 0.0
