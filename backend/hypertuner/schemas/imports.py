"""Import of past history: the user's choices, the preview and the outcome."""

from __future__ import annotations

from pydantic import Field

from hypertuner.importers import ColumnType, Role
from hypertuner.schemas.common import ReadSchema, Schema
from hypertuner.schemas.curation import Text
from hypertuner.schemas.run import Objective, RunRead


class ImportSettings(Schema):
    """Sent as the JSON text of the `settings` form field, next to the files."""

    run_name: Text | None = Field(default=None, min_length=1, max_length=200)
    roles: dict[str, Role] = Field(
        default_factory=dict, description="Role per column; unlisted columns keep the suggestion"
    )
    types: dict[str, ColumnType] = Field(
        default_factory=dict, description="Type per column, to override the inferred one"
    )
    objective: Objective | None = Field(default=None, description="The imported run's objective")


class ImportColumn(ReadSchema):
    name: str
    type: ColumnType
    role: Role
    present: int = Field(description="Rows with a value")
    distinct: int
    examples: list[object] = Field(description="Up to 5 distinct values, as they will be stored")
    curve: bool = Field(description="The source holds one value per step (a curve)")
    notes: list[str]


class ImportPreview(ReadSchema):
    format: str
    files: list[str] = Field(description="Files or folders read")
    ignored_files: list[str]
    rows: int = Field(description="Experiments the import would create")
    metric_points: int
    columns: list[ImportColumn]
    sample: list[dict[str, object]] = Field(description="The first rows, values as stored")
    warnings: list[str]


class ImportResult(ReadSchema):
    run: RunRead
    experiments: int
    metric_points: int
    archived: int = Field(description="Experiments imported archived (deleted in the source)")
    columns: list[ImportColumn]
    warnings: list[str]
