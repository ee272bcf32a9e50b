"""The parsed form of one hyperparameter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["values", "linear", "multiplicative", "log", "linspace"]
ValueType = Literal["int", "float", "categorical", "bool"]


@dataclass(frozen=True)
class Dimension:
    """One hyperparameter: its grid values, and the bounds a sampler draws from.

    `values` is the grid in order; for ranges it is computed on demand, so a range of a
    billion points costs nothing until a grid is expanded. `low`/`high` are set for ranges
    only; `log` says a sampler draws log-uniformly between them. List dimensions are
    categorical to samplers whatever their `type`.
    """

    name: str
    kind: Kind
    type: ValueType
    values: Sequence[object]
    low: float | None = None
    high: float | None = None
    log: bool = False

    @property
    def size(self) -> int:
        """Number of grid values."""
        return len(self.values)


def is_valid_name(name: object) -> bool:
    """Whether `name` can be a hyperparameter and a `{placeholder}`: an ASCII identifier."""
    return isinstance(name, str) and name.isascii() and name.isidentifier()
