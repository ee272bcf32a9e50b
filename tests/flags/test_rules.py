"""Each flag rule on synthetic curves with a known answer: it fires exactly where it should."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

import pytest

from hypertuner.flags import (
    Curve,
    DivergedRule,
    FlagHit,
    FlagRules,
    NoisyRule,
    OverfittingRule,
    StalledRule,
    Target,
    diverged,
    evaluate,
    noisy,
    overfitting,
    stalled,
)

NAN, INF = math.nan, math.inf
CLEAN_LOSS = [2.3, 1.2, 0.8, 0.6, 0.5, 0.45, 0.42, 0.40, 0.39, 0.385]
FLAT = [0.5] * 10


def firing_epochs(rule: Callable[[int], FlagHit | None], length: int) -> list[int | None]:
    """The epoch each prefix of the curves (1..length epochs) fires at, None where quiet."""
    return [hit.epoch if (hit := rule(size)) is not None else None for size in range(1, length + 1)]


def fires_from(epoch: int, length: int) -> list[int | None]:
    """Quiet before `epoch`, then firing at `epoch` whatever comes after."""
    return [None] * (epoch - 1) + [epoch] * (length - epoch + 1)


# overfitting

VAL_RISING = [1.0, 0.7, 0.5, 0.4, 0.35, 0.37, 0.40, 0.44, 0.50, 0.55]
TRAIN_FALLING = [1.0, 0.7, 0.5, 0.38, 0.3, 0.25, 0.2, 0.17, 0.15, 0.13]


def _overfitting(val: Sequence[float], train: Sequence[float], **rule: float) -> FlagHit | None:
    return overfitting(Curve.of(val), Curve.of(train), OverfittingRule(**rule))  # type: ignore[arg-type]


def test_overfitting_fires_n_epochs_after_the_lowest_validation_loss() -> None:
    answers = firing_epochs(
        lambda n: _overfitting(VAL_RISING[:n], TRAIN_FALLING[:n]), len(VAL_RISING)
    )
    assert answers == fires_from(8, len(VAL_RISING))  # lowest at epoch 5, N = 3

    hit = _overfitting(VAL_RISING, TRAIN_FALLING)
    assert hit is not None and "rose from its lowest 0.35 (epoch 5) to 0.44" in hit.detail


def test_overfitting_follows_its_threshold() -> None:
    assert _overfitting(VAL_RISING, TRAIN_FALLING, epochs=2).epoch == 7  # type: ignore[union-attr]
    assert _overfitting(VAL_RISING, TRAIN_FALLING, epochs=6) is None
    # 0.44 is 26% above 0.35, 0.50 is 43% above: a 30% minimum rise waits one more epoch.
    assert _overfitting(VAL_RISING, TRAIN_FALLING, min_rise=0.3).epoch == 9  # type: ignore[union-attr]


def test_overfitting_needs_training_loss_to_fall() -> None:
    train_rising = [1.0, 0.7, 0.5, 0.38, 0.3, 0.32, 0.34, 0.36, 0.38, 0.40]
    assert _overfitting(VAL_RISING, train_rising) is None
    assert _overfitting(VAL_RISING, []) is None


@pytest.mark.parametrize(
    "val",
    [
        CLEAN_LOSS,
        FLAT,
        [1.0, 0.8, 0.85, 0.7, 0.75, 0.6, 0.65, 0.5, 0.55, 0.4],  # noisy but still improving
        [1.0, 0.8, NAN, 0.6, 0.5, 0.45, 0.4, 0.38, 0.37, 0.36],  # NaN mid-run: diverged's job
    ],
    ids=["clean", "flat", "noisy", "nan"],
)
def test_overfitting_stays_quiet_without_a_sustained_rise(val: list[float]) -> None:
    assert _overfitting(val, TRAIN_FALLING) is None


# diverged


def _diverged(**curves: Sequence[float]) -> FlagHit | None:
    return diverged({name: Curve.of(values) for name, values in curves.items()}, DivergedRule())


def test_diverged_fires_at_the_first_non_finite_loss() -> None:
    train = [2.3, 1.2, 0.8, NAN, NAN, NAN]
    assert firing_epochs(lambda n: _diverged(train_loss=train[:n]), 6) == fires_from(4, 6)

    hit = _diverged(train_loss=train)
    assert hit is not None and hit.detail == "train_loss is nan at epoch 4"
    assert _diverged(val_loss=[0.5, 0.4, INF]).epoch == 3  # type: ignore[union-attr]


def test_diverged_fires_above_k_times_the_first_value() -> None:
    exploding = [1.0, 0.8, 1.5, 2.9, 3.0, 3.1, 50.0]
    answers = firing_epochs(lambda n: _diverged(train_loss=exploding[:n]), len(exploding))
    assert answers == fires_from(6, len(exploding))  # 3.0 is not above 3 x 1.0; 3.1 is


def test_diverged_takes_the_earliest_of_its_losses() -> None:
    hit = _diverged(train_loss=[1.0, 0.5, 0.4, NAN], val_loss=[1.0, 0.5, 4.0, 5.0])
    assert hit is not None and hit.epoch == 3 and hit.detail.startswith("val_loss reached 4")


@pytest.mark.parametrize(
    "loss",
    [CLEAN_LOSS, FLAT, [1.0, 1.6, 0.7, 2.5, 0.6, 2.9, 0.5], [-1.0, -5.0, -20.0]],
    ids=["clean", "flat", "noisy", "negative"],
)
def test_diverged_stays_quiet_on_finite_bounded_losses(loss: list[float]) -> None:
    assert _diverged(train_loss=loss, val_loss=loss) is None
    assert _diverged(other_metric=[NAN]) is None


# stalled

ACCURACY = Target("val_accuracy", "max")


def _stalled(values: Sequence[float], target: Target = ACCURACY, **rule: float) -> FlagHit | None:
    return stalled(Curve.of(values), target, StalledRule(**rule))  # type: ignore[arg-type]


def test_stalled_fires_n_epochs_after_the_last_improvement() -> None:
    plateau = [0.5, 0.7, 0.8, 0.85, 0.85, 0.84, 0.85, 0.85, 0.83, 0.86]
    answers = firing_epochs(lambda n: _stalled(plateau[:n]), len(plateau))
    assert answers == fires_from(9, len(plateau))  # best 0.85 at epoch 4, N = 5


def test_stalled_on_a_flat_curve_and_a_minimised_objective() -> None:
    assert _stalled(FLAT).epoch == 6  # type: ignore[union-attr]
    loss = Target("val_loss", "min")
    assert _stalled(CLEAN_LOSS, loss) is None
    assert _stalled(CLEAN_LOSS[::-1], loss).epoch == 6  # type: ignore[union-attr]


def test_stalled_ignores_improvements_below_its_threshold() -> None:
    creeping = [0.9 + 0.00001 * epoch for epoch in range(10)]
    assert _stalled(creeping).epoch == 6  # type: ignore[union-attr]
    assert _stalled(creeping, min_improvement=0) is None


def test_stalled_counts_non_finite_epochs_as_no_improvement() -> None:
    assert _stalled([0.5, 0.6, NAN, NAN, 0.6, NAN, NAN, 0.9]).epoch == 7  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "values",
    [
        [0.1 * epoch for epoch in range(10)],
        [0.5, 0.45, 0.6, 0.55, 0.65, 0.6, 0.7, 0.66, 0.75, 0.7],
    ],
    ids=["clean", "noisy"],
)
def test_stalled_stays_quiet_while_improving(values: list[float]) -> None:
    assert _stalled(values) is None


# noisy


def test_noisy_fires_for_the_one_rough_curve_of_a_run() -> None:
    scores = {1: 0.2, 2: 0.3, 3: 0.4, 4: 0.9}
    rule = NoisyRule()

    hit = noisy(4, scores, "val_loss", rule)
    assert hit is not None and "roughness 0.90 is 2.6× the run's median 0.35" in hit.detail
    assert [noisy(eid, scores, "val_loss", rule) for eid in (1, 2, 3)] == [None] * 3


def test_noisy_is_relative_and_needs_enough_experiments() -> None:
    rule = NoisyRule()
    assert noisy(1, {1: 0.9, 2: 0.85, 3: 0.8}, "m", rule) is None  # all rough: none stands out
    assert noisy(2, {1: 0.2, 2: 0.9}, "m", rule) is None  # fewer than 3 scored experiments
    assert noisy(4, {1: 0.1, 2: 0.1, 3: 0.1, 4: 0.4}, "m", rule) is None  # under min_score
    assert noisy(5, {1: 0.1}, "m", rule) is None  # not scored


def test_noisy_from_curves_flags_only_the_jagged_one() -> None:
    shaking = random.Random(3)
    clean = [[math.exp(-epoch / rate) for epoch in range(12)] for rate in (2, 3, 4, 5)]
    jagged = [value + shaking.gauss(0, 0.15) for value in clean[1]]
    with_nan = [*clean[2][:5], NAN, *clean[2][6:]]
    curves = {1: clean[0], 2: clean[3], 3: FLAT, 4: with_nan, 5: jagged}
    rules = FlagRules()

    scores = {}
    for experiment_id, values in curves.items():
        found = evaluate({"val_loss": Curve.of(values)}, rules, None)
        assert found.roughness is not None
        scores[experiment_id] = found.roughness

    flagged = [eid for eid in curves if noisy(eid, scores, "val_loss", rules.noisy) is not None]
    assert flagged == [5]
