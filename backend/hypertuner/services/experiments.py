"""Experiment lifecycle: external creation, start, heartbeat, finish, stop, listing."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hypertuner.core.errors import Conflict, InvalidInput
from hypertuner.db.types import utcnow
from hypertuner.models import Experiment, ExperimentStatus, MetricSummary, Project, Run, User
from hypertuner.models.experiment import ACTIVE_STATUSES
from hypertuner.models.run import RunStatus
from hypertuner.schemas.common import encode_float
from hypertuner.schemas.experiment import (
    ExperimentDetail,
    ExperimentFinished,
    ExperimentRead,
    ExperimentStarted,
    MetricSummaryRead,
)
from hypertuner.services import auth, flags
from hypertuner.services.runs import params_key

log = logging.getLogger(__name__)
TAIL_CHARS = 20_000
EXTERNAL_RUN = "external"


def list_for_run(session: Session, run: Run) -> list[Experiment]:
    query = select(Experiment).where(Experiment.run_id == run.id).order_by(Experiment.index)
    return list(session.scalars(query))


def summaries(
    session: Session, experiment_ids: Sequence[int]
) -> dict[int, dict[str, MetricSummaryRead]]:
    """Metric summaries per experiment, non-finite values encoded for JSON."""
    result: dict[int, dict[str, MetricSummaryRead]] = {eid: {} for eid in experiment_ids}
    for start in range(0, len(experiment_ids), 1000):
        chunk = experiment_ids[start : start + 1000]
        query = select(MetricSummary).where(MetricSummary.experiment_id.in_(chunk))
        for row in session.scalars(query):
            result[row.experiment_id][row.name] = MetricSummaryRead(
                last=encode_float(row.last),
                min=encode_float(row.min),
                max=encode_float(row.max),
                last_step=row.last_step,
                last_epoch=row.last_epoch,
                count=row.count,
                nonfinite_count=row.nonfinite_count,
            )
    return result


def read_many(
    session: Session, experiments: Sequence[Experiment], flagged: Collection[str] | None = None
) -> list[ExperimentRead]:
    """Experiments with metric summaries, flags and stop records; with `flagged`, only those
    raising at least one of these flags."""
    extras = _extras(session, experiments)
    reads = [ExperimentRead.model_validate(e).model_copy(update=extras[e.id]) for e in experiments]
    if flagged:
        reads = [read for read in reads if any(flag.name in flagged for flag in read.flags)]
    return reads


def read_detail(session: Session, experiment: Experiment) -> ExperimentDetail:
    """One experiment with its output tails."""
    extras = _extras(session, [experiment])[experiment.id]
    return ExperimentDetail.model_validate(experiment).model_copy(update=extras)


def _extras(session: Session, experiments: Sequence[Experiment]) -> dict[int, dict[str, object]]:
    ids = [e.id for e in experiments]
    metrics = summaries(session, ids)
    raised = flags.flags_for(session, experiments)
    # A stop requested just as the script ended leaves a record on a completed experiment.
    stopped = [e.id for e in experiments if e.status == ExperimentStatus.STOPPED]
    stops = flags.stops_for(session, stopped)
    return {
        eid: {"metrics": metrics[eid], "flags": raised[eid], "stopped_by": stops.get(eid)}
        for eid in ids
    }


def create_external(
    session: Session, project: Project, user: User, params: dict[str, object], run_name: str | None
) -> tuple[Experiment, str]:
    """An experiment started by an outside launcher, with a token scoped to it."""
    for name in params:
        if not name.isidentifier():
            raise InvalidInput(f"{name!r} is not a valid hyperparameter name", field="params")

    run = _external_run(session, project, user, run_name or EXTERNAL_RUN)
    # The next position in the run, from its index (loading the run's experiments made
    # every creation cost as much as the run was long).
    last = session.scalar(select(func.max(Experiment.index)).where(Experiment.run_id == run.id))
    count = 0 if last is None else last + 1
    now = utcnow()
    experiment = Experiment(
        run_id=run.id,
        project_id=project.id,
        index=count,
        params=params,
        param_types={name: type(value).__name__ for name, value in params.items()},
        params_key=params_key(params),
        argv=[],
        status=ExperimentStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
    )
    session.add(experiment)
    session.flush()

    _, token = auth.issue_token(session, user, "experiment", experiment_id=experiment.id)
    log.info("external experiment %s created in run %s", experiment.id, run.id)
    return experiment, token


def mark_started(session: Session, experiment: Experiment, data: ExperimentStarted) -> bool:
    """Record the process; answer whether it should stop at once."""
    if experiment.status not in ACTIVE_STATUSES:
        raise Conflict(f"experiment {experiment.id} has already ended ({experiment.status})")

    now = utcnow()
    experiment.status = ExperimentStatus.RUNNING
    experiment.started_at = experiment.started_at or now
    experiment.heartbeat_at = now
    experiment.host = data.host or experiment.host
    experiment.pid = data.pid
    log.info("experiment %s running on %s pid %s", experiment.id, data.host, data.pid)
    return experiment.stop_requested


def heartbeat(experiment: Experiment) -> bool:
    experiment.heartbeat_at = utcnow()
    return experiment.stop_requested


def mark_finished(session: Session, experiment: Experiment, data: ExperimentFinished) -> None:
    """Record the outcome; the experiment's tokens stop working."""
    if experiment.status not in ACTIVE_STATUSES:
        raise Conflict(f"experiment {experiment.id} has already ended ({experiment.status})")

    experiment.status = data.status
    experiment.exit_code = data.exit_code
    experiment.reason = data.reason
    if data.status == "stopped":
        experiment.reason = flags.settle_stop(session, experiment, data.reason)
    experiment.ended_at = utcnow()
    if data.stdout_tail is not None:
        experiment.stdout_tail = data.stdout_tail[-TAIL_CHARS:]
    if data.stderr_tail is not None:
        experiment.stderr_tail = data.stderr_tail[-TAIL_CHARS:]

    auth.revoke_experiment_tokens(session, experiment.id)
    _close_external_run(session, experiment)
    flags.after_finish(session, experiment)
    log.info("experiment %s %s (exit code %s)", experiment.id, data.status, data.exit_code)


