"""A Session: params in, metrics and artifacts out, for one experiment (or for nothing)."""

import atexit
import logging
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Literal, Self

from hypertuner.sdk import hooks
from hypertuner.sdk.config import DEFAULT_FLUSH_TIMEOUT_SECONDS
from hypertuner.sdk.errors import SdkError
from hypertuner.sdk.tune_channel import TuneChannel
from hypertuner.sdk.values import JsonNumber, counter, json_tree, metric_values
from hypertuner.sdk.worker import Worker

logger = logging.getLogger(__name__)

Mode = Literal["launched", "external", "disabled"]


@dataclass(frozen=True)
class Link:
    """Where an enabled session sends: an experiment, through a worker.

    `launched` sessions only flush at the end (the launcher reports the exit status);
    `external` ones also report `finished` themselves.
    """

    mode: Literal["launched", "external"]
    experiment_id: str
    worker: Worker


class Session:
    """One script's connection to one experiment; without a Link, a no-op that keeps params."""

    def __init__(
        self,
        params: Mapping[str, object] | None = None,
        *,
        link: Link | None = None,
        tune_channel: TuneChannel | None = None,
        flush_timeout: float = DEFAULT_FLUSH_TIMEOUT_SECONDS,
    ) -> None:
        self._params = dict(params or {})
        self._link = link
        self._tune_channel = tune_channel
        self._flush_timeout = flush_timeout
        self._lock = threading.Lock()
        self._finished = False

        if link is not None or tune_channel is not None:
            atexit.register(self._at_exit)

    @property
    def mode(self) -> Mode:
        """`launched`, `external`, or `disabled` (nothing is recorded)."""
        return "disabled" if self._link is None else self._link.mode

    @property
    def experiment_id(self) -> str | None:
        """The experiment metrics go to, or None when disabled."""
        return None if self._link is None else self._link.experiment_id

    @property
    def finished(self) -> bool:
        """True once finish() ran; later log calls raise SdkError."""
        return self._finished

    def params(self) -> dict[str, object]:
        """A copy of this experiment's hyperparameter values."""
        return dict(self._params)

    def log(
        self, values: Mapping[str, float | int], step: int | None = None, epoch: int | None = None
    ) -> None:
        """Record metric values; returns at once, the sending happens in the background."""
        now = time.time()
        encoded = metric_values(values)
        step_number = counter("step", step)
        epoch_number = counter("epoch", epoch)
        record = _record(encoded, step_number, epoch_number, now)

        with self._lock:
            self._check_open()

            if self._tune_channel is not None:
                self._tune_channel.write(step_number, epoch_number, encoded)

            if self._link is not None:
                self._link.worker.put_record(record)

    def log_artifact(
        self, kind: str, payload: Mapping[str, object], name: str | None = None
    ) -> None:
        """Record an artifact (a confusion matrix, a table...); sent in order with the metrics."""
        if not isinstance(kind, str) or not kind:
            raise ValueError(f"artifact kind must be a non-empty string, got {kind!r}")

        if not isinstance(payload, Mapping):
            raise TypeError(f"artifact payload must be a mapping, got {type(payload).__name__}")

        body: dict[str, object] = {
            "kind": kind,
            "name": kind if name is None else name,
            "payload": json_tree(payload),
            "idempotency_key": str(uuid.uuid4()),
        }

        with self._lock:
            self._check_open()
            if self._link is not None:
                path = f"/api/experiments/{self._link.experiment_id}/artifacts"
                self._link.worker.put_request(path, body, "artifact")

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything logged so far is sent; False if some is still waiting."""
        if self._link is None or self._finished:
            return True

        limit = self._flush_timeout if timeout is None else timeout
        return not self._link.worker.flush(limit)

    def finish(self, status: str = "completed", *, timeout: float | None = None) -> None:
        """Send what is queued (waiting up to `timeout` seconds) and end the session.

        In external mode the experiment is then reported `status`; a launched experiment's
        status comes from its launcher. Calling finish twice does nothing the second time.
        """
        if not isinstance(status, str) or not status:
            raise ValueError(f"status must be a non-empty string, got {status!r}")

        with self._lock:
            if self._finished:
                return
            self._finished = True

        atexit.unregister(self._at_exit)
        try:
            if self._link is not None:
                self._close_link(self._link, status, timeout)
        finally:
            if self._tune_channel is not None:
                self._tune_channel.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.finish("completed" if kind is None else "failed")

    def _close_link(self, link: Link, status: str, timeout: float | None) -> None:
        if link.mode == "external":
            path = f"/api/experiments/{link.experiment_id}/finished"
            link.worker.put_request(path, {"status": status}, "finish report")

        limit = self._flush_timeout if timeout is None else timeout
        unsent = link.worker.close(limit)

        if unsent:
            logger.warning(
                "HyperTuner: experiment %s: %s could not be sent within %g s and are lost",
                link.experiment_id,
                _describe(unsent),
                limit,
            )
        outcome = status if link.mode == "external" else "flushed"
        logger.info("HyperTuner: experiment %s: session finished (%s)", link.experiment_id, outcome)

    def _check_open(self) -> None:
        if self._finished:
            raise SdkError("this HyperTuner session has finished; call hypertuner.init() again")

    def _at_exit(self) -> None:
        self.finish("failed" if hooks.crashed() else "completed")


def _record(
    values: dict[str, JsonNumber], step: int | None, epoch: int | None, now: float
) -> dict[str, object]:
    record: dict[str, object] = {"time": now, "values": values}
    if step is not None:
        record["step"] = step
    if epoch is not None:
        record["epoch"] = epoch

    return record


def _describe(unsent: Mapping[str, int]) -> str:
    return ", ".join(f"{count} {kind}(s)" for kind, count in sorted(unsent.items()))
