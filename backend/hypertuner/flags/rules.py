"""The four flag rules, as pure functions over curves.

Each rule answers the first epoch where its pattern appears, or None. Because a rule scans
the whole curve, more epochs never take a flag back: the answer only moves from None to an
epoch. `noisy` is the exception: it compares an experiment with the rest of its run, so it
is decided when read (`noisy`), from the roughness scores `evaluate` computes.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hypertuner.flags.config import (
    DivergedRule,
    FlagName,
    FlagRules,
    NoisyRule,
    OverfittingRule,
    StalledRule,
    Target,
)
from hypertuner.flags.curves import Curve, roughness


@dataclass(frozen=True)
class FlagHit:
    """A raised flag: where it fired (an epoch, or a step for curves without epochs) and why."""

    name: FlagName
    epoch: int | None
    detail: str


@dataclass(frozen=True)
class Evaluation:
    """What the rules found in one experiment's curves."""

    hits: dict[FlagName, FlagHit] = field(default_factory=dict)
    roughness: float | None = None
    roughness_points: int = 0


def overfitting(val: Curve, train: Curve, rule: OverfittingRule) -> FlagHit | None:
    """Validation loss up for `rule.epochs` epochs since its lowest while training loss fell."""
    best: float | None = None
    best_index = 0
    for index, (key, value) in enumerate(zip(val.keys, val.values, strict=True)):
        if not math.isfinite(value):
            continue
        if best is None or value < best:
            best, best_index = value, index
            continue

        best_key = val.keys[best_index]
        train_now, train_then = train.at(key), train.at(best_key)
        risen = value > best + rule.min_rise * abs(best)
        if index - best_index < rule.epochs or not risen:
            continue
        if train_now is None or train_then is None or not train_now < train_then:
            continue
        detail = (
            f"{rule.val_metric} rose from its lowest {best:.4g} ({val.label(best_key)}) to "
            f"{value:.4g} over {index - best_index} epochs while {rule.train_metric} fell "
            f"from {train_then:.4g} to {train_now:.4g}"
        )
        return FlagHit("overfitting", key, detail)
    return None


def diverged(curves: Mapping[str, Curve], rule: DivergedRule) -> FlagHit | None:
    """The earliest non-finite value, or value above `rule.factor` × its first, of any loss."""
    found: list[FlagHit] = []
    for name in rule.metrics:
        curve = curves.get(name)
        hit = _diverged_curve(name, curve, rule.factor) if curve is not None else None
        if hit is not None:
            found.append(hit)
    return min(found, key=lambda hit: hit.epoch or 0, default=None)


def _diverged_curve(name: str, curve: Curve, factor: float) -> FlagHit | None:
    start: float | None = None
    for key, value in zip(curve.keys, curve.values, strict=True):
        if not math.isfinite(value):
            return FlagHit("diverged", key, f"{name} is {value} at {curve.label(key)}")
        if start is None:
            start = value
        elif start > 0 and value > factor * start:
            detail = (
                f"{name} reached {value:.4g} at {curve.label(key)}, "
                f"{value / start:.1f}× its first value {start:.4g}"
            )
            return FlagHit("diverged", key, detail)
    return None


def stalled(curve: Curve, target: Target, rule: StalledRule) -> FlagHit | None:
    """`rule.epochs` epochs in a row without beating the best value so far."""
    sign = 1.0 if target.mode == "max" else -1.0
    best: float | None = None
    best_index = 0
    for index, (key, value) in enumerate(zip(curve.keys, curve.values, strict=True)):
        if math.isfinite(value):
            margin = rule.min_improvement * abs(best) if best is not None else 0.0
            if best is None or sign * (value - best) > margin:
                best, best_index = value, index
                continue
        if best is not None and index - best_index >= rule.epochs:
            best_key = curve.keys[best_index]
            detail = (
                f"{target.metric} has not improved on {best:.4g} "
                f"({curve.label(best_key)}) for {index - best_index} epochs"
            )
            return FlagHit("stalled", key, detail)
    return None


def noisy(
    experiment_id: int, scores: Mapping[int, float], metric: str, rule: NoisyRule
) -> FlagHit | None:
    """Whether one experiment's roughness stands out among its run's `scores` (id → score)."""
    score = scores.get(experiment_id)
    if score is None or len(scores) < rule.min_experiments or score < rule.min_score:
        return None
    median = statistics.median(scores.values())
    if score < rule.factor * median:
        return None
    ratio = f"{score / median:.1f}×" if median > 0 else "far above"
    detail = f"{metric} roughness {score:.2f} is {ratio} the run's median {median:.2f}"
    return FlagHit("noisy", None, detail)


def evaluate(curves: Mapping[str, Curve], rules: FlagRules, objective: Target | None) -> Evaluation:
    """Run every enabled rule but `noisy` on an experiment's curves; score its roughness."""
    empty = Curve((), ())
    hits: list[FlagHit | None] = []
    if rules.overfitting.enabled:
        val = curves.get(rules.overfitting.val_metric, empty)
        train = curves.get(rules.overfitting.train_metric, empty)
        hits.append(overfitting(val, train, rules.overfitting))
    if rules.diverged.enabled:
        hits.append(diverged(curves, rules.diverged))
    target = rules.stalled.target(objective) if rules.stalled.enabled else None
    if target is not None:
        hits.append(stalled(curves.get(target.metric, empty), target, rules.stalled))

    found = {hit.name: hit for hit in hits if hit is not None}
    score, points = _roughness(curves.get(rules.noisy.metric), rules.noisy)
    return Evaluation(found, score, points)


def _roughness(curve: Curve | None, rule: NoisyRule) -> tuple[float | None, int]:
    if curve is None or not rule.enabled:
        return None, 0
    finite: Sequence[float] = [value for value in curve.values if math.isfinite(value)]
    if len(finite) < rule.min_points:
        return None, len(finite)
    return roughness(finite), len(finite)
