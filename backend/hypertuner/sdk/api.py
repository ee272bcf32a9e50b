"""The module-level API (`hypertuner.init()`, `hypertuner.log()`...), backed by one session."""

import logging
import threading
from collections.abc import Mapping

from hypertuner.sdk.session import Session
from hypertuner.sdk.start import start_session

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_current: Session | None = None


def init(
    project: str | None = None,
    params: Mapping[str, object] | None = None,
    *,
    url: str | None = None,
    token: str | None = None,
    run: str | None = None,
) -> Session:
    """Start the global session, finishing any earlier one.

    Under the launcher the environment names the experiment (`params` are then defaults the
    launcher's values override). Otherwise `project=` creates an experiment in that project on
    the service at `url` (or HYPERTUNER_URL) with `token` (or HYPERTUNER_API_TOKEN). With
    neither, nothing is recorded and params() returns `params`.
    """
    global _current
    with _lock:
        if _current is not None and not _current.finished:
            logger.info("HyperTuner: init() called again; finishing the previous session")
            _current.finish()

        _current = start_session(project, params, url=url, token=token, run=run)
        return _current


def params() -> dict[str, object]:
    """The current experiment's hyperparameter values ({} outside HyperTuner)."""
    return _session().params()


def log(
    values: Mapping[str, float | int], step: int | None = None, epoch: int | None = None
) -> None:
    """Log metric values for the current experiment without waiting on the network."""
    _session().log(values, step=step, epoch=epoch)


def log_artifact(kind: str, payload: Mapping[str, object], name: str | None = None) -> None:
    """Log an artifact (JSON payload) for the current experiment."""
    _session().log_artifact(kind, payload, name=name)


def finish(status: str = "completed", *, timeout: float | None = None) -> None:
    """Flush and end the current session; does nothing if there is none."""
    session = _current
    if session is not None:
        session.finish(status, timeout=timeout)


def _session() -> Session:
    """The current session; the first call without init() starts one from the environment."""
    global _current
    session = _current
    if session is not None:
        return session

    with _lock:
        if _current is None:
            _current = start_session()
        return _current
