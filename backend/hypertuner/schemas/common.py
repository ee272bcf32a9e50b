"""Shapes shared by several resources, and the JSON-safe encoding of non-finite floats."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictFloat, StrictInt

NonFinite = Literal["NaN", "Infinity", "-Infinity"]
INT64_MAX = 2**63 - 1
JsonInt = Annotated[StrictInt, Field(ge=-INT64_MAX - 1, le=INT64_MAX)]
"""An integer that fits 64 bits: what databases and JSON readers take back without loss."""
# Non-finite values travel as the strings below; a JSON number too large for a double
# (which a parser would turn into infinity) is refused rather than stored as one.
FiniteFloat = Annotated[StrictFloat, Field(allow_inf_nan=False)]
MetricValue = FiniteFloat | JsonInt | NonFinite
"""A metric value on the wire: a number, or one of the strings NaN / Infinity / -Infinity."""

JsonFloat = float | NonFinite | None
Name = Annotated[str, Field(min_length=1, max_length=200)]

_DECODE: dict[str, float] = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def encode_float(value: float | None) -> JsonFloat:
    """A float as JSON allows it: NaN and ±inf become their documented strings."""
    if value is None:
        return None
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def decode_float(value: float | int | str) -> float:
    """The inverse of `encode_float`."""
    if isinstance(value, str):
        return _DECODE[value]
    return float(value)


class Schema(BaseModel):
    """Base for request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ReadSchema(BaseModel):
    """Base for answers, built from ORM objects."""

    model_config = ConfigDict(from_attributes=True)


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None
    details: object = None


class ErrorBody(BaseModel):
    error: ErrorDetail


def _reject_non_finite(value: object, path: str = "") -> object:
    """Walk a JSON value and refuse NaN/±inf floats, which JSON (and PostgreSQL) lack, and
    integers beyond 64 bits, which JSON readers turn into infinity or refuse."""
    where = f" at {path}" if path else ""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f'non-finite number{where}; send it as "NaN"/"Infinity" text')
    if isinstance(value, int) and not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise ValueError(f"integer too large{where}: at most 2**63 - 1 in magnitude")
    if isinstance(value, dict):
        for key, item in value.items():
            _reject_non_finite(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _reject_non_finite(item, f"{path}[{index}]")
    return value


FiniteJson = Annotated[object, AfterValidator(_reject_non_finite)]
"""Any JSON value without NaN, infinity or integers beyond 64 bits (stored as is in a JSON
column)."""