def end_active(session: Session, experiment: Experiment, status: str, reason: str) -> None:
    """Close an experiment that cannot report for itself (lost worker, stopped run)."""
    if status == ExperimentStatus.STOPPED:
        reason = flags.settle_stop(session, experiment, reason)
    experiment.status = status
    experiment.reason = experiment.reason or reason
    experiment.ended_at = utcnow()
    auth.revoke_experiment_tokens(session, experiment.id)
    flags.after_finish(session, experiment)
    log.info("experiment %s marked %s: %s", experiment.id, status, reason)


def request_stop(experiment: Experiment) -> None:
    if experiment.status in ACTIVE_STATUSES:
        experiment.stop_requested = True
        log.info("stop requested for experiment %s", experiment.id)


def _external_run(session: Session, project: Project, user: User, name: str) -> Run:
    query = select(Run).where(
        Run.project_id == project.id, Run.name == name, Run.kind == "external"
    )
    run = session.scalar(query)
    if run is None:
        run = Run(
            project_id=project.id,
            name=name,
            kind="external",
            strategy="external",
            created_by=user.id,
            started_at=utcnow(),
        )
        session.add(run)
        session.flush()
    run.status = RunStatus.RUNNING
    run.ended_at = None
    return run


def _close_external_run(session: Session, experiment: Experiment) -> None:
    run = session.get(Run, experiment.run_id)
    if run is None or run.kind != "external":
        return
    active = session.scalar(
        select(Experiment.id).where(
            Experiment.run_id == run.id,
            Experiment.id != experiment.id,
            Experiment.status.in_(ACTIVE_STATUSES),
        )
    )
    if active is None:
        run.status = RunStatus.COMPLETED
        run.ended_at = utcnow()
