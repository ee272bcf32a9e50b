"""Hand-kept CSV and TSV logs: one or more files, their columns united, repeats dropped.

A header written by HyperTuner's own export (`param:lr`, `metric:val_loss`) says the role,
and the export's bookkeeping columns (run, tags, note…) are then left out by default.
"""

from __future__ import annotations

from hypertuner.core.errors import InvalidInput
from hypertuner.importers.delimited import (
    Sheet,
    drop_repeats,
    is_table,
    read_sheet,
    rows_of,
    sheet_warnings,
)
from hypertuner.importers.files import UploadedFile
from hypertuner.importers.table import ImportedTable, Role

PREFIX_ROLES: dict[str, Role] = {
    "param:": "hyperparameter",
    "metric:": "metric",
    "metric_min:": "ignore",
    "metric_max:": "ignore",
}
RENAMED_PREFIXES = ("param:", "metric:")
# The other columns of HyperTuner's export: bookkeeping, not values to tune.
EXPORT_COLUMNS: dict[str, Role] = {
    "experiment_id": "id",
    "status": "status",
    "started_at": "start_time",
    "ended_at": "end_time",
    **dict.fromkeys(("run_id", "run", "index", "label", "starred", "archived"), "ignore"),
    **dict.fromkeys(("tags", "note"), "ignore"),
}


def read_sheets(files: list[UploadedFile], delimiter: str | None) -> tuple[list[Sheet], list[str]]:
    """Every table file parsed (all before anything is stored), and the other files' names."""
    tables = [file for file in files if is_table(file)]
    ignored = [file.name for file in files if not is_table(file)]
    if not tables:
        raise InvalidInput("the upload holds no CSV or TSV file", field="files")
    return [read_sheet(file, delimiter) for file in tables], ignored


def read_csv(files: list[UploadedFile], delimiter: str | None = None) -> ImportedTable:
    sheets, ignored = read_sheets(files, delimiter)
    rename, hints = _prefixes(sheets)
    rows = rows_of(sheets, rename)
    table = ImportedTable("csv", [s.file for s in sheets], rows, hints, ignored_files=ignored)

    table.rows, repeats = drop_repeats(rows, table.columns)
    table.warnings = sheet_warnings(sheets) + repeats
    return table


def _prefixes(sheets: list[Sheet]) -> tuple[dict[str, str], dict[str, Role]]:
    names = {name for sheet in sheets for name in sheet.header}
    rename: dict[str, str] = {}
    hints: dict[str, Role] = {}
    for name in names:
        prefix = next((p for p in PREFIX_ROLES if name.startswith(p)), None)
        if prefix is None:
            continue
        short = name[len(prefix) :]
        if prefix in RENAMED_PREFIXES and short and short not in names:
            rename[name] = short
        hints[rename.get(name, name)] = PREFIX_ROLES[prefix]
    if hints:
        for name, role in EXPORT_COLUMNS.items():
            if name in names:
                hints.setdefault(name, role)
    return rename, hints
