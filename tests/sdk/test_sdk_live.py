"""The SDK against the real server (the `server` fixture of tests/conftest.py)."""

import json
import logging
import math
import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

import hypertuner

from flaky_proxy import FlakyProxy

# The server fixture is an object with .url, .token (an admin API token) and .client (an
# httpx.Client with base_url and the Bearer header); typed loosely to avoid importing conftest.
Server = Any


def _project_name(purpose: str) -> str:
    return f"sdk-{purpose}-{uuid.uuid4().hex[:8]}"


def _points(server: Server, experiment_id: str | None, name: str) -> list[dict[str, Any]]:
    answer = server.client.get(f"/api/experiments/{experiment_id}/metrics/{name}")
    assert answer.status_code == 200, answer.text

    body = answer.json()
    assert body["name"] == name
    points: list[dict[str, Any]] = body["points"]
    return points


def _experiment(server: Server, experiment_id: str | None) -> dict[str, Any]:
    answer = server.client.get(f"/api/experiments/{experiment_id}")
    assert answer.status_code == 200, answer.text

    experiment: dict[str, Any] = answer.json()
    return experiment


def _projects_named(server: Server, name: str) -> list[dict[str, Any]]:
    answer = server.client.get("/api/projects", params={"name": name})
    assert answer.status_code == 200, answer.text

    return [project for project in answer.json() if project["name"] == name]


def test_external_session_records_metrics_and_artifacts(server: Server) -> None:
    name = _project_name("external")

    session = hypertuner.init(project=name, params={"lr": 0.1}, url=server.url, token=server.token)
    for step in range(5):
        values = {"loss": 1.0 / (step + 1), "odd": math.nan if step == 2 else float(step)}
        hypertuner.log(values, step=step, epoch=step // 2)
    hypertuner.log_artifact("table", {"rows": [[1, 2], [3, 4]]}, name="summary")
    hypertuner.finish()

    assert session.mode == "external"
    assert len(_projects_named(server, name)) == 1
    loss = _points(server, session.experiment_id, "loss")
    assert [point["step"] for point in loss] == [0, 1, 2, 3, 4]
    assert [point["epoch"] for point in loss] == [0, 0, 1, 1, 2]
    assert loss[1]["value"] == pytest.approx(0.5)
    assert [point["value"] for point in _points(server, session.experiment_id, "odd")][2] == "NaN"
    assert _experiment(server, session.experiment_id)["status"] == "completed"

    artifacts = server.client.get(f"/api/experiments/{session.experiment_id}/artifacts")
    assert artifacts.status_code == 200, artifacts.text
    assert [a["name"] for a in artifacts.json() if a["kind"] == "table"] == ["summary"]


def test_a_second_external_session_reuses_the_project(server: Server) -> None:
    name = _project_name("reuse")

    first = hypertuner.init(project=name, url=server.url, token=server.token)
    second = hypertuner.init(project=name, url=server.url, token=server.token)
    hypertuner.finish("failed")

    assert len(_projects_named(server, name)) == 1
    assert first.experiment_id != second.experiment_id
    assert _experiment(server, first.experiment_id)["status"] == "completed"
    assert _experiment(server, second.experiment_id)["status"] == "failed"


def test_launched_session_reads_params_and_only_flushes(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = server.client.post("/api/projects", json={"name": _project_name("launched")})
    assert project.status_code in (200, 201), project.text
    created = server.client.post(
        f"/api/projects/{project.json()['id']}/experiments", json={"params": {"lr": 0.2}}
    )
    assert created.status_code in (200, 201), created.text
    experiment_id = str(created.json()["experiment"]["id"])

    monkeypatch.setenv("HYPERTUNER_EXPERIMENT_ID", experiment_id)
    monkeypatch.setenv("HYPERTUNER_URL", server.url)
    monkeypatch.setenv("HYPERTUNER_TOKEN", created.json()["token"])
    monkeypatch.setenv("HYPERTUNER_PARAMS", json.dumps({"lr": 0.2}))
    session = hypertuner.init()
    hypertuner.log({"loss": 0.3}, step=0)
    hypertuner.finish()

    assert session.mode == "launched"
    assert hypertuner.params() == {"lr": 0.2}
    assert [point["value"] for point in _points(server, experiment_id, "loss")] == [0.3]
    assert _experiment(server, experiment_id)["status"] != "completed"


def test_a_lost_answer_is_retried_without_duplicates(server: Server) -> None:
    with FlakyProxy(server.url) as proxy:
        proxy.drop_next_answer("POST", "/metrics")
        session = hypertuner.init(project=_project_name("lost"), url=proxy.url, token=server.token)
        for step in range(20):
            hypertuner.log({"loss": float(step)}, step=step)
        hypertuner.finish()

    sent = proxy.requests("/metrics")
    assert not sent[0].answered
    assert json.loads(sent[0].body)["batch_id"] == json.loads(sent[1].body)["batch_id"]
    points = _points(server, session.experiment_id, "loss")
    assert [point["step"] for point in points] == list(range(20))


def test_a_server_briefly_away_loses_nothing(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="hypertuner.sdk")

    with FlakyProxy(server.url) as proxy:
        session = hypertuner.init(project=_project_name("away"), url=proxy.url, token=server.token)
        proxy.refuse_for(2.0)
        for step in range(30):
            hypertuner.log({"loss": float(step)}, step=step)
            time.sleep(0.05)
        hypertuner.finish()

    points = _points(server, session.experiment_id, "loss")
    assert [point["step"] for point in points] == list(range(30))
    assert any("retrying" in record.getMessage() for record in caplog.records)


def test_an_uncaught_exception_marks_the_experiment_failed(server: Server, tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            import hypertuner

            session = hypertuner.init(project=sys.argv[1])
            print(session.experiment_id, flush=True)
            hypertuner.log({"loss": 1.0}, step=0)
            raise RuntimeError("boom")
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPERTUNER_")}
    env |= {"HYPERTUNER_URL": server.url, "HYPERTUNER_API_TOKEN": server.token}

    result = subprocess.run(
        [sys.executable, str(script), _project_name("crash")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert "RuntimeError: boom" in result.stderr
    experiment_id = result.stdout.split()[0]
    assert _experiment(server, experiment_id)["status"] == "failed"
    assert [point["value"] for point in _points(server, experiment_id, "loss")] == [1.0]
