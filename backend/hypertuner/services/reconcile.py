"""Marks work whose process vanished: never leave an experiment `running` forever."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hypertuner.core.config import Settings
from hypertuner.db.session import session_scope
from hypertuner.db.types import utcnow
from hypertuner.launcher.base import DriverHandle, Launcher
from hypertuner.models import Experiment, ExperimentStatus, Run
from hypertuner.models.experiment import ACTIVE_STATUSES
from hypertuner.models.run import RunStatus
from hypertuner.services import experiments

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 5.0


class Reconciler:
    """A daemon thread that closes runs whose driver died and experiments gone silent."""

    def __init__(self, settings: Settings, launcher: Launcher) -> None:
        self._settings = settings
        self._launcher = launcher
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="reconciler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                with session_scope() as session:
                    reconcile(session, self._settings, self._launcher)
            except Exception:
                log.exception("reconciliation pass failed")
            self._stopped.wait(INTERVAL_SECONDS)


def reconcile(session: Session, settings: Settings, launcher: Launcher) -> None:
    """One pass: dead drivers first, then silent experiments."""
    active_runs = select(Run).where(
        Run.kind == "sweep",
        Run.status.in_((RunStatus.PENDING, RunStatus.RUNNING)),
        Run.driver_pid.is_not(None),
    )
    for run in session.scalars(active_runs):
        handle = DriverHandle(pid=run.driver_pid or 0, host=run.driver_host or "")
        if launcher.is_alive(handle) is False:
            _driver_died(session, run)

    deadline = utcnow() - timedelta(seconds=settings.heartbeat_timeout_seconds)
    silent = (
        select(Experiment)
        .join(Run, Run.id == Experiment.run_id)
        .where(
            Run.kind == "sweep",
            Experiment.status == ExperimentStatus.RUNNING,
            Experiment.heartbeat_at < deadline,
        )
    )
    for experiment in session.scalars(silent):
        reason = f"no heartbeat for {settings.heartbeat_timeout_seconds:.0f} s: its worker died"
        experiments.end_active(session, experiment, ExperimentStatus.LOST, reason)


def _driver_died(session: Session, run: Run) -> None:
    session.refresh(run)
    if run.status not in (RunStatus.PENDING, RunStatus.RUNNING):
        return

    reason = f"the driver process of run {run.id} (pid {run.driver_pid}) died"
    run.status = RunStatus.FAILED
    run.error = reason
    run.ended_at = utcnow()
    query = select(Experiment).where(
        Experiment.run_id == run.id, Experiment.status.in_(ACTIVE_STATUSES)
    )
    for experiment in session.scalars(query):
        experiments.end_active(session, experiment, ExperimentStatus.LOST, reason)
    log.warning("run %s failed: %s", run.id, reason)
