"""The dashboard's endpoints: columns with a change feed, range locks, named selections."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from conftest import Server, login_token
from helpers import create_user, new_project


def _experiment(server: Server, project_id: int, run: str, params: dict[str, Any]) -> Any:
    answer = server.client.post(
        f"/api/projects/{project_id}/experiments", json={"params": params, "run": run}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def _as_experiment(server: Server, created: Any) -> httpx.Client:
    headers = {"Authorization": f"Bearer {created['token']}"}
    return httpx.Client(base_url=server.url, headers=headers, timeout=30)


def _log(server: Server, created: Any, values: dict[str, Any], finish: str | None) -> None:
    experiment_id = created["experiment"]["id"]
    with _as_experiment(server, created) as client:
        batch = {"batch_id": uuid.uuid4().hex, "records": [{"step": 1, "values": values}]}
        assert client.post(f"/api/experiments/{experiment_id}/metrics", json=batch).is_success
        if finish:
            done = client.post(
                f"/api/experiments/{experiment_id}/finished", json={"status": finish}
            )
            assert done.is_success, done.text


@pytest.fixture(scope="module")
def seeded(server: Server) -> dict[str, Any]:
    """An external run of four experiments: normal, NaN and infinite metrics, empty, failed."""
    project_id = new_project(server.client, "dash")
    ok = _experiment(server, project_id, "dash", {"lr": 0.001, "opt": "adam"})
    odd = _experiment(server, project_id, "dash", {"lr": 0.1, "opt": "sgd"})
    empty = _experiment(server, project_id, "dash", {"lr": 0.01, "opt": "adam"})
    failed = _experiment(server, project_id, "dash", {"lr": 1.0})
    _log(server, ok, {"acc": 0.9, "loss": 0.3}, "completed")
    _log(server, odd, {"acc": "NaN", "loss": "Infinity"}, "completed")
    _log(server, failed, {"loss": 2.5}, "failed")
    run_id = ok["experiment"]["run_id"]
    ids = [x["experiment"]["id"] for x in (ok, odd, empty, failed)]
    return {"project_id": project_id, "run_id": run_id, "ids": ids, "empty": empty}


def test_columns_list_every_experiment_as_parallel_arrays(
    server: Server, seeded: dict[str, Any]
) -> None:
    answer = server.client.get(f"/api/runs/{seeded['run_id']}/columns")
    assert answer.status_code == 200, answer.text
    body = answer.json()

    assert body["full"] is True and body["total"] == 4
    assert body["id"] == seeded["ids"]
    assert body["status"] == ["completed", "completed", "running", "failed"]
    assert body["metrics"] == ["acc", "loss"]
    assert body["values"]["lr"] == [0.001, 0.1, 0.01, 1.0]
    assert body["values"]["opt"] == ["adam", "sgd", "adam", None]
    assert body["metric_values"]["acc"]["last"] == [0.9, None, None, None]
    assert body["metric_values"]["loss"]["last"] == [0.3, "Infinity", None, 2.5]
    assert body["nonfinite"] == [0, 2, 0, 0]

    params = {p["name"]: p for p in body["params"]}
    assert params["lr"]["scale"] == "log"  # a positive list spanning three decades
    assert params["opt"]["scale"] == "band"


def test_columns_send_the_summaries_asked_for(server: Server, seeded: dict[str, Any]) -> None:
    url = f"/api/runs/{seeded['run_id']}/columns"
    body = server.client.get(url, params=[("stats", "min"), ("stats", "max")]).json()
    assert set(body["metric_values"]["loss"]) == {"min", "max"}
    assert body["metric_values"]["loss"]["max"] == [0.3, None, None, 2.5]  # max is finite only

    answer = server.client.get(url, params={"stats": "median"})
    assert answer.status_code == 422 and answer.json()["error"]["field"].startswith("stats")


def test_the_change_feed_lists_only_what_may_have_changed(
    server: Server, seeded: dict[str, Any]
) -> None:
    cursor = server.client.get(f"/api/runs/{seeded['run_id']}/columns").json()["cursor"]
    later = server.client.get(f"/api/runs/{seeded['run_id']}/columns", params={"since": cursor})
    assert later.status_code == 200, later.text
    body = later.json()

    assert body["full"] is False and body["total"] == 4
    assert seeded["empty"]["experiment"]["id"] in body["id"]  # still running
    assert body["metrics"] == ["acc", "loss"]


@pytest.mark.parametrize("since", ["yesterday", "2026-13-45T00:00:00", "", "1" * 400])
def test_a_malformed_cursor_is_a_422(server: Server, seeded: dict[str, Any], since: str) -> None:
    answer = server.client.get(f"/api/runs/{seeded['run_id']}/columns", params={"since": since})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == "since"


def test_locks_are_kept_with_who_and_when(server: Server, seeded: dict[str, Any]) -> None:
    base = f"/api/runs/{seeded['run_id']}/locks"
    put = server.client.put(f"{base}/lr", json={"low": 0.001, "high": 0.1})
    assert put.status_code == 200, put.text
    assert put.json()["locked_by"] == "admin" and put.json()["locked_at"]

    moved = server.client.put(f"{base}/lr", json={"low": 0.01, "high": 0.1}).json()
    categorical = server.client.put(f"{base}/opt", json={"values": ["adam"]})
    assert categorical.status_code == 200, categorical.text
    listed = server.client.get(base).json()
    assert [(lock["name"], lock["low"]) for lock in listed] == [("lr", moved["low"]), ("opt", None)]
    assert listed[1]["values"] == ["adam"]

    assert server.client.delete(f"{base}/opt").status_code == 204
    assert server.client.delete(f"{base}/opt").status_code == 404
    assert [lock["name"] for lock in server.client.get(base).json()] == ["lr"]


@pytest.mark.parametrize(
    ("name", "body", "status", "field"),
    [
        ("lr", {"low": 0.5, "high": 0.1}, 422, None),
        ("lr", {"low": 0.1}, 422, None),
        ("lr", {}, 422, None),
        ("lr", {"low": "NaN", "high": 1}, 422, "low"),
        ("lr", {"low": 0.1, "high": 1, "values": [1]}, 422, None),
        ("lr", {"values": [0.1]}, 422, "low"),
        ("opt", {"low": 0, "high": 1}, 422, "values"),
        ("lr", {"low": 0, "high": 1, "who": "me"}, 422, "who"),
        ("nope", {"low": 0, "high": 1}, 404, None),
    ],
)
def test_bad_locks_are_refused(
    server: Server,
    seeded: dict[str, Any],
    name: str,
    body: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    answer = server.client.put(f"/api/runs/{seeded['run_id']}/locks/{name}", json=body)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["message"]
    if field is not None:
        assert error["field"] == field


def test_broken_json_for_a_lock_is_a_422(server: Server, seeded: dict[str, Any]) -> None:
    answer = server.client.put(
        f"/api/runs/{seeded['run_id']}/locks/lr",
        content=b"{nope",
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 422, answer.text


def test_named_selections_are_kept_and_names_are_unique(
    server: Server, seeded: dict[str, Any]
) -> None:
    base = f"/api/runs/{seeded['run_id']}/selections"
    body = {
        "name": "fast ones",
        "state": {"brushes": {"p:lr": [0.001, 0.01]}},
        "experiment_ids": seeded["ids"][:2],
    }
    created = server.client.post(base, json=body)
    assert created.status_code == 201, created.text
    assert created.json()["created_by"] == "admin"

    again = server.client.post(base, json=body)
    assert again.status_code == 409 and again.json()["error"]["field"] == "name"
    assert [s["name"] for s in server.client.get(base).json()] == ["fast ones"]

    selection_id = created.json()["id"]
    assert server.client.delete(f"{base}/{selection_id}").status_code == 204
    assert server.client.delete(f"{base}/{selection_id}").status_code == 404
    assert server.client.delete(f"{base}/not-a-number").status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"name": ""},
        {"name": "x", "experiment_ids": ["a"]},
        {"name": "x", "state": []},
        {"name": "x", "extra": 1},
    ],
)
def test_bad_selections_are_refused(
    server: Server, seeded: dict[str, Any], body: dict[str, Any]
) -> None:
    answer = server.client.post(f"/api/runs/{seeded['run_id']}/selections", json=body)
    assert answer.status_code == 422, answer.text


def test_another_user_sees_nothing_of_the_run(server: Server, seeded: dict[str, Any]) -> None:
    name = f"other-{uuid.uuid4().hex[:6]}"
    create_user(server.database_url, name, "other-password")
    token = login_token(server.url, name, "other-password")
    headers = {"Authorization": f"Bearer {token}"}
    run_id = seeded["run_id"]
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as other:
        assert other.get(f"/api/runs/{run_id}/columns").status_code == 404
        assert other.get(f"/api/runs/{run_id}/locks").status_code == 404
        assert (
            other.put(f"/api/runs/{run_id}/locks/lr", json={"low": 0, "high": 1}).status_code == 404
        )
        assert other.get(f"/api/runs/{run_id}/selections").status_code == 404


def test_unknown_runs_are_404(server: Server) -> None:
    for path in ("columns", "locks", "selections"):
        assert server.client.get(f"/api/runs/999999/{path}").status_code == 404


@pytest.mark.parametrize("run_id", ["0", "-3", "9" * 25, "abc"])
def test_impossible_ids_are_422(server: Server, run_id: str) -> None:
    for path in ("columns", "locks", "selections"):
        answer = server.client.get(f"/api/runs/{run_id}/{path}")
        assert answer.status_code == 422, answer.text
    deleted = server.client.delete(f"/api/runs/1/selections/{'9' * 25}")
    assert deleted.status_code == 422, deleted.text
