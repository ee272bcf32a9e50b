"""Scalar types of chart specs, each checked by one function so errors name the exact item."""

from __future__ import annotations

from typing import Annotated

from pydantic import PlainValidator

NON_FINITE = ("NaN", "Infinity", "-Infinity")


def _number(value: object) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a number")
    return value


def _value(value: object) -> float | int | str | None:
    if value is None or value in NON_FINITE:
        return value
    try:
        return _number(value)
    except ValueError:
        raise ValueError('must be a number, null, "NaN", "Infinity" or "-Infinity"') from None


def _non_negative(value: object) -> float | int:
    number = _number(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


def _label(value: object) -> str | int:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("must be text or an integer")
    if isinstance(value, str) and len(value) > 500:
        raise ValueError("must be at most 500 characters")
    return value


def _cell(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError("must be text, a number, a boolean or null")


Number = Annotated[float | int, PlainValidator(_number)]
"""A finite number (JSON has no NaN; booleans are refused)."""
Value = Annotated[float | int | str | None, PlainValidator(_value)]
"""A plotted value: a number, or null / "NaN" / "Infinity" / "-Infinity" (drawn as a gap)."""
Count = Annotated[float | int, PlainValidator(_non_negative)]
"""A number of at least 0 (a count, or a normalized share)."""
Label = Annotated[str | int, PlainValidator(_label)]
"""A category or axis label: text or an integer."""
Cell = Annotated[str | int | float | bool | None, PlainValidator(_cell)]
"""A table cell: any JSON scalar."""
