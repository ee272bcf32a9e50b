"""Import of past history over HTTP: preview, import (all or nothing), hostile uploads."""

from __future__ import annotations

import io
import itertools
import json
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from hypertuner.db import migrate
from hypertuner.models import Experiment, ExperimentOrigin, MetricPoint, Project, Run, User
from hypertuner.schemas.imports import ImportSettings
from hypertuner.services import imports, metrics

from conftest import Server, login_token
from helpers import create_user, new_project

REAL_INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "real-inputs"
Upload = list[tuple[str, bytes]]
_NESTED = [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in itertools.pairwise("abcdefghi")]
BILLION_LAUGHS = (
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(_NESTED) + "run_id: *i\n"
).encode()


@pytest.fixture(scope="module")
def real_inputs() -> Path:
    if not (REAL_INPUTS / "README.md").is_file():
        pytest.fail(f"the real histories are missing: expected them in {REAL_INPUTS}")
    return REAL_INPUTS


def zipped(root: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                bundle.write(path, str(path.relative_to(root.parent)))
    return out.getvalue()


def post_import(
    client: httpx.Client,
    project_id: int,
    upload: Upload,
    source_format: str = "auto",
    settings: dict[str, Any] | None = None,
    preview: bool = False,
) -> httpx.Response:
    path = f"/api/projects/{project_id}/imports" + ("/preview" if preview else "")
    return client.post(
        path,
        files=[("files", (name, data)) for name, data in upload],
        data={"format": source_format, "settings": json.dumps(settings or {})},
    )


def _error(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = answer.json()["error"]
    assert error["message"]
    return error


def _experiments(client: httpx.Client, run_id: int) -> list[dict[str, Any]]:
    answer = client.get(f"/api/runs/{run_id}/experiments")
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def test_a_ray_tune_folder_imports_with_its_curves(any_server: Server, real_inputs: Path) -> None:
    client = any_server.client
    project_id = new_project(client, "ray")
    upload = [("pong.zip", zipped(real_inputs / "raytune-rllib-impala-pong"))]

    preview = post_import(client, project_id, upload, preview=True)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["format"] == "ray_tune" and body["rows"] == 1
    columns = {c["name"]: c for c in body["columns"]}
    assert (columns["lr"]["type"], columns["lr"]["role"]) == ("float", "hyperparameter")
    assert columns["lr"]["examples"] == [0.0005]
    assert columns["episode_reward_mean"]["curve"] is True
    assert columns["training_iteration"]["role"] == "ignore"
    assert client.get(f"/api/projects/{project_id}/runs").json() == []  # a preview stores nothing

    settings = {"objective": {"metric": "episode_reward_mean", "mode": "max"}, "run_name": "pong"}
    answer = post_import(client, project_id, upload, settings=settings)
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert result["run"]["kind"] == "imported" and result["run"]["name"] == "pong"
    assert result["run"]["objective_metric"] == "episode_reward_mean"
    assert result["experiments"] == 1 and result["metric_points"] == body["metric_points"]

    [experiment] = _experiments(client, result["run"]["id"])
    assert experiment["status"] == "completed"
    assert experiment["params"]["model/dim"] == 42 and experiment["param_types"]["lr"] == "float"
    reward = experiment["metrics"]["episode_reward_mean"]
    assert (reward["count"], reward["nonfinite_count"]) == (23, 2)
    assert reward["last"] == 18.630769230769232
    history = client.get(f"/api/experiments/{experiment['id']}/metrics/episode_reward_mean")
    points = history.json()["points"]
    assert len(points) == 23 and points[0]["value"] == "NaN" and points[0]["step"] == 1
    assert points[-1]["value"] == 18.630769230769232


def test_an_mlflow_store_keeps_running_nested_and_deleted_runs(
    any_server: Server, real_inputs: Path
) -> None:
    client = any_server.client
    project_id = new_project(client, "mlflow")
    upload = [("mlruns.zip", zipped(real_inputs / "mlflow-packt-hpo" / "mlruns"))]

    answer = post_import(client, project_id, upload, "mlflow")
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert result["experiments"] == 3 and result["archived"] == 1
    assert any(".trash" in w for w in result["warnings"])

    experiments = _experiments(client, result["run"]["id"])
    running = next(e for e in experiments if e["status"] == "running")
    assert running["ended_at"] is None and running["params"] == {"param1": 61}
    curation = client.get(f"/api/experiments/{running['id']}/curation").json()
    assert curation["archived"] is True
    parent = next(e for e in experiments if e["params"].get("param1") == 12)
    assert parent["metrics"]["foo"]["last"] == 2.2922696453675444
    assert parent["metrics"]["foo"]["count"] == 3

    table = client.get(f"/api/projects/{project_id}/experiments/table").json()
    assert table["total"] == 2 and table["archived_hidden"] == 1
    assert set(table["label"]) == {"PARENT_RUN", "CHILD_RUN"}


def test_optuna_and_tensorboard_exports(server: Server, real_inputs: Path) -> None:
    client = server.client
    project_id = new_project(client, "tables")
    optuna = real_inputs / "optuna-mlsolver-conditional" / "trials_dataframe.csv"
    settings = {"objective": {"metric": "value", "mode": "min"}, "roles": {"duration": "ignore"}}
    answer = post_import(
        client, project_id, [(optuna.name, optuna.read_bytes())], settings=settings
    )
    assert answer.status_code == 201, answer.text
    experiments = _experiments(client, answer.json()["run"]["id"])
    assert len(experiments) == 10
    assert experiments[0]["params"]["estimator__max_depth"] == 17
    assert experiments[0]["param_types"]["estimator__max_depth"] == "int"
    assert experiments[0]["started_at"].startswith("2021-07-31T15:34:27.469527")

    grid = real_inputs / "tb-hparams-permutations-grid" / "hparams_table.csv"
    answer = post_import(client, project_id, [(grid.name, grid.read_bytes())], "tensorboard")
    assert answer.status_code == 201, answer.text
    experiments = _experiments(client, answer.json()["run"]["id"])
    assert len(experiments) == 100
    assert experiments[0]["params"] == {"LR": 0.005, "BS": 250, "Mid layer": 8}
    assert {e["params"]["BS"] for e in experiments} == {250, 500, 1000, 2000, 4000}


def test_a_broken_third_file_writes_nothing(any_server: Server) -> None:
    client = any_server.client
    project_id = new_project(client, "atomic")
    good = b"lr,bs,acc\n0.1,32,0.5\n0.2,64,0.6\n"
    upload = [("a.csv", good), ("b.csv", good), ("c.csv", good + b'0.3,"128,0.7\n')]

    error = _error(post_import(client, project_id, upload), 422)
    assert error["code"] == "malformed_file" and error["field"] == "files"
    assert error["details"] | {"problem": None} == {
        "file": "c.csv",
        "line": 4,
        "column": 2,
        "problem": None,
    }
    assert error["message"].startswith("c.csv, line 4, column 2")

    assert client.get(f"/api/projects/{project_id}/runs").json() == []
    table = client.get(f"/api/projects/{project_id}/experiments/table").json()
    assert table["total"] == 0 and table["archived_hidden"] == 0


def _zip_bytes(entries: Upload) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries:
            bundle.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        ([("empty.csv", b"")], "empty"),
        ([("junk.csv", bytes(range(256)) * 40)], "binary"),
        ([("junk.bin", b"\x7fELF\x02\x01\x01" + b"\x00" * 200)], "cannot tell the format"),
        ([("bomb.zip", _zip_bytes([("big.csv", b"0" * 8 * 2**20)]))], "bomb"),
        ([("evil.zip", _zip_bytes([("../../evil.csv", b"a\n1\n")]))], "outside the folder"),
        ([("../../etc/passwd", b"a\n1\n")], "outside the folder"),
        ([("fake.zip", b"PK\x03\x04not really a zip at all")], "zip"),
        ([("meta.yaml", b"run_id: [unclosed\n")], "meta.yaml"),
        ([("r/result.json", b'{"a": 1}\n{"a": \n')], "result.json, line 2"),
        (
            [
                ("mlruns/1/meta.yaml", b"experiment_id: '1'\nname: x\n"),
                ("mlruns/1/r/meta.yaml", b"run_id: r\nstatus: 3\nstart_time: 1\n"),
                ("mlruns/1/r/metrics/loss", b"1 0.5 1\n2 0.4 99999999999\n"),
            ],
            "out of range",
        ),
        ([("r/result.json", b'{"a\\u0000b": 1}\n')], "NUL"),
        ([("r/params.json", b'{"x": "\\ud800"}'), ("r/result.json", b'{"acc": 1}\n')], "Unicode"),
        ([("r/result.json", b'{"acc": 1' + b"0" * 400 + b"}\n")], "at least one"),
        ([("mlruns/1/r/meta.yaml", BILLION_LAUGHS)], "no MLflow run"),
    ],
)
def test_hostile_uploads_get_a_4xx_json_error(server: Server, upload: Upload, words: str) -> None:
    project_id = new_project(server.client, "hostile")
    for preview in (True, False):
        error = _error(post_import(server.client, project_id, upload, preview=preview), 422)
        assert words in error["message"], error
    assert server.client.get(f"/api/projects/{project_id}/runs").json() == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"format": "excel"}, "format"),
        ({"settings": "{not json"}, "settings"),
        ({"settings": '{"color": "red"}'}, "settings.color"),
        ({"settings": '{"roles": {"lr": "boss"}}'}, "settings.roles.lr"),
        ({"settings": '{"roles": {"nope": "metric"}}'}, "roles.nope"),
        ({"settings": '{"objective": {"metric": "lr"}}'}, "settings.objective.metric"),
    ],
)
def test_bad_choices_name_their_field(server: Server, data: dict[str, str], field: str) -> None:
    project_id = new_project(server.client, "choices")
    answer = server.client.post(
        f"/api/projects/{project_id}/imports",
        files=[("files", ("log.csv", b"lr,acc\n0.1,0.5\n"))],
        data=data,
    )
    error = _error(answer, 422)
    assert error["field"] is not None and error["field"].startswith(field), error


