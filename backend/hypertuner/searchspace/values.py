"""Explicit value lists: `[0.3, 0.5]` or `{"values": [...], "type": ...}`."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from hypertuner.searchspace.canonical import canonical_float, canonical_key
from hypertuner.searchspace.dimension import Dimension, ValueType
from hypertuner.searchspace.errors import InvalidSearchSpace
from hypertuner.searchspace.fields import reject_unknown_keys

VALUE_KEYS = ("values", "type")
VALUE_TYPES: tuple[ValueType, ...] = ("int", "float", "categorical", "bool")

Scalar = None | bool | int | float | str


def values_spec_dimension(name: str, spec: Mapping[str, object], field: str) -> Dimension:
    """Parse `{"values": [...], "type"?: ...}`; the type, when given, converts every value."""
    reject_unknown_keys(spec, VALUE_KEYS, field)
    items = spec["values"]
    if not isinstance(items, list | tuple):
        raise InvalidSearchSpace(f"{field}.values", "must be a list of values")

    declared = spec.get("type")
    if declared is not None and declared not in VALUE_TYPES:
        expected = ", ".join(f"'{value_type}'" for value_type in VALUE_TYPES)
        message = f"type must be one of {expected}, not {declared!r}"
        raise InvalidSearchSpace(f"{field}.type", message)

    return list_dimension(name, items, f"{field}.values", declared)


def list_dimension(
    name: str, items: Sequence[object], field: str, declared: ValueType | None = None
) -> Dimension:
    """A dimension of the listed values in order; without `declared` the type is inferred."""
    if not items:
        raise InvalidSearchSpace(field, "needs at least one value")

    scalars = [_scalar(item, f"{field}[{i}]") for i, item in enumerate(items)]
    value_type = declared or _infer_type(scalars)
    values = tuple(_convert(value, value_type, f"{field}[{i}]") for i, value in enumerate(scalars))

    _reject_repeats(values, field)
    return Dimension(name, "values", value_type, values)


def _scalar(item: object, where: str) -> Scalar:
    if item is None or isinstance(item, bool | int | str):
        return item
    if isinstance(item, float) and math.isfinite(item):
        return canonical_float(item)

    message = f"values must be numbers, strings, booleans or null, not {item!r}"
    raise InvalidSearchSpace(where, message)


def _infer_type(values: Sequence[Scalar]) -> ValueType:
    if all(isinstance(value, bool) for value in values):
        return "bool"
    if any(isinstance(value, bool) or not isinstance(value, int | float) for value in values):
        return "categorical"
    return "int" if all(isinstance(value, int) for value in values) else "float"


def _convert(value: Scalar, value_type: ValueType, where: str) -> Scalar:
    """Check `value` against the type; ints in a float list become floats, 3.0 an int 3."""
    if value_type == "categorical":
        return value
    if value_type == "bool":
        if isinstance(value, bool):
            return value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if value_type == "float":
            return canonical_float(float(value)) if isinstance(value, int) else value
        if float(value).is_integer():
            return int(value)

    raise InvalidSearchSpace(where, f"{value!r} is not a valid {value_type} value")


def _reject_repeats(values: Sequence[Scalar], field: str) -> None:
    seen: set[str] = set()
    for value in values:
        key = canonical_key({"value": value})
        if key in seen:
            raise InvalidSearchSpace(field, f"the value {value!r} is listed more than once")
        seen.add(key)
