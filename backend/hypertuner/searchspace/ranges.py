"""Numeric range specs: `{"from", "to", "step" | "count", "scale"?, "type"?}`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from hypertuner.searchspace.dimension import Dimension
from hypertuner.searchspace.errors import InvalidSearchSpace
from hypertuner.searchspace.fields import read_number, reject_unknown_keys, to_number
from hypertuner.searchspace.grids import counted_grid, multiplied_grid, stepped_grid

RANGE_KEYS = ("from", "to", "step", "count", "scale", "type")
FACTOR_PREFIXES = ("*", "x", "X")
STEP_EXPECTED = "a number or a factor such as '*2'"

Number = int | float
RangeType = Literal["int", "float"]


def range_dimension(name: str, spec: Mapping[str, object], field: str) -> Dimension:
    """Parse a range spec into a dimension of kind linear, multiplicative, linspace or log."""
    reject_unknown_keys(spec, RANGE_KEYS, field)
    start = read_number(spec, "from", field)
    stop = read_number(spec, "to", field)

    if "step" in spec and "count" in spec:
        raise InvalidSearchSpace(field, "give either 'step' or 'count', not both")
    if "step" in spec:
        return _stepped(name, spec, start, stop, field)
    if "count" in spec:
        return _counted(name, spec, start, stop, field)
    raise InvalidSearchSpace(field, "give 'step' or 'count' with 'from' and 'to', or a list")


def _stepped(
    name: str, spec: Mapping[str, object], start: Number, stop: Number, field: str
) -> Dimension:
    step_field = f"{field}.step"
    raw = spec["step"]
    text = raw.strip() if isinstance(raw, str) else ""
    if text[:1] in FACTOR_PREFIXES:
        factor = to_number(text[1:], step_field, STEP_EXPECTED)
        return _multiplicative(name, spec, start, stop, factor, field)

    step = to_number(raw, step_field, STEP_EXPECTED)
    if _read_scale(spec, field) == "log":
        message = "a log scale needs 'count', or a factor step such as '*10'"
        raise InvalidSearchSpace(f"{field}.scale", message)
    if step == 0:
        raise InvalidSearchSpace(step_field, "step must not be zero")
    _check_order(start, stop, field)
    if step < 0:
        raise InvalidSearchSpace(
            step_field, f"step {step} must be positive, from 'from' up to 'to'"
        )

    all_ints = all(isinstance(number, int) for number in (start, stop, step))
    value_type = _range_type(spec, all_ints, start, stop, field)
    low, high = _bounds(start, stop, value_type)
    values = stepped_grid(low, high, step, value_type == "int", step_field)
    return Dimension(name, "linear", value_type, values, low, high)


def _multiplicative(
    name: str,
    spec: Mapping[str, object],
    start: Number,
    stop: Number,
    factor: Number,
    field: str,
) -> Dimension:
    if _read_scale(spec, field) == "linear":
        message = "a factor step grows geometrically; drop 'scale' or give a plain step"
        raise InvalidSearchSpace(f"{field}.scale", message)
    if factor <= 1:
        raise InvalidSearchSpace(f"{field}.step", "a factor must be greater than 1, such as '*2'")
    if start <= 0:
        message = "a multiplicative range needs 'from' above zero"
        raise InvalidSearchSpace(f"{field}.from", message)
    _check_order(start, stop, field)

    all_ints = all(isinstance(number, int) for number in (start, stop, factor))
    value_type = _range_type(spec, all_ints, start, stop, field)
    low, high = _bounds(start, stop, value_type)
    values = multiplied_grid(low, high, factor, value_type == "int", f"{field}.step")
    return Dimension(name, "multiplicative", value_type, values, low, high, log=True)


def _counted(
    name: str, spec: Mapping[str, object], start: Number, stop: Number, field: str
) -> Dimension:
    count_field = f"{field}.count"
    count = spec["count"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        message = f"count must be a whole number of at least 1, not {count!r}"
        raise InvalidSearchSpace(count_field, message)

    log = _read_scale(spec, field) == "log"
    if log and start <= 0:
        message = "a log range must stay above zero; 'from' must be positive"
        raise InvalidSearchSpace(f"{field}.from", message)
    _check_order(start, stop, field)

    gaps = max(count - 1, 1)
    whole_spacing = isinstance(start, int) and isinstance(stop, int) and (stop - start) % gaps == 0
    value_type = _range_type(spec, whole_spacing and not log, start, stop, field)
    low, high = _bounds(start, stop, value_type)
    values = counted_grid(low, high, count, log, value_type == "int", count_field)
    return Dimension(name, "log" if log else "linspace", value_type, values, low, high, log)


def _check_order(start: Number, stop: Number, field: str) -> None:
    if start > stop:
        message = f"'from' ({start}) is above 'to' ({stop}); ranges go upwards"
        raise InvalidSearchSpace(f"{field}.from", message)


def _read_scale(spec: Mapping[str, object], field: str) -> Literal["linear", "log"] | None:
    scale = spec.get("scale")
    if scale is None:
        return None
    if scale == "log":
        return "log"
    if scale == "linear":
        return "linear"

    message = f"scale must be 'linear' or 'log', not {scale!r}"
    raise InvalidSearchSpace(f"{field}.scale", message)


def _range_type(
    spec: Mapping[str, object],
    default_int: bool,
    start: Number,
    stop: Number,
    field: str,
) -> RangeType:
    declared = spec.get("type")
    if declared is None:
        return "int" if default_int else "float"
    if declared not in ("int", "float"):
        message = f"a range's type must be 'int' or 'float', not {declared!r}"
        raise InvalidSearchSpace(f"{field}.type", message)

    if declared == "int" and not (float(start).is_integer() and float(stop).is_integer()):
        message = "an int range needs whole-number 'from' and 'to'"
        raise InvalidSearchSpace(f"{field}.type", message)
    return "int" if declared == "int" else "float"


def _bounds(start: Number, stop: Number, value_type: RangeType) -> tuple[Number, Number]:
    if value_type == "int":
        return int(start), int(stop)
    return float(start), float(stop)
