"""SDK behaviour that needs no server: modes, validation, encoding, the tune channel, sending."""

import json
import logging
import math
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import hypertuner
from hypertuner.sdk import hooks
from hypertuner.sdk.session import Link, Session
from hypertuner.sdk.transport import RejectedError, TransientError
from hypertuner.sdk.values import json_tree, metric_value
from hypertuner.sdk.worker import Worker

METRICS_PATH = "/api/experiments/7/metrics"


@pytest.fixture
def launched_env(monkeypatch: pytest.MonkeyPatch, unused_url: str) -> None:
    """The environment the launcher sets, pointing at a server that is not there."""
    monkeypatch.setenv("HYPERTUNER_EXPERIMENT_ID", "42")
    monkeypatch.setenv("HYPERTUNER_URL", unused_url)
    monkeypatch.setenv("HYPERTUNER_TOKEN", "experiment-token")
    monkeypatch.setenv("HYPERTUNER_PARAMS", json.dumps({"lr": 0.01, "batch_size": 32}))


# Modes


def test_disabled_mode_keeps_params_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="hypertuner.sdk")

    session = hypertuner.init(params={"lr": 0.1})
    hypertuner.log({"loss": 0.5}, step=1)
    hypertuner.log_artifact("table", {"rows": [[1, 2]]})
    hypertuner.finish()

    assert session.mode == "disabled"
    assert session.experiment_id is None
    assert hypertuner.params() == {"lr": 0.1}
    notices = [r for r in caplog.records if "not recorded" in r.getMessage()]
    assert len(notices) == 1
    assert notices[0].levelno == logging.INFO


def test_module_functions_work_without_init() -> None:
    hypertuner.log({"loss": 1.0})

    assert hypertuner.params() == {}


def test_launched_params_come_from_the_environment(launched_env: None) -> None:
    session = hypertuner.init(params={"lr": 1.0, "dropout": 0.5})

    assert session.mode == "launched"
    assert session.experiment_id == "42"
    assert hypertuner.params() == {"lr": 0.01, "batch_size": 32, "dropout": 0.5}


def test_launched_mode_ignores_project(launched_env: None) -> None:
    session = hypertuner.init(project="elsewhere")

    assert session.mode == "launched"


def test_invalid_params_variable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYPERTUNER_PARAMS", "[1, 2]")

    with pytest.raises(hypertuner.SdkError, match="JSON object"):
        hypertuner.init()


def test_launched_mode_needs_url_and_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYPERTUNER_EXPERIMENT_ID", "42")

    with pytest.raises(hypertuner.SdkError, match="HYPERTUNER_TOKEN"):
        hypertuner.init()


def test_external_mode_needs_url_and_token() -> None:
    with pytest.raises(hypertuner.SdkError, match="HYPERTUNER_API_TOKEN"):
        hypertuner.init(project="mnist")


def test_external_mode_reports_an_unreachable_server(unused_url: str) -> None:
    with pytest.raises(hypertuner.SdkError, match="could not start an experiment"):
        hypertuner.init(project="mnist", url=unused_url, token="t")


def test_init_again_finishes_the_previous_session() -> None:
    first = hypertuner.init()
    second = hypertuner.init()

    assert first.finished
    assert not second.finished


def test_logging_after_finish_is_an_error() -> None:
    hypertuner.init()
    hypertuner.finish()

    with pytest.raises(hypertuner.SdkError, match="finished"):
        hypertuner.log({"loss": 1.0})


# Values


def test_non_finite_values_are_encoded_as_strings() -> None:
    assert metric_value("x", math.nan) == "NaN"
    assert metric_value("x", math.inf) == "Infinity"
    assert metric_value("x", -math.inf) == "-Infinity"
    assert metric_value("x", 0.25) == 0.25
    assert metric_value("x", 3) == 3


def test_numpy_scalars_are_accepted() -> None:
    assert metric_value("x", np.float32(0.5)) == 0.5
    assert metric_value("x", np.int64(7)) == 7.0
    assert metric_value("x", np.float64("nan")) == "NaN"


@pytest.mark.parametrize("value", [True, False, np.bool_(True)])
def test_booleans_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        hypertuner.log({"flag": value})  # type: ignore[dict-item]


@pytest.mark.parametrize("value", ["0.5", None, [1.0]])
def test_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        hypertuner.log({"loss": value})  # type: ignore[dict-item]


@pytest.mark.parametrize("name", ["", "x" * 201])
def test_bad_metric_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="metric names"):
        hypertuner.log({name: 1.0})


