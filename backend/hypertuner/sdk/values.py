"""Validation of what a script logs, and JSON encoding of non-finite numbers."""

import math
import operator
from collections.abc import Mapping
from typing import SupportsFloat, SupportsIndex

MAX_NAME_LENGTH = 200

JsonNumber = float | int | str


def encode_number(value: float) -> JsonNumber:
    """Return `value`, or the contract's string for NaN and the infinities."""
    if math.isnan(value):
        return "NaN"

    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"

    return value


def metric_value(name: str, value: object) -> JsonNumber:
    """Check one logged value and return its JSON form; numpy and torch scalars go via float()."""
    if _is_bool(value) or isinstance(value, str | bytes):
        raise TypeError(f"metric {name!r}: expected a number, got {type(value).__name__}")

    if isinstance(value, int):
        return value

    if not isinstance(value, SupportsFloat):
        raise TypeError(f"metric {name!r}: expected a number, got {type(value).__name__}")

    return encode_number(float(value))


def metric_name(name: object) -> str:
    """Check a metric name: a non-empty string of at most MAX_NAME_LENGTH characters."""
    if not isinstance(name, str):
        raise TypeError(f"metric names must be strings, got {type(name).__name__}")

    if not name or len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"metric names need 1 to {MAX_NAME_LENGTH} characters, got {name!r}")

    return name


def metric_values(values: Mapping[str, object]) -> dict[str, JsonNumber]:
    """Check a whole mapping of metric values and return it encoded."""
    if not isinstance(values, Mapping):
        raise TypeError(f"log() expects a mapping of names to numbers, got {type(values)}")

    if not values:
        raise ValueError("log() needs at least one value")

    return {metric_name(name): metric_value(name, value) for name, value in values.items()}


def counter(label: str, value: object) -> int | None:
    """Check `step` or `epoch`: None or an integer (numpy integers included), never a bool."""
    if value is None:
        return None

    if _is_bool(value):
        raise TypeError(f"{label} must be an integer, got bool")

    if not isinstance(value, SupportsIndex):
        raise TypeError(f"{label} must be an integer, got {type(value).__name__}")

    return operator.index(value)


def json_tree(value: object) -> object:
    """Copy a JSON-like payload, encoding non-finite floats; TypeError on anything else."""
    if value is None or isinstance(value, str | bool | int):
        return value

    if isinstance(value, float):
        return encode_number(value)

    if isinstance(value, Mapping):
        return {_key(key): json_tree(item) for key, item in value.items()}

    if isinstance(value, list | tuple):
        return [json_tree(item) for item in value]

    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return json_tree(value.tolist())

    raise TypeError(f"cannot send a {type(value).__name__} as JSON")


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"JSON object keys must be strings, got {type(key).__name__}")

    return key


def _is_bool(value: object) -> bool:
    kind = type(value)
    return isinstance(value, bool) or (
        kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")
    )
