"""Cluster a dataset shipped with scikit-learn by k-means and report to HyperTuner.

There are no epochs: an experiment fits one ``--n-clusters`` and logs its scores once
(``inertia``, ``silhouette``, ``adjusted_rand`` against the known classes). Its charts are
artifacts of built-in kinds (docs/charts.md): the elbow plot of inertia against k (``line``,
the chosen k marked), the clusters on the data's first two principal components
(``scatter``) and the cluster sizes (``bar``).

Run standalone: ``python examples/kmeans/train.py --n-clusters 3``. Without the HyperTuner
SDK installed, a no-op stand-in keeps the script working.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from sklearn.cluster import KMeans
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

DATASETS = {"wine": load_wine, "iris": load_iris, "breast_cancer": load_breast_cancer}


class Tracker(Protocol):
    """The part of the HyperTuner SDK this script uses."""

    def init(self) -> object: ...

    def log(self, values: Mapping[str, float]) -> object: ...

    def log_artifact(
        self, kind: str, payload: Mapping[str, object], name: str | None = None
    ) -> object: ...

    def finish(self, status: str = "completed") -> object: ...


class Silent:
    """Takes the SDK's place where HyperTuner is not installed."""

    def init(self) -> None:
        """Nothing to start."""

    def log(self, values: Mapping[str, float]) -> None:
        """Print instead."""
        print(" ".join(f"{name}={value:.4f}" for name, value in values.items()))

    def log_artifact(
        self, kind: str, payload: Mapping[str, object], name: str | None = None
    ) -> None:
        """Drop the chart."""

    def finish(self, status: str = "completed") -> None:
        """Nothing to flush."""


@dataclass(frozen=True)
class Fit:
    """One k-means fit and its scores."""

    k: int
    labels: NDArray[np.int64]
    inertia: float
    silhouette: float
    adjusted_rand: float


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-clusters", type=int, default=3, help="k, at least 1")
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="wine")
    parser.add_argument("--max-k", type=int, default=10, help="last k of the elbow plot")
    parser.add_argument("--n-init", type=int, default=10, help="k-means restarts per fit")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.n_clusters < 1 or args.max_k < 1 or args.n_init < 1:
        parser.error("--n-clusters, --max-k and --n-init must be at least 1")
    return args


def load_tracker() -> Tracker:
    """The HyperTuner SDK, or a stand-in where it is not installed."""
    try:
        import hypertuner
    except ImportError as error:
        if error.name != "hypertuner":
            raise
        return Silent()
    sdk: Tracker = hypertuner
    return sdk


def load_data(name: str) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Features scaled to zero mean and unit variance, and the known classes."""
    bunch = DATASETS[name]()
    return StandardScaler().fit_transform(bunch.data), bunch.target.astype(np.int64)


def fit(
    data: NDArray[np.float64], classes: NDArray[np.int64], k: int, n_init: int, seed: int
) -> Fit:
    """Fit k-means with `k` clusters and score it."""
    model = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(data)
    labels = model.labels_.astype(np.int64)
    # The silhouette is defined for 2 <= k <= samples - 1 only.
    silhouette = silhouette_score(data, labels) if 1 < k < len(data) else math.nan
    return Fit(
        k=k,
        labels=labels,
        inertia=float(model.inertia_),
        silhouette=float(silhouette),
        adjusted_rand=float(adjusted_rand_score(classes, labels)),
    )


def elbow_chart(inertias: dict[int, float], chosen: int, dataset: str) -> dict[str, object]:
    """The `line` spec of inertia against k, with the chosen k marked."""
    ks = sorted(inertias)
    return {
        "title": f"Elbow: k-means on {dataset}",
        "x_label": "clusters k",
        "y_label": "inertia",
        "series": [{"name": "inertia", "x": ks, "y": [inertias[k] for k in ks]}],
        "annotations": [{"x": chosen, "label": f"k = {chosen}"}],
    }


def cluster_chart(data: NDArray[np.float64], labels: NDArray[np.int64]) -> dict[str, object]:
    """The `scatter` spec of the clusters on the first two principal components."""
    components = min(2, data.shape[1])
    points = PCA(n_components=components).fit_transform(data)
    series = []
    for cluster in np.unique(labels):
        members = np.flatnonzero(labels == cluster)
        series.append(
            {
                "name": f"cluster {cluster}",
                "x": points[members, 0].round(4).tolist(),
                "y": points[members, components - 1].round(4).tolist(),
                "labels": [f"sample {index}" for index in members],
            }
        )
    return {"x_label": "component 1", "y_label": "component 2", "series": series}


def size_chart(labels: NDArray[np.int64]) -> dict[str, object]:
    """The `bar` spec of how many samples each cluster holds."""
    clusters, counts = np.unique(labels, return_counts=True)
    return {
        "categories": [f"cluster {cluster}" for cluster in clusters],
        "series": [{"name": "samples", "values": counts.tolist()}],
        "y_label": "samples",
    }


def run(args: argparse.Namespace, tracker: Tracker) -> Fit:
    """Fit every k of the elbow plot, report the chosen one's scores and charts."""
    data, classes = load_data(args.dataset)
    if args.n_clusters > len(data):
        raise SystemExit(f"--n-clusters {args.n_clusters}: {args.dataset} has {len(data)} samples")
    ks = range(1, min(max(args.max_k, args.n_clusters), len(data)) + 1)
    fits = {k: fit(data, classes, k, args.n_init, args.seed) for k in ks}
    chosen = fits[args.n_clusters]

    tracker.log(
        {
            "inertia": chosen.inertia,
            "silhouette": chosen.silhouette,
            "adjusted_rand": chosen.adjusted_rand,
        }
    )
    inertias = {k: result.inertia for k, result in fits.items()}
    tracker.log_artifact("line", elbow_chart(inertias, chosen.k, args.dataset), name="elbow")
    tracker.log_artifact("scatter", cluster_chart(data, chosen.labels), name="clusters")
    tracker.log_artifact("bar", size_chart(chosen.labels), name="cluster_sizes")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    tracker = load_tracker()
    tracker.init()
    try:
        chosen = run(args, tracker)
    except BaseException:
        tracker.finish("failed")
        raise
    tracker.finish("completed")

    print(
        f"k={chosen.k} inertia={chosen.inertia:.1f} silhouette={chosen.silhouette:.3f} "
        f"adjusted_rand={chosen.adjusted_rand:.3f}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