def test_no_files_and_too_large_uploads(server: Server) -> None:
    project_id = new_project(server.client, "limits")
    _error(server.client.post(f"/api/projects/{project_id}/imports", data={"format": "csv"}), 422)
    big = b"lr,acc\n" + b"0.1,0.5\n" * (33 * 2**20 // 8)
    _error(post_import(server.client, project_id, [("big.csv", big)]), 413)


def test_only_editors_import_and_strangers_see_nothing(server: Server) -> None:
    project_id = new_project(server.client, "shared")
    create_user(server.database_url, "import-viewer", "a sturdy pass phrase 42")
    create_user(server.database_url, "import-stranger", "another sturdy phrase 43")
    added = server.client.post(
        f"/api/projects/{project_id}/members", json={"username": "import-viewer", "role": "viewer"}
    )
    assert added.status_code == 201, added.text
    upload = [("log.csv", b"lr,acc\n0.1,0.5\n")]

    viewer_token = login_token(server.url, "import-viewer", "a sturdy pass phrase 42")
    stranger_token = login_token(server.url, "import-stranger", "another sturdy phrase 43")
    headers = {"Authorization": f"Bearer {viewer_token}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as viewer:
        assert post_import(viewer, project_id, upload, preview=True).status_code == 200
        _error(post_import(viewer, project_id, upload), 403)
    headers = {"Authorization": f"Bearer {stranger_token}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as stranger:
        _error(post_import(stranger, project_id, upload, preview=True), 404)
        _error(post_import(stranger, project_id, upload), 404)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'import.db'}"
    else:
        url = str(request.getfixturevalue("postgres_url"))
    migrate.upgrade(url)
    return url


def test_a_failure_while_storing_rolls_everything_back(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database fails on the second experiment's metrics: the run, the first experiment
    and its points go too, because one transaction holds them all."""
    engine = create_engine(database_url)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session:
        user = User(username="importer", password_hash="x")
        session.add(user)
        session.flush()
        project = Project(name="atomic", owner_id=user.id)
        session.add(project)
        session.commit()

    stored: list[int] = []
    real_ingest = metrics.ingest

    def failing(session: Session, experiment_id: int, batch: Any) -> int | None:
        stored.append(experiment_id)
        if len(stored) == 2:
            raise RuntimeError("the disk is full")
        return real_ingest(session, experiment_id, batch)

    monkeypatch.setattr(metrics, "ingest", failing)
    upload = [("log.csv", b"lr,acc\n0.1,0.5\n0.2,0.6\n0.3,0.7\n")]
    with factory() as session:
        with pytest.raises(RuntimeError):
            imports.import_run(session, project, user, upload, "csv", ImportSettings())
        session.rollback()

    with factory() as session:
        for model in (Run, Experiment, ExperimentOrigin, MetricPoint):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model
    engine.dispose()


def test_numbers_no_double_holds_and_nul_bytes_never_break_the_project(server: Server) -> None:
    client = server.client
    project_id = new_project(client, "huge-cells")
    huge = "1" + "0" * 400
    log = f"lr,width,acc\n0.1,{huge},0.5\n1e400,64,-1e999\n".encode()
    answer = post_import(client, project_id, [("huge.csv", log)])
    assert answer.status_code == 201, answer.text
    assert answer.json()["run"]["warnings"] == [
        "2 NaN or infinite hyperparameter values left unset"
    ]
    for path in ("experiments/table", "export.csv", "export.json", "report/data"):
        assert client.get(f"/api/projects/{project_id}/{path}").status_code == 200, path

    nul = post_import(client, project_id, [("nul.csv", b"lr,acc\n0.1,0\x00.5\n")])
    assert nul.status_code == 422 and "nul.csv" in nul.json()["error"]["message"]
