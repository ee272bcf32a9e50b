"""Preview, launch, list and stop runs (sweeps)."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from hypertuner import searchspace
from hypertuner.core.errors import Conflict, InvalidInput
from hypertuner.db.types import utcnow
from hypertuner.flags import Target
from hypertuner.models import Experiment, ExperimentStatus, MetricSummary, Project, Run, User
from hypertuner.models.experiment import ACTIVE_STATUSES
from hypertuner.models.run import RunStatus
from hypertuner.schemas.common import encode_float
from hypertuner.schemas.run import (
    AshaStopping,
    FlagStopping,
    NoEarlyStopping,
    PreviewCombination,
    PreviewExisting,
    RunCreate,
    RunPreview,
)
from hypertuner.services import fingerprints, flags

log = logging.getLogger(__name__)

ALREADY_RUN_STATUSES = (*ACTIVE_STATUSES, ExperimentStatus.COMPLETED)


@dataclass
class Plan:
    """A validated launch request: every combination, its argv and what has run before."""

    request: RunCreate
    workdir: Path
    param_types: dict[str, str]
    preview: RunPreview


def params_key(params: dict[str, object]) -> str:
    """A fixed-length key for "the same values"."""
    return hashlib.sha256(searchspace.canonical_key(params).encode()).hexdigest()


def plan_run(session: Session, project: Project, request: RunCreate) -> Plan:
    """Validate a launch request and expand it, marking combinations already run."""
    workdir = _workdir(request.workdir)
    stopping_warnings = _check_early_stopping(session, project, request)
    try:
        dimensions = searchspace.parse_space(request.params)
        warnings = searchspace.check_command(request.command, dimensions)
        combos = searchspace.expand(
            dimensions, request.strategy, request.samples, request.seed, request.confirm_large
        )
    except searchspace.InvalidSearchSpace as error:
        raise InvalidInput(error.message, field=error.field) from error

    script = fingerprints.script_fingerprint(request.command, workdir)
    data = fingerprints.data_fingerprints(request.data_paths, workdir)
    argvs = [searchspace.build_argv(request.command, combo) for combo in combos]
    existing = _existing(
        session, project.id, list(zip(combos, argvs, strict=True)), script, request
    )
    rows = [
        PreviewCombination(
            index=index,
            params=combo,
            argv=argv,
            existing=existing.get((params_key(combo), tuple(argv))),
        )
        for index, (combo, argv) in enumerate(zip(combos, argvs, strict=True))
    ]
    already = sum(row.existing is not None for row in rows)
    preview = RunPreview(
        count=len(rows),
        to_run=len(rows) if request.repeat_existing else len(rows) - already,
        already_run=already,
        combinations=rows,
        warnings=warnings + stopping_warnings,
        script_fingerprint=script,
        data_fingerprints=data,
    )
    types: dict[str, str] = {dimension.name: dimension.type for dimension in dimensions}
    return Plan(request, workdir, types, preview)


def create_run(session: Session, project: Project, user: User, plan: Plan) -> Run:
    """Store the run and one queued experiment per combination to run."""
    request, preview = plan.request, plan.preview
    rows = [c for c in preview.combinations if request.repeat_existing or c.existing is None]
    if not rows:
        raise Conflict(
            "every combination has already run in this project with the same command and "
            "script; repeat them (repeat_existing, or --repeat on the command line) to run "
            "them again",
            field="repeat_existing",
        )

    run = Run(
        project_id=project.id,
        name=request.name,
        command=request.command,
        workdir=str(plan.workdir),
        spec=request.params,
        strategy=request.strategy,
        samples=request.samples,
        seed=request.seed,
        objective_metric=request.objective.metric if request.objective else None,
        objective_mode=request.objective.mode if request.objective else "max",
        max_concurrent=request.max_concurrent,
        early_stopping=_early_stopping(request),
        script_fingerprint=preview.script_fingerprint,
        data_fingerprints=preview.data_fingerprints,
        warnings=preview.warnings,
        created_by=user.id,
    )
    session.add(run)
    session.flush()

    session.add_all(_experiment(run, combo, plan.param_types) for combo in rows)
    session.flush()
    log.info(
        "run %s %r created in project %s: %d experiments", run.id, run.name, project.id, len(rows)
    )
    return run


def list_runs(session: Session, project: Project) -> list[Run]:
    return list(session.scalars(select(Run).where(Run.project_id == project.id).order_by(Run.id)))


def status_counts(session: Session, run_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Experiments per status for each run."""
    counts: dict[int, dict[str, int]] = {run_id: {} for run_id in run_ids}
    query = (
        select(Experiment.run_id, Experiment.status, func.count())
        .where(Experiment.run_id.in_(run_ids))
        .group_by(Experiment.run_id, Experiment.status)
    )
    for run_id, status, count in session.execute(query):
        counts[run_id][status] = count
    return counts


