"""The flag rules' settings: defaults, the metrics they watch, validation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hypertuner.flags import FlagRules, StalledRule, Target

ACCURACY = Target("val_accuracy", "max")


def test_the_defaults_watch_the_losses_and_the_objective() -> None:
    rules = FlagRules()
    assert rules.watched(ACCURACY) == {"val_loss", "train_loss", "val_accuracy"}
    assert rules.watched(None) == {"val_loss", "train_loss"}
    assert (rules.overfitting.epochs, rules.diverged.factor, rules.stalled.epochs) == (3, 3.0, 5)


def test_disabled_rules_watch_nothing() -> None:
    off = {"enabled": False}
    rules = FlagRules.model_validate(
        {"overfitting": off, "diverged": off, "noisy": off, "stalled": off}
    )
    assert rules.watched(ACCURACY) == set()


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (StalledRule(), ACCURACY),
        (StalledRule(mode="min"), Target("val_accuracy", "min")),
        (StalledRule(metric="val_accuracy"), ACCURACY),
        (StalledRule(metric="val_loss"), Target("val_loss", "min")),
        (StalledRule(metric="f1"), Target("f1", "max")),
        (StalledRule(metric="f1", mode="min"), Target("f1", "min")),
    ],
)
def test_the_stalled_metric_defaults_to_the_objective(rule: StalledRule, expected: Target) -> None:
    assert rule.target(ACCURACY) == expected


def test_stalled_without_an_objective_or_a_metric_watches_nothing() -> None:
    assert StalledRule().target(None) is None


@pytest.mark.parametrize(
    "body",
    [
        {"overfiting": {}},
        {"overfitting": {"epochs": 0}},
        {"diverged": {"factor": 1}},
        {"diverged": {"metrics": []}},
        {"noisy": {"min_score": 2}},
        {"stalled": {"mode": "up"}},
        {"stalled": {"metric": ""}},
    ],
)
def test_bad_rules_are_refused(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        FlagRules.model_validate(body)
