"""ORM models. Importing this package registers every table on `Base.metadata`."""

from hypertuner.models.artifact import Artifact
from hypertuner.models.curation import (
    ExperimentCuration,
    ExperimentOrigin,
    JournalEntry,
    ProductionMark,
    RunNote,
)
from hypertuner.models.experiment import Experiment, ExperimentStatus
from hypertuner.models.flags import CurveScore, ExperimentFlag, FlagRuleSet, StopKind, StopRecord
from hypertuner.models.lock import RangeLock, SavedSelection
from hypertuner.models.member import AuditEvent, ProjectMember, Role
from hypertuner.models.metric import MetricBatch, MetricPoint, MetricSummary
from hypertuner.models.project import Project
from hypertuner.models.run import Run, RunStatus
from hypertuner.models.user import ApiToken, User

__all__ = [
    "ApiToken",
    "Artifact",
    "AuditEvent",
    "CurveScore",
    "Experiment",
    "ExperimentCuration",
    "ExperimentFlag",
    "ExperimentOrigin",
    "ExperimentStatus",
    "FlagRuleSet",
    "JournalEntry",
    "MetricBatch",
    "MetricPoint",
    "MetricSummary",
    "ProductionMark",
    "Project",
    "ProjectMember",
    "RangeLock",
    "Role",
    "Run",
    "RunNote",
    "RunStatus",
    "SavedSelection",
    "StopKind",
    "StopRecord",
    "User",
]
