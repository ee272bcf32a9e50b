"""Project-wide listings: the dashboard's experiment table, exports and the report."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from hypertuner.schemas.common import JsonFloat, ReadSchema, Schema
from hypertuner.schemas.curation import DbId, JournalRead, ProductionMarkRead, Text
from hypertuner.schemas.dashboard import MetricColumns, ParamInfo
from hypertuner.schemas.run import Objective

MAX_REPORT_EXPERIMENTS = 1000


class TableRun(ReadSchema):
    id: int
    name: str
    kind: str
    status: str
    objective_metric: str | None
    objective_mode: str
    created_at: datetime
    has_note: bool


class ExperimentTable(ReadSchema):
    """Every experiment of every run of a project as parallel arrays: position `i` of every
    list is one experiment. Archived experiments are left out unless asked for."""

    project_id: int
    total: int = Field(description="Experiments listed")
    available: int = Field(description="Experiments there are to list (more when partial)")
    partial: bool = Field(description="Only the latest experiments, as `latest` asked")
    archived_hidden: int = Field(description="Archived experiments left out")
    runs: list[TableRun]
    params: list[ParamInfo]
    metrics: list[str]
    id: list[int]
    run_id: list[int]
    index: list[int]
    status: list[str]
    label: list[str | None] = Field(description="The source's name or id of imported ones")
    values: dict[str, list[object]] = Field(description="Hyperparameter values; null = unset")
    metric_values: dict[str, MetricColumns]
    starred: list[bool]
    archived: list[bool]
    tags: list[list[str]]
    has_note: list[bool]
    production_experiment_id: int | None


class ReportRequest(Schema):
    """What goes into a report. Unset lists choose for you: experiments starred or in
    production (else each run's best), and every journal entry."""

    title: Text | None = Field(default=None, min_length=1, max_length=200)
    experiment_ids: list[DbId] | None = Field(default=None, max_length=MAX_REPORT_EXPERIMENTS)
    journal_entry_ids: list[DbId] | None = Field(default=None, max_length=1000)
    objective: Objective | None = Field(
        default=None, description="Default: the objective most runs of the project use"
    )
    include_production: bool = True


class ReportMetric(ReadSchema):
    last: JsonFloat
    min: JsonFloat
    max: JsonFloat


class ReportExperiment(ReadSchema):
    id: int
    run_id: int
    run_name: str
    index: int
    status: str
    label: str | None
    params: dict[str, object]
    metrics: dict[str, ReportMetric]
    objective: JsonFloat
    starred: bool
    archived: bool
    tags: list[str]
    note: str
    started_at: datetime | None
    ended_at: datetime | None


class ChangedParam(ReadSchema):
    name: str
    values: list[object] = Field(description="This run's values (at most 12 shown)")
    more: int = Field(description="Values not shown")


class ReportRun(ReadSchema):
    id: int
    name: str
    kind: str
    status: str
    created_at: datetime
    experiments: int
    best: JsonFloat
    best_experiment_id: int | None
    best_so_far: JsonFloat
    changed: list[ChangedParam] = Field(
        description="Hyperparameters whose values differ from the run before"
    )
    note: str


class ProgressPoint(ReadSchema):
    run_id: int
    experiment_id: int
    value: float


class ReportProject(ReadSchema):
    id: int
    name: str
    description: str


class ReportData(ReadSchema):
    title: str
    project: ReportProject
    generated_at: datetime
    generated_by: str
    objective: Objective | None
    runs: list[ReportRun]
    progress: list[ProgressPoint] = Field(description="Each run's objective values (sampled)")
    progress_sampled: bool
    param_names: list[str]
    metric_names: list[str]
    experiments: list[ReportExperiment]
    journal: list[JournalRead]
    production: ProductionMarkRead | None
    production_experiment: ReportExperiment | None
    production_history: list[ProductionMarkRead]
