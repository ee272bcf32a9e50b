"""Which objective the report charts when the request names none."""

from __future__ import annotations

from hypertuner.models import Run
from hypertuner.schemas.run import Objective
from hypertuner.services.report import usual_objective


def _run(metric: str | None, mode: str = "max") -> Run:
    return Run(name="r", objective_metric=metric, objective_mode=mode)


def test_the_objective_most_runs_name_wins_the_latest_between_equals() -> None:
    runs = [_run("val_loss", "min"), _run("acc"), _run("acc")]
    assert usual_objective(runs, ["acc", "val_loss"]) == Objective(metric="acc", mode="max")
    tied = [_run("acc"), _run("val_loss", "min")]
    assert usual_objective(tied) == Objective(metric="val_loss", mode="min")


def test_without_one_the_first_metric_is_charted_and_losses_are_minimised() -> None:
    unnamed = [_run(None)]
    assert usual_objective(unnamed, ["accuracy", "loss"]) == Objective(
        metric="accuracy", mode="max"
    )
    assert usual_objective(unnamed, ["eval_loss", "f1"]) == Objective(
        metric="eval_loss", mode="min"
    )
    assert usual_objective(unnamed, []) is None
