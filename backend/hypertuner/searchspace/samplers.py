"""Random, Latin hypercube and Sobol samples of a search space."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from hypertuner.searchspace.canonical import canonical_float, round_half_up
from hypertuner.searchspace.dimension import Dimension

SAMPLERS = ("random", "lhs", "sobol")


def sample(
    dimensions: Sequence[Dimension], strategy: str, samples: int, seed: int | None
) -> list[dict[str, object]]:
    """`samples` combinations drawn by `strategy`; the same seed gives the same combinations."""
    if not dimensions:
        return [{} for _ in range(samples)]

    cube = unit_cube(strategy, samples, len(dimensions), seed)
    columns = [_column(dimension, cube[:, j]) for j, dimension in enumerate(dimensions)]
    names = [dimension.name for dimension in dimensions]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def unit_cube(strategy: str, samples: int, dims: int, seed: int | None) -> NDArray[np.float64]:
    """A `samples` × `dims` array of points in [0, 1) from the named generator."""
    if strategy == "random":
        return np.random.default_rng(seed).random((samples, dims))

    # Imported here: scipy.stats takes most of a second to load, and only lhs and sobol need it.
    from scipy.stats import qmc

    if strategy == "lhs":
        points = qmc.LatinHypercube(d=dims, rng=seed).random(samples)
        return np.asarray(points, dtype=np.float64)

    sobol = qmc.Sobol(d=dims, scramble=True, rng=seed)
    if samples & (samples - 1) == 0:
        points = sobol.random_base2(samples.bit_length() - 1)
        return np.asarray(points, dtype=np.float64)
    with warnings.catch_warnings():
        # Any count is allowed: Sobol's balance is lost off powers of two, a known cost.
        warnings.filterwarnings("ignore", "The balance properties", UserWarning)
        return np.asarray(sobol.random(samples), dtype=np.float64)


def _column(dimension: Dimension, unit: NDArray[np.float64]) -> list[object]:
    """Map uniform draws to values: an index into a list, a point in a range."""
    if dimension.low is None or dimension.high is None:
        size = len(dimension.values)
        indices = np.minimum((unit * size).astype(np.int64), size - 1)
        return [dimension.values[i] for i in indices.tolist()]

    low, high = dimension.low, dimension.high
    if dimension.log:
        points = np.exp(np.log(low) + unit * (np.log(high) - np.log(low)))
    else:
        points = low + unit * (high - low)

    if dimension.type == "int":
        return [min(max(round_half_up(point), int(low)), int(high)) for point in points.tolist()]
    return [min(max(canonical_float(point), low), high) for point in points.tolist()]