def test_step_and_epoch_must_be_integers() -> None:
    hypertuner.log({"loss": 1.0}, step=np.int64(3), epoch=0)  # type: ignore[arg-type]

    with pytest.raises(TypeError):
        hypertuner.log({"loss": 1.0}, step=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hypertuner.log({"loss": 1.0}, epoch=True)


def test_artifact_payloads_are_encoded_like_metrics() -> None:
    payload = {"matrix": np.array([[1, 2], [3, 4]]), "score": math.nan, "labels": ("a", "b")}

    assert json_tree(payload) == {"matrix": [[1, 2], [3, 4]], "score": "NaN", "labels": ["a", "b"]}
    with pytest.raises(TypeError):
        hypertuner.log_artifact("table", {"when": object()})


# Tune channel and an absent server


def test_tune_channel_gets_one_line_per_record(
    launched_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    channel = tmp_path / "tune.jsonl"
    monkeypatch.setenv("HYPERTUNER_TUNE_CHANNEL", str(channel))
    hypertuner.init()

    hypertuner.log({"loss": 0.5, "acc": 1}, step=1, epoch=0)
    lines_before_finish = channel.read_text().splitlines()
    hypertuner.log({"loss": math.nan, "grad": -math.inf})
    hypertuner.finish(timeout=0)

    lines = [json.loads(line) for line in channel.read_text().splitlines()]
    assert len(lines_before_finish) == 1
    assert lines == [
        {"step": 1, "epoch": 0, "values": {"loss": 0.5, "acc": 1}},
        {"step": None, "epoch": None, "values": {"loss": "NaN", "grad": "-Infinity"}},
    ]


def test_an_absent_server_never_blocks_the_script(
    launched_env: None, caplog: pytest.LogCaptureFixture
) -> None:
    hypertuner.init()

    started = time.monotonic()
    for step in range(3000):
        hypertuner.log({"loss": 1.0 / (step + 1)}, step=step)
    hypertuner.log_artifact("table", {"rows": []})
    logged = time.monotonic()
    hypertuner.finish(timeout=0.5)
    finished = time.monotonic()

    assert logged - started < 1.0
    assert finished - logged < 3.0
    lost = [r for r in caplog.records if r.levelno == logging.WARNING and "lost" in r.message]
    assert "3000 metric record(s)" in lost[0].message
    assert "1 artifact(s)" in lost[0].message


def test_flush_timeout_comes_from_the_environment(
    launched_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYPERTUNER_FLUSH_TIMEOUT", "0.3")
    session = hypertuner.init()
    hypertuner.log({"loss": 1.0})

    started = time.monotonic()
    assert not session.flush()
    hypertuner.finish()

    assert time.monotonic() - started < 3.0


# The sender, with a transport double


class FakePoster:
    """Records every POST; `failures` lists what the next calls raise, in order."""

    def __init__(self, failures: list[Exception] | None = None) -> None:
        self.failures = list(failures or [])
        self.calls: list[tuple[str, dict[str, object]]] = []
        self.lock = threading.Lock()

    def post(self, path: str, body: object) -> object:
        assert isinstance(body, dict)
        with self.lock:
            self.calls.append((path, json.loads(json.dumps(body))))
            if self.failures:
                raise self.failures.pop(0)
        return {"stored": 1, "duplicate": False}

    def close(self) -> None:
        pass

    def batches(self) -> list[dict[str, object]]:
        return [body for path, body in self.calls if path == METRICS_PATH]


def _records(count: int) -> list[dict[str, object]]:
    return [{"step": step, "time": 0.0, "values": {"loss": 1.0}} for step in range(count)]


def test_a_failed_batch_is_retried_with_the_same_id() -> None:
    poster = FakePoster([TransientError("lost answer"), TransientError("HTTP 503")])
    worker = Worker(poster, METRICS_PATH)

    for record in _records(3):
        worker.put_record(record)
    unsent = worker.close(timeout=10)

    batches = poster.batches()
    assert unsent == {}
    assert len(batches) == 3
    assert len({batch["batch_id"] for batch in batches}) == 1
    assert all(batch["records"] == _records(3) for batch in batches)


def test_a_refused_batch_is_dropped_and_later_ones_still_go(
    caplog: pytest.LogCaptureFixture,
) -> None:
    poster = FakePoster([RejectedError(422, "invalid_input", "bad step")])
    worker = Worker(poster, METRICS_PATH)

    worker.put_record(_records(1)[0])
    assert worker.flush(timeout=5) == {}
    worker.put_record(_records(1)[0])
    worker.close(timeout=5)

    assert len(poster.batches()) == 2
    assert any("bad step" in r.message for r in caplog.records if r.levelno == logging.ERROR)


def test_a_batch_too_large_is_split() -> None:
    poster = FakePoster([RejectedError(413, "too_large", "body too large")])
    worker = Worker(poster, METRICS_PATH)

    for record in _records(10):
        worker.put_record(record)
    worker.close(timeout=5)

    sizes = [len(batch["records"]) for batch in poster.batches()]  # type: ignore[arg-type]
    assert sizes == [10, 5, 5]


def test_batches_hold_at_most_a_thousand_records() -> None:
    poster = FakePoster()
    worker = Worker(poster, METRICS_PATH)

    for record in _records(2500):
        worker.put_record(record)
    worker.close(timeout=10)

    sizes = [len(batch["records"]) for batch in poster.batches()]  # type: ignore[arg-type]
    assert sum(sizes) == 2500
    assert max(sizes) == 1000


def test_requests_keep_their_place_after_records() -> None:
    poster = FakePoster()
    worker = Worker(poster, METRICS_PATH)

    worker.put_record(_records(1)[0])
    worker.put_request("/api/experiments/7/artifacts", {"kind": "table"}, "artifact")
    worker.put_record(_records(1)[0])
    worker.put_request("/api/experiments/7/finished", {"status": "completed"}, "finish report")
    worker.close(timeout=5)

    paths = [path for path, _ in poster.calls]
    assert paths == [
        METRICS_PATH,
        "/api/experiments/7/artifacts",
        METRICS_PATH,
        "/api/experiments/7/finished",
    ]


def test_log_is_thread_safe() -> None:
    poster = FakePoster()
    session = Session(link=Link("launched", "7", Worker(poster, METRICS_PATH)))

    def log_many(thread: int) -> None:
        for step in range(500):
            session.log({f"t{thread}": 1.0}, step=step)

    threads = [threading.Thread(target=log_many, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    session.finish(timeout=10)

    records = [r for batch in poster.batches() for r in batch["records"]]  # type: ignore[attr-defined]
    assert len(records) == 2000


# Exit hooks


def test_excepthook_chain_marks_the_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(kind))
    monkeypatch.setattr(hooks, "_installed", False)
    monkeypatch.setattr(hooks, "_crashed", False)

    hooks.install_excepthook()
    hooks.install_excepthook()
    sys.excepthook(ValueError, ValueError("boom"), None)

    assert hooks.crashed()
    assert seen == [ValueError]
