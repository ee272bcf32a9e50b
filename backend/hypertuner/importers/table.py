"""The imported table: what every reader produces, whatever the source format.

One `SourceRow` per future experiment: raw cells by column name (text from CSV, typed values
from JSON and YAML), what the source recorded about its life, and metric curves where the
source kept one value per step. Column types and roles are inferred later, in `infer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

Role = Literal["hyperparameter", "metric", "id", "status", "start_time", "end_time", "ignore"]
ROLES: tuple[str, ...] = get_args(Role)
ColumnType = Literal["int", "float", "bool", "categorical", "text", "empty"]
COLUMN_TYPES: tuple[str, ...] = get_args(ColumnType)


@dataclass(frozen=True)
class CurvePoint:
    step: int | None
    value: float
    wall_time: float | None = None


@dataclass
class SourceRow:
    """One experiment as the source recorded it."""

    cells: dict[str, object]
    source: str
    line: int | None = None
    source_id: str | None = None
    name: str | None = None
    parent_id: str | None = None
    status: str | None = None
    reason: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    curves: dict[str, list[CurvePoint]] = field(default_factory=dict)
    archived: bool = False

    @property
    def where(self) -> str:
        return self.source if self.line is None else f"{self.source}, line {self.line}"


@dataclass
class ImportedTable:
    """Rows of one upload, the union of their columns and what the format says about them."""

    format: str
    files: list[str]
    rows: list[SourceRow]
    hints: dict[str, Role] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """Every column of every row, in the order first seen."""
        seen: dict[str, None] = {}
        for row in self.rows:
            for name in row.cells:
                seen.setdefault(name, None)
        return list(seen)
