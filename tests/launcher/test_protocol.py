"""The stdout line protocol."""

from __future__ import annotations

import math

import pytest

from hypertuner.launcher.protocol import ArtifactLine, MetricLine, ProtocolError, parse_line


def test_a_metric_line_carries_values_step_and_epoch() -> None:
    record = parse_line('@hypertuner {"step": 3, "epoch": 1, "train_loss": 0.41, "acc": 1}')
    assert record == MetricLine({"train_loss": 0.41, "acc": 1.0}, step=3, epoch=1)


def test_non_finite_values_are_legal_in_both_spellings() -> None:
    record = parse_line('@hypertuner {"a": NaN, "b": "Infinity", "c": -Infinity}')
    assert isinstance(record, MetricLine)
    assert math.isnan(record.values["a"])
    assert record.values["b"] == math.inf and record.values["c"] == -math.inf


def test_ordinary_output_is_not_a_record() -> None:
    assert parse_line("epoch 1: loss 0.3") is None
    assert parse_line("  @hypertuner {}") is None


def test_an_artifact_line() -> None:
    record = parse_line('@hypertuner-artifact {"kind": "table", "payload": {"rows": []}}')
    assert record == ArtifactLine("table", None, {"rows": []})


@pytest.mark.parametrize(
    "line",
    [
        "@hypertuner not json",
        "@hypertuner [1, 2]",
        '@hypertuner {"step": 1}',
        '@hypertuner {"loss": "high"}',
        '@hypertuner {"loss": true}',
        '@hypertuner {"step": 1.5, "loss": 1}',
        '@hypertuner-artifact {"payload": {}}',
    ],
)
def test_malformed_lines_are_reported(line: str) -> None:
    with pytest.raises(ProtocolError):
        parse_line(line)
