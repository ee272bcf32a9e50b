"""The kmeans example under HyperTuner: metrics without epochs, charts that validate."""

from __future__ import annotations

import sys
from importlib.util import find_spec

import pytest

from hypertuner import charts

from conftest import REPO, Server
from helpers import experiments_of, launch, new_project, wait_run

pytestmark = [
    pytest.mark.ray,
    pytest.mark.skipif(find_spec("sklearn") is None, reason="needs scikit-learn"),
]


def test_a_kmeans_sweep_logs_scores_and_an_elbow_chart(server: Server) -> None:
    project_id = new_project(server.client, "kmeans")
    run = launch(
        server.client,
        project_id,
        name="choose k",
        command=f"{sys.executable} examples/kmeans/train.py --n-clusters {{n_clusters}}",
        params={"n_clusters": [2, 3]},
        objective={"metric": "silhouette", "mode": "max"},
        workdir=str(REPO),
        max_concurrent=2,
    )
    assert wait_run(server.client, run["id"], timeout=180)["status"] == "completed"

    for experiment in experiments_of(server.client, run["id"]):
        assert experiment["status"] == "completed", experiment
        assert experiment["flags"] == []
        scores = experiment["metrics"]
        assert set(scores) == {"inertia", "silhouette", "adjusted_rand"}
        assert scores["inertia"]["count"] == 1 and scores["inertia"]["last_epoch"] is None
        _check_elbow(server, experiment["id"], experiment["params"]["n_clusters"], scores)

    best = max(experiments_of(server.client, run["id"]), key=_silhouette)
    assert best["params"]["n_clusters"] == 3


def _silhouette(experiment: dict[str, object]) -> float:
    metrics = experiment["metrics"]
    assert isinstance(metrics, dict)
    return float(metrics["silhouette"]["last"])


def _check_elbow(server: Server, experiment_id: int, k: int, scores: dict[str, dict]) -> None:
    listed = server.client.get(f"/api/experiments/{experiment_id}/artifacts").json()
    kinds = {artifact["name"]: artifact["kind"] for artifact in listed}
    assert kinds == {"elbow": "line", "clusters": "scatter", "cluster_sizes": "bar"}

    elbow = next(artifact for artifact in listed if artifact["name"] == "elbow")
    spec = server.client.get(f"/api/artifacts/{elbow['id']}").json()["payload"]
    charts.validate("line", spec)
    series = spec["series"][0]
    assert series["x"] == list(range(1, 11))
    assert series["y"] == sorted(series["y"], reverse=True)  # inertia falls as k grows
    assert series["y"][k - 1] == pytest.approx(scores["inertia"]["last"])
    assert spec["annotations"] == [{"x": k, "label": f"k = {k}"}]
