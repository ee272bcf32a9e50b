"""Grid values of numeric ranges, computed on demand from `start` and a step or factor."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import overload

from hypertuner.searchspace.canonical import canonical_float, round_half_up
from hypertuner.searchspace.errors import InvalidSearchSpace

# Ranges are computed on demand, so this only stops a step so small its count overflows.
MAX_POINTS = 10**12
# An int range built from rounded floats is materialised to drop repeats, so it is bounded.
MAX_ROUNDED_POINTS = 100_000


@dataclass(frozen=True)
class SteppedValues(Sequence[object]):
    """`start + i * step`, or `start * step ** i` when `geometric`, for `i` below `size`.

    With `exact`, start and step are ints and so is every value; otherwise each value is a
    float computed afresh from `i` (never by accumulating) and rounded canonically.
    """

    start: int | float
    step: int | float
    size: int
    geometric: bool = False
    exact: bool = False

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> object: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[object]: ...

    def __getitem__(self, index: int | slice) -> object | Sequence[object]:
        if isinstance(index, slice):
            return tuple(self.at(i) for i in range(*index.indices(self.size)))

        position = index + self.size if index < 0 else index
        if not 0 <= position < self.size:
            raise IndexError(f"grid index {index} out of range")
        return self.at(position)

    def __iter__(self) -> Iterator[object]:
        return (self.at(i) for i in range(self.size))

    def at(self, i: int) -> int | float:
        """The value at position `i`, also past the end (used to find where the grid stops)."""
        if self.exact:
            start, step = int(self.start), int(self.step)
            return start * step**i if self.geometric else start + i * step

        if self.geometric:
            try:
                return canonical_float(self.start * self.step**i)
            except OverflowError:
                return math.inf
        return canonical_float(self.start + i * self.step)


def stepped_grid(
    start: float, stop: float, step: float, as_int: bool, field: str
) -> Sequence[object]:
    """`start, start + step, ...` up to and never past `stop` (`stop` kept when it lands)."""
    estimate = (stop - start) / step
    if estimate > MAX_POINTS:
        raise InvalidSearchSpace(field, f"the range has more than {MAX_POINTS:,} points")

    exact = as_int and _is_integral(start) and _is_integral(step)
    values = SteppedValues(start, step, size=0, exact=exact)
    values = replace(values, size=_fit_size(values, int(estimate), stop))
    return _finish(values, as_int, field)


def multiplied_grid(
    start: float, stop: float, factor: float, as_int: bool, field: str
) -> Sequence[object]:
    """`start, start * factor, ...` up to and never past `stop`; `start` > 0, `factor` > 1."""
    estimate = math.log(stop / start) / math.log(factor)
    if estimate > MAX_POINTS:
        raise InvalidSearchSpace(field, f"the range has more than {MAX_POINTS:,} points")

    exact = as_int and _is_integral(start) and _is_integral(factor)
    values = SteppedValues(start, factor, size=0, geometric=True, exact=exact)
    values = replace(values, size=_fit_size(values, int(estimate), stop))
    return _finish(values, as_int, field)


def counted_grid(
    start: float,
    stop: float,
    count: int,
    log: bool,
    as_int: bool,
    field: str,
) -> Sequence[object]:
    """`count` points from `start` to `stop` inclusive, evenly or (with `log`) geometrically."""
    if count > MAX_POINTS:
        raise InvalidSearchSpace(field, f"count must be at most {MAX_POINTS:,}")

    gaps = max(count - 1, 1)
    if log:
        values = SteppedValues(start, (stop / start) ** (1 / gaps), count, geometric=True)
    elif as_int and (int(stop) - int(start)) % gaps == 0:
        values = SteppedValues(start, (int(stop) - int(start)) // gaps, count, exact=True)
    else:
        values = SteppedValues(start, (stop - start) / gaps, count)
    return _finish(values, as_int, field)


def _fit_size(values: SteppedValues, estimate: int, stop: float) -> int:
    """The number of values not past `stop`, correcting a float estimate by a step or two."""
    size = max(estimate, 1)
    while values.at(size) <= stop:
        size += 1

    while size > 1 and values.at(size - 1) > stop:
        size -= 1
    return size


def _finish(values: SteppedValues, as_int: bool, field: str) -> Sequence[object]:
    """Round to ints (dropping repeats) when an int grid came from floats; else check spacing."""
    if values.exact:
        return values
    if as_int:
        return _rounded_ints(values, field)

    last = values.size - 1
    if last > 0 and (values.at(0) == values.at(1) or values.at(last - 1) == values.at(last)):
        message = "neighbouring values are equal at 12 significant digits; use fewer points"
        raise InvalidSearchSpace(field, message)
    return values


def _rounded_ints(values: SteppedValues, field: str) -> tuple[int, ...]:
    if values.size > MAX_ROUNDED_POINTS:
        message = f"an int range from rounded floats may have at most {MAX_ROUNDED_POINTS:,} points"
        raise InvalidSearchSpace(field, message)

    rounded = (round_half_up(values.at(i)) for i in range(values.size))
    return tuple(dict.fromkeys(rounded))


def _is_integral(number: float) -> bool:
    return isinstance(number, int) or number.is_integer()
