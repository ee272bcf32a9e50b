"""Malformed or hostile input gets a 4xx JSON error naming what is wrong, and writes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import Server, start_server, stop_server
from helpers import new_project


def _error(answer: httpx.Response, status: int) -> dict[str, object]:
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert isinstance(error, dict) and error["message"]
    return error


def test_broken_json_is_a_422(server: Server) -> None:
    answer = server.client.post(
        "/api/projects", content=b'{"name": ', headers={"content-type": "application/json"}
    )
    error = _error(answer, 422)
    assert error["field"] is None and "not valid JSON" in str(error["message"])


def test_unknown_fields_are_refused(server: Server) -> None:
    error = _error(server.client.post("/api/projects", json={"name": "x", "owner_id": 7}), 422)
    assert error["field"] == "owner_id"


def test_a_duplicate_project_name_is_a_conflict(server: Server) -> None:
    assert server.client.post("/api/projects", json={"name": "dup"}).status_code == 201
    error = _error(server.client.post("/api/projects", json={"name": "dup"}), 409)
    assert error["field"] == "name"


def test_an_oversized_body_is_a_413(server: Server) -> None:
    big = b"x" * (33 * 1024 * 1024)
    answer = server.client.post(
        "/api/projects", content=big, headers={"content-type": "application/json"}
    )
    _error(answer, 413)

    def chunks() -> Iterator[bytes]:
        for _ in range(33):
            yield b"x" * (1024 * 1024)

    streamed = server.client.post(
        "/api/projects", content=chunks(), headers={"content-type": "application/json"}
    )
    _error(streamed, 413)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bs": {"from": 16, "to": 128, "step": 0}}, "params.bs.step"),
        ({"bs": {"from": 16, "to": 128, "step": -16}}, "params.bs.step"),
        ({"bs": {"from": 128, "to": 16, "step": 16}}, "params.bs"),
        ({"bs": {"from": -1, "to": 1, "count": 3, "scale": "log"}}, "params.bs"),
        ({"bs": []}, "params.bs"),
        ({"bs": {"from": 16, "to": 128, "step": "*1"}}, "params.bs.step"),
    ],
)
def test_impossible_search_spaces_name_the_field(
    server: Server, params: dict[str, object], field: str
) -> None:
    project_id = new_project(server.client)
    request = {"name": "r", "command": "python train.py --bs {bs}", "params": params}
    for path in ("runs/preview", "runs"):
        answer = server.client.post(f"/api/projects/{project_id}/{path}", json=request)
        error = _error(answer, 422)
        assert str(error["field"]).startswith(field), error
    assert server.client.get(f"/api/projects/{project_id}/runs").json() == []


def test_a_placeholder_without_hyperparameter_is_refused(server: Server) -> None:
    project_id = new_project(server.client)
    request = {"name": "r", "command": "python t.py --lr {lr}", "params": {"bs": [1]}}
    error = _error(
        server.client.post(f"/api/projects/{project_id}/runs/preview", json=request), 422
    )
    assert error["field"] == "command"
    assert "lr" in str(error["message"])


def test_an_unused_hyperparameter_is_a_warning(server: Server) -> None:
    project_id = new_project(server.client)
    request = {"name": "r", "command": "python t.py", "params": {"bs": [1, 2]}}
    preview = server.client.post(f"/api/projects/{project_id}/runs/preview", json=request).json()
    assert preview["count"] == 2
    assert any("bs" in warning for warning in preview["warnings"])


def test_a_huge_grid_needs_confirmation(server: Server) -> None:
    project_id = new_project(server.client)
    params = {"a": {"from": 1, "to": 101, "step": 1}, "b": {"from": 1, "to": 101, "step": 1}}
    request = {"name": "r", "command": "python t.py {a} {b}", "params": params}
    error = _error(server.client.post(f"/api/projects/{project_id}/runs", json=request), 422)
    assert error["field"] == "confirm_large"
    assert "10201" in str(error["message"]).replace(",", "")


def test_non_finite_numbers_in_a_json_payload_are_refused(server: Server) -> None:
    project_id = new_project(server.client)
    answer = server.client.post(
        f"/api/projects/{project_id}/experiments",
        content=b'{"params": {"lr": NaN}}',
        headers={"content-type": "application/json"},
    )
    _error(answer, 422)


@pytest.mark.parametrize(
    "body",
    [
        {"batch_id": "b", "records": []},
        {"batch_id": "b", "records": [{"values": {}}]},
        {"batch_id": "b", "records": [{"values": {"loss": "1.5"}}]},
        {"batch_id": "b", "records": [{"values": {"loss": True}}]},
        {"batch_id": "b", "records": [{"values": {"": 1.0}}]},
        {"batch_id": "b", "records": [{"step": "x", "values": {"loss": 1.0}}]},
        {"records": [{"values": {"loss": 1.0}}]},
        [1, 2, 3],
    ],
)
def test_bad_metric_batches_store_nothing(server: Server, body: object) -> None:
    project_id = new_project(server.client)
    created = server.client.post(f"/api/projects/{project_id}/experiments", json={}).json()
    experiment_id = created["experiment"]["id"]
    answer = server.client.post(f"/api/experiments/{experiment_id}/metrics", json=body)
    _error(answer, 422)
    assert server.client.get(f"/api/experiments/{experiment_id}/metrics").json()["names"] == []


def test_unknown_ids_are_404_not_500(server: Server) -> None:
    for path in (
        "/api/projects/999999",
        "/api/runs/999999",
        "/api/experiments/999999",
        "/api/artifacts/999999",
        "/api/experiments/999999/metrics/loss",
    ):
        _error(server.client.get(path), 404)
    _error(server.client.get("/api/projects/not-a-number"), 422)
    _error(server.client.get("/api/no-such-route"), 404)


HUGE = 10**400  # a valid JSON number that no 64-bit integer or double holds


def test_integers_beyond_64_bits_are_refused_before_they_are_stored(server: Server) -> None:
    project_id = new_project(server.client)
    created = server.client.post(f"/api/projects/{project_id}/experiments", json={"run": "r"})
    experiment_id, run_id = (
        created.json()["experiment"]["id"],
        created.json()["experiment"]["run_id"],
    )

    external = {"params": {"lr": HUGE}, "run": "r"}
    answer = server.client.post(f"/api/projects/{project_id}/experiments", json=external)
    assert "params.lr" in str(_error(answer, 422)["message"])
    for spec in (
        [HUGE, 1.5],
        {"from": 1, "to": HUGE, "count": 3},
        {"from": 1, "to": HUGE, "step": "*2"},
    ):
        request = {"name": "r", "command": "python t.py {v}", "params": {"v": spec}}
        for path in ("runs/preview", "runs"):
            _error(server.client.post(f"/api/projects/{project_id}/{path}", json=request), 422)

    base = f"/api/experiments/{experiment_id}"
    batch = {"batch_id": "huge", "records": [{"values": {"loss": HUGE}}]}
    _error(server.client.post(f"{base}/metrics", json=batch), 422)
    _error(server.client.post(f"{base}/started", json={"host": "h", "pid": 10**30}), 422)
    finished = {"status": "failed", "exit_code": 2**63}
    _error(server.client.post(f"{base}/finished", json=finished), 422)
    lock = {"low": None, "high": None, "values": [HUGE]}
    _error(server.client.put(f"/api/runs/{run_id}/locks/lr", json=lock), 422)

    # Nothing was stored that would break a read.
    assert server.client.get(f"/api/projects/{project_id}/experiments/table").status_code == 200
    assert server.client.get(f"/api/runs/{run_id}/columns").status_code == 200
    assert server.client.get(f"{base}/metrics").json()["names"] == []


def test_nul_characters_are_refused_anywhere(server: Server) -> None:
    project_id = new_project(server.client)
    error = _error(server.client.post("/api/projects", json={"name": "a\u0000b"}), 422)
    assert "NUL" in str(error["message"]) and error["field"] == "body"
    request = {"name": "r", "command": "echo \u0000 {v}", "params": {"v": [1]}}
    _error(server.client.post(f"/api/projects/{project_id}/runs", json=request), 422)
    _error(server.client.get("/api/projects", params={"name": "a\u0000b"}), 422)

    # The text backslash-u-0-0-0-0 is no NUL character: it is kept as written.
    literal = server.client.post("/api/projects", json={"name": "a\\u0000b"})
    assert literal.status_code == 201 and literal.json()["name"] == "a\\u0000b"
    names = [project["name"] for project in server.client.get("/api/projects").json()]
    assert "a\u0000b" not in names


def test_a_selection_holds_only_the_runs_experiments(server: Server) -> None:
    project_id = new_project(server.client)
    ids = []
    for run in ("first", "second"):
        created = server.client.post(f"/api/projects/{project_id}/experiments", json={"run": run})
        ids.append((created.json()["experiment"]["id"], created.json()["experiment"]["run_id"]))
    (mine, run_id), (other, _) = ids

    foreign = {"name": "s", "experiment_ids": [mine, other, 999999]}
    error = _error(server.client.post(f"/api/runs/{run_id}/selections", json=foreign), 404)
    assert error["field"] == "experiment_ids" and str(other) in str(error["message"])
    assert server.client.get(f"/api/runs/{run_id}/selections").json() == []
    kept = {"name": "s", "experiment_ids": [mine]}
    assert server.client.post(f"/api/runs/{run_id}/selections", json=kept).status_code == 201


@pytest.fixture
def impatient_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A SQLite server whose writes wait half a second for the lock."""
    monkeypatch.setenv("HYPERTUNER_SQLITE_BUSY_SECONDS", "0.5")
    running = start_server(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    yield running
    stop_server(running)


def test_a_write_blocked_by_another_writer_is_a_clear_503(impatient_server: Server) -> None:
    database = impatient_server.database_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process holds SQLite's one write lock
        answer = impatient_server.client.post("/api/projects", json={"name": "blocked"})
        error = _error(answer, 503)
        assert error["code"] == "database_busy" and "try again" in str(error["message"])
        assert answer.headers["retry-after"] == "2"
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    names = [p["name"] for p in impatient_server.client.get("/api/projects").json()]
    assert "blocked" not in names
    assert (
        impatient_server.client.post("/api/projects", json={"name": "blocked"}).status_code == 201
    )
