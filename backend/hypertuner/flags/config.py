"""The flag rules' settings: which metrics each rule reads, its thresholds, their defaults.

A project keeps its own copy (`PUT /api/projects/{id}/flag-rules`); a project that never set
one uses these defaults. docs/flags.md explains every rule with examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

FlagName = Literal["overfitting", "diverged", "noisy", "stalled"]
FLAG_NAMES: tuple[FlagName, ...] = get_args(FlagName)
Mode = Literal["min", "max"]
MetricName = Annotated[str, Field(min_length=1, max_length=200)]


@dataclass(frozen=True)
class Target:
    """A metric and the direction that counts as better (a run's objective)."""

    metric: str
    mode: Mode


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True


class OverfittingRule(_Rule):
    """Validation loss rising for `epochs` epochs while training loss falls.

    Fires at the first epoch E where the lowest `val_metric` so far was reached at least
    `epochs` epochs before E, `val_metric` at E is more than `min_rise` (relative) above that
    lowest value, and `train_metric` at E is below its value at the epoch of the lowest.
    """

    val_metric: MetricName = "val_loss"
    train_metric: MetricName = "train_loss"
    epochs: int = Field(default=3, ge=1, le=100_000)
    min_rise: float = Field(default=0.05, ge=0, le=1_000)


class DivergedRule(_Rule):
    """A loss became NaN or infinite, or rose above `factor` times its first value.

    Fires at the first epoch where any of `metrics` is non-finite, or above `factor` times
    its first finite value (the ratio test applies only when that first value is positive).
    """

    metrics: list[MetricName] = Field(
        default_factory=lambda: ["train_loss", "val_loss"], min_length=1, max_length=20
    )
    factor: float = Field(default=3.0, gt=1, le=1e12)


class NoisyRule(_Rule):
    """The curve of `metric` is much rougher than the curves of the run's other experiments.

    Roughness is the root mean square of the curve's second differences over twice that of
    its first differences: 0 for a straight line, about 0.87 for white noise, 1 for a
    zig-zag; it needs `min_points` finite values. An experiment is noisy when its roughness
    is at least `min_score` and at least `factor` times the median roughness of its run,
    once `min_experiments` experiments of the run have a roughness.
    """

    metric: MetricName = "val_loss"
    factor: float = Field(default=1.5, ge=1, le=1_000)
    min_score: float = Field(default=0.5, ge=0, le=1)
    min_points: int = Field(default=5, ge=3, le=1_000_000)
    min_experiments: int = Field(default=3, ge=2, le=1_000_000)


class StalledRule(_Rule):
    """No improvement of the objective for `epochs` epochs.

    `metric` defaults to the run's objective (no objective, no stalled flag) and `mode` to
    the objective's mode; for another metric, names ending in "loss" or "error" count as
    lower-is-better unless `mode` says otherwise. A value improves on the best so far only
    by more than `min_improvement` times the best's magnitude. Fires at the first epoch
    `epochs` epochs after the last improvement.
    """

    metric: MetricName | None = None
    mode: Mode | None = None
    epochs: int = Field(default=5, ge=1, le=100_000)
    min_improvement: float = Field(default=0.001, ge=0, le=1_000)

    def target(self, objective: Target | None) -> Target | None:
        """The metric this rule watches and its direction, given the run's objective."""
        if self.metric is None:
            if objective is None:
                return None
            return Target(objective.metric, self.mode or objective.mode)
        if self.mode is not None:
            return Target(self.metric, self.mode)
        if objective is not None and objective.metric == self.metric:
            return objective
        lower_is_better = self.metric.endswith(("loss", "error"))
        return Target(self.metric, "min" if lower_is_better else "max")


class FlagRules(BaseModel):
    """Every rule of a project. Omitted rules and fields take their defaults."""

    model_config = ConfigDict(extra="forbid")

    overfitting: OverfittingRule = Field(default_factory=OverfittingRule)
    diverged: DivergedRule = Field(default_factory=DivergedRule)
    noisy: NoisyRule = Field(default_factory=NoisyRule)
    stalled: StalledRule = Field(default_factory=StalledRule)

    def watched(self, objective: Target | None) -> set[str]:
        """The metrics whose curves the enabled rules read."""
        names: set[str] = set()
        if self.overfitting.enabled:
            names |= {self.overfitting.val_metric, self.overfitting.train_metric}
        if self.diverged.enabled:
            names |= set(self.diverged.metrics)
        if self.noisy.enabled:
            names.add(self.noisy.metric)
        stalled = self.stalled.target(objective) if self.stalled.enabled else None
        if stalled is not None:
            names.add(stalled.metric)
        return names


FLAG_DESCRIPTIONS: dict[FlagName, str] = {
    "overfitting": "validation loss rising for N epochs while training loss falls",
    "diverged": "a loss became NaN or infinite, or rose above k times its first value",
    "noisy": "a curve much rougher than those of the run's other experiments",
    "stalled": "no improvement of the objective for N epochs",
}
