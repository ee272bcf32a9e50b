"""Canonical forms of hyperparameter values: rounding, command-line text and matching keys."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import numpy as np

SIGNIFICANT_DIGITS = 12


def canonical_float(value: float) -> float:
    """Round to 12 significant digits so that `0.1 + 0.2` and `0.3` are the same value."""
    if not math.isfinite(value):
        return value

    rounded = float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return rounded + 0.0  # turns -0.0 into 0.0


def round_half_up(value: float) -> int:
    """Round to the nearest int, halves upwards (Python's `round` rounds halves to even)."""
    return math.floor(value + 0.5)


def render_value(value: object) -> str:
    """Text of one value on a command line: `true`, `none`, `32`, `0.0001`, strings as-is."""
    value = _native(value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(canonical_float(value))
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} value on a command line")


def canonical_key(params: Mapping[str, object]) -> str:
    """A stable text for a set of values: sorted keys, floats rounded, `1.0` equal to `1`."""
    canonical = {str(name): _key_value(value) for name, value in params.items()}
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _key_value(value: object) -> object:
    value = _native(value)
    if isinstance(value, float):
        rounded = canonical_float(value)
        # Numeric equality is what "same values" means: 32 from one run matches 32.0 from another.
        return int(rounded) if rounded.is_integer() else rounded
    if isinstance(value, Mapping):
        return {str(key): _key_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_key_value(item) for item in value]
    return value


def _native(value: object) -> object:
    """Turn numpy scalars into the Python values they hold."""
    if isinstance(value, np.generic):
        return value.item()
    return value