def request_stop(session: Session, run: Run) -> None:
    """Ask every active experiment of the run to stop; the launcher acts on it within seconds."""
    run.stop_requested = True
    session.execute(
        update(Experiment)
        .where(Experiment.run_id == run.id, Experiment.status.in_(ACTIVE_STATUSES))
        .values(stop_requested=True)
    )
    log.info("stop requested for run %s", run.id)


def _check_early_stopping(session: Session, project: Project, request: RunCreate) -> list[str]:
    """Refuse ASHA without an objective; warn about stop flags that can never be raised."""
    stopping = request.early_stopping
    if isinstance(stopping, AshaStopping) and request.objective is None:
        raise InvalidInput("ASHA early stopping needs an objective", field="early_stopping")
    if not isinstance(stopping, FlagStopping):
        return []

    rules = flags.project_rules(session, project.id)
    objective = (
        Target(request.objective.metric, request.objective.mode) if request.objective else None
    )
    warnings = [
        f"early stopping on {name}: the project's {name} rule is disabled"
        for name in stopping.flags
        if not getattr(rules, name).enabled
    ]
    stalled = rules.stalled.enabled and "stalled" in stopping.flags
    if stalled and rules.stalled.target(objective) is None:
        warnings.append(
            "early stopping on stalled: set an objective (or a stalled metric in the "
            "project's flag rules), or it never fires"
        )
    return warnings


def _early_stopping(request: RunCreate) -> dict[str, object] | None:
    if request.early_stopping is None or isinstance(request.early_stopping, NoEarlyStopping):
        return None
    return request.early_stopping.model_dump()


def _workdir(raw: str | None) -> Path:
    path = Path(raw) if raw else Path(os.getcwd())
    if not path.is_absolute():
        raise InvalidInput("workdir must be an absolute path", field="workdir")
    if not path.is_dir():
        raise InvalidInput(f"workdir {raw!r} is not a folder", field="workdir")
    return path


def _experiment(run: Run, combo: PreviewCombination, types: dict[str, str]) -> Experiment:
    return Experiment(
        run_id=run.id,
        project_id=run.project_id,
        index=combo.index,
        params=combo.params,
        param_types=types,
        params_key=params_key(combo.params),
        argv=combo.argv,
        script_fingerprint=run.script_fingerprint,
    )


def _existing(
    session: Session,
    project_id: int,
    combos: list[tuple[dict[str, object], list[str]]],
    script: str | None,
    request: RunCreate,
) -> dict[tuple[str, tuple[str, ...]], PreviewExisting]:
    """The latest experiment per combination that already ran: the same values, the same
    command line (an argument added to the command makes it another experiment) and the same
    script file."""
    wanted = {(params_key(combo), tuple(argv)) for combo, argv in combos}
    keys = list({key for key, _ in wanted})
    found: dict[tuple[str, tuple[str, ...]], PreviewExisting] = {}
    for start in range(0, len(keys), 500):
        query = (
            select(Experiment)
            .where(
                Experiment.project_id == project_id,
                Experiment.params_key.in_(keys[start : start + 500]),
                Experiment.status.in_(ALREADY_RUN_STATUSES),
                _same_script(script),
            )
            .order_by(Experiment.id)
        )
        for experiment in session.scalars(query):
            key = (experiment.params_key, tuple(experiment.argv or ()))
            if key not in wanted:
                continue
            found[key] = PreviewExisting(
                experiment_id=experiment.id,
                run_id=experiment.run_id,
                status=experiment.status,
                objective=_objective(session, experiment.id, request),
            )
    return found


def _same_script(script: str | None) -> ColumnElement[bool]:
    if script is None:
        return Experiment.script_fingerprint.is_(None)
    return Experiment.script_fingerprint == script


def _objective(session: Session, experiment_id: int, request: RunCreate) -> object:
    if request.objective is None:
        return None
    summary = session.get(MetricSummary, (experiment_id, request.objective.metric))
    if summary is None:
        return None
    return encode_float(summary.max if request.objective.mode == "max" else summary.min)


def mark_launch_failed(session: Session, run: Run, reason: str) -> None:
    """The driver never started: nothing of the run will execute."""
    run.status = RunStatus.FAILED
    run.error = f"launcher unavailable: {reason}"
    run.ended_at = utcnow()
    session.execute(
        update(Experiment)
        .where(Experiment.run_id == run.id, Experiment.status.in_(ACTIVE_STATUSES))
        .values(status=ExperimentStatus.FAILED, reason=run.error, ended_at=run.ended_at)
    )
