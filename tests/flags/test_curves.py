"""Curves as the rules read them, and the roughness score behind the noisy flag."""

from __future__ import annotations

import math
import random

import pytest

from hypertuner.flags import Curve, FlagRules, Target, evaluate, roughness

NAN = math.nan


def test_a_curve_keeps_the_last_value_of_each_epoch() -> None:
    points = [(1, 1, 0.9), (2, 1, 0.8), (3, 2, 0.7), (4, 2, NAN), (5, 3, 0.5)]
    curve = Curve.from_points(points)

    assert curve.keys == (1, 2, 3) and curve.unit == "epoch"
    assert curve.values[0] == 0.8 and math.isnan(curve.values[1]) and curve.at(3) == 0.5
    assert curve.at(9) is None and curve.label(2) == "epoch 2"


def test_a_curve_without_epochs_is_keyed_by_step_or_position() -> None:
    by_step = Curve.from_points([(10, None, 1.0), (20, None, 2.0)])
    by_position = Curve.from_points([(None, None, 1.0), (None, None, 2.0)])

    assert (by_step.keys, by_step.unit) == ((10, 20), "step")
    assert (by_position.keys, by_position.unit) == ((0, 1), "point")


def test_roughness_runs_from_a_straight_line_to_a_zigzag() -> None:
    noise = random.Random(7)
    white = [noise.gauss(0, 1) for _ in range(2000)]
    decay = [math.exp(-epoch / 3) for epoch in range(12)]
    noisy_decay = [value + noise.gauss(0, 0.1) for value in decay]

    assert roughness([0.1 * step for step in range(10)]) == pytest.approx(0)
    assert roughness([1.0, -1.0] * 5) == 1
    assert roughness(white) == pytest.approx(0.87, abs=0.03)
    assert roughness(decay) == pytest.approx(0.14, abs=0.01)  # type: ignore[operator]
    assert roughness(noisy_decay) > 0.4  # type: ignore[operator]
    assert roughness([0.5] * 6) == 0
    assert roughness([1.0, NAN]) is None


def test_evaluate_runs_the_enabled_rules_on_their_metrics() -> None:
    val = Curve.of([1.0, 0.7, 0.5, 0.4, 0.35, 0.37, 0.40, 0.44, 0.50])
    train = Curve.of([1.0, 0.7, 0.5, 0.38, 0.3, 0.25, 0.2, 0.17, 0.15])
    accuracy = Curve.of([0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8])
    curves = {"val_loss": val, "train_loss": train, "val_accuracy": accuracy}
    objective = Target("val_accuracy", "max")

    found = evaluate(curves, FlagRules(), objective)
    assert sorted(found.hits) == ["overfitting", "stalled"]
    assert found.roughness is not None and found.roughness_points == 9

    rules = FlagRules.model_validate({"overfitting": {"enabled": False}})
    assert sorted(evaluate(curves, rules, objective).hits) == ["stalled"]
    assert sorted(evaluate(curves, FlagRules(), None).hits) == ["overfitting"]
