"""The real histories in tests/fixtures/real-inputs read as data scientists left them."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
from real_inputs import read_folder, real_inputs

from hypertuner import importers
from hypertuner.importers import ColumnInfo, ImportPlan

Upload = list[tuple[str, bytes]]
RAY_TRIAL = "raytune-rllib-impala-pong/IMPALA_PongNoFrameskip-v4_0_2018-11-10_00-17-220NYeDg"


@pytest.fixture(scope="module")
def inputs() -> Path:
    return real_inputs()


def _plan(upload: Upload, source_format: str = "auto") -> ImportPlan:
    table = importers.read_upload(upload, source_format)
    return importers.plan_import(table, importers.columns(table, {}, {}))


def _column(plan: ImportPlan, name: str) -> ColumnInfo:
    return next(info for info in plan.columns if info.name == name)


def test_a_ray_tune_trial_folder_with_bare_nan_tokens(inputs: Path) -> None:
    plan = _plan(read_folder(inputs / "raytune-rllib-impala-pong"))

    assert plan.format == "ray_tune"
    [trial] = plan.experiments
    assert trial.params["lr"] == 0.0005 and trial.param_types["lr"] == "float"
    assert trial.params["model/dim"] == 42 and trial.param_types["model/dim"] == "int"
    assert trial.params["env"] == "PongNoFrameskip-v4"
    assert trial.params["replay_proportion"] == 0.0  # a JSON float stays a float
    assert trial.param_types["replay_proportion"] == "float"
    assert trial.status == "completed"
    assert trial.row.name == RAY_TRIAL.rsplit("/", 1)[1]

    reward = trial.metrics["episode_reward_mean"]
    assert [p.step for p in reward] == list(range(1, 24))
    assert math.isnan(reward[0].value) and math.isnan(reward[1].value)
    assert reward[2].value == -20.59223300970874
    assert reward[-1].value == 18.630769230769232
    assert reward[0].wall_time == 1541809092
    assert len(trial.metrics["info/learner/policy_loss"]) == 23
    assert "training_iteration" not in trial.metrics  # bookkeeping is not a metric
    assert _column(plan, "timestamp").role == "ignore"
    assert trial.ended_at == datetime.fromtimestamp(1541809330, UTC)
    assert trial.started_at is not None and trial.started_at < trial.ended_at
    assert any("events.out.tfevents" in name for name in plan.ignored_files)


def test_a_ray_tune_progress_csv_with_python_repr_dicts(inputs: Path) -> None:
    """Without result.json the CSV gives the same curves, repr dicts flattened."""
    folder = inputs / RAY_TRIAL
    upload = [
        (f"trial/{name}", (folder / name).read_bytes()) for name in ("params.json", "progress.csv")
    ]
    plan = _plan(upload)

    [trial] = plan.experiments
    reward = trial.metrics["episode_reward_mean"]
    assert len(reward) == 23 and math.isnan(reward[0].value)
    assert reward[-1].value == 18.630769230769232
    entropy = trial.metrics["info/learner/entropy"]
    assert entropy[-1].value == 804.1083984375
    assert not any(name.startswith("config") for name in trial.metrics)


def test_an_mlflow_store_with_a_running_run_and_deleted_experiments(inputs: Path) -> None:
    plan = _plan(read_folder(inputs / "mlflow-packt-hpo" / "mlruns"))

    assert plan.format == "mlflow"
    assert len(plan.experiments) == 3  # nothing from .trash/
    by_id = {e.source_id: e for e in plan.experiments}
    parent = by_id["a3112407148b4966b929bc9f8784a3d3"]
    child = by_id["f7d034672fce496d891b6f054749ea99"]
    deleted = by_id["bb55f3cea2cd4a61bfaa09714f19f792"]

    assert parent.params == {"param1": 12} and parent.param_types == {"param1": "int"}
    assert [(p.step, p.value) for p in parent.metrics["foo"]] == [
        (1, 0.5957562753945062),
        (2, 1.373249995906063),
        (3, 2.2922696453675444),
    ]
    assert parent.metrics["foo"][0].wall_time == 1656994881.659
    assert parent.status == "completed" and parent.row.name == "PARENT_RUN"
    assert parent.started_at == datetime.fromtimestamp(1656994881.395, UTC)

    assert child.params == {"child": "yes"} and child.metrics == {}
    assert child.row.parent_id == parent.source_id and child.row.name == "CHILD_RUN"

    assert deleted.status == "running" and deleted.ended_at is None
    assert deleted.row.archived  # deleted in MLflow: kept, hidden
    assert deleted.params == {"param1": 61}
    assert any("5 deleted experiments in .trash" in w for w in plan.warnings)


def test_a_stray_notebook_checkpoint_is_ignored(inputs: Path) -> None:
    store = read_folder(inputs / "mlflow-packt-hpo" / "mlruns")
    checkpoint = (inputs / "mlflow-packt-hpo/mlruns/.trash/5/.ipynb_checkpoints").glob("*")
    extra = [(f"mlruns/6/.ipynb_checkpoints/{p.name}", p.read_bytes()) for p in checkpoint]
    extra.append(("mlruns/6/.ipynb_checkpoints/meta.yaml", b"broken: [yaml"))
    plan = _plan(store + extra)

    assert len(plan.experiments) == 3
    assert "mlruns/6/.ipynb_checkpoints/meta.yaml" in plan.ignored_files


def test_an_optuna_export_of_a_conditional_space(inputs: Path) -> None:
    plan = _plan(read_folder(inputs / "optuna-mlsolver-conditional"))

    assert plan.format == "optuna"
    assert [e.source_id for e in plan.experiments] == [str(n) for n in range(10)]
    types = {info.name: info.type for info in plan.columns}
    roles = {info.name: info.role for info in plan.columns}
    assert types["estimator__max_depth"] == "int"  # written 28.0
    assert types["estimator__n_estimators"] == "int"
    assert types["estimator__fit_intercept"] == "bool"
    assert types["preprocessor__numerical__scaler"] == "categorical"
    assert roles["value"] == "metric" and roles["number"] == "id"
    assert roles["state"] == "status" and roles["datetime_start"] == "start_time"
    assert len([name for name in roles if name.startswith("params_")]) == 0

    first, last = plan.experiments[0], plan.experiments[9]
    assert first.params["estimator"] == "XGBoost" and first.params["estimator__max_depth"] == 17
    assert "estimator__loss" not in first.params  # conditional: not set for XGBoost
    assert first.metrics["value"][0].value == 3.041037427974574
    assert first.status == "completed"
    assert first.started_at == datetime(2021, 7, 31, 15, 34, 27, 469527, tzinfo=UTC)
    assert last.params["estimator__normalize"] is False
    assert last.params["preprocessor__numerical__scaler"] == "StandardScaler"
    scalers = {e.params["preprocessor__numerical__scaler"] for e in plan.experiments}
    assert "None" in scalers  # a real choice, not a missing value


def test_a_tensorboard_hparams_grid_sorted_as_text(inputs: Path) -> None:
    upload = read_folder(inputs / "tb-hparams-permutations-grid")
    plan = _plan(upload, "tensorboard")

    assert len(plan.experiments) == 100
    types = {info.name: info.type for info in plan.columns}
    assert types == {"LR": "float", "BS": "int", "Mid layer": "int", "accuracy": "float"}
    assert _column(plan, "accuracy").role == "metric"
    sizes = sorted({e.params["BS"] for e in plan.experiments})
    assert sizes == [250, 500, 1000, 2000, 4000]

    grid = [(e.params["LR"], e.params["BS"], e.params["Mid layer"]) for e in plan.experiments]
    assert grid[:2] == [(0.005, 250, 8), (0.005, 250, 16)]
    assert grid == sorted(grid)  # numeric grid order, not the export's text order
    assert plan.experiments[0].metrics["accuracy"][0].value == 0.5111666917800903


def test_auto_reads_the_tensorboard_table_as_csv(inputs: Path) -> None:
    plan = _plan(read_folder(inputs / "tb-hparams-permutations-grid"))

    assert plan.format == "csv" and len(plan.experiments) == 100
    assert {info.name for info in plan.columns} == {"LR", "BS", "Mid layer", "accuracy"}
    assert plan.experiments[0].params == {"LR": 0.005, "BS": 1000, "Mid layer": 8}
