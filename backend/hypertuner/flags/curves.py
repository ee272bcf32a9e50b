"""Curves as the rules read them: one value per epoch, in epoch order."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Literal

Unit = Literal["epoch", "step", "point"]
Point = tuple[int | None, int | None, float]
"""A logged point: (step, epoch, value), NaN for a missing value."""


@dataclass(frozen=True)
class Curve:
    """A metric's values keyed by epoch; `unit` says what the keys count.

    Metrics logged without epochs are keyed by step ("step"), or by their position when they
    have neither ("point"), so rules also read curves that have no epoch axis.
    """

    keys: tuple[int, ...]
    values: tuple[float, ...]
    unit: Unit = "epoch"

    @classmethod
    def from_points(cls, points: Iterable[Point]) -> Curve:
        """The last value logged for each epoch, from points in logging (step) order."""
        by_key: dict[int, float] = {}
        units: set[Unit] = set()
        for position, (step, epoch, value) in enumerate(points):
            unit: Unit
            if epoch is not None:
                key, unit = epoch, "epoch"
            elif step is not None:
                key, unit = step, "step"
            else:
                key, unit = position, "point"
            by_key[key] = value
            units.add(unit)

        keys = sorted(by_key)
        shared: Unit = units.pop() if len(units) == 1 else "point"
        return cls(tuple(keys), tuple(by_key[key] for key in keys), shared)

    @classmethod
    def of(cls, values: Sequence[float], first_epoch: int = 1) -> Curve:
        """A curve with one value per epoch from `first_epoch` on (handy in tests)."""
        keys = tuple(range(first_epoch, first_epoch + len(values)))
        return cls(keys, tuple(float(value) for value in values))

    def __len__(self) -> int:
        return len(self.values)

    @cached_property
    def _by_key(self) -> dict[int, float]:
        return dict(zip(self.keys, self.values, strict=True))

    def at(self, key: int) -> float | None:
        """The value at epoch `key`, None where the curve has none."""
        return self._by_key.get(key)

    def label(self, key: int) -> str:
        """ "epoch 7", "step 7" or "point 7"."""
        return f"{self.unit} {key}"


def roughness(values: Sequence[float]) -> float | None:
    """How jagged a curve is, from 0 (a straight line) to 1 (a zig-zag); None if too short.

    The root mean square of second differences over twice that of first differences: a
    smooth trend has small second differences next to its first ones; white noise scores
    about 0.87. Non-finite values are dropped first.
    """
    finite = [value for value in values if math.isfinite(value)]
    if len(finite) < 3:
        return None
    first = [b - a for a, b in pairwise(finite)]
    second = [b - a for a, b in pairwise(first)]
    first_rms = _rms(first)
    if first_rms == 0:
        return 0.0
    return min(1.0, _rms(second) / (2 * first_rms))


def _rms(values: Sequence[float]) -> float:
    return math.sqrt(sum(value * value for value in values) / len(values))
