"""The fast batch parser never accepts what the schema refuses, and reads what it takes alike."""

from __future__ import annotations

import json
import math
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hypertuner.schemas.metric import MetricBatchIn
from hypertuner.services import metric_batches

# Valid bodies, then at most one change near an edge the schema draws: a type, a range, a
# length, an extra key. Most examples stay valid, so both verdicts are exercised.
_INT32 = st.integers(-(2**31), 2**31 - 1)
_VALUE = (
    st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(-(2**63), 2**63 - 1)
    | st.sampled_from(["NaN", "Infinity", "-Infinity"])
)
_ODD = st.sampled_from(
    ["3", "nan", "", True, False, None, [], {}, 3.0, 2.5, 1e308, 2**31, -(2**31) - 1, 2**63, 2**70]
)
_NAME = st.text(min_size=1, max_size=4) | st.sampled_from(["x" * 200])


@st.composite
def _records(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {
        "values": draw(st.dictionaries(_NAME, _VALUE, min_size=1, max_size=3))
    }
    for key, kind in (("step", _INT32), ("epoch", _INT32), ("time", st.floats(0, 2e9) | _INT32)):
        if draw(st.booleans()):
            record[key] = draw(kind | st.none())
    return record


@st.composite
def _bodies(draw: st.DrawFn) -> dict[str, Any]:
    records = draw(st.lists(_records(), min_size=1, max_size=3))
    body: dict[str, Any] = {"batch_id": draw(st.text(min_size=1, max_size=64)), "records": records}
    change = draw(st.integers(0, 7))
    record = records[0]
    if change == 1:
        record[draw(st.sampled_from(["step", "epoch", "time"]))] = draw(_ODD)
    elif change == 2:
        record["values"][draw(st.sampled_from(list(record["values"])))] = draw(_ODD)
    elif change == 3:
        record["values"][draw(st.sampled_from(["", "y" * 201]))] = 1.0
    elif change == 4:
        draw(st.sampled_from([record, body]))["extra"] = 1
    elif change == 5:
        owner, key = draw(st.sampled_from([(record, "values"), (body, "batch_id")]))
        del owner[key]
    elif change == 6:
        body[draw(st.sampled_from(["batch_id", "records"]))] = draw(_ODD | st.just("b" * 65))
    elif change == 7:
        record["values"] = {}
    return body


def _schema_points(body: bytes) -> metric_batches.ParsedBatch | None:
    try:
        return metric_batches.from_schema(MetricBatchIn.model_validate_json(body))
    except ValidationError:
        return None


def _same(left: metric_batches.ParsedBatch, right: metric_batches.ParsedBatch) -> bool:
    def key(point: metric_batches.BatchPoint) -> tuple[object, ...]:
        name, step, epoch, value, wall_time = point
        return (name, step, epoch, "nan" if math.isnan(value) else value, wall_time)

    same_points = [key(p) for p in left.points] == [key(p) for p in right.points]
    return left.batch_id == right.batch_id and same_points


@settings(max_examples=600, deadline=None, derandomize=True)
@given(_bodies())
def test_the_fast_path_takes_no_more_than_the_schema(document: dict[str, Any]) -> None:
    body = json.dumps(document).encode()
    try:
        fast = metric_batches._parse_plain(body)
    except (metric_batches._Refused, orjson.JSONDecodeError):
        return  # the schema decides: parse() hands it over

    expected = _schema_points(body)
    assert expected is not None, f"fast path accepted what the schema refuses: {document}"
    assert _same(fast, expected)


def test_parse_answers_the_schema_verdict_on_what_the_fast_path_leaves() -> None:
    loose = b'{"batch_id": "a", "records": [{"step": 2.0, "values": {"m": 1}}]}'
    assert metric_batches.parse(loose).points == [("m", 2, None, 1.0, None)]

    with pytest.raises(ValidationError) as refused:
        metric_batches.parse(b'{"batch_id": "a", "records": [{"step": 2.5, "values": {"m": 1}}]}')
    assert refused.value.errors()[0]["loc"][:3] == ("records", 0, "step")

    with pytest.raises(ValidationError):  # 1e999 reads as infinity: refused, not stored as inf
        metric_batches.parse(b'{"batch_id": "a", "records": [{"values": {"m": 1e999}}]}')


@pytest.mark.parametrize(
    "values",
    [
        b'{"a": "bad", "a": 1}',
        b'{"a": null, "a": 2}',
        b'{"a": 1, "b": 2, "a": 3}',
    ],
)
def test_a_repeated_key_is_judged_by_the_schema(values: bytes) -> None:
    """orjson keeps the last of repeated keys; the schema checks each, and decides."""
    body = b'{"batch_id": "a", "records": [{"values": ' + values + b"}]}"
    with pytest.raises(metric_batches._Refused):
        metric_batches._parse_plain(body)

    verdict = _schema_points(body)
    if verdict is None:
        with pytest.raises(ValidationError):
            metric_batches.parse(body)
    else:
        assert _same(metric_batches.parse(body), verdict)


def test_a_colon_inside_a_name_still_stores_alike() -> None:
    body = b'{"batch_id": "a", "records": [{"step": 1, "values": {"val:loss": 0.5}}]}'
    assert metric_batches.parse(body).points == [("val:loss", 1, None, 0.5, None)]


def test_non_finite_strings_become_floats() -> None:
    body = b'{"batch_id": "a", "records": [{"values": {"a": "NaN", "b": "-Infinity"}}]}'
    (_, _, _, nan, _), (_, _, _, minus, _) = metric_batches.parse(body).points
    assert math.isnan(nan) and minus == -math.inf
