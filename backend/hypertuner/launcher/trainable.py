"""What runs inside a Ray Tune trial: supervise one script process for one experiment.

The supervisor starts the script without a shell, forwards `@hypertuner` stdout lines to the
service (through the SDK's batching sender) and to Tune, tails both streams, sends a
heartbeat each second, obeys stop requests and reports the outcome.

A Tune scheduler (ASHA) stops a trial by raising SystemExit inside `tune.report`; the
supervisor then stops the script like any stop request, and `SupervisedTrial.cleanup` keeps
the worker alive until the outcome is reported.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from ray import tune
from ray.tune.trainable.function_trainable import wrap_function

from hypertuner.launcher import protocol
from hypertuner.launcher.process import ScriptProcess, describe_exit
from hypertuner.sdk.session import Session
from hypertuner.sdk.start import launched_session

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 1.0
FINISH_RETRY_SECONDS = 60.0
# Beyond the stop grace period: time to drain output and report the outcome.
CLEANUP_MARGIN_SECONDS = 20.0


@dataclass
class TrialSpec:
    """Everything a trial needs; built by the driver, carried in the Tune config."""

    experiment_id: int
    argv: list[str]
    workdir: str
    url: str
    token: str
    params: dict[str, object] = field(default_factory=dict)
    grace_seconds: float = 10.0
    report_metric: str | None = None
    """If set, only records carrying this metric reach Tune (its scheduler's metric)."""
    scheduler: str | None = None
    """The Tune scheduler that may end the trial early, named in the stop reason."""


_finished: dict[int, threading.Event] = {}
_finished_lock = threading.Lock()


def _finished_event(experiment_id: int) -> threading.Event:
    with _finished_lock:
        return _finished.setdefault(experiment_id, threading.Event())


def run_trial(config: dict[str, Any]) -> None:
    """The Tune function trainable."""
    spec = TrialSpec(**config["experiment"])
    supervisor = Supervisor(spec)
    try:
        supervisor.run()
    finally:
        _finished_event(spec.experiment_id).set()
    if supervisor.tune_stopped:
        # Tune has let go of this trial; returning would make its wrapper report once more.
        raise SystemExit(0)


class SupervisedTrial(wrap_function(run_trial)):  # type: ignore[misc]
    """`run_trial` as a Tune trainable whose cleanup waits for the outcome to be reported.

    When a scheduler stops the trial, Tune calls `cleanup` and then ends the worker; without
    the wait the script would be killed with the worker and its outcome never reported.
    """

    def cleanup(self) -> None:
        try:
            super().cleanup()  # releases a trial that a scheduler stopped inside tune.report
        finally:
            spec = self.config["experiment"]
            wait = float(spec.get("grace_seconds", 10.0)) + CLEANUP_MARGIN_SECONDS
            _finished_event(int(spec["experiment_id"])).wait(wait)


class Supervisor:
    def __init__(self, spec: TrialSpec) -> None:
        self.spec = spec
        self.api = httpx.Client(
            base_url=f"{spec.url.rstrip('/')}/api/experiments/{spec.experiment_id}",
            headers={"Authorization": f"Bearer {spec.token}"},
            timeout=10.0,
        )
        self.channel = Path(tempfile.mkdtemp(prefix="ht-")) / "tune-channel.jsonl"
        self.channel_offset = 0
        self.stop_requested = False
        self.tune_stopped = False

    def run(self) -> None:
        if self._call("heartbeat", {}).get("stop"):
            self._finish({"status": "stopped", "reason": "stopped before it started"})
            return

        try:
            script = ScriptProcess(self.spec.argv, self.spec.workdir, self._env())
        except OSError as error:
            self._finish({"status": "failed", "reason": f"could not start the command: {error}"})
            return

        answer = self._call("started", {"host": socket.gethostname(), "pid": script.pid})
        self.stop_requested = bool(answer.get("stop"))
        forwarder = launched_session(
            self.spec.url, self.spec.token, str(self.spec.experiment_id), self.spec.params
        )
        code = self._supervise(script, forwarder)
        forwarder.finish()
        self._finish(self._outcome(script, code))

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "HYPERTUNER_URL": self.spec.url,
            "HYPERTUNER_EXPERIMENT_ID": str(self.spec.experiment_id),
            "HYPERTUNER_TOKEN": self.spec.token,
            "HYPERTUNER_PARAMS": json.dumps(self.spec.params),
            "HYPERTUNER_TUNE_CHANNEL": str(self.channel),
        }

    def _supervise(self, script: ScriptProcess, forwarder: Session) -> int:
        """Pump output until the script exits or a stop request ends it."""
        next_beat = time.monotonic() + HEARTBEAT_SECONDS
        while True:
            if self.stop_requested or self.tune_stopped:
                code = script.stop(self.spec.grace_seconds)
                break
            code_or_none = script.poll()
            if code_or_none is not None:
                code = code_or_none
                break

            self._pump(script, forwarder, wait=0.2)
            if time.monotonic() >= next_beat:
                self.stop_requested = bool(self._call("heartbeat", {}).get("stop"))
                next_beat = time.monotonic() + HEARTBEAT_SECONDS

        script.join_output()
        self._pump(script, forwarder, wait=0)
        return code

    def _pump(self, script: ScriptProcess, forwarder: Session, wait: float) -> None:
        """Forward pending stdout records and SDK records (via the channel file) to Tune."""
        try:
            line = script.lines.get(timeout=wait) if wait else script.lines.get_nowait()
            self._handle(line, forwarder)
            while True:
                self._handle(script.lines.get_nowait(), forwarder)
        except queue.Empty:
            pass
        self._read_channel()

    def _handle(self, line: str, forwarder: Session) -> None:
        try:
            record = protocol.parse_line(line)
        except protocol.ProtocolError as error:
            log.warning(
                "experiment %s: ignored line (%s): %.200s", self.spec.experiment_id, error, line
            )
            return

        if isinstance(record, protocol.MetricLine):
            forwarder.log(record.values, step=record.step, epoch=record.epoch)
            self._report(record.values, record.step, record.epoch)
        elif isinstance(record, protocol.ArtifactLine):
            payload = (
                record.payload if isinstance(record.payload, dict) else {"value": record.payload}
            )
            forwarder.log_artifact(record.kind, payload, name=record.name)

    def _read_channel(self) -> None:
        if not self.channel.exists():
            return
        with self.channel.open(encoding="utf-8") as handle:
            handle.seek(self.channel_offset)
            chunk = handle.read()
        complete = chunk[: chunk.rfind("\n") + 1]
        self.channel_offset += len(complete.encode())
        for text in complete.splitlines():
            data = json.loads(text, parse_constant=float)
            values = {k: float(v) for k, v in data.get("values", {}).items()}
            self._report(values, data.get("step"), data.get("epoch"))

    def _report(self, values: dict[str, float], step: int | None, epoch: int | None) -> None:
        """Hand a record to Tune, so its scheduler can act on it (and maybe end the trial)."""
        metric = self.spec.report_metric
        if self.tune_stopped or (metric is not None and metric not in values):
            return

        metrics: dict[str, Any] = dict(values)
        if step is not None:
            metrics["step"] = step
        if epoch is not None:
            metrics["epoch"] = epoch
        try:
            tune.report(metrics)
        except SystemExit:
            self.tune_stopped = True
            scheduler = self.spec.scheduler or "Ray Tune"
            log.info("experiment %s: %s ended the trial", self.spec.experiment_id, scheduler)

    def _outcome(self, script: ScriptProcess, code: int) -> dict[str, object]:
        tails = {
            "exit_code": code,
            "stdout_tail": "\n".join(script.stdout_tail),
            "stderr_tail": "\n".join(script.stderr_tail),
        }
        if self.tune_stopped:
            reason = f"stopped early by {self.spec.scheduler or 'Ray Tune'}"
            return {**tails, "status": "stopped", "reason": reason}
        if self.stop_requested:
            return {**tails, "status": "stopped", "reason": "stopped on request"}
        if code == 0:
            return {**tails, "status": "completed"}
        return {**tails, "status": "failed", "reason": describe_exit(code)}

    def _call(self, path: str, body: dict[str, object]) -> dict[str, object]:
        """POST to the experiment; a failure is logged and answers {} (the script goes on)."""
        try:
            response = self.api.post(f"/{path}", json=body)
            response.raise_for_status()
            answer: dict[str, object] = response.json()
            return answer
        except (httpx.HTTPError, ValueError) as error:
            log.warning("experiment %s: %s failed: %s", self.spec.experiment_id, path, error)
            return {}

    def _finish(self, outcome: dict[str, object]) -> None:
        """Report the outcome, retrying while the service is briefly away."""
        deadline = time.monotonic() + FINISH_RETRY_SECONDS
        delay = 0.5
        while True:
            try:
                response = self.api.post("/finished", json=outcome)
                if response.status_code < 500:
                    return
            except httpx.HTTPError as error:
                log.warning("experiment %s: finished failed: %s", self.spec.experiment_id, error)
            if time.monotonic() > deadline:
                return
            time.sleep(delay)
            delay = min(delay * 2, 5.0)
