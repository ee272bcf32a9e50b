"""Flags over the API: raised after batches, listed and filtered, rules per project; chart
specs validated on upload; early stopping checked at launch."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from conftest import REPO, Server
from helpers import new_project

VAL_RISING = [1.0, 0.7, 0.5, 0.4, 0.35, 0.37, 0.40, 0.44, 0.50, 0.55]
TRAIN_FALLING = [1.0, 0.7, 0.5, 0.38, 0.3, 0.25, 0.2, 0.17, 0.15, 0.13]
CLEAN = [1.0, 0.7, 0.5, 0.4, 0.35, 0.32, 0.30, 0.29, 0.28, 0.275]


@dataclass
class Writer:
    """An external experiment and its token."""

    id: int
    run_id: int
    url: str
    token: str

    def post(self, path: str, body: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        return httpx.post(
            f"{self.url}/api/experiments/{self.id}/{path}", json=body, headers=headers
        )

    def log(self, **curves: list[float]) -> None:
        epochs = len(next(iter(curves.values())))
        records = [
            {"step": epoch * 10, "epoch": epoch, "values": _encode(curves, epoch - 1)}
            for epoch in range(1, epochs + 1)
        ]
        body = {"batch_id": uuid.uuid4().hex, "records": records}
        answer = self.post("metrics", body)
        assert answer.status_code == 200, answer.text

    def finish(self, status: str = "completed") -> None:
        answer = self.post("finished", {"status": status})
        assert answer.status_code == 200, answer.text


def _encode(curves: dict[str, list[float]], index: int) -> dict[str, float | str]:
    values: dict[str, float | str] = {}
    for name, curve in curves.items():
        value = curve[index]
        values[name] = "NaN" if math.isnan(value) else value
    return values


def _writer(server: Server, project_id: int, run: str = "flags") -> Writer:
    answer = server.client.post(
        f"/api/projects/{project_id}/experiments", json={"params": {}, "run": run}
    )
    assert answer.status_code == 201, answer.text
    created = answer.json()
    experiment = created["experiment"]
    return Writer(int(experiment["id"]), int(experiment["run_id"]), server.url, created["token"])


def _flags(server: Server, experiment_id: int) -> list[tuple[str, int | None]]:
    experiment = server.client.get(f"/api/experiments/{experiment_id}").json()
    return [(flag["name"], flag["epoch"]) for flag in experiment["flags"]]


def _listed(server: Server, run_id: int, **query: Any) -> list[int]:
    answer = server.client.get(f"/api/runs/{run_id}/experiments", params=query)
    assert answer.status_code == 200, answer.text
    return [experiment["id"] for experiment in answer.json()]


def test_flags_are_raised_after_a_batch_listed_and_filtered(any_server: Server) -> None:
    project_id = new_project(any_server.client, "flags")
    overfit, diverging, clean = (_writer(any_server, project_id) for _ in range(3))

    overfit.log(val_loss=VAL_RISING, train_loss=TRAIN_FALLING)
    diverging.log(val_loss=CLEAN[:3] + [math.nan] * 7, train_loss=TRAIN_FALLING)
    clean.log(val_loss=CLEAN, train_loss=TRAIN_FALLING)

    assert _flags(any_server, overfit.id) == [("overfitting", 8)]
    assert _flags(any_server, diverging.id) == [("diverged", 4)]
    assert _flags(any_server, clean.id) == []
    detail = any_server.client.get(f"/api/experiments/{overfit.id}").json()["flags"][0]
    assert "rose from its lowest 0.35 (epoch 5)" in detail["detail"] and detail["raised_at"]

    run_id = overfit.run_id
    assert _listed(any_server, run_id) == [overfit.id, diverging.id, clean.id]
    assert _listed(any_server, run_id, flag="overfitting") == [overfit.id]
    assert _listed(any_server, run_id, flag=["overfitting", "diverged"]) == [
        overfit.id,
        diverging.id,
    ]
    refused = any_server.client.get(f"/api/runs/{run_id}/experiments", params={"flag": "bad"})
    assert refused.status_code == 422 and refused.json()["error"]["field"].startswith("flag")


def test_noisy_is_relative_to_the_run(server: Server) -> None:
    project_id = new_project(server.client, "noisy")
    smooth = [[1.0 / (epoch + scale) for epoch in range(10)] for scale in (1, 2, 3)]
    zigzag = [0.5 + (0.1 if epoch % 2 else -0.1) / (1 + epoch / 10) for epoch in range(10)]
    writers = [_writer(server, project_id) for _ in range(4)]
    for writer, curve in zip(writers, [*smooth, zigzag], strict=True):
        writer.log(val_loss=curve)
        writer.finish()

    flagged = _listed(server, writers[0].run_id, flag="noisy")
    assert flagged == [writers[3].id]
    noisy = server.client.get(f"/api/experiments/{writers[3].id}").json()["flags"]
    assert noisy[0]["name"] == "noisy" and "the run's median" in noisy[0]["detail"]


def test_flag_rules_are_per_project_and_recompute_flags(server: Server) -> None:
    project_id = new_project(server.client, "rules")
    writer = _writer(server, project_id)
    writer.log(val_loss=VAL_RISING, train_loss=TRAIN_FALLING)
    rules_url = f"/api/projects/{project_id}/flag-rules"

    defaults = server.client.get(rules_url).json()
    assert defaults["custom"] is False and defaults["rules"]["overfitting"]["epochs"] == 3

    stricter = server.client.put(rules_url, json={"overfitting": {"epochs": 6}})
    assert stricter.status_code == 200, stricter.text
    assert stricter.json()["custom"] is True and stricter.json()["reevaluated"] == 1
    assert stricter.json()["rules"]["diverged"]["factor"] == 3.0
    assert _flags(server, writer.id) == []

    server.client.put(rules_url, json={"overfitting": {"epochs": 2}})
    assert _flags(server, writer.id) == [("overfitting", 7)]
    other = new_project(server.client, "rules-other")
    assert server.client.get(f"/api/projects/{other}/flag-rules").json()["custom"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"overfitting": {"epochs": 0}}, "overfitting.epochs"),
        ({"divergence": {}}, "divergence"),
        ({"noisy": {"metric": ""}}, "noisy.metric"),
    ],
)
def test_bad_flag_rules_are_refused_with_the_field(
    server: Server, body: dict[str, object], field: str
) -> None:
    project_id = new_project(server.client, "bad-rules")
    answer = server.client.put(f"/api/projects/{project_id}/flag-rules", json=body)
    assert answer.status_code == 422 and answer.json()["error"]["field"] == field


def test_the_flag_catalogue(server: Server) -> None:
    names = [flag["name"] for flag in server.client.get("/api/flags").json()]
    assert names == ["overfitting", "diverged", "noisy", "stalled"]


def test_a_stop_on_request_is_recorded(server: Server) -> None:
    project_id = new_project(server.client, "stopped")
    writer = _writer(server, project_id)
    server.client.post(f"/api/experiments/{writer.id}/stop")
    writer.finish("stopped")

    experiment = server.client.get(f"/api/experiments/{writer.id}").json()
    assert experiment["reason"] == "stopped on request"
    assert experiment["stopped_by"]["kind"] == "request"
    assert experiment["stopped_by"]["rule"] is None


def test_chart_artifacts_are_validated_on_upload(server: Server) -> None:
    project_id = new_project(server.client, "charts")
    writer = _writer(server, project_id)
    elbow = {"series": [{"name": "inertia", "x": [1, 2, 3], "y": [9.0, 4.0, 3.0]}]}

    assert writer.post("artifacts", {"kind": "line", "payload": elbow}).status_code == 201
    elbow["series"][0]["y"] = [9.0, 4.0]  # type: ignore[index]
    refused = writer.post("artifacts", {"kind": "line", "payload": elbow})
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "payload.series.0.y"
    custom = {"kind": "my_plot", "payload": {"anything": [1, "two"]}}
    assert writer.post("artifacts", custom).status_code == 201


def _preview(server: Server, project_id: int, **request: Any) -> httpx.Response:
    body = {
        "name": "es",
        "command": "python train.py --lr {lr}",
        "params": {"lr": [0.1]},
        "workdir": str(REPO),
        **request,
    }
    return server.client.post(f"/api/projects/{project_id}/runs/preview", json=body)


def test_early_stopping_is_checked_at_launch(server: Server) -> None:
    project_id = new_project(server.client, "early")
    objective = {"metric": "val_accuracy", "mode": "max"}

    no_objective = _preview(server, project_id, early_stopping={"kind": "asha"})
    assert no_objective.status_code == 422
    assert no_objective.json()["error"]["field"] == "early_stopping"
    unknown = _preview(server, project_id, early_stopping={"kind": "flags", "flags": ["slow"]})
    assert unknown.status_code == 422
    asha = _preview(server, project_id, objective=objective, early_stopping={"kind": "asha"})
    assert asha.status_code == 200, asha.text

    stalled = _preview(server, project_id, early_stopping={"kind": "flags", "flags": ["stalled"]})
    assert any("stalled" in warning for warning in stalled.json()["warnings"])
