"""A metric batch body turned into points: a fast path for well-formed bodies, pydantic for
the rest.

Ingest is the busiest endpoint, and building 1,000 pydantic records per batch cost more than
storing them. `parse` walks the decoded JSON once and accepts only what `MetricBatchIn`
accepts in its plainest spelling (ints as ints, floats as floats, no extra keys); anything
else, valid or not, goes through `MetricBatchIn`, whose verdict and error messages stand.
So the fast path may never accept more than the schema does: tests/services check that on
generated bodies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import orjson

from hypertuner.schemas.common import decode_float
from hypertuner.schemas.metric import MetricBatchIn

BatchPoint = tuple[str, int | None, int | None, float, float | None]
"""One metric value: name, step, epoch, value (NaN and ±inf included), wall time."""

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_NAME_LENGTH = (1, 200)
_BATCH_ID_LENGTH = (1, 64)
_RECORDS = (1, 100_000)
_VALUES = (1, 1000)
_BATCH_KEYS = frozenset(("batch_id", "records"))
_RECORD_KEYS = frozenset(("step", "epoch", "time", "values"))
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


@dataclass(frozen=True)
class ParsedBatch:
    batch_id: str
    points: list[BatchPoint]


class _Refused(Exception):
    """The fast path does not take this body; the schema decides."""


def parse(body: bytes) -> ParsedBatch:
    """The batch in `body`; raises pydantic's ValidationError when the schema refuses it."""
    try:
        return _parse_plain(body)
    except (_Refused, orjson.JSONDecodeError):
        return from_schema(MetricBatchIn.model_validate_json(body))


def from_schema(batch: MetricBatchIn) -> ParsedBatch:
    """Points of a batch the schema built (the slow path, and importers)."""
    points = [
        (name, record.step, record.epoch, decode_float(raw), record.time)
        for record in batch.records
        for name, raw in record.values.items()
    ]
    return ParsedBatch(batch.batch_id, points)


def _parse_plain(body: bytes) -> ParsedBatch:
    document = orjson.loads(body)
    if type(document) is not dict or document.keys() != _BATCH_KEYS:
        raise _Refused
    batch_id, records = document["batch_id"], document["records"]
    if type(batch_id) is not str or not _within(len(batch_id), _BATCH_ID_LENGTH):
        raise _Refused
    if type(records) is not list or not _within(len(records), _RECORDS):
        raise _Refused

    points: list[BatchPoint] = []
    names: set[str] = set()
    keys = len(_BATCH_KEYS)
    for record in records:
        keys += _add_record(record, points, names)
    if body.count(b":") != keys:
        # A decoded object keeps the last of repeated keys, unseen here, while the schema
        # checks every one. Each key has its colon, so a body with no more colons than the
        # keys decoded repeats none; otherwise (or when a string holds one) the schema decides.
        raise _Refused
    return ParsedBatch(batch_id, points)


def _add_record(record: Any, points: list[BatchPoint], names: set[str]) -> int:
    """Append one record's points; answer how many keys it holds. Runs once per value."""
    if type(record) is not dict or not record.keys() <= _RECORD_KEYS:
        raise _Refused
    step, epoch = _int32(record.get("step")), _int32(record.get("epoch"))
    wall_time = _wall_time(record.get("time"))
    values = record.get("values")
    if type(values) is not dict or not _within(len(values), _VALUES):
        raise _Refused

    for name, raw in values.items():
        if name not in names:
            if not _within(len(name), _NAME_LENGTH):
                raise _Refused
            names.add(name)
        points.append((name, step, epoch, _value(raw), wall_time))
    return len(record) + len(values)


def _value(raw: Any) -> float:
    kind = type(raw)
    if kind is float:
        if raw - raw != 0.0:  # infinite or NaN: orjson reads 1e999 as inf, the schema refuses it
            raise _Refused
        return float(raw)
    if kind is int and _within(raw, _INT64):
        return float(raw)
    if kind is str and raw in _NON_FINITE:
        return _NON_FINITE[raw]
    raise _Refused


def _int32(raw: Any) -> int | None:
    if raw is None or (type(raw) is int and _within(raw, _INT32)):
        return raw
    raise _Refused


def _wall_time(raw: Any) -> float | None:
    if raw is None:
        return None
    if type(raw) is float and raw - raw == 0.0:
        return float(raw)
    if type(raw) is int:
        return float(raw)
    raise _Refused


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]
