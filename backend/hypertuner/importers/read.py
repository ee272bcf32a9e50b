"""Reading an upload: open archives, tell the format, hand the files to its reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from hypertuner.core.errors import InvalidInput
from hypertuner.importers.csvlog import read_csv
from hypertuner.importers.delimited import is_table, read_sheet
from hypertuner.importers.files import UploadedFile, unpack
from hypertuner.importers.mlflow import looks_like_mlflow, read_mlflow
from hypertuner.importers.optuna import looks_like_optuna, read_optuna
from hypertuner.importers.raytune import looks_like_ray_tune, read_ray_tune
from hypertuner.importers.table import ImportedTable
from hypertuner.importers.tensorboard import looks_like_tensorboard, read_tensorboard

Format = Literal["auto", "csv", "tsv", "optuna", "tensorboard", "ray_tune", "mlflow"]
FORMATS: tuple[str, ...] = get_args(Format)

READERS: dict[str, Callable[[list[UploadedFile]], ImportedTable]] = {
    "csv": read_csv,
    "tsv": lambda files: read_csv(files, "\t"),
    "optuna": read_optuna,
    "tensorboard": read_tensorboard,
    "ray_tune": read_ray_tune,
    "mlflow": read_mlflow,
}


def read_upload(uploads: list[tuple[str, bytes]], source_format: str) -> ImportedTable:
    """The imported table of uploaded files (name, bytes) in `source_format` or `auto`."""
    found = unpack(uploads)
    if not found.files:
        raise InvalidInput("the upload holds no files", field="files")

    chosen = detect(found.files) if source_format == "auto" else source_format
    if chosen not in READERS:
        raise InvalidInput(f"unknown format {source_format!r}", field="format")
    table = READERS[chosen](found.files)
    table.ignored_files.extend(found.skipped)
    if not table.rows:
        raise InvalidInput("the upload holds no experiments", field="files")
    return table


def detect(files: list[UploadedFile]) -> str:
    """The format the files are in, from their names and, for tables, their header."""
    if looks_like_mlflow(files):
        return "mlflow"
    if looks_like_ray_tune(files) or any(f.basename == "progress.csv" for f in files):
        return "ray_tune"

    tables = [file for file in files if is_table(file)]
    if not tables:
        names = ", ".join(file.name for file in files[:5])
        message = f"cannot tell the format of {names}; choose one of {', '.join(READERS)}"
        raise InvalidInput(message, field="format")
    first = tables[0]
    header = read_sheet(first).header
    if looks_like_optuna(header):
        return "optuna"
    if looks_like_tensorboard(header):
        return "tensorboard"
    return "tsv" if first.basename.lower().endswith((".tsv", ".tab")) else "csv"
