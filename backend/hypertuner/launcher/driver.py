"""The driver of one run: `python -m hypertuner.launcher.driver RUN_ID`.

Started detached by `RayTuneLauncher`, so it outlives the web server. It connects to Ray
(the configured cluster, or the shared local head), runs one Tune trial per queued
experiment and writes the run's outcome. Experiments report their own outcome over HTTP;
the driver closes whatever could not (a trial whose worker died).

With ASHA early stopping, Tune's ASHAScheduler watches the run's objective; each record
carrying it is one step of its rungs. Before Tune acts on a stop, the driver records it, so
the experiment ends `stopped` "stopped early by ASHA" even if its worker cannot say so.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Any

import ray
from ray import tune
from ray.tune.schedulers import ASHAScheduler, TrialScheduler
from sqlalchemy import select
from sqlalchemy.orm import Session

from hypertuner.core.config import Settings, get_settings
from hypertuner.core.logging import configure_logging
from hypertuner.db.session import session_scope
from hypertuner.db.types import utcnow
from hypertuner.launcher import ray_env
from hypertuner.launcher.trainable import SupervisedTrial, TrialSpec
from hypertuner.models import Experiment, ExperimentStatus, Run, StopKind, User
from hypertuner.models.experiment import ACTIVE_STATUSES
from hypertuner.models.run import RunStatus
from hypertuner.services import auth, experiments, flags

log = logging.getLogger(__name__)
ASHA_REASON = "stopped early by ASHA"


@dataclass
class DrivePlan:
    """What the driver runs: one trial spec per queued experiment, and how."""

    specs: list[dict[str, object]]
    max_concurrent: int
    asha: dict[str, Any] | None = None
    objective: tuple[str, str] | None = None


def main(argv: list[str] | None = None) -> int:
    configure_logging()
    run_id = int((argv or sys.argv[1:])[0])
    settings = get_settings()
    try:
        plan = _prepare(settings, run_id)
        if plan.specs:
            _connect(settings)
            _drive(settings, run_id, plan)
    except Exception as error:
        log.exception("run %s: driver failed", run_id)
        _finalize(run_id, failure=f"driver error: {error}")
        return 1

    _finalize(run_id)
    return 0


def _prepare(settings: Settings, run_id: int) -> DrivePlan:
    """Mark the run running and build one trial spec (with a fresh token) per experiment."""
    with session_scope() as session:
        run = session.get(Run, run_id)
        if run is None:
            raise RuntimeError(f"run {run_id} does not exist")
        run.status = RunStatus.RUNNING
        run.started_at = utcnow()
        run.driver_pid = os.getpid()

        user = session.get(User, run.created_by) if run.created_by else None
        if user is None:
            raise RuntimeError(f"run {run_id} has no owner to issue tokens for")
        queued = (
            select(Experiment)
            .where(Experiment.run_id == run_id, Experiment.status == ExperimentStatus.QUEUED)
            .order_by(Experiment.index)
        )
        specs = [_spec(session, settings, run, user, e) for e in session.scalars(queued)]
        plan = DrivePlan(specs, min(run.max_concurrent, settings.max_concurrent_experiments))
        if _uses_asha(run):
            plan.asha = dict(run.early_stopping or {})
            plan.objective = (str(run.objective_metric), run.objective_mode)
    log.info(
        "run %s: driving %d experiments, %d at a time%s",
        run_id,
        len(plan.specs),
        plan.max_concurrent,
        ", ASHA early stopping" if plan.asha else "",
    )
    return plan


def _spec(
    session: Session, settings: Settings, run: Run, user: User, experiment: Experiment
) -> dict[str, object]:
    _, token = auth.issue_token(session, user, "experiment", experiment_id=experiment.id)
    asha = _uses_asha(run)
    spec = TrialSpec(
        experiment_id=experiment.id,
        argv=list(experiment.argv),
        workdir=run.workdir,
        url=settings.base_url,
        token=token,
        params=dict(experiment.params),
        grace_seconds=settings.stop_grace_seconds,
        report_metric=run.objective_metric if asha else None,
        scheduler="ASHA" if asha else None,
    )
    return vars(spec)


def _uses_asha(run: Run) -> bool:
    return (run.early_stopping or {}).get("kind") == "asha" and bool(run.objective_metric)


def _connect(settings: Settings) -> None:
    address = settings.ray_address or ray_env.ensure_local_head(settings)
    ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
    log.info("connected to Ray at %s", address)


def _drive(settings: Settings, run_id: int, plan: DrivePlan) -> None:
    tuner = tune.Tuner(
        tune.with_resources(SupervisedTrial, {"cpu": 1}),
        param_space={"experiment": tune.grid_search(plan.specs)},
        tune_config=tune.TuneConfig(
            max_concurrent_trials=plan.max_concurrent,
            scheduler=_scheduler(plan),
            trial_name_creator=_trial_name,
            trial_dirname_creator=_trial_name,
        ),
        run_config=tune.RunConfig(
            name=f"run-{run_id}",
            storage_path=str((settings.data_dir / "ray_results").resolve()),
            verbose=0,
        ),
    )
    results = tuner.fit()
    for index in range(len(results)):
        result = results[index]
        if result.error is not None:
            experiment_id = int((result.config or {})["experiment"]["experiment_id"])
            _trial_failed(experiment_id, str(result.error))


def _trial_name(trial: tune.experiment.Trial) -> str:
    return f"experiment-{trial.config['experiment']['experiment_id']}"


def _scheduler(plan: DrivePlan) -> TrialScheduler | None:
    if plan.asha is None or plan.objective is None:
        return None
    metric, mode = plan.objective
    return _RecordingAsha(
        metric=metric,
        mode=mode,
        time_attr="training_iteration",
        grace_period=int(plan.asha["grace_period"]),
        reduction_factor=float(plan.asha["reduction_factor"]),
        max_t=int(plan.asha["max_t"]),
    )


class _RecordingAsha(ASHAScheduler):
    """ASHA that writes down which experiment it stops, and why, before Tune acts on it.

    A trial that reached max_t runs to its end: only rung cut-offs below max_t stop one.
    """

    def __init__(self, max_t: int, **options: Any) -> None:
        super().__init__(max_t=max_t, stop_last_trials=False, **options)
        self._last_rung = max_t

    def on_trial_result(self, controller: Any, trial: Any, result: dict[str, Any]) -> str:
        decision: str = super().on_trial_result(controller, trial, result)
        if result.get("training_iteration", 0) >= self._last_rung:
            return TrialScheduler.CONTINUE
        if decision == TrialScheduler.STOP:
            experiment_id = int(trial.config["experiment"]["experiment_id"])
            _record_asha_stop(experiment_id, str(self._metric), result)
        return decision


def _record_asha_stop(experiment_id: int, metric: str, result: dict[str, Any]) -> None:
    reports = result.get("training_iteration")
    detail = f"{metric} {result.get(metric)} after {reports} report(s) fell below its rung"
    try:
        with session_scope() as session:
            experiment = session.get(Experiment, experiment_id)
            if experiment is None or experiment.status not in ACTIVE_STATUSES:
                return
            epoch = result.get("epoch")
            flags.record_stop(
                session,
                experiment_id,
                StopKind.ASHA,
                ASHA_REASON,
                rule="asha",
                detail=detail,
                epoch=epoch if isinstance(epoch, int) else None,
            )
            experiments.request_stop(experiment)
    except Exception:  # the stop still happens through Tune; only its record is missing
        log.exception("experiment %s: could not record the ASHA stop", experiment_id)
        return
    log.info("experiment %s: %s (%s)", experiment_id, ASHA_REASON, detail)


def _trial_failed(experiment_id: int, error: str) -> None:
    """A trial that raised or whose worker died: its experiment could not report."""
    with session_scope() as session:
        experiment = session.get(Experiment, experiment_id)
        if experiment is not None and experiment.status in ACTIVE_STATUSES:
            reason = f"its Ray worker failed: {error.strip().splitlines()[-1][:2000]}"
            experiments.end_active(session, experiment, ExperimentStatus.LOST, reason)


def _finalize(run_id: int, failure: str | None = None) -> None:
    """Close experiments that never reported and set the run's final status."""
    with session_scope() as session:
        run = session.get(Run, run_id)
        if run is None:
            return
        left = select(Experiment).where(
            Experiment.run_id == run_id, Experiment.status.in_(ACTIVE_STATUSES)
        )
        for experiment in session.scalars(left):
            if run.stop_requested or experiment.stop_requested:
                experiments.end_active(
                    session, experiment, ExperimentStatus.STOPPED, "stopped on request"
                )
            else:
                reason = failure or "the trial ended without reporting an outcome"
                experiments.end_active(session, experiment, ExperimentStatus.LOST, reason)

        run.status = _final_status(run, failure)
        run.error = failure
        run.ended_at = utcnow()
    log.info("run %s ended: %s", run_id, run.status)


def _final_status(run: Run, failure: str | None) -> str:
    if failure:
        return RunStatus.FAILED
    if run.stop_requested:
        return RunStatus.STOPPED
    return RunStatus.COMPLETED


if __name__ == "__main__":
    sys.exit(main())
