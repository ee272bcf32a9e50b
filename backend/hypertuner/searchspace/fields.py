"""Reading single fields of a hyperparameter spec, with errors that name the field."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from hypertuner.searchspace.canonical import canonical_float
from hypertuner.searchspace.errors import InvalidSearchSpace


def reject_unknown_keys(spec: Mapping[str, object], known: Collection[str], field: str) -> None:
    """Raise for the first key of `spec` that is not in `known`."""
    for key in spec:
        if key not in known:
            expected = ", ".join(f"'{name}'" for name in known)
            raise InvalidSearchSpace(f"{field}.{key}", f"unknown key; expected one of {expected}")


def read_number(spec: Mapping[str, object], key: str, field: str) -> int | float:
    """The required number `spec[key]`."""
    where = f"{field}.{key}"
    if key not in spec:
        raise InvalidSearchSpace(where, f"'{key}' is required")
    return to_number(spec[key], where)


def to_number(raw: object, where: str, expected: str = "a number") -> int | float:
    """A finite int or float (floats rounded canonically); numbers written as text are read."""
    number = _parse_text(raw) if isinstance(raw, str) else raw
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise InvalidSearchSpace(where, f"must be {expected}, not {raw!r}")

    if isinstance(number, float):
        if not math.isfinite(number):
            raise InvalidSearchSpace(where, f"must be a finite number, not {raw!r}")
        return canonical_float(number)
    return number


def _parse_text(text: str) -> object:
    # YAML 1.1 loaders read `1e-4` (no dot) as a string, so numeric text counts as a number.
    for parse in (int, float):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    return text
