"""Curation over HTTP: stars, archive, tags, notes, journal, production choice, the project
table; and the table's fixed number of queries whatever the project's size."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from hypertuner.db import migrate
from hypertuner.models import Experiment, MetricSummary, Project, Run, User
from hypertuner.services import exports

from conftest import Server, login_token
from helpers import create_user, new_project

LOG = "trial,lr,opt,acc,loss\n1,0.1,adam,0.81,0.5\n2,0.01,sgd,NaN,inf\n3,0.001,adam,0.9,0.3\n"


def _import(client: httpx.Client, project_id: int, log: str, name: str) -> dict[str, Any]:
    settings = {"run_name": name, "objective": {"metric": "acc", "mode": "max"}}
    answer = client.post(
        f"/api/projects/{project_id}/imports",
        files=[("files", ("log.csv", log.encode()))],
        data={"settings": json.dumps(settings)},
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _ids(client: httpx.Client, run_id: int) -> list[int]:
    return [e["id"] for e in client.get(f"/api/runs/{run_id}/experiments").json()]


@pytest.fixture
def seeded(any_server: Server) -> dict[str, Any]:
    """A project with two imported runs of three experiments each."""
    client = any_server.client
    project_id = new_project(client, "curate")
    first = _import(client, project_id, LOG, "first")["run"]["id"]
    second = _import(client, project_id, LOG.replace("adam", "rmsprop"), "second")["run"]["id"]
    return {
        "client": client,
        "project_id": project_id,
        "runs": [first, second],
        "ids": _ids(client, first) + _ids(client, second),
    }


def _ok(answer: httpx.Response, status: int = 200) -> Any:
    assert answer.status_code == status, answer.text
    return answer.json()


def test_an_experiment_curation_round_trip(seeded: dict[str, Any]) -> None:
    client, experiment_id = seeded["client"], seeded["ids"][0]
    path = f"/api/experiments/{experiment_id}/curation"
    assert _ok(client.get(path)) | {"updated_at": None} == {
        "experiment_id": experiment_id,
        "starred": False,
        "archived": False,
        "tags": [],
        "note": "",
        "updated_at": None,
    }

    body = {"starred": True, "tags": [" baseline ", "adam", "baseline"], "note": "# Good\nkeep"}
    changed = _ok(client.patch(path, json=body))
    assert changed["starred"] is True and changed["tags"] == ["baseline", "adam"]
    _ok(client.patch(path, json={"archived": True}))

    again = _ok(client.get(path))
    assert again["starred"] is True and again["archived"] is True  # a PATCH keeps the rest
    assert again["tags"] == ["baseline", "adam"] and again["note"] == "# Good\nkeep"
    assert again["updated_at"] is not None


@pytest.mark.parametrize(
    "body",
    [
        {"starred": "yes"},
        {"tags": [""]},
        {"tags": ["x" * 65]},
        {"color": "red"},
        {"note": 5},
        {"note": "a\u0000b"},
        {"tags": ["nul\u0000"]},
    ],
)
def test_bad_curation_is_a_422(server: Server, body: dict[str, Any]) -> None:
    project_id = new_project(server.client, "bad")
    run_id = _import(server.client, project_id, LOG, "r")["run"]["id"]
    experiment_id = _ids(server.client, run_id)[0]
    answer = server.client.patch(f"/api/experiments/{experiment_id}/curation", json=body)
    assert answer.status_code == 422 and answer.json()["error"]["field"]


def test_bulk_curation_and_the_archive_filter(seeded: dict[str, Any]) -> None:
    client, project_id, ids = seeded["client"], seeded["project_id"], seeded["ids"]
    bulk = f"/api/projects/{project_id}/curation/bulk"

    assert _ok(client.post(bulk, json={"experiment_ids": ids[:3], "add_tags": ["a", "b"]})) == {
        "updated": 3
    }
    _ok(client.post(bulk, json={"experiment_ids": ids[1:3], "remove_tags": ["a"], "starred": True}))
    _ok(client.post(bulk, json={"experiment_ids": ids[4:], "archived": True}))

    table = _ok(client.get(f"/api/projects/{project_id}/experiments/table"))
    assert table["id"] == ids[:4] and table["archived_hidden"] == 2
    assert table["tags"][:3] == [["a", "b"], ["b"], ["b"]]
    assert table["starred"] == [False, True, True, False]
    every = _ok(client.get(f"/api/projects/{project_id}/experiments/table?include_archived=true"))
    assert every["id"] == ids and every["archived"] == [False] * 4 + [True] * 2

    _ok(client.post(bulk, json={"experiment_ids": ids[4:], "archived": False}))
    assert _ok(client.get(f"/api/projects/{project_id}/experiments/table"))["total"] == 6

    missing = client.post(bulk, json={"experiment_ids": [ids[0], 999_999], "starred": False})
    assert missing.status_code == 404 and "999999" in missing.json()["error"]["message"]
    assert _ok(client.get(f"/api/experiments/{ids[1]}/curation"))["starred"] is True  # untouched
    nothing = client.post(bulk, json={"experiment_ids": ids})
    assert nothing.status_code == 422
    assert _ok(client.post(bulk, json={"experiment_ids": [], "starred": True})) == {"updated": 0}


def test_the_table_is_columnar(seeded: dict[str, Any]) -> None:
    client, project_id, ids = seeded["client"], seeded["project_id"], seeded["ids"]
    table = _ok(client.get(f"/api/projects/{project_id}/experiments/table"))

    assert (
        table["total"] == 6 and table["run_id"] == [seeded["runs"][0]] * 3 + [seeded["runs"][1]] * 3
    )
    assert [r["name"] for r in table["runs"]] == ["first", "second"]
    assert table["runs"][0]["objective_metric"] == "acc"
    assert table["status"] == ["completed"] * 6 and table["label"][:3] == ["1", "2", "3"]
    params = {p["name"]: p for p in table["params"]}
    assert params["lr"]["type"] == "float" and params["opt"]["scale"] == "band"
    assert table["values"]["opt"] == ["adam", "sgd", "adam", "rmsprop", "sgd", "rmsprop"]
    assert table["metrics"] == ["acc", "loss"]
    assert table["metric_values"]["acc"]["last"][:3] == [0.81, None, 0.9]  # NaN has no last
    assert table["metric_values"]["loss"]["max"][:3] == [0.5, None, 0.3]
    assert table["metric_values"]["loss"]["last"][1] == "Infinity"
    assert table["has_note"] == [False] * 6 and table["production_experiment_id"] is None
    assert len(table["id"]) == len(ids)


def test_the_latest_experiments_come_first_for_a_quick_paint(seeded: dict[str, Any]) -> None:
    client, project_id, ids = seeded["client"], seeded["project_id"], seeded["ids"]
    url = f"/api/projects/{project_id}/experiments/table"
    full = _ok(client.get(url))
    _ok(
        client.post(
            f"/api/projects/{project_id}/curation/bulk",
            json={"experiment_ids": ids[5:], "archived": True},
        )
    )

    quick = _ok(client.get(url, params={"latest": 2}))

    assert quick["id"] == ids[3:5] and quick["run_id"] == [seeded["runs"][1]] * 2
    assert (quick["total"], quick["available"], quick["partial"]) == (2, 5, True)
    assert quick["metric_values"]["acc"]["last"] == full["metric_values"]["acc"]["last"][3:5]
    assert [r["name"] for r in quick["runs"]] == ["first", "second"]  # every run, for the axis
    whole = _ok(client.get(url, params={"latest": 50, "include_archived": True}))
    assert (whole["id"], whole["available"], whole["partial"]) == (ids, 6, False)
    assert (full["available"], full["partial"]) == (6, False)
    assert client.get(url, params={"latest": 0}).status_code == 422


def test_run_notes_and_the_journal(seeded: dict[str, Any]) -> None:
    client, project_id, run_id = seeded["client"], seeded["project_id"], seeded["runs"][0]
    assert _ok(client.get(f"/api/runs/{run_id}/note"))["note"] == ""
    note = _ok(client.put(f"/api/runs/{run_id}/note", json={"note": "lr sweep, **adam** wins"}))
    assert note["note"] == "lr sweep, **adam** wins" and note["updated_by"] == "admin"
    assert _ok(client.get(f"/api/runs/{run_id}/note"))["note"] == note["note"]

    journal = f"/api/projects/{project_id}/journal"
    older = _ok(client.post(journal, json={"body": "tried sgd", "day": "2024-03-01"}), 201)
    today = _ok(client.post(journal, json={"body": "adam is better"}), 201)
    assert today["author"] == "admin" and older["day"] == "2024-03-01"
    assert [e["id"] for e in _ok(client.get(journal))] == [today["id"], older["id"]]

    edited = _ok(client.patch(f"{journal}/{older['id']}", json={"body": "tried SGD"}))
    assert edited["body"] == "tried SGD" and edited["updated_at"] is not None
    assert client.delete(f"{journal}/{older['id']}").status_code == 204
    assert [e["id"] for e in _ok(client.get(journal))] == [today["id"]]
    assert client.patch(f"{journal}/{older['id']}", json={"body": "x"}).status_code == 404
    assert client.post(journal, json={"body": ""}).status_code == 422


def test_the_production_choice_and_its_history(seeded: dict[str, Any]) -> None:
    client, project_id, ids = seeded["client"], seeded["project_id"], seeded["ids"]
    production = f"/api/projects/{project_id}/production"
    assert _ok(client.get(production)) == {"mark": None, "experiment": None}

    _ok(client.post(production, json={"experiment_id": ids[0], "note": "first model"}), 201)
    chosen = _ok(client.post(production, json={"experiment_id": ids[2], "note": "better"}), 201)
    assert chosen["experiment"]["id"] == ids[2] and chosen["mark"]["marked_by"] == "admin"
    assert chosen["experiment"]["metrics"]["acc"]["last"] == 0.9

    current = _ok(client.get(production))
    assert current["mark"]["experiment_id"] == ids[2] and current["mark"]["note"] == "better"
    table = _ok(client.get(f"/api/projects/{project_id}/experiments/table"))
    assert table["production_experiment_id"] == ids[2]

    _ok(client.post(production, json={"experiment_id": None, "note": "rolled back"}), 201)
    assert _ok(client.get(production)) == {"mark": None, "experiment": None}
    history = _ok(client.get(f"{production}/history"))
    assert [m["experiment_id"] for m in history] == [None, ids[2], ids[0]]
    assert [m["note"] for m in history] == ["rolled back", "better", "first model"]

    other = new_project(client, "other")
    foreign = _ids(client, _import(client, other, LOG, "x")["run"]["id"])[0]
    assert client.post(production, json={"experiment_id": foreign}).status_code == 404
    assert client.post(production, json={"experiment_id": 999_999}).status_code == 404


def test_viewers_read_and_strangers_see_nothing(server: Server) -> None:
    client = server.client
    project_id = new_project(client, "roles")
    run_id = _import(client, project_id, LOG, "r")["run"]["id"]
    experiment_id = _ids(client, run_id)[0]
    create_user(server.database_url, "curation-viewer", "a sturdy pass phrase 44")
    create_user(server.database_url, "curation-stranger", "another sturdy phrase 45")
    member = {"username": "curation-viewer", "role": "viewer"}
    assert client.post(f"/api/projects/{project_id}/members", json=member).status_code == 201

    writes = [
        ("PATCH", f"/api/experiments/{experiment_id}/curation", {"starred": True}),
        (
            "POST",
            f"/api/projects/{project_id}/curation/bulk",
            {"experiment_ids": [experiment_id], "starred": True},
        ),
        ("PUT", f"/api/runs/{run_id}/note", {"note": "x"}),
        ("POST", f"/api/projects/{project_id}/journal", {"body": "x"}),
        ("POST", f"/api/projects/{project_id}/production", {"experiment_id": experiment_id}),
    ]
    reads = [
        f"/api/experiments/{experiment_id}/curation",
        f"/api/runs/{run_id}/note",
        f"/api/projects/{project_id}/journal",
        f"/api/projects/{project_id}/production",
        f"/api/projects/{project_id}/production/history",
        f"/api/projects/{project_id}/experiments/table",
    ]
    for name, password, write_status, read_status in (
        ("curation-viewer", "a sturdy pass phrase 44", 403, 200),
        ("curation-stranger", "another sturdy phrase 45", 404, 404),
    ):
        headers = {"Authorization": f"Bearer {login_token(server.url, name, password)}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as other:
            for method, path, body in writes:
                assert other.request(method, path, json=body).status_code == write_status, path
            for path in reads:
                assert other.get(path).status_code == read_status, path


@pytest.fixture
def counted_session(tmp_path: Path) -> Iterator[tuple[Session, list[str]]]:
    url = f"sqlite:///{tmp_path / 'table.db'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with Session(engine, expire_on_commit=False) as session:
        yield session, statements
    engine.dispose()


def _grow(session: Session, project: Project, runs: int, per_run: int) -> None:
    for r in range(runs):
        run = Run(project_id=project.id, name=f"run {r}", kind="imported")
        session.add(run)
        session.flush()
        experiments = [
            Experiment(
                run_id=run.id,
                project_id=project.id,
                index=i,
                params={"lr": 10.0**-i, "opt": "adam"},
                params_key=f"{r}-{i}",
            )
            for i in range(per_run)
        ]
        session.add_all(experiments)
        session.flush()
        session.add_all(
            MetricSummary(experiment_id=e.id, name="acc", last=0.5, min=0.1, max=0.9, count=3)
            for e in experiments
        )
    session.commit()


def test_the_table_takes_the_same_few_queries_at_any_size(
    counted_session: tuple[Session, list[str]],
) -> None:
    session, statements = counted_session
    user = User(username="u", password_hash="x")
    session.add(user)
    session.flush()
    project = Project(name="big", owner_id=user.id)
    session.add(project)
    session.flush()
    _grow(session, project, runs=2, per_run=3)

    statements.clear()
    small = exports.experiment_table(session, project, include_archived=False)
    small_count = len(statements)

    _grow(session, project, runs=40, per_run=25)
    statements.clear()
    large = exports.experiment_table(session, project, include_archived=False)

    assert small["total"] == 6 and large["total"] == 6 + 1000
    assert len(statements) == small_count <= 6, statements


def test_ids_out_of_range_are_a_422(server: Server) -> None:
    project_id = new_project(server.client, "range")
    huge = 2**40
    for method, path, body in [
        ("GET", f"/api/experiments/{huge}/curation", None),
        ("PUT", f"/api/runs/{huge}/note", {"note": "x"}),
        ("GET", f"/api/projects/{huge}/experiments/table", None),
        (
            "POST",
            f"/api/projects/{project_id}/curation/bulk",
            {"experiment_ids": [huge], "starred": True},
        ),
        ("POST", f"/api/projects/{project_id}/production", {"experiment_id": huge}),
        ("GET", f"/api/projects/{project_id}/export.csv?experiment_ids={huge}", None),
        ("POST", f"/api/projects/{project_id}/report", {"experiment_ids": [huge]}),
    ]:
        answer = server.client.request(method, path, json=body)
        assert answer.status_code == 422, (path, answer.text)
