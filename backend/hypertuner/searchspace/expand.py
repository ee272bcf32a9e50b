"""`expand` and `count`: the combinations a strategy launches."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from hypertuner.searchspace.dimension import Dimension
from hypertuner.searchspace.errors import InvalidSearchSpace, LargeGridNeedsConfirmation
from hypertuner.searchspace.samplers import SAMPLERS, sample

STRATEGIES = ("grid", *SAMPLERS)
# Grids above this many combinations run only with `confirm_large`.
LARGE_GRID = 10_000
# Above this no strategy expands: the combinations alone would exhaust memory.
MAX_COMBINATIONS = 1_000_000


def count(
    dimensions: Sequence[Dimension], strategy: str = "grid", samples: int | None = None
) -> int:
    """How many combinations `expand` gives, computed without building them."""
    _check_strategy(strategy)
    if strategy == "grid":
        return math.prod(len(dimension.values) for dimension in dimensions)
    return _checked_samples(samples)


def expand(
    dimensions: Sequence[Dimension],
    strategy: str = "grid",
    samples: int | None = None,
    seed: int | None = None,
    confirm_large: bool = False,
) -> list[dict[str, object]]:
    """The combinations to launch, one `{name: value}` dict each, in launch order.

    A grid is the Cartesian product with the first hyperparameter varying slowest; `samples`
    is ignored for it. Samplers draw `samples` combinations (repeats are possible for
    lists) and need a `seed` to be reproducible.
    """
    total = count(dimensions, strategy, samples)
    if strategy != "grid":
        return sample(dimensions, strategy, total, _checked_seed(seed))

    if total > MAX_COMBINATIONS:
        message = f"the grid has {total:,} combinations; at most {MAX_COMBINATIONS:,} can run"
        raise InvalidSearchSpace("params", message)
    if total > LARGE_GRID and not confirm_large:
        raise LargeGridNeedsConfirmation(total, LARGE_GRID)

    names = [dimension.name for dimension in dimensions]
    product = itertools.product(*(dimension.values for dimension in dimensions))
    return [dict(zip(names, values, strict=True)) for values in product]


def _check_strategy(strategy: str) -> None:
    if strategy not in STRATEGIES:
        expected = ", ".join(f"'{name}'" for name in STRATEGIES)
        raise InvalidSearchSpace("strategy", f"unknown strategy {strategy!r}; use {expected}")


def _checked_samples(samples: int | None) -> int:
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InvalidSearchSpace("samples", "random, lhs and sobol need samples of at least 1")
    if samples > MAX_COMBINATIONS:
        message = f"samples must be at most {MAX_COMBINATIONS:,}, not {samples:,}"
        raise InvalidSearchSpace("samples", message)
    return samples


def _checked_seed(seed: int | None) -> int | None:
    if seed is None or (isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0):
        return seed
    raise InvalidSearchSpace("seed", f"seed must be a whole number of at least 0, not {seed!r}")
