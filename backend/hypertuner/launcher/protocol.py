"""The stdout line protocol: metrics and artifacts from scripts that import nothing.

@hypertuner {"step": 3, "epoch": 1, "train_loss": 0.41}
@hypertuner-artifact {"kind": "confusion_matrix", "name": "cm", "payload": {...}}
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

METRIC_PREFIX = "@hypertuner "
ARTIFACT_PREFIX = "@hypertuner-artifact "
RESERVED = ("step", "epoch", "time")
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


@dataclass(frozen=True)
class MetricLine:
    values: dict[str, float]
    step: int | None
    epoch: int | None


@dataclass(frozen=True)
class ArtifactLine:
    kind: str
    name: str | None
    payload: object


class ProtocolError(ValueError):
    """A line that starts with the prefix but does not follow the protocol."""


def parse_line(line: str) -> MetricLine | ArtifactLine | None:
    """The record a stdout line carries, None for ordinary output."""
    if line.startswith(ARTIFACT_PREFIX):
        return _artifact(_object(line[len(ARTIFACT_PREFIX) :]))
    if line.startswith(METRIC_PREFIX):
        return _metrics(_object(line[len(METRIC_PREFIX) :]))
    return None


def _object(text: str) -> dict[str, object]:
    try:
        # Python's parser also takes bare NaN / Infinity tokens, which scripts do print.
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProtocolError(f"not JSON: {error.msg}") from error
    if not isinstance(value, dict):
        raise ProtocolError("expected a JSON object")
    return value


def _metrics(data: dict[str, object]) -> MetricLine:
    values: dict[str, float] = {}
    for name, raw in data.items():
        if name in RESERVED:
            continue
        values[name] = _number(name, raw)
    if not values:
        raise ProtocolError("no metric values in the line")
    return MetricLine(values, _int(data, "step"), _int(data, "epoch"))


def _number(name: str, raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ProtocolError(f"metric {name!r} is not a number")
    if isinstance(raw, str):
        if raw not in _NON_FINITE:
            raise ProtocolError(f"metric {name!r} is not a number")
        return _NON_FINITE[raw]
    return float(raw)


def _int(data: dict[str, object], key: str) -> int | None:
    raw = data.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ProtocolError(f"{key} must be an integer")
    return raw


def _artifact(data: dict[str, object]) -> ArtifactLine:
    kind, name = data.get("kind"), data.get("name")
    if not isinstance(kind, str) or not kind:
        raise ProtocolError("an artifact needs a 'kind'")
    if name is not None and not isinstance(name, str):
        raise ProtocolError("an artifact 'name' must be text")
    return ArtifactLine(kind, name, data.get("payload"))
