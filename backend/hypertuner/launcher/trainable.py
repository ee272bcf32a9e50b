"""What runs inside a Ray Tune trial: supervise one script process for one experiment.

The supervisor starts the script without a shell, forwards `@hypertuner` stdout lines to the
service (through the SDK's batching sender) and to Tune, tails both streams, sends a
heartbeat each second, obeys stop requests and reports the outcome.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import socket
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from ray import tune

from hypertuner.launcher import protocol
from hypertuner.launcher.process import ScriptProcess, describe_exit
from hypertuner.sdk.session import Session
from hypertuner.sdk.start import launched_session

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 1.0
FINISH_RETRY_SECONDS = 60.0


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


def run_trial(config: dict[str, Any]) -> None:
    """The Tune function trainable."""
    Supervisor(TrialSpec(**config["experiment"])).run()


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
            if self.stop_requested:
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
            _report(record.values, record.step, record.epoch)
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
            _report(values, data.get("step"), data.get("epoch"))

    def _outcome(self, script: ScriptProcess, code: int) -> dict[str, object]:
        tails = {
            "exit_code": code,
            "stdout_tail": "\n".join(script.stdout_tail),
            "stderr_tail": "\n".join(script.stderr_tail),
        }
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


def _report(values: dict[str, float], step: int | None, epoch: int | None) -> None:
    """Hand a record to Tune, so its schedulers can act on it."""
    metrics: dict[str, Any] = dict(values)
    if step is not None:
        metrics["step"] = step
    if epoch is not None:
        metrics["epoch"] = epoch
    tune.report(metrics)
