"""Readers of past experiment histories; see README.md in this folder."""

from hypertuner.importers.errors import MalformedFile
from hypertuner.importers.infer import ColumnInfo, analyze
from hypertuner.importers.plan import ImportPlan, PlannedExperiment, columns, plan_import
from hypertuner.importers.read import FORMATS, Format, read_upload
from hypertuner.importers.table import (
    COLUMN_TYPES,
    ROLES,
    ColumnType,
    CurvePoint,
    ImportedTable,
    Role,
    SourceRow,
)

__all__ = [
    "COLUMN_TYPES",
    "FORMATS",
    "ROLES",
    "ColumnInfo",
    "ColumnType",
    "CurvePoint",
    "Format",
    "ImportPlan",
    "ImportedTable",
    "MalformedFile",
    "PlannedExperiment",
    "Role",
    "SourceRow",
    "analyze",
    "columns",
    "plan_import",
    "read_upload",
]
